// What a sanitised logo SVG may contain: static shapes, text, paint servers, clipping, masking and
// filters. Anything not listed here is dropped, so a new browser feature cannot slip through.

export const SVG_NS = "http://www.w3.org/2000/svg";
export const XLINK_NS = "http://www.w3.org/1999/xlink";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

export const ALLOWED_ELEMENTS = new Set([
  "svg", "g", "defs", "symbol", "use", "switch", "title", "desc",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
  "text", "tspan", "textPath", "image",
  "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
  "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
  "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
  "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
]);

/** Elements whose text content is drawn or read; text elsewhere is dropped. */
export const TEXT_ELEMENTS = new Set(["text", "tspan", "textPath", "title", "desc"]);

/** Elements whose href may point at another element of the same document (`#id`). */
export const INTERNAL_HREF_ELEMENTS = new Set(["use", "textPath", "linearGradient", "radialGradient", "pattern", "filter", "feImage"]);

/** Elements whose href may hold an embedded raster picture (`data:image/png;base64,...`). */
export const IMAGE_HREF_ELEMENTS = new Set(["image", "feImage"]);

/**
 * Presentation attributes; also the CSS properties allowed in `style` attributes and `<style>`,
 * since browsers parse both the same way.
 */
export const PRESENTATION = new Set([
  "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
  "color-interpolation-filters", "color-rendering", "direction", "display", "dominant-baseline",
  "enable-background", "fill", "fill-opacity", "fill-rule", "filter", "flood-color", "flood-opacity",
  "font", "font-family", "font-feature-settings", "font-kerning", "font-size", "font-size-adjust",
  "font-stretch", "font-style", "font-variant", "font-weight", "glyph-orientation-horizontal",
  "glyph-orientation-vertical", "image-rendering", "isolation", "letter-spacing", "lighting-color",
  "marker", "marker-end", "marker-mid", "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity",
  "overflow", "paint-order", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
  "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
  "stroke-width", "text-anchor", "text-decoration", "text-rendering", "transform", "transform-box",
  "transform-origin", "unicode-bidi", "vector-effect", "visibility", "white-space", "word-spacing",
  "writing-mode",
]);

/** Geometry and structure attributes (not CSS properties). */
export const ATTRIBUTES = new Set([
  ...PRESENTATION,
  "id", "class", "style", "lang", "tabindex", "role", "focusable", "version", "baseProfile",
  "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d",
  "points", "pathLength", "viewBox", "preserveAspectRatio", "offset", "gradientUnits", "gradientTransform",
  "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
  "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
  "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side", "path",
  "requiredExtensions", "systemLanguage", "filterUnits", "primitiveUnits", "in", "in2", "result",
  "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "values", "type", "tableValues", "slope",
  "intercept", "amplitude", "exponent", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
  "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant",
  "specularExponent", "scale", "xChannelSelector", "yChannelSelector", "radius", "baseFrequency",
  "numOctaves", "seed", "stitchTiles", "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ",
  "limitingConeAngle",
]);

/** Namespaces of drawing programs; their elements and attributes are dropped and summarised once. */
export const EDITOR_NAMESPACES: Record<string, string> = {
  "http://www.inkscape.org/namespaces/inkscape": "Inkscape",
  "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd": "Inkscape",
  "http://ns.adobe.com/AdobeIllustrator/10.0/": "Illustrator",
  "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/": "Illustrator",
  "http://ns.adobe.com/Extensibility/1.0/": "Illustrator",
  "http://ns.adobe.com/Flows/1.0/": "Illustrator",
  "http://ns.adobe.com/ImageReplacement/1.0/": "Illustrator",
  "http://ns.adobe.com/SaveForWeb/1.0/": "Illustrator",
  "http://ns.adobe.com/Variables/1.0/": "Illustrator",
  "http://ns.adobe.com/GenericCustomNamespace/1.0/": "Illustrator",
  "http://ns.adobe.com/XPath/1.0/": "Illustrator",
  "http://www.bohemiancoding.com/sketch/ns": "Sketch",
  "http://www.serif.com/": "Affinity",
  "http://purl.org/dc/elements/1.1/": "RDF metadata",
  "http://creativecommons.org/ns#": "RDF metadata",
  "http://web.resource.org/cc/": "RDF metadata",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "RDF metadata",
};

// Uploaded SVG logos are copied, element by element, into a fresh document through an allowlist
// (svg-allowlist.ts), so whatever the parser accepted but we did not list never reaches the output.
// Refused outright: DOCTYPE/entities, malformed XML, non-<svg> roots, files with no size, <use> loops.
import { DOMImplementation, DOMParser, XMLSerializer } from "@xmldom/xmldom";
import type { Document as XmlDocument, Element as XmlElement, Node as XmlNode } from "@xmldom/xmldom";
import { UploadError, assertMaxBytes } from "./errors.ts";
import { ALLOWED_ELEMENTS, ATTRIBUTES, EDITOR_NAMESPACES, SVG_NS, TEXT_ELEMENTS, XLINK_NS, XML_NS, XMLNS_NS } from "./svg-allowlist.ts";
import { cssValueProblem, describeReference, quoteForMessage, sanitizeDeclarations, sanitizeStylesheet } from "./svg-css.ts";
import { checkHref, checkUseExpansion } from "./svg-refs.ts";
import { decodeSvgText } from "./svg-text.ts";
import { svgSize } from "./svg-size.ts";

export type SanitizedSvg = { svg: string; removed: string[]; width: number; height: number };

export const DEFAULT_SVG_MAX_BYTES = 2 * 1024 * 1024;
const MAX_DEPTH = 200;

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PROCESSING_INSTRUCTION = 7;

type Context = { fileName: string; ids: Set<string>; removed: Map<string, number>; editors: Set<string>; out: XmlDocument };

/** Sanitises an uploaded SVG; throws UploadError when the file must be refused rather than cleaned. */
export function sanitizeSvg(input: string | Uint8Array, opts: { fileName: string; maxBytes?: number }): SanitizedSvg {
  const { fileName } = opts;
  const length = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  assertMaxBytes({ length }, opts.maxBytes ?? DEFAULT_SVG_MAX_BYTES, fileName);
  const text = typeof input === "string" ? input : decodeSvgText(input, fileName);

  // xmldom does not expand entities, but a file that declares them is hostile or broken either way.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new UploadError(fileName, "SVG declares a DOCTYPE/entities; refused");

  const source = parseXml(text, fileName);
  const root = source.documentElement;
  if (!root || root.localName !== "svg" || root.namespaceURI !== SVG_NS) {
    const name = root ? quoteForMessage(root.nodeName) : "nothing";
    throw new UploadError(fileName, `the root element is <${name}>, not <svg>`);
  }

  const out = new DOMImplementation().createDocument(SVG_NS, "svg", null);
  const outRoot = out.documentElement;
  if (!outRoot) throw new Error("xmldom created a document without a root");
  const ctx: Context = { fileName, ids: collectIds(root), removed: new Map(), editors: new Set(), out };
  for (const node of Array.from(source.childNodes)) {
    if (node.nodeType === PROCESSING_INSTRUCTION && node.nodeName !== "xml") report(ctx, `processing instruction <?${quoteForMessage(node.nodeName)}?>`);
  }
  copyAttributes(root, outRoot, ctx);
  copyChildren(root, outRoot, ctx, 1);

  const size = svgSize(root, fileName);
  // Declared once on the root, so the serializer does not repeat it on every <use>.
  if (usesXlink(outRoot)) outRoot.setAttributeNS(XMLNS_NS, "xmlns:xlink", XLINK_NS);
  if (!outRoot.hasAttribute("viewBox")) outRoot.setAttribute("viewBox", `0 0 ${size.width} ${size.height}`);
  checkUseExpansion(outRoot, fileName);

  const removed = [...ctx.removed].map(([message, n]) => (n > 1 ? `${message} (×${n})` : message));
  if (ctx.editors.size) removed.push(`editor metadata (${[...ctx.editors].sort().join(", ")})`);
  return { svg: new XMLSerializer().serializeToString(out), removed, ...size };
}

function parseXml(text: string, fileName: string): XmlDocument {
  let first: string | undefined;
  const parser = new DOMParser({
    // Warnings too: browsers refuse most of what xmldom only warns about, and a logo has no excuse.
    onError: (_level, message) => {
      first ??= message;
      throw new Error(message);
    },
  });
  try {
    return parser.parseFromString(text, "image/svg+xml");
  } catch (error) {
    const line = (error as { locator?: { lineNumber?: number } }).locator?.lineNumber;
    const detail = quoteForMessage(first ?? (error instanceof Error ? error.message : String(error)));
    throw new UploadError(fileName, `not well-formed XML (${line ? `line ${line}: ` : ""}${detail})`, { cause: error });
  }
}

function usesXlink(el: XmlElement): boolean {
  if (el.hasAttributeNS(XLINK_NS, "href")) return true;
  return Array.from(el.childNodes).some((n) => n.nodeType === ELEMENT && usesXlink(n as XmlElement));
}

function report(ctx: Context, message: string) {
  ctx.removed.set(message, (ctx.removed.get(message) ?? 0) + 1);
}

function collectIds(root: XmlElement): Set<string> {
  const ids = new Set<string>();
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const id = el.getAttribute("id");
    if (id) ids.add(id);
    for (const child of Array.from(el.childNodes)) if (child.nodeType === ELEMENT) stack.push(child as XmlElement);
  }
  return ids;
}

function copyChildren(from: XmlElement, to: XmlElement, ctx: Context, depth: number) {
  if (depth > MAX_DEPTH) throw new UploadError(ctx.fileName, `elements are nested more than ${MAX_DEPTH} levels deep`);
  const keepText = TEXT_ELEMENTS.has(from.localName ?? "");
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      if (keepText) to.appendChild(ctx.out.createTextNode(node.nodeValue ?? ""));
    } else if (node.nodeType === PROCESSING_INSTRUCTION) {
      report(ctx, `processing instruction <?${quoteForMessage(node.nodeName)}?>`);
    } else if (node.nodeType === ELEMENT) {
      copyElement(node as XmlElement, to, ctx, depth);
    }
    // Comments are dropped without a word: they are inert and nobody misses them.
  }
}

function copyElement(el: XmlElement, parent: XmlElement, ctx: Context, depth: number) {
  const name = el.localName ?? el.nodeName;
  if (el.namespaceURI !== SVG_NS) {
    const editor = el.namespaceURI ? EDITOR_NAMESPACES[el.namespaceURI] : undefined;
    if (editor) ctx.editors.add(editor);
    else report(ctx, `${quoteForMessage(el.nodeName)} element`);
    return;
  }
  if (name === "style") return copyStyle(el, parent, ctx);
  if (name === "metadata") return void ctx.editors.add("metadata");
  if (name === "a") {
    // A link is pointless in a logo and the classic carrier of javascript:; keep what it draws.
    const href = el.getAttributeNS(XLINK_NS, "href") || el.getAttribute("href");
    report(ctx, href && describeReference(href) === "javascript: link" ? "javascript: link on <a> (content kept)" : "link <a> (content kept)");
    const group = ctx.out.createElementNS(SVG_NS, "g");
    copyAttributes(el, group, ctx);
    parent.appendChild(group);
    return copyChildren(el, group, ctx, depth + 1);
  }
  if (!ALLOWED_ELEMENTS.has(name)) return report(ctx, `${quoteForMessage(name)} element`);
  const copy = ctx.out.createElementNS(SVG_NS, name);
  const hrefOk = copyAttributes(el, copy, ctx);
  // An <image> or <use> whose reference was removed would draw nothing; drop it rather than keep a husk.
  if (!hrefOk && (name === "image" || name === "use" || name === "feImage")) return;
  parent.appendChild(copy);
  copyChildren(el, copy, ctx, depth + 1);
}

function copyStyle(el: XmlElement, parent: XmlElement, ctx: Context) {
  const css = Array.from(el.childNodes)
    .filter((n: XmlNode) => n.nodeType === TEXT || n.nodeType === CDATA)
    .map((n: XmlNode) => n.nodeValue ?? "")
    .join("");
  const result = sanitizeStylesheet(css);
  for (const message of result.removed) report(ctx, message);
  if (!result.css) return;
  const style = ctx.out.createElementNS(SVG_NS, "style");
  style.appendChild(ctx.out.createTextNode(result.css));
  parent.appendChild(style);
}

/** Copies the allowed attributes; returns false when the element had an href that was removed. */
function copyAttributes(from: XmlElement, to: XmlElement, ctx: Context): boolean {
  const tag = from.localName === "a" ? "a" : (from.localName ?? "");
  let hrefOk = true;
  let hasHref = false;
  for (const attr of Array.from(from.attributes)) {
    const ns = attr.namespaceURI;
    const local = attr.localName ?? attr.name;
    const where = `on <${tag}>`;
    if (ns === XMLNS_NS || (ns === null && (attr.name === "xmlns" || attr.name.startsWith("xmlns:")))) continue;
    if ((ns === XLINK_NS || ns === null) && local === "href") {
      hasHref = true;
      if (tag === "a") continue; // reported with the element
      const checked = checkHref(tag, attr.value, ctx.ids);
      if ("problem" in checked) {
        report(ctx, `${checked.problem} in ${attr.name} ${where}`);
        hrefOk = false;
      } else if (ns === XLINK_NS) to.setAttributeNS(XLINK_NS, "xlink:href", checked.keep);
      else to.setAttribute("href", checked.keep);
      continue;
    }
    if (ns === XML_NS) {
      if (local === "space" || local === "lang") to.setAttributeNS(XML_NS, `xml:${local}`, attr.value);
      else report(ctx, `${quoteForMessage(attr.name)} attribute ${where}`);
      continue;
    }
    if (ns !== null) {
      const editor = EDITOR_NAMESPACES[ns];
      if (editor) ctx.editors.add(editor);
      else report(ctx, `${quoteForMessage(attr.name)} attribute ${where}`);
      continue;
    }
    if (/^on/i.test(local)) {
      report(ctx, `${quoteForMessage(local)} attribute ${where}`);
      continue;
    }
    if (local.startsWith("data-")) {
      ctx.editors.add("data- attributes");
      continue;
    }
    if (local.startsWith("aria-") && /^aria-[a-z]+$/.test(local)) {
      to.setAttribute(local, attr.value);
      continue;
    }
    if (!ATTRIBUTES.has(local)) {
      report(ctx, `${quoteForMessage(local)} attribute ${where}`);
      continue;
    }
    if (local === "style") {
      const result = sanitizeDeclarations(attr.value, `style ${where}`);
      for (const message of result.removed) report(ctx, message);
      if (result.css) to.setAttribute("style", result.css);
      continue;
    }
    // Presentation attributes are parsed as CSS, so fill="url(http://...)" fetches just like style does.
    const problem = cssValueProblem(attr.value);
    if (problem) {
      report(ctx, `${problem} in ${local} ${where}`);
      continue;
    }
    to.setAttribute(local, attr.value);
  }
  return hasHref ? hrefOk : true;
}

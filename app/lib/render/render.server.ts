// The render engine's front door: Scene -> laid out once -> PNG/JPEG/WebP/AVIF (Skia pixels, sharp
// encode), SVG or PDF.
// Preview and export share `layoutScene`; `renderLayout` draws an existing layout in any format.
import type { FontProvider } from "./font-face.ts";
import { defaultFontRegistry } from "./fonts.server.ts";
import { prepareAssets, type Assets } from "./images.server.ts";
import { layoutScene, type MissingGlyphs, type Overflow, type SceneLayout } from "./layout.ts";
import { sceneToPdf, type PdfOptions } from "./pdf.server.ts";
import { pixelsToRaster, RASTER_MIME, rasterSize, type RasterFormat } from "./raster.server.ts";
import type { SceneInput } from "./scene.ts";
import { layoutToPixels } from "./skia.server.ts";
import { sceneToSvg } from "./svg.server.ts";

export const RENDER_FORMATS = ["png", "jpeg", "webp", "avif", "pdf", "svg"] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export interface RenderOptions extends PdfOptions {
  format: RenderFormat;
  /** Raster/SVG: multiplier of the scene size (default 1). */
  scale?: number;
  /** Raster: print resolution from the scene's physical size; wins over `scale`. */
  dpi?: number;
  /** JPEG/WebP/AVIF quality. */
  quality?: number;
  /** Fonts for the kit; defaults to Inter for every role. */
  fonts?: FontProvider;
}

export interface RenderResult {
  bytes: Buffer;
  mime: string;
  /** Pixels for rasters and SVG; points (the MediaBox, including bleed and slug) for PDF. */
  width: number;
  height: number;
  /** Text that did not fit even at its minimum size; it was cut with an ellipsis. */
  overflow: Overflow[];
  /** Characters no available font can draw; left out of the render. */
  missing: MissingGlyphs[];
}

/** Lays out and renders a scene. */
export async function renderScene(scene: SceneInput, options: RenderOptions): Promise<RenderResult> {
  const layout = layoutScene(scene, options.fonts ?? defaultFontRegistry());
  return renderLayout(layout, options);
}

/** Renders a scene that was already laid out (e.g. for the preview) without laying it out again. */
export async function renderLayout(layout: SceneLayout, options: RenderOptions, assets?: Assets): Promise<RenderResult> {
  const prepared = assets ?? (await prepareAssets(layout.scene));
  const report = { overflow: layout.overflow, missing: layout.missing };
  if (options.format === "pdf") {
    const pdf = await sceneToPdf(layout, prepared, options);
    return { bytes: pdf.bytes, mime: "application/pdf", width: pdf.width, height: pdf.height, ...report };
  }
  const { width, height } = rasterSize(layout.scene, { scale: options.scale, dpi: options.dpi });
  if (options.format === "svg") {
    const svg = sceneToSvg(layout, prepared, { width, height });
    return { bytes: Buffer.from(svg), mime: "image/svg+xml", width, height, ...report };
  }
  const format: RasterFormat = options.format;
  const pixels = await layoutToPixels(layout, prepared, width, height);
  const bytes = await pixelsToRaster(pixels, format, { quality: options.quality, dpi: options.dpi, flatten: layout.scene.background });
  return { bytes, mime: RASTER_MIME[format], width, height, ...report };
}

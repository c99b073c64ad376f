// Pixels -> PNG / JPEG / WebP / AVIF through sharp: the Skia backend's raw RGBA (skia.server.ts), or
// an SVG of glyph outlines through librsvg (the SVG output format's own rasteriser, kept as the
// reference the Skia output is tested against). Output size: the scene at a scale, or a print DPI.
import sharp, { type Sharp } from "sharp";
import type { Scene } from "./scene.ts";
import type { Pixels } from "./skia.server.ts";

// Every render is new pixels, so sharp's operation cache only holds dead ones; off, a batch of 200
// renders peaks ~60 MB lower (bench/render.ts).
sharp.cache(false);

export const RASTER_FORMATS = ["png", "jpeg", "webp", "avif"] as const;
export type RasterFormat = (typeof RASTER_FORMATS)[number];

export const RASTER_MIME: Record<RasterFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  avif: "image/avif",
};

export interface RasterSizeOptions {
  /** Multiplier of the scene's px size (1 or 2 for screens). */
  scale?: number;
  /** Print resolution: 300 dpi of an A4 scene gives 2480×3508. Wins over `scale`. */
  dpi?: number;
}

const MAX_SIDE = 16_384;

/** Output pixel size; DPI uses the physical size when the scene has one (else 96 px per inch). */
export function rasterSize(scene: Pick<Scene, "width" | "height" | "widthMm" | "heightMm">, o: RasterSizeOptions = {}): { width: number; height: number } {
  let width: number;
  let height: number;
  if (o.dpi !== undefined) {
    if (!(o.dpi > 0 && o.dpi <= 2400)) throw new RangeError(`dpi must be between 1 and 2400, got ${o.dpi}`);
    const inW = scene.widthMm !== undefined ? scene.widthMm / 25.4 : scene.width / 96;
    const inH = scene.heightMm !== undefined ? scene.heightMm / 25.4 : scene.height / 96;
    width = Math.round(inW * o.dpi);
    height = Math.round(inH * o.dpi);
  } else {
    const scale = o.scale ?? 1;
    if (!(scale > 0 && scale <= 8)) throw new RangeError(`scale must be between 0 and 8, got ${scale}`);
    width = Math.round(scene.width * scale);
    height = Math.round(scene.height * scale);
  }
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
    throw new RangeError(`output of ${width}×${height} px is outside 1…${MAX_SIDE} px per side`);
  }
  return { width, height };
}

export interface RasterOptions {
  quality?: number;
  /** Written into the file's metadata (PNG pHYs, JPEG JFIF density) for print rasters. */
  dpi?: number;
  /** JPEG has no alpha: transparent areas are flattened onto this colour. */
  flatten?: string;
}

/** Rasterises an SVG whose width/height attributes are already the output pixel size (librsvg). */
export function svgToRaster(svg: string, format: RasterFormat, o: RasterOptions = {}): Promise<Buffer> {
  return encode(sharp(Buffer.from(svg), { limitInputPixels: MAX_SIDE * MAX_SIDE }), format, o);
}

/** Encodes raw pixels (from `layoutToPixels`); premultiplied alpha is undone unless they are opaque. */
export async function pixelsToRaster(px: Pixels, format: RasterFormat, o: RasterOptions = {}): Promise<Buffer> {
  const img = sharp(px.data, { raw: { width: px.width, height: px.height, channels: 4, premultiplied: !px.opaque }, limitInputPixels: MAX_SIDE * MAX_SIDE });
  try {
    return await encode(img, format, o);
  } finally {
    // Only now may the canvas (whose memory libvips was reading) be drawn on again.
    px.release();
  }
}

function encode(input: Sharp, format: RasterFormat, o: RasterOptions): Promise<Buffer> {
  const img = o.dpi ? input.withMetadata({ density: o.dpi }) : input;
  switch (format) {
    case "png":
      return img.png({ compressionLevel: 6 }).toBuffer();
    case "jpeg":
      return img
        .flatten({ background: o.flatten ?? "#ffffff" })
        .jpeg({ quality: o.quality ?? 90, mozjpeg: false, chromaSubsampling: "4:4:4" })
        .toBuffer();
    case "webp":
      return img.webp({ quality: o.quality ?? 90 }).toBuffer();
    case "avif":
      return img.avif({ quality: o.quality ?? 70, effort: 3 }).toBuffer();
  }
}

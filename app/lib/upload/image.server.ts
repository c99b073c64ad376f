// Uploaded logos and pictures: the type comes from the bytes, never the file name; the size limit is
// checked before anything is read, the pixel count from the header before anything is decoded, and a
// full decode under a pixel limit catches corrupt and truncated data at upload rather than at render.
import sharp from "sharp";
import { UploadError, assertMaxBytes, leadingBytes } from "./errors.ts";
import { sanitizeSvg } from "./svg-sanitize.ts";

export type ImageMime = "image/png" | "image/jpeg" | "image/webp" | "image/svg+xml";
export type ImageInfo = { mime: ImageMime; width: number; height: number };
export type ImageLimits = { fileName: string; maxBytes: number; maxPixels: number };

const ACCEPTED = "PNG, JPEG, WebP or SVG";
const RASTER_FORMAT: Record<string, ImageMime> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString("latin1");

/** The image type the bytes really are, or null. SVG is recognised by an `<svg` tag near the start. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  const head = textHead(bytes);
  // Prolog, comments and whitespace may come first; an SVG's root tag is within the first few KB.
  if (head !== null && /^(\s|<\?xml[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)*<svg[\s>/]/i.test(head)) return "image/svg+xml";
  return null;
}

/** Checks an uploaded image and returns its real type and size; throws UploadError when refused. */
export async function inspectImage(bytes: Uint8Array, opts: ImageLimits): Promise<ImageInfo> {
  const { fileName, maxBytes, maxPixels } = opts;
  assertMaxBytes(bytes, maxBytes, fileName);
  if (bytes.length === 0) throw new UploadError(fileName, "the file is empty");
  const mime = sniffImage(bytes);
  if (!mime) throw new UploadError(fileName, `not a ${ACCEPTED} image (${whatItIs(bytes)})`);
  if (mime === "image/svg+xml") {
    const { width, height } = sanitizeSvg(bytes, { fileName, maxBytes });
    return { mime, width, height };
  }

  const kind = mime.slice(6).toUpperCase();
  // Header only: nothing is decoded yet, so a 30000×30000 bomb costs nothing here.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw new UploadError(fileName, `the ${kind} header is corrupt (${sharpReason(error)})`, { cause: error });
    });
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height || RASTER_FORMAT[meta.format ?? ""] !== mime) {
    throw new UploadError(fileName, `the ${kind} header is corrupt (no readable size)`);
  }
  if (width * height > maxPixels) {
    throw new UploadError(fileName, `image is ${width}×${height} pixels (${megapixels(width * height)}); the limit is ${megapixels(maxPixels)}`);
  }
  try {
    // stats() streams every pixel through the decoder without keeping the image in memory.
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" }).stats();
  } catch (error) {
    throw new UploadError(fileName, `the ${kind} data is corrupt or truncated (${sharpReason(error)})`, { cause: error });
  }
  return { mime, width, height };
}

export type NormalisedLogo = { bytes: Buffer; mime: "image/png" | "image/jpeg"; width: number; height: number };

/**
 * Re-encodes a raster logo: upright (EXIF orientation applied), sRGB, no metadata (camera, GPS,
 * editor history), at most `maxSide` px. PNG and WebP become PNG (alpha kept); JPEG stays JPEG.
 */
export async function normaliseRasterLogo(bytes: Uint8Array, opts: ImageLimits & { maxSide?: number }): Promise<NormalisedLogo> {
  const info = await inspectImage(bytes, opts);
  if (info.mime === "image/svg+xml") throw new UploadError(opts.fileName, "SVG logos are sanitised, not re-encoded; use sanitizeSvg");
  const maxSide = opts.maxSide ?? 4096;
  let pipeline = sharp(bytes, { limitInputPixels: opts.maxPixels })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb");
  const mime = info.mime === "image/jpeg" ? "image/jpeg" : "image/png";
  pipeline = mime === "image/jpeg" ? pipeline.jpeg({ quality: 92, mozjpeg: true }) : pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info: out } = await pipeline.toBuffer({ resolveWithObject: true });
  return { bytes: data, mime, width: out.width, height: out.height };
}

function textHead(bytes: Uint8Array): string | null {
  let head = bytes.subarray(0, 4096);
  if (startsWith(head, [0xef, 0xbb, 0xbf])) head = head.subarray(3);
  if (head.includes(0)) return null;
  return new TextDecoder("utf-8", { fatal: false }).decode(head);
}

const OTHER_FORMATS: [string, (b: Uint8Array) => boolean][] = [
  ["a GIF image", (b) => ascii(b, 0, 4) === "GIF8"],
  ["a BMP image", (b) => ascii(b, 0, 2) === "BM"],
  ["a TIFF image", (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])],
  ["an AVIF/HEIC image", (b) => ascii(b, 4, 8) === "ftyp" && /^(avif|avis|heic|heix|mif1|msf1)$/.test(ascii(b, 8, 12))],
  ["an ICO icon", (b) => startsWith(b, [0x00, 0x00, 0x01, 0x00])],
  ["a PDF document", (b) => ascii(b, 0, 5) === "%PDF-"],
  ["a Photoshop document", (b) => ascii(b, 0, 4) === "8BPS"],
  ["a ZIP archive", (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04])],
  ["compressed SVG (.svgz); upload the plain .svg", (b) => startsWith(b, [0x1f, 0x8b])],
];

/** "it is a GIF image", "it looks like text: \"hello\"", or the first bytes in hex. */
function whatItIs(bytes: Uint8Array): string {
  for (const [name, test] of OTHER_FORMATS) if (test(bytes)) return `it is ${name}`;
  const head = textHead(bytes.subarray(0, 64));
  if (head !== null && /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(head) && !head.includes("\ufffd")) {
    const sample = head.replace(/\s+/g, " ").trim().slice(0, 24);
    return `it looks like text: "${sample}${head.trim().length > 24 ? "..." : ""}"`;
  }
  return `starts with bytes ${leadingBytes(bytes)}`;
}

function megapixels(n: number): string {
  return `${+(n / 1_000_000).toFixed(1)} megapixels`;
}

function sharpReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.replace(/^(vipspng|VipsJpeg|VipsForeignLoad\w*):\s*/i, "").slice(0, 120);
}

// Reads an uploaded PDF for the audit without any system package: pdfjs parses it (built for
// untrusted files, eval off) and draws each page onto an @napi-rs/canvas (prebuilt npm binary) at
// a small size. Pages, pixels and embedded image sizes are capped so a hostile or huge PDF cannot
// exhaust memory.
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { UploadError } from "../upload/errors.ts";

/** Pages beyond this are not read (the report says so). */
export const MAX_PDF_PAGES = 12;
/** Long side of a rasterised page, px: enough for the 256-px colour sample. */
export const PAGE_RASTER_SIDE = 512;
/** Embedded images larger than this (pixels) are skipped by pdfjs instead of decoded. */
const MAX_IMAGE_PIXELS = 25_000_000;

/** One drawn page: raster size in px, page size in pt, RGBA pixels. */
export type PdfPageRaster = { page: number; width: number; height: number; widthPt: number; heightPt: number; rgba: Uint8Array };
/** `trimmed`: pages were cut to their TrimBox, leaving bleed, slug and crop marks out of the sample. */
export type PdfReading = { pageCount: number; pages: PdfPageRaster[]; trimmed: boolean };

/**
 * The TrimBox every page shares, read from the file's page dictionaries (pdfjs does not expose it).
 * Undefined when there is none, when pages differ, or when the dictionaries are compressed out of
 * sight: then the whole page is sampled.
 */
export function sharedTrimBox(bytes: Uint8Array): [number, number, number, number] | undefined {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const boxes = new Set([...raw.matchAll(/\/TrimBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number).join(" ")));
  if (boxes.size !== 1) return undefined;
  const box = [...boxes][0]!.split(" ").map(Number);
  return box.every(Number.isFinite) ? (box as [number, number, number, number]) : undefined;
}

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve("pdfjs-dist/package.json"));

export type PdfDocument = Awaited<ReturnType<typeof getDocument>["promise"]>;

/**
 * Opens a PDF with pdfjs, or throws UploadError naming the file. `standardFonts`: draw text set in the
 * 14 standard fonts (Helvetica…) from pdfjs's bundled substitutes; without them such fonts report
 * `missingFile`, which is how the font listing tells embedded fonts from referenced ones.
 */
export async function openPdf(bytes: Uint8Array, fileName: string, opts: { standardFonts: boolean }): Promise<PdfDocument> {
  const task = getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    ...(opts.standardFonts ? { standardFontDataUrl: `${path.join(pdfjsDir, "standard_fonts")}${path.sep}` } : {}),
    cMapUrl: `${path.join(pdfjsDir, "cmaps")}${path.sep}`,
    cMapPacked: true,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") throw new UploadError(fileName, "the PDF is password-protected; upload an unprotected copy", { cause: error });
    throw new UploadError(fileName, `not a readable PDF (${error instanceof Error ? error.message.slice(0, 120) : String(error)})`, { cause: error });
  }
}

/** Draws the first `maxPages` pages at `side` px on their long side. */
export async function readPdfPages(bytes: Uint8Array, opts: { fileName: string; maxPages?: number; side?: number }): Promise<PdfReading> {
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const side = opts.side ?? PAGE_RASTER_SIDE;
  const doc = await openPdf(bytes, opts.fileName, { standardFonts: true });
  const trim = sharedTrimBox(bytes);
  let trimmed = false;
  try {
    const pages: PdfPageRaster[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
      const page = await doc.getPage(n);
      const unit = page.getViewport({ scale: 1 });
      const scale = side / Math.max(unit.width, unit.height, 1);
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.round(viewport.width));
      const height = Math.max(1, Math.round(viewport.height));
      const canvas = createCanvas(width, height);
      const context = canvas.getContext("2d");
      // pdfjs types its context as the DOM's; @napi-rs/canvas implements the same drawing API.
      await page.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
      let area = { x: 0, y: 0, w: width, h: height };
      if (trim) {
        const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(trim);
        const x = Math.max(0, Math.round(Math.min(x1, x2)));
        const y = Math.max(0, Math.round(Math.min(y1, y2)));
        const w = Math.min(width, Math.round(Math.max(x1, x2))) - x;
        const h = Math.min(height, Math.round(Math.max(y1, y2))) - y;
        if (w > 8 && h > 8 && (w < width || h < height)) {
          area = { x, y, w, h };
          trimmed = true;
        }
      }
      const rgba = new Uint8Array(context.getImageData(area.x, area.y, area.w, area.h).data.buffer);
      pages.push({ page: n, width: area.w, height: area.h, widthPt: unit.width, heightPt: unit.height, rgba });
      page.cleanup();
    }
    return { pageCount: doc.numPages, pages, trimmed };
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(opts.fileName, `the PDF cannot be drawn (${error instanceof Error ? error.message.slice(0, 120) : String(error)})`, { cause: error });
  } finally {
    await doc.destroy();
  }
}

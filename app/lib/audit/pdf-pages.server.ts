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
export type PdfReading = { pageCount: number; pages: PdfPageRaster[] };

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
      pages.push({ page: n, width, height, widthPt: unit.width, heightPt: unit.height, rgba: new Uint8Array(context.getImageData(0, 0, width, height).data.buffer) });
      page.cleanup();
    }
    return { pageCount: doc.numPages, pages };
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(opts.fileName, `the PDF cannot be drawn (${error instanceof Error ? error.message.slice(0, 120) : String(error)})`, { cause: error });
  } finally {
    await doc.destroy();
  }
}

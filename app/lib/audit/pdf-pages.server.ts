// Reads an uploaded PDF for the audit without any system package: pdfjs parses it (built for
// untrusted files, eval off) and draws each page onto an @napi-rs/canvas (prebuilt npm binary) at
// a small size; the fonts each page sets are read from the same operator lists. Pages, pixels and
// embedded image sizes are capped so a hostile or huge PDF cannot exhaust memory.
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { UploadError } from "../upload/errors.ts";

/** Pages beyond this are not read (the report says so). */
export const MAX_PDF_PAGES = 12;
/** Long side of a rasterised page, px: enough for the 256-px colour sample. */
export const PAGE_RASTER_SIDE = 512;
/** Embedded images larger than this (pixels) are skipped by pdfjs instead of decoded. */
const MAX_IMAGE_PIXELS = 25_000_000;

export type PdfFontUse = {
  /** PostScript name without the subset tag ("PlayfairDisplay-Bold"). */
  name: string;
  /** As written in the file ("ABCDEF+PlayfairDisplay-Bold"). */
  baseFont: string;
  /** Font program type (TrueType, Type1, CIDFontType2…). */
  type: string;
  embedded: boolean;
  /** 1-based pages (of those read) that set text in it. */
  pages: number[];
};

/** One drawn page: raster size in px, page size in pt, RGBA pixels. */
export type PdfPageRaster = { page: number; width: number; height: number; widthPt: number; heightPt: number; rgba: Uint8Array };
export type PdfReading = { pageCount: number; pages: PdfPageRaster[]; fonts: PdfFontUse[] };

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve("pdfjs-dist/package.json"));

type PdfFontObject = { name?: string; type?: string; missingFile?: boolean };
const isFontObject = (v: unknown): v is PdfFontObject => typeof v === "object" && v !== null && "name" in v;

export async function readPdfPages(bytes: Uint8Array, opts: { fileName: string; maxPages?: number; side?: number }): Promise<PdfReading> {
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const side = opts.side ?? PAGE_RASTER_SIDE;
  const task = getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    standardFontDataUrl: `${path.join(pdfjsDir, "standard_fonts")}${path.sep}`,
    cMapUrl: `${path.join(pdfjsDir, "cmaps")}${path.sep}`,
    cMapPacked: true,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") throw new UploadError(opts.fileName, "the PDF is password-protected; upload an unprotected copy", { cause: error });
    throw new UploadError(opts.fileName, `not a readable PDF (${error instanceof Error ? error.message.slice(0, 120) : String(error)})`, { cause: error });
  }
  try {
    const pages: PdfPageRaster[] = [];
    const fonts = new Map<string, PdfFontUse>();
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
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const id = (ops.argsArray[i] as unknown[] | undefined)?.[0];
        if (typeof id !== "string" || !page.commonObjs.has(id)) return;
        const font: unknown = page.commonObjs.get(id);
        if (!isFontObject(font) || !font.name) return;
        const use = fonts.get(font.name) ?? {
          name: font.name.replace(/^[A-Z]{6}\+/, ""),
          baseFont: font.name,
          type: font.type ?? "unknown",
          embedded: font.missingFile !== true,
          pages: [],
        };
        if (!use.pages.includes(n)) use.pages.push(n);
        fonts.set(font.name, use);
      });
      page.cleanup();
    }
    return { pageCount: doc.numPages, pages, fonts: [...fonts.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(opts.fileName, `the PDF cannot be drawn (${error instanceof Error ? error.message.slice(0, 120) : String(error)})`, { cause: error });
  } finally {
    await doc.destroy();
  }
}

// Several laid-out scenes as one PDF: a menu that runs over pages, a business card's front and back.
// Each page keeps its own size, bleed, crop marks and boxes; fonts are embedded once per document.
import { prepareAssets } from "./images.server.ts";
import type { MissingGlyphs, Overflow, SceneLayout } from "./layout.ts";
import { openPdf, type PdfOptions, type PdfPage } from "./pdf.server.ts";

export interface PagesPdfResult {
  bytes: Buffer;
  mime: "application/pdf";
  /** MediaBox of the first page, pt. */
  width: number;
  height: number;
  pages: PdfPage[];
  /** Overflow and missing glyphs of all pages together. */
  overflow: Overflow[];
  missing: MissingGlyphs[];
}

export async function renderPagesPdf(layouts: readonly SceneLayout[], options: PdfOptions = {}): Promise<PagesPdfResult> {
  if (!layouts.length) throw new Error("renderPagesPdf: give at least one page");
  const pdf = openPdf(options);
  const pages: PdfPage[] = [];
  for (const layout of layouts) pages.push(pdf.addPage(layout, await prepareAssets(layout.scene)));
  const bytes = await pdf.finish();
  const first = pages[0] as PdfPage;
  return {
    bytes,
    mime: "application/pdf",
    width: first.width,
    height: first.height,
    pages,
    overflow: layouts.flatMap((l) => l.overflow),
    missing: layouts.flatMap((l) => l.missing),
  };
}

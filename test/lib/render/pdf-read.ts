// Reading PDFs back in tests: pdfjs for text and metadata, the raw bytes for page boxes and font
// dictionaries (pdfkit writes those objects uncompressed).
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfReadback {
  mediaBox: number[];
  trimBox?: number[];
  bleedBox?: number[];
  /** BaseFont names of embedded fonts, e.g. "BZZZZZ+Inter-Bold". */
  fonts: string[];
  /** Text items joined: items on one line with nothing between, lines with "\n". */
  text: string;
  info: Record<string, unknown>;
}

function box(raw: string, name: string): number[] | undefined {
  const m = new RegExp(`/${name} \\[([^\\]]+)\\]`).exec(raw);
  return m?.[1]?.trim().split(/\s+/).map(Number);
}

export async function readPdf(bytes: Buffer): Promise<PdfReadback> {
  const raw = bytes.toString("latin1");
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  let text = "";
  for (const item of content.items) {
    if (!("str" in item)) continue;
    text += item.str + (item.hasEOL ? "\n" : "");
  }
  const meta = await doc.getMetadata();
  const fonts = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1] ?? "");
  const result = {
    mediaBox: box(raw, "MediaBox") ?? [],
    trimBox: box(raw, "TrimBox"),
    bleedBox: box(raw, "BleedBox"),
    fonts: [...new Set(fonts)],
    text,
    info: meta.info as Record<string, unknown>,
  };
  await doc.destroy();
  return result;
}

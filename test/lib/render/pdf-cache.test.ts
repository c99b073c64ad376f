// The PDF backend's caches: SVG logos replayed from a capture, subset font files reused. A replay
// must draw what svg-to-pdfkit draws, and no cache may change a deterministic PDF's bytes.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { beforeEach, expect, test } from "vitest";
import { readPdfPages } from "~/lib/audit/pdf-pages.server.ts";
import { clearSubsetFiles, cacheSubsetFile, type SubsetFont } from "~/lib/render/pdf-subset.server.ts";
import { clearSvgCaptures, drawSvg } from "~/lib/render/pdf-svg.server.ts";
import { renderScene } from "~/lib/render/render.server.ts";
import { getTemplate, renderTemplate } from "~/lib/templates/registry.ts";
import { preparedKit } from "../../templates/support.ts";
import { bundledFont, LOGO_SVG } from "./fixtures.ts";

const KIT_LOGO = readFileSync(path.resolve(__dirname, "../../../brand-kits/harbour-and-vine/logo-primary.svg"), "utf8");
const FIXED = new Date("2000-01-01T00:00:00Z");

beforeEach(() => {
  clearSvgCaptures();
  clearSubsetFiles();
});

/** A one-page PDF (page transform like the engine's: y down, scaled) with SVGs drawn by `draw`. */
function pdfWith(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const options: PDFKit.PDFDocumentOptions = { autoFirstPage: false, info: { CreationDate: FIXED, ModDate: FIXED } };
  const doc = new PDFDocument(Object.assign(options, { font: null }));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.addPage({ size: [400, 300], margin: 0 });
  doc.save().transform(0.75, 0, 0, 0.75, 10, 10);
  doc.rect(0, 0, 500, 380).fill("#f4ecdf");
  draw(doc);
  doc.restore();
  doc.end();
  return done;
}

async function pixels(pdf: Buffer): Promise<Uint8Array> {
  const page = (await readPdfPages(pdf, { fileName: "test.pdf", side: 400 })).pages[0];
  if (!page) throw new Error("no page");
  return page.rgba;
}

function meanDiff(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

test("a kit logo (with a mask) replayed from its capture draws what svg-to-pdfkit draws", async () => {
  const rect = { x: 40, y: 60, w: 400, h: 120 };
  const direct = await pdfWith((doc) => drawSvg(doc, KIT_LOGO, rect, { cache: false }));
  const first = await pdfWith((doc) => drawSvg(doc, KIT_LOGO, rect));
  const replayed = await pdfWith((doc) => drawSvg(doc, KIT_LOGO, rect));
  const [a, b, c] = await Promise.all([pixels(direct), pixels(first), pixels(replayed)]);
  expect(meanDiff(a, b)).toBeLessThan(0.05);
  // The first document (capture) and a later one (replay) are the same file.
  expect(first.equals(replayed)).toBe(true);
  expect(meanDiff(b, c)).toBe(0);
  // And the logo is really there: the area differs from the bare background.
  const bare = await pixels(await pdfWith(() => {}));
  expect(meanDiff(a, bare)).toBeGreaterThan(1);
});

test("two logos on one page keep their own resources", async () => {
  const direct = await pdfWith((doc) => {
    drawSvg(doc, KIT_LOGO, { x: 20, y: 20, w: 300, h: 90 }, { cache: false });
    drawSvg(doc, LOGO_SVG, { x: 20, y: 200, w: 200, h: 100 }, { cache: false });
    drawSvg(doc, KIT_LOGO, { x: 250, y: 250, w: 200, h: 60 }, { cache: false });
  });
  const replayed = await pdfWith((doc) => {
    drawSvg(doc, KIT_LOGO, { x: 20, y: 20, w: 300, h: 90 });
    drawSvg(doc, LOGO_SVG, { x: 20, y: 200, w: 200, h: 100 });
    drawSvg(doc, KIT_LOGO, { x: 250, y: 250, w: 200, h: 60 });
  });
  expect(meanDiff(await pixels(direct), await pixels(replayed))).toBeLessThan(0.05);
});

test("an SVG with text (fonts are embedded at the document's end) is drawn directly, not replayed", async () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><text x="10" y="35" font-size="30">Café</text></svg>';
  const pdf = await pdfWith((doc) => drawSvg(doc, svg, { x: 10, y: 10, w: 200, h: 50 }));
  expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/Helvetica/);
  const again = await pdfWith((doc) => drawSvg(doc, svg, { x: 10, y: 10, w: 200, h: 50 }));
  expect(again.equals(pdf)).toBe(true);
});

test("a deterministic menu PDF has the same bytes with empty caches and with warm ones", async () => {
  const template = getTemplate("menu");
  const kit = await preparedKit("harbour-and-vine");
  const render = async () => (await renderTemplate(template, template.sample, kit, "a4", { format: "pdf", deterministic: true, bleedMm: 3, cropMarks: true })).bytes;
  const cold = await render();
  const warm = await render();
  clearSvgCaptures();
  clearSubsetFiles();
  const coldAgain = await render();
  expect(warm.equals(cold)).toBe(true);
  expect(coldAgain.equals(cold)).toBe(true);
});

test("a subset font file from the cache is byte for byte the one pdfkit writes itself", async () => {
  const font = fontkit.create(bundledFont("@expo-google-fonts/inter", "400Regular/Inter_400Regular.ttf")) as fontkit.Font;
  const write = (cached: boolean) => {
    const options: PDFKit.PDFDocumentOptions = { info: { CreationDate: FIXED, ModDate: FIXED } };
    const doc = new PDFDocument(Object.assign(options, { font: null }));
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
    doc.font(font as unknown as string, "inter");
    if (cached) cacheSubsetFile((doc as unknown as { _font: SubsetFont })._font, "inter-regular");
    doc.fontSize(24).text("Sourdough & cultured butter — 4.50", 40, 40);
    doc.end();
    return done;
  };
  const plain = await write(false);
  const first = await write(true);
  const second = await write(true);
  expect(first.equals(plain)).toBe(true);
  expect(second.equals(plain)).toBe(true);
});

test("PDFs of scenes with SVG logos stay extractable and sized after a replay", async () => {
  const scene = { width: 400, height: 200, background: "#ffffff", nodes: [{ type: "logo" as const, x: 20, y: 20, w: 200, h: 100, svg: KIT_LOGO }] };
  const a = await renderScene(scene, { format: "pdf", deterministic: true });
  const b = await renderScene(scene, { format: "pdf", deterministic: true });
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  expect(b.bytes.equals(a.bytes)).toBe(true);
});

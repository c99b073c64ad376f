// Several scenes as one PDF: each page keeps its own size and boxes, fonts are embedded once for the
// whole document, text and overflow of every page come back.
import { expect, test } from "vitest";
import { layoutScene } from "~/lib/render/layout.ts";
import { renderPagesPdf } from "~/lib/render/pages.server.ts";
import { renderLayout } from "~/lib/render/render.server.ts";
import { printPage, type SceneInput } from "~/lib/render/scene.ts";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { fonts } from "./helpers.ts";

const PT_PER_MM = 72 / 25.4;

function page(size: { width: number; height: number; widthMm?: number; heightMm?: number }, words: string, field = "body"): SceneInput {
  return {
    ...size,
    background: "#f6f1e7",
    nodes: [
      { type: "rect", x: 0, y: 0, w: size.width, h: 40, fill: "#1d3557" },
      { type: "text", field, text: words, x: 20, y: 60, w: size.width - 40, h: 60, font: { role: "body", weight: 700 }, size: 18, colour: "#1d3557" },
    ],
  };
}

async function pagesOf(bytes: Buffer): Promise<{ size: number[]; text: string }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const out = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const pg = await doc.getPage(p);
    const content = await pg.getTextContent();
    out.push({ size: pg.view.slice(2).map((v) => Math.round(v * 100) / 100), text: content.items.map((i) => ("str" in i ? i.str : "")).join("") });
  }
  await doc.destroy();
  return out;
}

test("three scenes of two sizes become a three-page PDF with each page's own size, trim box and text", async () => {
  const layouts = [page(printPage(85, 55), "Front of the card"), page(printPage(85, 55), "Back of the card"), page(printPage(148, 210), "An A5 insert")].map((s) =>
    layoutScene(s, fonts),
  );
  const pdf = await renderPagesPdf(layouts, { bleedMm: 3, cropMarks: false, deterministic: true });
  expect(pdf.mime).toBe("application/pdf");
  expect(pdf.pages).toHaveLength(3);
  const read = await pagesOf(pdf.bytes);
  expect(read.map((p) => p.text)).toEqual(["Front of the card", "Back of the card", "An A5 insert"]);
  const card = [(85 + 6) * PT_PER_MM, (55 + 6) * PT_PER_MM].map((v) => Math.round(v * 100) / 100);
  expect(read[0]?.size).toEqual(card);
  expect(read[2]?.size).toEqual([(148 + 6) * PT_PER_MM, (210 + 6) * PT_PER_MM].map((v) => Math.round(v * 100) / 100));
  const raw = pdf.bytes.toString("latin1");
  expect(raw.match(/\/TrimBox \[/g)).toHaveLength(3);
  expect(pdf.pages[2]?.trimBox.map((v) => Math.round(v))).toEqual([9, 9, 428, 604]);
  // One embedded subset of the bold face, shared by every page.
  expect(raw.match(/\/FontFile2/g)).toHaveLength(1);
  expect([pdf.width, pdf.height].map((v) => Math.round(v * 100) / 100)).toEqual(card);
});

test("each page draws what a single-page render draws: same page objects, one document", async () => {
  const scene = page({ width: 400, height: 300 }, "Same page");
  const single = await renderLayout(layoutScene(scene, fonts), { format: "pdf", deterministic: true });
  const multi = await renderPagesPdf([layoutScene(scene, fonts), layoutScene(scene, fonts)], { deterministic: true });
  const read = await pagesOf(multi.bytes);
  expect(read.map((p) => p.text)).toEqual(["Same page", "Same page"]);
  expect(read[0]?.size).toEqual((await pagesOf(single.bytes))[0]?.size);
});

test("overflow of every page is reported with its field", async () => {
  const layouts = [layoutScene(page({ width: 300, height: 200 }, "Fits"), fonts), layoutScene(page({ width: 300, height: 200 }, "Far too many words to fit in two lines of this narrow box at eighteen pixels, so it overflows", "back"), fonts)];
  const pdf = await renderPagesPdf(layouts);
  expect(pdf.overflow.map((o) => o.field)).toEqual(["back"]);
});

test("no pages is an error", async () => {
  await expect(renderPagesPdf([])).rejects.toThrow(/at least one page/);
});

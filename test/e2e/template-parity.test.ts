// One layout, two backends, for real templates: each design's PDF page rasterised by poppler's
// pdftoppm agrees with the PNG of the same laid-out page (pdftoppm is a system tool, hence e2e).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";
import { getTemplate, layoutTemplate, renderTemplateLayouts } from "~/lib/templates/registry.ts";
import { preparedKit } from "../templates/support.ts";
import { imageDiff } from "../support/image-diff.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "marque-template-parity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfPageToPng(pdf: Buffer, page: number, size: { width: number; height: number }, name: string): Promise<Buffer> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const n = String(page + 1);
  await run("pdftoppm", ["-png", "-f", n, "-l", n, "-scale-to-x", String(size.width), "-scale-to-y", String(size.height), "-singlefile", file, path.join(dir, name)]);
  return readFileSync(path.join(dir, `${name}.png`));
}

/** After a slight blur: poppler and librsvg antialias glyph edges differently; a misplaced glyph still shows. */
const compare = (a: Buffer, b: Buffer) => imageDiff(a, b, { blur: true });

async function parity(templateId: string, formatId: string, kit: string, page: number, dpi: number, pdfKit = kit) {
  const template = getTemplate(templateId);
  const prepared = await preparedKit(kit);
  const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
  const png = await renderTemplateLayouts(layouts, prepared, { format: "png", dpi, page });
  const pdfLayouts = pdfKit === kit ? layouts : await layoutTemplate(template, template.sample, await preparedKit(pdfKit), formatId);
  const pdf = await renderTemplateLayouts(pdfLayouts, prepared, { format: "pdf", bleedMm: 0, cropMarks: false, deterministic: true });
  const name = `${templateId}-${formatId}-${kit}-${pdfKit}-${page}`;
  const raster = await pdfPageToPng(pdf.bytes, page, png, name);
  const diff = await compare(png.bytes, raster);
  if (process.env.PARITY_DEBUG) {
    writeFileSync(`/tmp/parity-${name}.png`, png.bytes);
    writeFileSync(`/tmp/parity-${name}-pdf.png`, raster);
    console.log(name, diff);
  }
  return { ...diff, width: png.width, height: png.height, pages: layouts.length };
}

test("the A4 menu's PDF matches its 100 dpi PNG", async () => {
  const diff = await parity("menu", "a4", "harbour-and-vine", 0, 100);
  expect([diff.width, diff.height]).toEqual([827, 1169]);
  expect(diff.mean).toBeLessThan(2);
  expect(diff.strong).toBeLessThan(0.005);
});

test("the back of a US business card (page 2 of its PDF) matches its 300 dpi PNG", async () => {
  const diff = await parity("business-card", "card-us", "pulse-cycle-studio", 1, 300);
  expect(diff.pages).toBe(2);
  expect([diff.width, diff.height]).toEqual([1050, 600]);
  expect(diff.mean).toBeLessThan(2);
  // Small light-on-dark text fills much of a card: poppler sets glyphs about half a device pixel
  // lower than librsvg (0.04 mm here), which shows on every edge. A misplaced glyph or a wrong colour
  // gives far more (see the last test: 5%).
  expect(diff.strong).toBeLessThan(0.012);
});

test("the A3 sale poster's PDF matches its 60 dpi PNG", async () => {
  const diff = await parity("sale-poster", "a3", "wild-stem-florals", 0, 60);
  expect(diff.mean).toBeLessThan(2);
  expect(diff.strong).toBeLessThan(0.005);
});

test("the same menu drawn in another kit does not match (the comparison can fail)", async () => {
  const diff = await parity("menu", "a4", "harbour-and-vine", 0, 100, "wild-stem-florals");
  expect(diff.strong).toBeGreaterThan(0.005);
});

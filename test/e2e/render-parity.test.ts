// One layout, two backends: the PDF rasterised by poppler's pdftoppm must match the PNG of the same
// scene. pdftoppm is a system tool (poppler-utils), hence an e2e test.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, expect, test } from "vitest";
import { defaultFontRegistry } from "~/lib/render/fonts.server.ts";
import { layoutScene } from "~/lib/render/layout.ts";
import { renderLayout } from "~/lib/render/render.server.ts";
import type { SceneInput } from "~/lib/render/scene.ts";
import { a4Scene, posterScene } from "../lib/render/fixtures.ts";
import { imageDiff, type ImageDiff } from "../support/image-diff.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "marque-parity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfToPng(pdf: Buffer, size: { width: number; height: number }, name: string): Promise<Buffer> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  // Exact pixel size: pdftoppm rounds page sizes up, sharp rounds to nearest.
  const args = ["-png", "-scale-to-x", String(size.width), "-scale-to-y", String(size.height), "-singlefile", file, path.join(dir, name)];
  await run("pdftoppm", args);
  return readFileSync(path.join(dir, `${name}.png`));
}

type Diff = ImageDiff;

/**
 * Compares after a slight blur: poppler (FreeType) and librsvg (cairo) antialias glyph edges a
 * little differently, which is not what this test is about; a glyph in the wrong place still shows.
 */
const compare = (a: Buffer, b: Buffer): Promise<Diff> => imageDiff(a, b, { blur: true });

async function parity(scene: SceneInput, dpi: number, name: string): Promise<Diff> {
  // The same layout object feeds both backends.
  const layout = layoutScene(scene, defaultFontRegistry());
  const png = await renderLayout(layout, { format: "png", dpi });
  const pdf = await renderLayout(layout, { format: "pdf", bleedMm: 0, cropMarks: false, deterministic: true });
  const diff = await compare(png.bytes, await pdfToPng(pdf.bytes, png, name));
  if (process.env.PARITY_DEBUG) {
    writeFileSync(`/tmp/parity-${name}.png`, png.bytes);
    writeFileSync(`/tmp/parity-${name}-pdf.png`, readFileSync(path.join(dir, `${name}.png`)));
    console.log(name, diff);
  }
  return diff;
}

test("the poster's PDF, rasterised by pdftoppm, matches its PNG", async () => {
  const diff = await parity(await posterScene(), 96, "poster");
  expect([diff.width, diff.height]).toEqual([800, 1000]);
  expect(diff.mean).toBeLessThan(2);
  expect(diff.strong).toBeLessThan(0.005);
});

test("an A4 flyer's PDF matches its 150 dpi PNG", async () => {
  const diff = await parity(a4Scene(), 150, "a4");
  expect([diff.width, diff.height]).toEqual([1240, 1754]);
  expect(diff.mean).toBeLessThan(2);
  expect(diff.strong).toBeLessThan(0.005);
});

test("a scene whose text is moved by one glyph no longer matches (the comparison can fail)", async () => {
  const scene = await posterScene();
  const layout = layoutScene(scene, defaultFontRegistry());
  const png = await renderLayout(layout, { format: "png" });
  const moved = structuredClone(scene);
  const title = moved.nodes.find((n) => n.type === "text" && n.field === "title");
  if (title?.type === "text") title.x += 24;
  const pdf = await renderLayout(layoutScene(moved, defaultFontRegistry()), { format: "pdf", bleedMm: 0, deterministic: true });
  const diff = await compare(png.bytes, await pdfToPng(pdf.bytes, png, "moved"));
  if (process.env.PARITY_DEBUG) console.log("moved", diff);
  expect(diff.strong).toBeGreaterThan(0.005);
});

test("with bleed, a full-bleed band runs into the bleed and crop marks sit outside it", async () => {
  const pdf = await renderLayout(layoutScene(a4Scene(), defaultFontRegistry()), { format: "pdf", deterministic: true });
  // 226×313 mm page (3 mm bleed + 5 mm marks each side) at 10 px per mm.
  const png = await pdfToPng(pdf.bytes, { width: 2260, height: 3130 }, "bleed");
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (mmX: number, mmY: number) => {
    const i = (Math.round(mmY * 10) * info.width + Math.round(mmX * 10)) * 3;
    return [data[i], data[i + 1], data[i + 2]];
  };
  expect(at(100, 6.5)).toEqual([0x26, 0x46, 0x53]); // header colour 1.5 mm into the top bleed
  expect(at(6.5, 100)).toEqual([0xfd, 0xf6, 0xe3]); // page background in the left bleed
  expect(at(100, 3)).toEqual([255, 255, 255]); // slug outside the bleed stays white
  expect(at(8, 2.5)[0]).toBeLessThan(80); // vertical crop mark on the trim line, above the bleed
  expect(at(2.5, 8)[0]).toBeLessThan(80); // horizontal crop mark
  expect(at(9, 2.5)).toEqual([255, 255, 255]); // ... and nothing beside it
});

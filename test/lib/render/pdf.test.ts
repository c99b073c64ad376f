import { expect, test } from "vitest";
import { renderScene } from "~/lib/render/render.server.ts";
import type { SceneInput } from "~/lib/render/scene.ts";
import { a4Scene, posterScene } from "./fixtures.ts";
import { readPdf } from "./pdf-read.ts";

const MM = 72 / 25.4;
const near = (values: number[] | undefined, expected: number[]) => {
  expect(values).toHaveLength(expected.length);
  values?.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 2));
};
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

test("an A4 PDF without bleed is exactly 210×297 mm with trim and bleed boxes on the page edge", async () => {
  const pdf = await readPdf((await renderScene(a4Scene(), { format: "pdf", bleedMm: 0, deterministic: true })).bytes);
  near(pdf.mediaBox, [0, 0, 210 * MM, 297 * MM]);
  near(pdf.trimBox, [0, 0, 210 * MM, 297 * MM]);
  near(pdf.bleedBox, [0, 0, 210 * MM, 297 * MM]);
});

test("3 mm bleed without marks grows the page by the bleed and sets the TrimBox inside it", async () => {
  const result = await renderScene(a4Scene(), { format: "pdf", bleedMm: 3, cropMarks: false, deterministic: true });
  expect([result.width, result.height].map((v) => Math.round(v * 100) / 100)).toEqual([612.28, 858.9]);
  const pdf = await readPdf(result.bytes);
  near(pdf.mediaBox, [0, 0, 216 * MM, 303 * MM]);
  near(pdf.trimBox, [3 * MM, 3 * MM, 213 * MM, 300 * MM]);
  near(pdf.bleedBox, [0, 0, 216 * MM, 303 * MM]);
});

test("print scenes get 3 mm bleed and crop marks by default, in a slug outside the bleed", async () => {
  const pdf = await readPdf((await renderScene(a4Scene(), { format: "pdf", deterministic: true })).bytes);
  near(pdf.mediaBox, [0, 0, 226 * MM, 313 * MM]);
  near(pdf.trimBox, [8 * MM, 8 * MM, 218 * MM, 305 * MM]);
  near(pdf.bleedBox, [5 * MM, 5 * MM, 221 * MM, 308 * MM]);
});

test("a screen-sized scene becomes a PDF at 0.75 pt per px with no bleed", async () => {
  const result = await renderScene(await posterScene(), { format: "pdf", deterministic: true });
  expect([result.width, result.height]).toEqual([600, 750]);
  near((await readPdf(result.bytes)).mediaBox, [0, 0, 600, 750]);
});

test("fonts are embedded as subsets and the text extracts equal to the content", async () => {
  const title = "Harbour Café — Summer Menu";
  const body = "Fresh fish from the morning boats, bread baked before dawn and coffee roasted down the street.";
  const scene: SceneInput = {
    width: 600,
    height: 400,
    background: "#ffffff",
    nodes: [
      { type: "text", field: "title", text: title, x: 20, y: 20, w: 560, h: 100, font: { role: "heading", weight: 800 }, size: 40, colour: "#1d3557" },
      { type: "text", field: "body", text: body, x: 20, y: 140, w: 300, h: 200, font: { role: "body" }, size: 18, align: "justify", colour: "#333333" },
    ],
  };
  const pdf = await readPdf((await renderScene(scene, { format: "pdf", deterministic: true })).bytes);
  expect(pdf.fonts.sort()).toEqual([expect.stringMatching(/^[A-Z]{6}\+Inter-ExtraBold$/), expect.stringMatching(/^[A-Z]{6}\+Inter-Regular$/)]);
  expect(squash(pdf.text)).toBe(`${title} ${body}`);
});

test("fallback scripts extract as their characters, in logical order", async () => {
  const scene: SceneInput = {
    width: 600,
    height: 200,
    nodes: [{ type: "text", text: "مرحبا بالعالم", x: 20, y: 20, w: 560, h: 60, font: { role: "body" }, size: 28, colour: "#000000" },
      { type: "text", text: "東京タワー 🐟", x: 20, y: 100, w: 560, h: 60, font: { role: "body" }, size: 28, colour: "#000000" }],
  };
  const pdf = await readPdf((await renderScene(scene, { format: "pdf", deterministic: true })).bytes);
  expect(pdf.fonts.map((f) => f.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["Inter-Regular", "NotoEmoji-Regular", "NotoSansArabic-Regular", "NotoSansJP-Regular"]);
  expect(squash(pdf.text)).toBe("مرحبا بالعالم 東京タワー 🐟");
});

test("deterministic mode gives identical bytes, fixed dates, and the title and author", async () => {
  const scene = await posterScene();
  const options = { format: "pdf", deterministic: true, title: "Summer menu", author: "Harbour Café" } as const;
  const a = await renderScene(scene, options);
  const b = await renderScene(scene, options);
  expect(a.bytes.equals(b.bytes)).toBe(true);
  const pdf = await readPdf(a.bytes);
  expect(pdf.info).toMatchObject({ Title: "Summer menu", Author: "Harbour Café", CreationDate: "D:20000101000000Z", ModDate: "D:20000101000000Z" });
  // Only our own fonts: no standard-14 font is pulled in.
  for (const font of pdf.fonts) expect(font).toMatch(/^[A-Z]{6}\+/);
  expect(a.bytes.toString("latin1")).toMatch(/\/Subtype \/Image/);
});

import { expect, test } from "vitest";
import type { GlyphRun } from "~/lib/render/layout.ts";
import { layoutText, lineText } from "./helpers.ts";

function runsOf(text: string, extra: Parameters<typeof layoutText>[0] extends infer T ? Partial<T> : never = {}) {
  const { block, layout } = layoutText({ text, w: 900, ...extra });
  return { runs: block.lines.flatMap((l) => l.runs), lines: block.lines, layout };
}

const inkRuns = (runs: GlyphRun[]) => runs.filter((r) => r.text.trim() !== "");
const left = (r: GlyphRun) => Math.min(...r.glyphs.map((g) => g.x));

test("CJK characters the brand font lacks come from Noto Sans JP with real glyphs", () => {
  const { runs, layout } = runsOf("東京タワー");
  expect(runs).toHaveLength(1);
  expect(runs[0]?.face.postscriptName).toMatch(/^NotoSansJP/);
  expect(runs[0]?.glyphs).toHaveLength(5);
  for (const g of runs[0]?.glyphs ?? []) expect(g.id).toBeGreaterThan(0);
  expect(layout.missing).toEqual([]);
});

test("Arabic, Hebrew and emoji fall back to their Noto fonts while Latin stays in the brand font", () => {
  const { runs } = runsOf("Café مرحبا שלום 🐟☕");
  const byText = new Map(inkRuns(runs).map((r) => [r.text.trim(), r]));
  expect(byText.get("Café")?.face.postscriptName).toMatch(/^Inter/);
  expect(byText.get("مرحبا")?.face.postscriptName).toMatch(/^NotoSansArabic/);
  expect(byText.get("שלום")?.face.postscriptName).toMatch(/^NotoSansHebrew/);
  expect(byText.get("🐟☕")?.face.postscriptName).toMatch(/^NotoEmoji/);
  for (const run of runs) for (const g of run.glyphs) expect(g.id).toBeGreaterThan(0);
});

test("a character no font can draw is left out and reported, never drawn as a .notdef box", () => {
  const { runs, layout } = runsOf("Ankh \u{13000} sign", { field: "tagline" });
  expect(layout.missing).toEqual([{ field: "tagline", chars: ["\u{13000}"] }]);
  expect(runs.flatMap((r) => r.glyphs).every((g) => g.id !== 0)).toBe(true);
  expect(runs.map((r) => r.text).join("")).toBe("Ankh  sign");
});

test("Arabic words are laid out right to left: the first word is the rightmost", () => {
  const { runs } = runsOf("مرحبا بالعالم");
  const words = inkRuns(runs);
  expect(words.map((r) => r.text.trim())).toEqual(["بالعالم", "مرحبا"]);
  expect(words.every((r) => r.rtl)).toBe(true);
  expect(left(words[1]!)).toBeGreaterThan(left(words[0]!));
  // Within a word, glyphs go left to right in visual order: the first letter (meem) is rightmost.
  const hello = words[1]!;
  const xs = hello.glyphs.filter((g) => g.codePoints.length > 0).map((g) => g.x); // marks sit at offsets
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  const meem = hello.glyphs.find((g) => g.codePoints.includes(0x0645));
  expect(meem?.x).toBe(Math.max(...xs));
});

test("Hebrew inside a left-to-right sentence is reversed only within its own span", () => {
  const { lines } = runsOf("Menu: שלום עולם today");
  expect(lineText(lines[0]!)).toBe("Menu: עולם שלום today");
  const { runs } = runsOf("Menu: שלום עולם today");
  const words = inkRuns(runs);
  for (let i = 1; i < words.length; i++) expect(left(words[i]!)).toBeGreaterThan(left(words[i - 1]!));
});

test("numbers in a right-to-left paragraph keep their digits left to right", () => {
  const { runs } = runsOf("السعر 25 دينار");
  const words = inkRuns(runs);
  expect(words.map((r) => r.text.trim())).toEqual(["دينار", "25", "السعر"]);
  const digits = words[1]!;
  expect(digits.rtl).toBe(false);
  expect(digits.glyphs[0]!.codePoints).toEqual([0x32]);
  expect(digits.glyphs[1]!.x).toBeGreaterThan(digits.glyphs[0]!.x);
});

test("right-to-left text wraps with the first words on the first line", () => {
  const text = "مرحبا بالعالم مرحبا بالعالم مرحبا بالعالم مرحبا بالعالم";
  const { lines } = runsOf(text, { w: 200, align: "right" });
  expect(lines.length).toBeGreaterThan(1);
  // The first line ends (visually, at its right) with the paragraph's first word.
  const first = inkRuns(lines[0]!.runs);
  expect(first[first.length - 1]?.text.trim()).toBe("مرحبا");
});

import { expect, test } from "vitest";
import type { GlyphRun } from "~/lib/render/layout.ts";
import { layoutText, lineText } from "./helpers.ts";

function runsOf(text: string, extra: Partial<Parameters<typeof layoutText>[0]> = {}) {
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

/** x of the glyph that draws code point `cp` (the first one found). */
function xOf(runs: GlyphRun[], cp: number): number {
  for (const run of runs) for (const g of run.glyphs) if (g.codePoints.includes(cp)) return g.x;
  throw new Error(`no glyph for U+${cp.toString(16)}`);
}

test("Arabic is laid out right to left: the first word is the rightmost, letters run leftwards", () => {
  const { runs } = runsOf("مرحبا بالعالم");
  // One run in the Arabic face, spaces included, so a PDF keeps it as one right-to-left string.
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ rtl: true, text: "مرحبا بالعالم" });
  const [reh, hah, ain] = [0x631, 0x62d, 0x639].map((cp) => xOf(runs, cp));
  expect(reh).toBeGreaterThan(hah!); // 2nd letter right of the 3rd
  expect(hah).toBeGreaterThan(ain!); // first word right of the second
  // Glyphs within the run are stored left to right (visual order).
  const xs = runs[0]!.glyphs.filter((g) => g.codePoints.length > 0).map((g) => g.x); // marks sit at offsets
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);
});

test("Hebrew inside a left-to-right sentence is reversed only within its own span", () => {
  const { lines, runs } = runsOf("Menu: שלום עולם today");
  expect(lineText(lines[0]!)).toBe("Menu: שלום עולם today");
  const [colon, shin, ayin, t] = [0x3a, 0x5e9, 0x5e2, 0x74].map((cp) => xOf(runs, cp));
  expect(colon).toBeLessThan(ayin!);
  expect(ayin).toBeLessThan(shin!); // "שלום" (first) sits right of "עולם"
  expect(shin).toBeLessThan(t!);
});

test("numbers in a right-to-left paragraph keep their digits left to right", () => {
  const { runs } = runsOf("السعر 25 دينار");
  const [yeh, two, five, seen] = [0x64a, 0x32, 0x35, 0x633].map((cp) => xOf(runs, cp));
  expect(yeh).toBeLessThan(two!); // last word leftmost
  expect(two).toBeLessThan(five!); // digits stay left to right
  expect(five).toBeLessThan(seen!); // first word rightmost
  expect(runs.find((r) => r.text === "25")?.rtl).toBe(false);
});

test("right-to-left text wraps with the first words on the first line", () => {
  const text = "مرحبا بالعالم مرحبا بالعالم مرحبا بالعالم مرحبا بالعالم";
  const { lines } = runsOf(text, { w: 200, align: "right" });
  expect(lines.length).toBeGreaterThan(1);
  // The first line's rightmost glyph is the paragraph's first letter, against the right edge.
  const glyphs = lines[0]!.runs.flatMap((r) => r.glyphs);
  const rightmost = glyphs.reduce((a, b) => (b.x > a.x ? b : a));
  expect(rightmost.codePoints).toEqual([0x645]);
  expect(lines.map(lineText).join(" ")).toBe(text);
});

test("brackets in right-to-left text are mirrored for display but keep their characters", () => {
  const { runs } = runsOf("صباح (٧)");
  const glyphs = runs.flatMap((r) => r.glyphs).sort((a, b) => a.x - b.x);
  // Visual left to right: "(٧) صباح"; the logical ")" is drawn leftmost with the "(" glyph.
  const inter = runs.find((r) => r.text.includes("("))!;
  const open = inter.face.font.glyphForCodePoint(0x28).id;
  expect(glyphs[0]?.id).toBe(open);
  expect(glyphs[0]?.codePoints).toEqual([0x29]);
  expect(runs.map((r) => r.text).join("")).toContain("(");
});

import { expect, test } from "vitest";
import { fonts, layoutText, lineRight, lineText, measure } from "./helpers.ts";

const body = fonts.face({ role: "body", weight: 400, style: "normal" });

test("text wraps greedily on word boundaries within the box, measured with Inter's kerned advances", () => {
  const text = "The quick brown fox jumps over the lazy dog and keeps running through the fields";
  const { block } = layoutText({ text, w: 300, size: 20 });
  const lines = block.lines.map(lineText);
  expect(lines.length).toBeGreaterThanOrEqual(3);
  expect(lines.join(" ")).toBe(text);
  for (const [i, line] of block.lines.entries()) {
    expect(line.width).toBeLessThanOrEqual(300.01);
    expect(line.width).toBeCloseTo(measure(body, lines[i] ?? "", 20), 1);
    const next = lines[i + 1];
    // Greedy: the next line's first word would not have fitted on this one.
    if (next) expect(measure(body, `${lines[i]} ${next.split(" ")[0]}`, 20)).toBeGreaterThan(300);
  }
});

test("a word longer than the line is broken between letters and nothing is lost", () => {
  const word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
  const { block, layout } = layoutText({ text: word, w: 150, size: 20 });
  expect(block.lines.length).toBeGreaterThan(2);
  expect(block.lines.map(lineText).join("")).toBe(word);
  for (const line of block.lines) expect(lineRight(line)).toBeLessThanOrEqual(150.01);
  expect(layout.overflow).toEqual([]);
});

test("shrink-to-fit lands on the largest size between min and max that fits the box", () => {
  const text = "Harbour Café Summer Menu";
  const node = { text, w: 300, h: 100, size: 64, minSize: 16, lineHeight: 1.2, field: "title" };
  const { block, layout } = layoutText(node);
  expect(layout.overflow).toEqual([]);
  expect(block.size).toBeGreaterThan(16);
  expect(block.size).toBeLessThan(64);
  expect(block.lines.length * 1.2 * block.size).toBeLessThanOrEqual(100.5);
  expect(block.lines.map(lineText).join(" ")).toBe(text);
  // Half a pixel larger no longer fits without overflowing or splitting a word.
  const bigger = block.size + 0.5;
  const tooBig = layoutText({ ...node, size: bigger, minSize: bigger });
  const wordsIntact = tooBig.block.lines.map(lineText).join(" ") === text;
  expect(tooBig.layout.overflow.length > 0 || !wordsIntact).toBe(true);
});

test("text that fits at its size keeps that size", () => {
  const { block } = layoutText({ text: "Short", size: 40, minSize: 10 });
  expect(block.size).toBe(40);
  expect(block.lines).toHaveLength(1);
});

test("text that cannot fit at its minimum size is reported with its field and cut with an ellipsis", () => {
  const text = "Fresh fish from the morning boats, bread baked before dawn and coffee roasted down the street.";
  const { block, layout } = layoutText({ text, field: "title", w: 200, h: 50, size: 20, minSize: 16, lineHeight: 1.25 });
  expect(layout.overflow).toHaveLength(1);
  const report = layout.overflow[0];
  expect(report).toMatchObject({ field: "title", available: 2, unit: "lines", size: 16 });
  expect(report?.needed).toBeGreaterThan(2);
  expect(report?.message).toBe(`field \`title\`: needs ${report?.needed} lines at 16 px, box holds 2`);
  expect(block.lines).toHaveLength(2);
  expect(lineText(block.lines[1]!)).toMatch(/…$/);
  for (const line of block.lines) expect(lineRight(line)).toBeLessThanOrEqual(200.01);
});

test("maxLines caps the lines even when the box is taller", () => {
  const { block, layout } = layoutText({ text: "one two three four five six seven eight", w: 80, h: 400, maxLines: 2, field: "tag" });
  expect(block.lines).toHaveLength(2);
  expect(layout.overflow[0]).toMatchObject({ field: "tag", available: 2 });
});

test("justified lines span the full width except the last line of a paragraph", () => {
  const text = "Fresh fish from the morning boats, bread baked before dawn and coffee roasted down the street.";
  const { block } = layoutText({ text, x: 50, w: 260, align: "justify" });
  const lines = block.lines;
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines.slice(0, -1)) expect(lineRight(line)).toBeCloseTo(310, 0);
  expect(lineRight(lines[lines.length - 1]!)).toBeLessThan(300);
});

test("right and centre alignment place lines against the right edge and around the middle", () => {
  const right = layoutText({ text: "Menu", x: 100, w: 300, align: "right" }).block.lines[0]!;
  expect(lineRight(right)).toBeCloseTo(400, 1);
  const centre = layoutText({ text: "Menu", x: 100, w: 300, align: "center" }).block.lines[0]!;
  expect((centre.x + lineRight(centre)) / 2).toBeCloseTo(250, 1);
});

test("letter-spacing adds its em fraction after every glyph but the last", () => {
  const plain = layoutText({ text: "OPEN DAILY", size: 20 }).block.lines[0]!;
  const spaced = layoutText({ text: "OPEN DAILY", size: 20, letterSpacing: 0.1 }).block.lines[0]!;
  expect(spaced.width - plain.width).toBeCloseTo(0.1 * 20 * 9, 1);
});

test("uppercase transforms the content before layout", () => {
  const { block } = layoutText({ text: "Straße café", uppercase: true });
  expect(lineText(block.lines[0]!)).toBe("STRASSE CAFÉ");
});

test("vertical middle centres the block of lines in the box", () => {
  const { block } = layoutText({ text: "One line", y: 100, h: 200, size: 20, lineHeight: 1.5, valign: "middle" });
  const m = { ascent: (body.ascent * 20) / body.unitsPerEm, descent: (-body.descent * 20) / body.unitsPerEm };
  const baseline = block.lines[0]!.baseline;
  // Line box 30 px centred in 100..300; the glyph box is centred in the line box.
  expect(baseline - m.ascent + (m.ascent + m.descent) / 2).toBeCloseTo(200, 1);
});

test("blank lines in the content are kept as empty lines", () => {
  const { block } = layoutText({ text: "Top\n\nBottom", size: 20, lineHeight: 1.5 });
  expect(block.lines.map(lineText)).toEqual(["Top", "", "Bottom"]);
  expect(block.lines[2]!.baseline - block.lines[0]!.baseline).toBeCloseTo(60, 5);
});

test("empty text lays out no lines and reports nothing", () => {
  const { block, layout } = layoutText({ text: "   ", field: "subtitle" });
  expect(block.lines).toEqual([]);
  expect(layout.overflow).toEqual([]);
});

import { expect, test } from "vitest";
import { layoutScene, type LaidLine } from "~/lib/render/layout.ts";
import type { SceneInput } from "~/lib/render/scene.ts";
import { fonts, lineRight, lineText } from "./helpers.ts";

type LeadersInput = Extract<SceneInput["nodes"][number], { type: "leaders" }>;
const LABEL = "#111111";
const PRICE = "#222222";
const DOTS = "#333333";

function leaders(extra: Partial<LeadersInput> = {}) {
  const node: LeadersInput = {
    type: "leaders",
    field: "items",
    x: 40,
    y: 20,
    w: 500,
    h: 400,
    rows: [
      { label: "Grilled sardines", price: "€12" },
      { label: "Fish stew", price: "€18.50" },
      { label: "Octopus salad with potatoes, capers and a great deal of olive oil", price: "€16" },
    ],
    label: { font: { role: "body", weight: 600 }, size: 20, colour: LABEL },
    price: { font: { role: "body", weight: 600 }, size: 20, colour: PRICE },
    leader: { colour: DOTS, spacing: 0.5 },
    ...extra,
  };
  const layout = layoutScene({ width: 600, height: 500, nodes: [node] }, fonts);
  const item = layout.items[0];
  if (item?.kind !== "text") throw new Error("expected a laid-out leaders node");
  const colour = (l: LaidLine) => l.runs[0]?.colour;
  return { layout, block: item.block, colour };
}

/** Groups the lines of each row: label lines, then price, then dots. */
function rows(lines: LaidLine[], colour: (l: LaidLine) => string | undefined) {
  const out: { labels: LaidLine[]; price?: LaidLine; dots?: LaidLine }[] = [];
  for (const line of lines) {
    const c = colour(line);
    if (c === LABEL) {
      const last = out[out.length - 1];
      if (!last || last.price) out.push({ labels: [line] });
      else last.labels.push(line);
    } else if (c === PRICE) out[out.length - 1]!.price = line;
    else if (c === DOTS) out[out.length - 1]!.dots = line;
  }
  return out;
}

test("dot leaders fill the gap between each label and its right-aligned price", () => {
  const { block, colour, layout } = leaders();
  expect(layout.overflow).toEqual([]);
  const parsed = rows(block.lines, colour);
  expect(parsed).toHaveLength(3);
  const pitch = 0.5 * 20;
  for (const row of parsed) {
    const label = row.labels[row.labels.length - 1]!;
    const price = row.price!;
    const dots = row.dots!.runs[0]!;
    expect(lineRight(price)).toBeCloseTo(540, 1);
    expect(price.baseline).toBeCloseTo(label.baseline, 5);
    const xs = dots.glyphs.map((g) => g.x);
    expect(xs.length).toBeGreaterThan(3);
    expect(xs[0]!).toBeGreaterThan(lineRight(label));
    expect(xs[0]! - lineRight(label)).toBeLessThan(2 * pitch);
    const lastDotRight = xs[xs.length - 1]! + (dots.face.glyphAdvance(dots.glyphs[0]!.id) * 20) / dots.face.unitsPerEm;
    expect(lastDotRight).toBeLessThanOrEqual(price.x);
    expect(price.x - lastDotRight).toBeLessThan(2 * pitch);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(pitch, 5);
    // Dots sit on a grid from the column edge, so they line up down the menu.
    expect(((xs[0]! - 40) / pitch) % 1).toBeCloseTo(0, 5);
  }
});

test("a long label wraps and its price sits on the label's last line", () => {
  const { block, colour } = leaders();
  const octopus = rows(block.lines, colour)[2]!;
  expect(octopus.labels.length).toBeGreaterThan(1);
  expect(octopus.labels.map(lineText).join(" ")).toBe("Octopus salad with potatoes, capers and a great deal of olive oil");
  expect(octopus.price!.baseline).toBeCloseTo(octopus.labels[octopus.labels.length - 1]!.baseline, 5);
  for (const l of octopus.labels) expect(lineRight(l)).toBeLessThan(octopus.price!.x);
});

test("rows that do not fit the box are reported as an overflow of the rows field", () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ label: `Dish number ${i + 1}`, price: `€${i + 5}` }));
  const { layout, block, colour } = leaders({ rows: many, h: 200 });
  const placed = rows(block.lines, colour).length;
  expect(placed).toBeGreaterThan(0);
  expect(placed).toBeLessThan(30);
  expect(layout.overflow).toEqual([
    { field: "items", needed: 30, available: placed, unit: "rows", size: 20, message: `field \`items\`: needs 30 rows at 20 px, box holds ${placed}` },
  ]);
});

test("leaders shrink every size by one factor down to minScale before overflowing", () => {
  const many = Array.from({ length: 12 }, (_, i) => ({ label: `Dish ${i + 1}`, price: `€${i + 5}` }));
  const { layout, block } = leaders({ rows: many, h: 300, minScale: 0.5 });
  expect(layout.overflow).toEqual([]);
  expect(block.size).toBeLessThan(20);
  expect(block.size).toBeGreaterThanOrEqual(10);
  const bottom = Math.max(...block.lines.map((l) => l.baseline));
  expect(bottom).toBeLessThanOrEqual(320);
});

test("rows flow into the next column when the first is full", () => {
  const many = Array.from({ length: 10 }, (_, i) => ({ label: `Dish ${i + 1}`, price: `€${i + 5}` }));
  const { layout, block, colour } = leaders({ rows: many, h: 170, columns: 2, columnGap: 20 });
  expect(layout.overflow).toEqual([]);
  const xs = new Set(rows(block.lines, colour).map((r) => Math.round(r.labels[0]!.x)));
  expect([...xs].sort((a, b) => a - b)).toEqual([40, 40 + 240 + 20]);
});

test("a detail line goes under the label in its own style", () => {
  const { block } = leaders({
    rows: [{ label: "Sardines", price: "€12", detail: "lemon, parsley, sourdough" }],
    detail: { font: { role: "body", style: "italic" }, size: 14, colour: "#444444" },
  });
  const detail = block.lines.find((l) => l.runs[0]?.colour === "#444444");
  const label = block.lines.find((l) => l.runs[0]?.colour === LABEL);
  expect(detail && lineText(detail)).toBe("lemon, parsley, sourdough");
  expect(detail!.baseline).toBeGreaterThan(label!.baseline);
  expect(detail!.runs[0]!.face.postscriptName).toBe("Inter-Italic");
});

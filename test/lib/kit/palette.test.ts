import { expect, test } from "vitest";
import { converter } from "culori";
import {
  bestTextOn,
  contrastMatrix,
  contrastRatio,
  deltaE2000,
  formatRatio,
  ramp,
  readableTextByRole,
} from "~/lib/kit/palette.ts";
import { fullKit } from "./token-fixtures.ts";

test("#777777 on white is 4.48:1 and fails AA text, passes large text", () => {
  const ratio = contrastRatio("#777777", "#ffffff");
  expect(ratio).toBeCloseTo(4.478, 3);
  expect(ratio < 4.5).toBe(true);
  expect(formatRatio(ratio)).toBe("4.47:1");
});

test("black on white is 21:1 and contrast is symmetric", () => {
  expect(contrastRatio("#000", "white")).toBe(21);
  expect(contrastRatio("#1f3a5f", "#faf7f2")).toBeCloseTo(contrastRatio("#faf7f2", "#1f3a5f"), 12);
  expect(contrastRatio("#abcdef", "#abcdef")).toBe(1);
});

// Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
// supplementary test data, and mathematical observations", Table 1: L*a*b* pairs and ΔE00.
const SHARMA: [number, number, number, number, number, number, number][] = [
  [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
  [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
  [50.0, 2.8361, -74.02, 50.0, 0.0, -82.7485, 3.4412],
  [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0],
  [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
  [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.001, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
  [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.001, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
  [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
  [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
  [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
  [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.903],
  [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
  [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0],
  [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2592, 0.335, 1.0],
  [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
  [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
  [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
  [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
  [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
  [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
  [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
  [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
  [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
];

test("CIEDE2000 matches all 34 Sharma–Wu–Dalal pairs to 4 decimals, in both orders", () => {
  expect(SHARMA).toHaveLength(34);
  // culori's ΔE00 converts its inputs to `lab65`; giving lab65 objects means the published Lab values
  // are used as they are (a `lab` object would be adapted from D50 first and drift).
  const lab = (l: number, a: number, b: number) => ({ mode: "lab65" as const, l, a, b });
  SHARMA.forEach(([l1, a1, b1, l2, a2, b2, expected], i) => {
    const forward = deltaE2000(lab(l1, a1, b1), lab(l2, a2, b2));
    const backward = deltaE2000(lab(l2, a2, b2), lab(l1, a1, b1));
    expect(Math.abs(forward - expected), `pair ${i + 1}`).toBeLessThan(0.00005);
    expect(Math.abs(backward - expected), `pair ${i + 1} reversed`).toBeLessThan(0.00005);
  });
});

test("CIEDE2000 on hex strings: identical colours are 0, near-identical under 1", () => {
  expect(deltaE2000("#1f3a5f", "#1f3a5f")).toBe(0);
  expect(deltaE2000("#1f3a5f", "#1f3a60")).toBeLessThan(1);
  expect(deltaE2000("#1f3a5f", "#c8553d")).toBeGreaterThan(3.5);
});

const oklchL = (hex: string) => converter("oklch")(hex)?.l ?? NaN;

test("ramps get strictly darker step by step, keep the hue and contain the colour itself", () => {
  const toOklch = converter("oklch");
  for (const hex of ["#1f3a5f", "#c8553d", "#ffd700", "#6e6a64", "#000000", "#ffffff", "#00ff00", "#7a2e4d"]) {
    const steps = ramp(hex);
    expect(steps.map((s) => s.step)).toEqual([50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950]);
    for (let i = 1; i < steps.length; i++) {
      expect(oklchL(steps[i]!.hex), `${hex} step ${steps[i]!.step}`).toBeLessThan(oklchL(steps[i - 1]!.hex));
    }
    expect(steps.filter((s) => s.base).map((s) => s.hex)).toEqual([hex]);
    steps.forEach((s) => expect(s.hex).toMatch(/^#[0-9a-f]{6}$/));
  }
  const base = toOklch("#1f3a5f")!;
  for (const s of ramp("#1f3a5f").slice(1, 10)) {
    const c = toOklch(s.hex)!;
    // 8-bit rounding moves the hue of low-chroma tints a little; it must stay navy, not drift.
    expect(Math.abs((c.h ?? 0) - (base.h ?? 0)), `step ${s.step}`).toBeLessThan(8);
  }
});

test("contrast matrix covers every role on every role, with 4.48:1 failing AA", () => {
  const kit = fullKit();
  kit.palette.muted = { color: "#777777", name: "pebble" };
  kit.palette.background = { color: "#ffffff", name: "white" };
  const matrix = contrastMatrix(kit);
  const { roles, rows } = matrix;
  expect(roles.map((r) => r.role)).toEqual(["primary", "secondary", "accent", "background", "surface", "text", "muted", "deep-sea", "vine"]);
  expect(rows).toHaveLength(9);
  rows.forEach((row) => expect(row).toHaveLength(9));
  const bg = roles.findIndex((r) => r.role === "background");
  const muted = roles.findIndex((r) => r.role === "muted");
  const cell = rows[bg]![muted]!;
  expect(cell.text).toEqual({ role: "muted", name: "pebble", hex: "#777777" });
  expect(cell.background.hex).toBe("#ffffff");
  expect(cell.ratio).toBeCloseTo(4.478, 3);
  expect(cell).toMatchObject({ passAA: false, passLarge: true });
  expect(rows[bg]![bg]!.ratio).toBe(1);
  expect(matrix.cell("muted", "background")).toBe(cell);
  expect(matrix.cell("background", "muted")?.ratio).toBeCloseTo(4.478, 3);
  expect(matrix.cell("nope", "background")).toBeUndefined();
  expect(matrix.cells).toHaveLength(81);
});

test("the best text on a colour is the kit colour with the highest contrast", () => {
  const kit = fullKit();
  const onCream = bestTextOn(kit, "#faf7f2");
  expect(onCream.role).toBe("text");
  expect(onCream.passAA).toBe(true);
  const onNavy = bestTextOn(kit, "#1f3a5f");
  expect(onNavy.role).toBe("background");
  expect(onNavy.ratio).toBeCloseTo(contrastRatio("#faf7f2", "#1f3a5f"), 10);
});

test("readable text by role never picks the role itself and offers black or white as a fallback", () => {
  const kit = fullKit();
  const table = readableTextByRole(kit);
  expect(Object.keys(table)).toHaveLength(9);
  for (const [role, entry] of Object.entries(table)) {
    expect(entry.text.role).not.toBe(role);
    expect(entry.plain.ratio).toBeGreaterThanOrEqual(4.5);
  }
  expect(table.primary!.text.role).toBe("background");
  expect(table.accent!.plain.hex).toBe("#000000");
});


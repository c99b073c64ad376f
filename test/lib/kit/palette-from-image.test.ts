import sharp from "sharp";
import { expect, test } from "vitest";
import { nameColour } from "../../../app/lib/kit/colour-names.ts";
import { contrastRatio, deltaE2000 } from "../../../app/lib/kit/palette.ts";
import { paletteFromImage, proposeRoles, type Swatch } from "../../../app/lib/kit/palette-from-image.server.ts";
import { PALETTE_ROLES, PaletteSchema } from "../../../app/lib/kit/schema.ts";
import { UploadError } from "../../../app/lib/upload/errors.ts";

const NAVY = "#1f3a5f";
const CREAM = "#f4efe6";
const TERRACOTTA = "#e07a5f";

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Vertical bands of the given colours and widths (fractions of the width), as raw RGBA. */
function bands(width: number, height: number, parts: { hex: string; share: number; alpha?: number }[]) {
  const data = Buffer.alloc(width * height * 4);
  for (let x = 0; x < width; x++) {
    let edge = 0;
    const part = parts.find((p) => x < Math.round((edge += p.share) * width)) ?? parts[parts.length - 1]!;
    const [r, g, b] = rgb(part.hex);
    for (let y = 0; y < height; y++) data.set([r, g, b, part.alpha ?? 255], (y * width + x) * 4);
  }
  return sharp(data, { raw: { width, height, channels: 4 } });
}

/** Asserts each expected colour is found within ΔE00 2 and its share within `tolerance`. */
function expectPalette(found: Swatch[], expected: { hex: string; share: number }[], tolerance = 0.03) {
  expect(found).toHaveLength(expected.length);
  for (const want of expected) {
    const match = found.find((f) => deltaE2000(f.hex, want.hex) <= 2);
    expect(match, `${want.hex} in ${JSON.stringify(found)}`).toBeDefined();
    expect(Math.abs(match!.share - want.share), `${want.hex} share`).toBeLessThanOrEqual(tolerance);
  }
  expect(found.reduce((sum, f) => sum + f.share, 0)).toBeCloseTo(1, 6);
  expect(found.map((f) => f.share)).toEqual([...found.map((f) => f.share)].sort((a, b) => b - a));
}

const brand = [
  { hex: NAVY, share: 0.6 },
  { hex: CREAM, share: 0.3 },
  { hex: TERRACOTTA, share: 0.1 },
];

test("a PNG of 60% navy, 30% cream and 10% terracotta gives those colours and shares", async () => {
  const { colours } = await paletteFromImage(await bands(500, 300, brand).png().toBuffer());
  expectPalette(colours, brand);
  // Flat colours come back exactly, not nudged by averaging.
  expect(colours.map((c) => c.hex)).toEqual([NAVY, CREAM, TERRACOTTA]);
});

test("JPEG noise around the same colours still gives three colours within ΔE00 2", async () => {
  const { colours } = await paletteFromImage(await bands(480, 320, brand).jpeg({ quality: 70 }).toBuffer());
  expectPalette(colours, brand);
});

test("an SVG logo is sanitised, rasterised and measured by area", async () => {
  // Cream field 200×100; navy circle r=30 (14.1%); terracotta bar 80×40 (16%). A script is ignored.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" onload="alert(1)"><script>alert(1)</script>
    <rect width="200" height="100" fill="${CREAM}"/><circle cx="50" cy="50" r="30" fill="${NAVY}"/>
    <rect x="100" y="30" width="80" height="40" fill="${TERRACOTTA}"/></svg>`;
  const circle = (Math.PI * 900) / 20000;
  const { colours } = await paletteFromImage(Buffer.from(svg));
  expectPalette(colours, [
    { hex: CREAM, share: 1 - circle - 0.16 },
    { hex: TERRACOTTA, share: 0.16 },
    { hex: NAVY, share: circle },
  ]);
});

test("a tiny SVG viewBox is rendered large enough to measure", async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><rect width="3" height="2" fill="${NAVY}"/><rect x="3" width="1" height="2" fill="${TERRACOTTA}"/></svg>`;
  const { colours } = await paletteFromImage(Buffer.from(svg));
  expectPalette(colours, [
    { hex: NAVY, share: 0.75 },
    { hex: TERRACOTTA, share: 0.25 },
  ]);
});

test("transparent pixels are skipped, whatever colour they hold", async () => {
  const image = bands(200, 100, [
    { hex: "#ff0000", share: 0.5, alpha: 0 },
    { hex: "#00ff00", share: 0.2, alpha: 100 },
    { hex: NAVY, share: 0.3 },
  ]);
  const { colours } = await paletteFromImage(await image.png().toBuffer());
  expect(colours).toEqual([{ hex: NAVY, share: 1 }]);
  const clear = await bands(50, 50, [{ hex: NAVY, share: 1, alpha: 0 }]).png().toBuffer();
  await expect(paletteFromImage(clear, { fileName: "ghost.png" })).rejects.toThrow(new UploadError("ghost.png", "the image is fully transparent; there are no colours to read"));
});

test("near-identical colours are one colour, and count caps the result", async () => {
  const close = await bands(200, 100, [
    { hex: NAVY, share: 0.5 },
    { hex: "#223d62", share: 0.5 },
  ])
    .png()
    .toBuffer();
  const merged = (await paletteFromImage(close)).colours;
  expect(merged).toHaveLength(1);
  expect(deltaE2000(merged[0]!.hex, NAVY)).toBeLessThan(2);

  const five = ["#1f3a5f", "#f4efe6", "#e07a5f", "#2a9d8f", "#e9c46a"].map((hex) => ({ hex, share: 0.2 }));
  const image = await bands(500, 100, five).png().toBuffer();
  expect((await paletteFromImage(image)).colours).toHaveLength(5);
  const capped = (await paletteFromImage(image, { count: 3 })).colours;
  expect(capped).toHaveLength(3);
  expect(capped.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 6);
});

test("a photo-like noisy image gives a deterministic palette of distinct colours", async () => {
  const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#000", noise: { type: "gaussian", mean: 120, sigma: 60 } } })
    .composite([{ input: await bands(300, 200, brand).png().toBuffer(), blend: "overlay" }])
    .jpeg()
    .toBuffer();
  const first = await paletteFromImage(photo);
  const second = await paletteFromImage(photo);
  expect(second).toEqual(first);
  expect(first.colours.length).toBeGreaterThanOrEqual(3);
  expect(first.colours.length).toBeLessThanOrEqual(6);
  for (const [i, a] of first.colours.entries()) {
    for (const b of first.colours.slice(i + 1)) expect(deltaE2000(a.hex, b.hex)).toBeGreaterThanOrEqual(5);
  }
});

test("files that are not images are refused with the file name", async () => {
  await expect(paletteFromImage(Buffer.from("hello"), { fileName: "logo.png" })).rejects.toThrow("logo.png: not a PNG, JPEG, WebP or SVG image");
  const png = await bands(100, 100, brand).png().toBuffer();
  await expect(paletteFromImage(png.subarray(0, png.length - 30), { fileName: "cut.png" })).rejects.toThrow(/^cut\.png: the image cannot be read/);
});

test("roles for the navy/cream/terracotta brand read as a designer would set them", () => {
  const roles = proposeRoles(brand);
  expect(roles.background).toMatchObject({ color: CREAM, name: "cream" });
  expect(roles.primary).toMatchObject({ color: NAVY, name: "navy" });
  expect(roles.text).toMatchObject({ color: NAVY });
  expect(roles.text?.reason).toMatch(/darkest colour in the image, 10\.\d\d:1 on the background/);
  expect(roles.accent).toMatchObject({ color: TERRACOTTA, name: "terracotta" });
  expect(roles.secondary?.reason).toContain("the primary lightened");
  expect(roles.surface?.name).toBe("darker cream");
  for (const role of ["text", "muted"] as const) {
    expect(contrastRatio(roles[role]!.color, roles.background!.color)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(roles[role]!.color, roles.surface!.color)).toBeGreaterThanOrEqual(4.5);
  }
  // Softer than the text, but not by nothing.
  expect(contrastRatio(roles.muted!.color, CREAM)).toBeLessThan(contrastRatio(NAVY, CREAM) * 0.7);
});

test("every proposal is a complete, valid kit palette with distinct names for distinct colours", () => {
  const cases: Swatch[][] = [
    brand,
    [],
    [{ hex: "#000000", share: 1 }],
    [
      { hex: NAVY, share: 0.7 },
      { hex: "#0f766e", share: 0.3 },
    ],
    [
      { hex: "#ffd6e0", share: 0.6 },
      { hex: "#cde7f0", share: 0.4 },
    ],
  ];
  for (const colours of cases) {
    const roles = proposeRoles(colours);
    expect(Object.keys(roles).sort()).toEqual([...PALETTE_ROLES].sort());
    const palette = PaletteSchema.parse(Object.fromEntries(Object.entries(roles).map(([role, p]) => [role, { color: p.color, name: p.name }])));
    expect(Object.keys(palette)).toHaveLength(7);
    const byName = new Map<string, string>();
    for (const p of Object.values(roles)) {
      expect(byName.get(p.name) ?? p.color, `${p.name} names two colours`).toBe(p.color);
      byName.set(p.name, p.color);
      expect(p.reason.length).toBeGreaterThan(10);
    }
    expect(contrastRatio(roles.text!.color, roles.background!.color)).toBeGreaterThanOrEqual(4.5);
    expect(JSON.stringify(proposeRoles(colours))).toBe(JSON.stringify(roles));
  }
});

test("a dark-only logo gets a white background; a pastel-only one gets a derived dark text", () => {
  const dark = proposeRoles([
    { hex: NAVY, share: 0.7 },
    { hex: "#0f766e", share: 0.3 },
  ]);
  expect(dark.background).toMatchObject({ color: "#ffffff", name: "white" });
  expect(dark.background?.reason).toContain("no light colour");
  expect(dark.text?.color).toBe(NAVY);
  expect(dark.accent).toMatchObject({ color: "#0f766e", name: "teal" });

  const pastel = proposeRoles([
    { hex: "#ffd6e0", share: 0.6 },
    { hex: "#cde7f0", share: 0.4 },
  ]);
  expect(pastel.background?.color).toBe("#ffd6e0");
  expect(pastel.text?.reason).toContain("near-black");
  expect(contrastRatio(pastel.text!.color, "#ffd6e0")).toBeGreaterThan(10);
});

test("colour names are plain words with light/dark qualifiers", () => {
  const names: Record<string, string> = {
    [NAVY]: "navy",
    [CREAM]: "cream",
    [TERRACOTTA]: "terracotta",
    "#0f766e": "teal",
    "#115e59": "deep teal",
    "#ffffff": "white",
    "#000000": "black",
    "#333333": "charcoal",
    "#ff0000": "red",
    "#8b4513": "brown",
    "#14532d": "forest green",
    "#0ea5e9": "sky blue",
    "#7c3aed": "violet",
    "#9f1239": "burgundy",
    "#ffc0cb": "pink",
    "#e6d5b8": "beige",
    "#808000": "olive",
    "#6c819e": "dusty blue",
  };
  for (const [hex, name] of Object.entries(names)) expect(nameColour(hex), hex).toBe(name);
});

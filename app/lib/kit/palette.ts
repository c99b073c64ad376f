// Palette maths for a brand kit: WCAG contrast, CIEDE2000 distance, OKLCH tints/shades and the
// text-on-colour pairs a UI or a template needs. Pure; all colours are sRGB hex strings.
import { converter, differenceCiede2000, formatHex, parse, toGamut, wcagContrast, type Color } from "culori";
import { paletteRoles, type BrandKit } from "./schema.ts";

const toOklch = converter("oklch");
// Chroma reduction only (no CSS Color 4 "close enough" clip): the clip step visibly bends light blues
// toward cyan, and a brand ramp has to keep its hue.
const toSrgbGamut = toGamut("rgb", "oklch", null);
const ciede2000 = differenceCiede2000();

/** WCAG 2.x minimums. Ratios are compared unrounded: 4.48:1 fails 4.5:1. */
export const AA_TEXT = 4.5;
export const AA_LARGE = 3;

function colour(input: string | Color): Color {
  if (typeof input !== "string") return input;
  const parsed = parse(input);
  if (!parsed) throw new Error(`"${input.slice(0, 60)}" is not a CSS colour`);
  return parsed;
}

/** WCAG 2.x contrast ratio between two colours, 1–21, unrounded. */
export function contrastRatio(a: string, b: string): number {
  return wcagContrast(colour(a), colour(b));
}

/**
 * CIEDE2000 colour difference (kL = kC = kH = 1). culori computes it in D65 CIELAB (`lab65`), so Lab
 * values given as `{ mode: "lab65", l, a, b }` are used exactly as given.
 */
export function deltaE2000(a: string | Color, b: string | Color): number {
  return ciede2000(colour(a), colour(b));
}

/** "4.47:1": truncated, never rounded up, so a displayed ratio never passes when the real one fails. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

export const RAMP_STEPS = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;
// OKLCH lightness per step, evenly spaced by eye like Tailwind's palettes.
const RAMP_LIGHTNESS = [0.975, 0.94, 0.88, 0.8, 0.71, 0.62, 0.54, 0.46, 0.38, 0.3, 0.23] as const;

export type RampStep = { step: number; hex: string; /** true for the step that is the colour itself */ base: boolean };

/**
 * Tints and shades at fixed OKLCH lightness, keeping the colour's hue and chroma and mapping each into
 * sRGB by reducing chroma only (lightness and hue kept). The step
 * nearest the colour's own lightness is the colour itself, so `primary-500` may be exactly `primary`.
 */
export function ramp(hex: string): RampStep[] {
  const base = toOklch(colour(hex));
  if (!base) throw new Error(`"${hex}" is not a CSS colour`);
  const baseHex = formatHex(colour(hex));
  let nearest = 0;
  RAMP_LIGHTNESS.forEach((l, i) => {
    if (Math.abs(l - base.l) < Math.abs((RAMP_LIGHTNESS[nearest] ?? 0) - base.l)) nearest = i;
  });
  return RAMP_STEPS.map((step, i) => {
    if (i === nearest) return { step, hex: baseHex, base: true };
    const l = RAMP_LIGHTNESS[i] ?? 0.5;
    const mapped = toSrgbGamut({ mode: "oklch", l, c: base.c ?? 0, h: base.h ?? 0 });
    return { step, hex: formatHex(mapped), base: false };
  });
}

export type RoleColour = { role: string; name: string; hex: string };
export type ContrastCell = { text: RoleColour; background: RoleColour; ratio: number; passAA: boolean; passLarge: boolean };
export type TextChoice = RoleColour & { ratio: number; passAA: boolean; passLarge: boolean };

/** Palette roles in display order with their names and hexes. */
export function roleColours(kit: Pick<BrandKit, "palette">): RoleColour[] {
  return paletteRoles(kit).flatMap((role) => {
    const entry = kit.palette[role];
    return entry ? [{ role, name: entry.name, hex: entry.color }] : [];
  });
}

function cell(text: RoleColour, background: RoleColour): ContrastCell {
  const ratio = contrastRatio(text.hex, background.hex);
  return { text, background, ratio, passAA: ratio >= AA_TEXT, passLarge: ratio >= AA_LARGE };
}

export type ContrastMatrix = {
  /** All palette roles in display order; `texts` and `backgrounds` are the same list, named for a grid. */
  roles: RoleColour[];
  texts: RoleColour[];
  backgrounds: RoleColour[];
  /** `rows[i][j]`: text `roles[j]` on background `roles[i]` (the diagonal is a colour on itself, 1:1). */
  rows: ContrastCell[][];
  /** Every pair, background-major; the same cells as `rows`. */
  cells: ContrastCell[];
  cell(textRole: string, backgroundRole: string): ContrastCell | undefined;
};

/** Every palette colour as text on every palette colour as background. */
export function contrastMatrix(kit: Pick<BrandKit, "palette">): ContrastMatrix {
  const roles = roleColours(kit);
  const rows = roles.map((bg) => roles.map((fg) => cell(fg, bg)));
  const index = new Map(roles.map((r, i) => [r.role, i]));
  return {
    roles,
    texts: roles,
    backgrounds: roles,
    rows,
    cells: rows.flat(),
    cell: (textRole, backgroundRole) => rows[index.get(backgroundRole) ?? -1]?.[index.get(textRole) ?? -1],
  };
}

/** The kit colour that reads best on `backgroundHex` (highest contrast), with its ratio. */
export function bestTextOn(kit: Pick<BrandKit, "palette">, backgroundHex: string, exceptRole?: string): TextChoice {
  let best: TextChoice | undefined;
  for (const candidate of roleColours(kit)) {
    if (candidate.role === exceptRole) continue;
    const ratio = contrastRatio(candidate.hex, backgroundHex);
    if (!best || ratio > best.ratio) best = { ...candidate, ratio, passAA: ratio >= AA_TEXT, passLarge: ratio >= AA_LARGE };
  }
  if (!best) throw new Error("the palette has no colours");
  return best;
}

export type ReadableText = {
  background: RoleColour;
  /** Best kit colour for text on this role. */
  text: TextChoice;
  /** Black or white, whichever reads better: the fallback when no kit colour passes AA. */
  plain: { hex: "#000000" | "#ffffff"; ratio: number; passAA: boolean };
};

/** For each palette role used as a background, the kit colour that reads best on it. */
export function readableTextByRole(kit: Pick<BrandKit, "palette">): Record<string, ReadableText> {
  const out: Record<string, ReadableText> = {};
  for (const background of roleColours(kit)) {
    const onBlack = contrastRatio("#000000", background.hex);
    const onWhite = contrastRatio("#ffffff", background.hex);
    const plain = onBlack >= onWhite ? ({ hex: "#000000", ratio: onBlack } as const) : ({ hex: "#ffffff", ratio: onWhite } as const);
    out[background.role] = {
      background,
      text: bestTextOn(kit, background.hex, background.role),
      plain: { ...plain, passAA: plain.ratio >= AA_TEXT },
    };
  }
  return out;
}

/** OKLCH lightness 0–1, for sorting and for telling light backgrounds from dark ones. */
export function lightness(hex: string): number {
  return toOklch(colour(hex))?.l ?? 0;
}

/** The colour with its OKLCH lightness moved by `delta` (hue kept, gamut-mapped). */
export function shiftLightness(hex: string, delta: number): string {
  const c = toOklch(colour(hex));
  if (!c) return hex;
  return formatHex(toSrgbGamut({ mode: "oklch", l: Math.min(1, Math.max(0, c.l + delta)), c: c.c, h: c.h ?? 0 }));
}

/** The colour with its OKLCH hue rotated by `degrees` (lightness and chroma kept, gamut-mapped). */
export function rotateHue(hex: string, degrees: number): string {
  const c = toOklch(colour(hex));
  if (!c) return hex;
  return formatHex(toSrgbGamut({ mode: "oklch", l: c.l, c: c.c, h: ((c.h ?? 0) + degrees + 360) % 360 }));
}

/** Mixes two colours in OKLab; t = 0 gives `a`, 1 gives `b`. */
export function mix(a: string, b: string, t: number): string {
  const toOklab = converter("oklab");
  const x = toOklab(colour(a));
  const y = toOklab(colour(b));
  if (!x || !y) return a;
  return formatHex(toSrgbGamut({ mode: "oklab", l: x.l + (y.l - x.l) * t, a: x.a + (y.a - x.a) * t, b: x.b + (y.b - x.b) * t }));
}

// Brand-audit judgements, pure: each dominant colour matched to the nearest kit colour by CIEDE2000,
// classed by the colour rules, and the on-brand score with the neutral rule. The score is the sum of
// the on-brand rows' shares, so a reader can check it against the table.
import { converter } from "culori";
import type { Swatch } from "../kit/dominant-colours.ts";
import { deltaE2000, roleColours } from "../kit/palette.ts";
import type { BrandKit } from "../kit/schema.ts";

/** CIEDE2000 limits from the colour rules (design.md): ≤ 1 same colour, ≤ 2 on brand, ≤ 3.5 warn, beyond off brand. */
export const DELTA_E = { same: 1, onBrand: 2, warn: 3.5 } as const;
export type ColourClass = "same" | "on-brand" | "warn" | "off-brand";

/** OKLCH chroma below which a colour reads as white, grey or black rather than as a colour. */
export const NEUTRAL_CHROMA = 0.035;
/** How far (OKLCH lightness) a kit neutral reaches to cover the greys around it. */
export const NEUTRAL_REACH = 0.1;
/** A kit neutral at least this light stands for every lighter neutral (its paper white), one at most NEUTRAL_DARK for every darker one (its ink). */
export const NEUTRAL_LIGHT = 0.85;
export const NEUTRAL_DARK = 0.3;

export const NEUTRAL_RULE =
  `A colour with OKLCH chroma below ${NEUTRAL_CHROMA} is a neutral (white, grey, black). A neutral counts as on brand when a kit colour ` +
  `is within ΔE00 ${DELTA_E.onBrand} of it, or when the kit has a neutral within ${NEUTRAL_REACH} OKLCH lightness of it; the kit's ` +
  `lightest neutral (if lightness ≥ ${NEUTRAL_LIGHT}) also covers every lighter neutral and its darkest (if ≤ ${NEUTRAL_DARK}) every darker ` +
  `one, so paper white and ink black are not held against a kit that has an off-white and a near-black. A kit without neutrals ` +
  `gets no such allowance. Colours (chroma ≥ ${NEUTRAL_CHROMA}) count only within ΔE00 ${DELTA_E.onBrand}.`;

export function classifyDeltaE(deltaE: number): ColourClass {
  if (deltaE <= DELTA_E.same) return "same";
  if (deltaE <= DELTA_E.onBrand) return "on-brand";
  if (deltaE <= DELTA_E.warn) return "warn";
  return "off-brand";
}

const toOklch = converter("oklch");

export function oklchOf(hex: string): { l: number; c: number } {
  const c = toOklch(hex);
  if (!c) throw new Error(`"${hex.slice(0, 40)}" is not a CSS colour`);
  return { l: c.l, c: c.c ?? 0 };
}

export function isNeutral(hex: string): boolean {
  return oklchOf(hex).c < NEUTRAL_CHROMA;
}

export type KitColourRef = { role: string; name: string; hex: string };

export type ColourVerdict = {
  hex: string;
  /** Share of the audited pixels, 0–1. */
  share: number;
  nearest: KitColourRef;
  /** CIEDE2000 to `nearest`, unrounded. */
  deltaE: number;
  class: ColourClass;
  neutral: boolean;
  /** Counted as on brand in the score: ΔE00 ≤ 2, a neutral covered by the kit's neutrals, or an edge blend of kit colours. */
  onBrand: boolean;
  /** The kit neutral that covers this neutral when ΔE alone would not. */
  coveredBy?: KitColourRef;
  /** Two kit colours the image uses that this small colour lies between: their anti-aliased edge. */
  blendOf?: [KitColourRef, KitColourRef];
};

export type ColourJudgement = {
  colours: ColourVerdict[];
  /** Share of the audited pixels that is on brand, 0–1. */
  score: number;
  /** On-brand share of the chromatic (non-neutral) pixels alone; null when under 1% of the image is chromatic. */
  chromaticScore: number | null;
  /** Share of the pixels that are neutrals. */
  neutralShare: number;
  /** Colours not on brand (warn and off brand, neutrals the kit does not cover), largest first. */
  offBrand: ColourVerdict[];
};

type KitEntry = KitColourRef & { l: number; neutral: boolean };

function kitEntries(kit: Pick<BrandKit, "palette">): KitEntry[] {
  const entries = roleColours(kit).map((r) => {
    const { l, c } = oklchOf(r.hex);
    return { role: r.role, name: r.name, hex: r.hex, l, neutral: c < NEUTRAL_CHROMA };
  });
  if (!entries.length) throw new Error("palette: the kit has no colours to audit against");
  return entries;
}

/** The kit neutral whose reach covers a neutral of lightness `l`, if any (closest in lightness first). */
function coveringNeutral(l: number, kit: KitEntry[]): KitEntry | undefined {
  const neutrals = kit.filter((k) => k.neutral);
  if (!neutrals.length) return undefined;
  const lightest = neutrals.reduce((a, b) => (b.l > a.l ? b : a));
  const darkest = neutrals.reduce((a, b) => (b.l < a.l ? b : a));
  const near = neutrals.filter((k) => Math.abs(k.l - l) <= NEUTRAL_REACH).sort((a, b) => Math.abs(a.l - l) - Math.abs(b.l - l))[0];
  if (near) return near;
  if (lightest.l >= NEUTRAL_LIGHT && l >= lightest.l) return lightest;
  if (darkest.l <= NEUTRAL_DARK && l <= darkest.l) return darkest;
  return undefined;
}

/** The kit colour nearest to `hex` by CIEDE2000, with the distance. */
export function nearestKitColour(hex: string, kit: Pick<BrandKit, "palette">): { nearest: KitColourRef; deltaE: number } {
  return nearestOf(hex, kitEntries(kit));
}

function nearestOf(hex: string, kit: KitEntry[]): { nearest: KitColourRef; deltaE: number } {
  let best: { nearest: KitColourRef; deltaE: number } | undefined;
  for (const k of kit) {
    const deltaE = deltaE2000(hex, k.hex);
    if (!best || deltaE < best.deltaE) best = { nearest: { role: k.role, name: k.name, hex: k.hex }, deltaE };
  }
  return best!;
}

export function judgeColour(swatch: Swatch, kit: Pick<BrandKit, "palette">): ColourVerdict {
  return judgeWith(swatch, kitEntries(kit));
}

function judgeWith(swatch: Swatch, kit: KitEntry[]): ColourVerdict {
  const { nearest, deltaE } = nearestOf(swatch.hex, kit);
  const cls = classifyDeltaE(deltaE);
  const { l, c } = oklchOf(swatch.hex);
  const neutral = c < NEUTRAL_CHROMA;
  const verdict: ColourVerdict = { hex: swatch.hex, share: swatch.share, nearest, deltaE, class: cls, neutral, onBrand: deltaE <= DELTA_E.onBrand };
  if (!verdict.onBrand && neutral) {
    const cover = coveringNeutral(l, kit);
    if (cover) {
      verdict.onBrand = true;
      verdict.coveredBy = { role: cover.role, name: cover.name, hex: cover.hex };
    }
  }
  return verdict;
}

/** A colour this small can be an edge blend; larger ones are colours in their own right. */
export const BLEND_MAX_SHARE = 0.02;
/** Kit colours must cover at least this much of the image for blends between them to be recognised. */
const BLEND_SOURCE_SHARE = 0.01;

export const BLEND_RULE =
  `A small colour (at most ${BLEND_MAX_SHARE * 100}% of the image) that lies on the straight sRGB line between two kit colours the image ` +
  `itself uses (each at least ${BLEND_SOURCE_SHARE * 100}% and within ΔE00 ${DELTA_E.onBrand}) is their anti-aliased edge (small text, ` +
  `thin rules) and counts as on brand.`;

const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** Whether `hex` sits on the sRGB segment between a and b (within 6% of their distance, 6 levels at least), away from both ends. */
export function onSegment(hex: string, a: string, b: string): boolean {
  const [p, x, y] = [rgbOf(hex), rgbOf(a), rgbOf(b)];
  const d: [number, number, number] = [y[0] - x[0], y[1] - x[1], y[2] - x[2]];
  const span2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
  if (span2 < 32 ** 2) return false;
  const t = ((p[0] - x[0]) * d[0] + (p[1] - x[1]) * d[1] + (p[2] - x[2]) * d[2]) / span2;
  if (t <= 0.05 || t >= 0.95) return false;
  const r = Math.hypot(p[0] - (x[0] + t * d[0]), p[1] - (x[1] + t * d[1]), p[2] - (x[2] + t * d[2]));
  return r <= Math.max(6, 0.06 * Math.sqrt(span2));
}

/** Marks small off-brand colours that are edges between two kit colours the image uses. */
function markBlends(colours: ColourVerdict[]): void {
  const sources = colours.filter((c) => c.deltaE <= DELTA_E.onBrand && c.share >= BLEND_SOURCE_SHARE);
  for (const c of colours) {
    if (c.onBrand || c.share > BLEND_MAX_SHARE) continue;
    for (let i = 0; i < sources.length && !c.blendOf; i++) {
      for (let j = i + 1; j < sources.length; j++) {
        const [a, b] = [sources[i]!, sources[j]!];
        if (a.nearest.hex === b.nearest.hex || !onSegment(c.hex, a.hex, b.hex)) continue;
        c.blendOf = [a.nearest, b.nearest];
        c.onBrand = true;
        break;
      }
    }
  }
}

/** Judges every swatch against the kit and sums the score. Shares should add up to 1. */
export function judgeColours(swatches: readonly Swatch[], kit: Pick<BrandKit, "palette">): ColourJudgement {
  const entries = kitEntries(kit);
  const colours = swatches.map((s) => judgeWith(s, entries));
  markBlends(colours);
  const total = colours.reduce((sum, c) => sum + c.share, 0);
  const sum = (list: ColourVerdict[]) => list.reduce((s, c) => s + c.share, 0) / (total || 1);
  const chromatic = colours.filter((c) => !c.neutral);
  const chromaticShare = sum(chromatic);
  return {
    colours,
    score: total ? sum(colours.filter((c) => c.onBrand)) : 0,
    chromaticScore: chromaticShare >= 0.01 ? sum(chromatic.filter((c) => c.onBrand)) / chromaticShare : null,
    neutralShare: sum(colours.filter((c) => c.neutral)),
    offBrand: colours.filter((c) => !c.onBrand).sort((a, b) => b.share - a.share),
  };
}

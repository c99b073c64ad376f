// DTCG 2025.10 colour values: `{ colorSpace, components, alpha?, hex? }` in the spec's fourteen colour
// spaces, and the older hex / CSS colour strings, read into the sRGB hex a kit stores.
import { converter, formatHex, parse, toGamut, type Color } from "culori";
import { toHex } from "./colour.ts";

type Channel = { key: string; name: string; scale?: number; min?: number; max?: number; hue?: boolean };
const rgb = (lo = 0, hi = 1): Channel[] => [
  { key: "r", name: "red", min: lo, max: hi },
  { key: "g", name: "green", min: lo, max: hi },
  { key: "b", name: "blue", min: lo, max: hi },
];
const xyz: Channel[] = [
  { key: "x", name: "X" },
  { key: "y", name: "Y" },
  { key: "z", name: "Z" },
];

// DTCG name -> culori mode and channels. DTCG writes HSL/HWB percentages as 0–100 where culori wants
// 0–1; CIELAB/LCH are D50 in both (CSS Color 4), OKLab/OKLCH lightness is 0–1 in both.
const SPACES: Record<string, { mode: string; channels: Channel[] }> = {
  srgb: { mode: "rgb", channels: rgb() },
  "srgb-linear": { mode: "lrgb", channels: rgb() },
  hsl: {
    mode: "hsl",
    channels: [
      { key: "h", name: "hue", hue: true },
      { key: "s", name: "saturation", scale: 100, min: 0, max: 100 },
      { key: "l", name: "lightness", scale: 100, min: 0, max: 100 },
    ],
  },
  hwb: {
    mode: "hwb",
    channels: [
      { key: "h", name: "hue", hue: true },
      { key: "w", name: "whiteness", scale: 100, min: 0, max: 100 },
      { key: "b", name: "blackness", scale: 100, min: 0, max: 100 },
    ],
  },
  lab: { mode: "lab", channels: [{ key: "l", name: "lightness", min: 0, max: 100 }, { key: "a", name: "a" }, { key: "b", name: "b" }] },
  lch: {
    mode: "lch",
    channels: [{ key: "l", name: "lightness", min: 0, max: 100 }, { key: "c", name: "chroma", min: 0 }, { key: "h", name: "hue", hue: true }],
  },
  oklab: { mode: "oklab", channels: [{ key: "l", name: "lightness", min: 0, max: 1 }, { key: "a", name: "a" }, { key: "b", name: "b" }] },
  oklch: {
    mode: "oklch",
    channels: [{ key: "l", name: "lightness", min: 0, max: 1 }, { key: "c", name: "chroma", min: 0 }, { key: "h", name: "hue", hue: true }],
  },
  "display-p3": { mode: "p3", channels: rgb() },
  "a98-rgb": { mode: "a98", channels: rgb() },
  "prophoto-rgb": { mode: "prophoto", channels: rgb() },
  rec2020: { mode: "rec2020", channels: rgb() },
  "xyz-d65": { mode: "xyz65", channels: xyz },
  "xyz-d50": { mode: "xyz50", channels: xyz },
};
export const DTCG_COLOUR_SPACES = Object.keys(SPACES);

const toRgb = converter("rgb");
const mapToSrgb = toGamut("rgb", "oklch");
// Conversions through XYZ leave ~1e-7 of noise; anything beyond this is really outside sRGB.
const GAMUT_EPSILON = 1e-4;
const RANGE_EPSILON = 1e-3;

export type ColourResult = { hex: string; notes: string[] } | { error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads a colour token's (alias-resolved) `$value`. Notes say what was lost on the way to sRGB hex. */
export function readDtcgColour(value: unknown): ColourResult {
  if (typeof value === "string") {
    const hex = toHex(value);
    if (!hex) return { error: `"${value.slice(0, 60)}" is not a colour` };
    const alpha = parse(value)?.alpha;
    return { hex, notes: alpha !== undefined && alpha < 1 ? [`alpha ${alpha} dropped (kit colours are opaque)`] : [] };
  }
  if (!isRecord(value)) return { error: "a colour value is an object with colorSpace and components, or a hex string" };
  const { colorSpace, components, alpha, hex } = value;
  if (typeof colorSpace !== "string") return { error: "colour has no colorSpace" };
  const space = SPACES[colorSpace];
  if (!space) return { error: `unknown colour space "${colorSpace.slice(0, 40)}"` };
  if (!Array.isArray(components) || components.length !== 3) return { error: `${colorSpace} colour needs 3 components` };
  if (alpha !== undefined && (typeof alpha !== "number" || !(alpha >= 0 && alpha <= 1))) return { error: "alpha must be a number from 0 to 1" };
  if (hex !== undefined && (typeof hex !== "string" || !/^#[0-9a-fA-F]{6}$/.test(hex))) return { error: "hex fallback must be 6-digit CSS hex like #ff00ff" };

  const colour: Record<string, unknown> = { mode: space.mode };
  for (let i = 0; i < 3; i++) {
    const ch = space.channels[i]!;
    const v = components[i];
    if (v === "none") {
      // CSS Color 4: a missing component renders as zero; a missing hue is simply absent.
      if (!ch.hue) colour[ch.key] = 0;
      continue;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) return { error: `component ${i + 1} (${ch.name}) must be a number or "none"` };
    if ((ch.min !== undefined && v < ch.min - RANGE_EPSILON * (ch.scale ?? 1)) || (ch.max !== undefined && v > ch.max + RANGE_EPSILON * (ch.scale ?? 1))) {
      const range = ch.max === undefined ? `at least ${ch.min}` : `${ch.min}–${ch.max}`;
      return { error: `component ${i + 1} (${ch.name}) ${v} is outside ${range} for ${colorSpace}` };
    }
    colour[ch.key] = ch.hue ? ((v % 360) + 360) % 360 : v / (ch.scale ?? 1);
  }

  const notes: string[] = [];
  if (typeof alpha === "number" && alpha < 1) notes.push(`alpha ${alpha} dropped (kit colours are opaque)`);
  const converted = toRgb(colour as unknown as Color);
  const inGamut = [converted.r, converted.g, converted.b].every((c) => c >= -GAMUT_EPSILON && c <= 1 + GAMUT_EPSILON);
  if (inGamut) return { hex: formatHex(clamp(converted)), notes };
  if (typeof hex === "string") {
    notes.push(`${colorSpace} colour is outside sRGB; using its hex fallback ${hex.toLowerCase()}`);
    return { hex: hex.toLowerCase(), notes };
  }
  const mapped = formatHex(mapToSrgb(colour as unknown as Color));
  notes.push(`${colorSpace} colour is outside sRGB; gamut-mapped to ${mapped}`);
  return { hex: mapped, notes };
}

function clamp(c: { r: number; g: number; b: number }) {
  const f = (v: number) => Math.min(1, Math.max(0, v));
  return { mode: "rgb" as const, r: f(c.r), g: f(c.g), b: f(c.b) };
}

/** A kit hex as a DTCG 2025.10 colour value. Four decimals survive the trip back to 8-bit exactly. */
export function dtcgColour(hex: string): { colorSpace: "srgb"; components: [number, number, number]; hex: string } {
  const c = toRgb(hex);
  if (!c) throw new Error(`"${hex}" is not a colour`);
  const r4 = (v: number) => Math.round(v * 10000) / 10000;
  return { colorSpace: "srgb", components: [r4(c.r), r4(c.g), r4(c.b)], hex: formatHex(c) };
}

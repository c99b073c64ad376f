// Colour parsing shared by forms, importers and the CLI: any CSS colour in, sRGB hex out.
import { formatHex, parse, converter } from "culori";

const toRgb = converter("rgb");

/** Parses any CSS colour string to lowercase #rrggbb (alpha dropped), or null when it is not a colour. */
export function toHex(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const parsed = parse(trimmed);
  if (!parsed) return null;
  const rgb = toRgb(parsed);
  if (!rgb || [rgb.r, rgb.g, rgb.b].some((v) => Number.isNaN(v))) return null;
  const clamped = { mode: "rgb" as const, r: clamp01(rgb.r), g: clamp01(rgb.g), b: clamp01(rgb.b) };
  return formatHex(clamped).toLowerCase();
}

function clamp01(v: number) {
  return Math.min(1, Math.max(0, v));
}

export const HEX = /^#[0-9a-f]{6}$/;

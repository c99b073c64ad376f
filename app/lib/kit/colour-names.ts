// Names for colours in prompts and palette proposals ("navy", "deep teal", "cream"): words a person
// or a video model understands, picked from OKLCH so the same colour always gets the same name.
import { converter } from "culori";

const toOklch = converter("oklch");

type Family = { word: string; dark?: boolean; light?: boolean };

/** A short, deterministic name: a hue word with "deep", "pale" or "dusty" where it helps. */
export function nameColour(hex: string): string {
  const colour = toOklch(hex);
  if (!colour) return "colour";
  const l = colour.l;
  const c = colour.c;
  const h = colour.h ?? 0;
  if (c < 0.03 || (c < 0.045 && l > 0.9)) return neutral(l, c, h);
  const family = hueFamily(l, c, h);
  let prefix = "";
  if (family.dark ? l < 0.25 : l < 0.46) prefix = "deep ";
  else if (l > 0.9 && !family.light) prefix = "pale ";
  else if (c < 0.06 && !family.light && !family.dark) prefix = "dusty ";
  return `${prefix}${family.word}`;
}

function neutral(l: number, c: number, h: number): string {
  const warm = c >= 0.008 && h >= 40 && h <= 115;
  const cool = c >= 0.008 && h >= 180 && h <= 285;
  if (l >= 0.985 && c < 0.01) return "white";
  if (l >= 0.9) return warm ? "cream" : cool ? "ice white" : "off-white";
  if (l >= 0.75) return warm ? "sand" : cool ? "silver" : "light grey";
  if (l >= 0.5) return warm ? "stone" : cool ? "slate grey" : "grey";
  if (l >= 0.3) return warm ? "warm charcoal" : cool ? "slate" : "charcoal";
  if (l >= 0.18) return cool ? "ink" : "near-black";
  return "black";
}

function hueFamily(l: number, c: number, h: number): Family {
  if (h < 20 || h >= 345) {
    if (l < 0.5) return { word: "burgundy", dark: true };
    if (l > 0.8) return { word: "pink", light: true };
    return { word: c >= 0.18 ? "raspberry" : "rose" };
  }
  if (h < 50) {
    if (l < 0.5) return { word: c < 0.13 ? "brown" : "rust", dark: true };
    if (l <= 0.72) return { word: c < 0.2 ? "terracotta" : "red" };
    return { word: c >= 0.08 ? "coral" : "blush", light: true };
  }
  if (h < 75) {
    if (l < 0.55) return { word: c < 0.13 ? "brown" : "burnt orange", dark: true };
    if (c < 0.08) return { word: l > 0.75 ? "tan" : "camel", light: l > 0.75 };
    return { word: l < 0.65 ? "ochre" : "orange", dark: l < 0.65 };
  }
  if (h < 100) {
    if (l < 0.65) return { word: "ochre", dark: true };
    if (c < 0.08) return { word: l > 0.8 ? "beige" : "khaki", light: l > 0.8 };
    return { word: l >= 0.86 ? "gold" : "amber" };
  }
  if (h < 125) return l < 0.65 ? { word: "olive", dark: true } : { word: "yellow" };
  if (h < 165) {
    if (l < 0.42) return { word: "forest green", dark: true };
    if (l > 0.85) return { word: "mint", light: true };
    return { word: "green" };
  }
  if (h < 215) return l < 0.75 ? { word: "teal" } : { word: "aqua", light: true };
  if (h < 245) return l > 0.6 ? { word: "sky blue", light: l > 0.8 } : { word: "ocean blue" };
  if (h < 280) {
    if (l < 0.42) return { word: "navy", dark: true };
    return l > 0.8 ? { word: "powder blue", light: true } : { word: "blue" };
  }
  if (h < 310) {
    if (l < 0.4) return { word: "indigo", dark: true };
    return l > 0.75 ? { word: "lavender", light: true } : { word: "violet" };
  }
  if (l < 0.45) return { word: "plum", dark: true };
  if (c >= 0.25) return { word: "magenta" };
  return l > 0.78 ? { word: "orchid", light: true } : { word: "purple" };
}

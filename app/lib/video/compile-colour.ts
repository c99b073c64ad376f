// Colour for video prompts: video models follow colour *words*, and a hex code in prose is noise at best,
// so every colour reaching a prompt is a kit colour's prompt name or a plain description.
import { converter, differenceCiede2000 } from "culori";
import type { BrandKit } from "../kit/schema.ts";
import { paletteRoles } from "../kit/schema.ts";
import { toHex } from "../kit/colour.ts";

const ciede2000 = differenceCiede2000();
const toOklch = converter("oklch");

/** Brief colours further than this (CIEDE2000) from every kit colour are flagged as off-palette. */
export const FAR_FROM_KIT = 10;
/** Two kit colours closer than this read as the same colour on screen; one anchor is enough. */
const SAME_ON_SCREEN = 2;

export function deltaE(a: string, b: string): number {
  return ciede2000(a, b);
}

// Hue bands in OKLCH degrees, chosen so the words match what people call these colours.
const HUES: [number, string][] = [
  [12, "pink"],
  [45, "red"],
  [80, "orange"],
  [120, "yellow"],
  [165, "green"],
  [215, "teal"],
  [275, "blue"],
  [340, "purple"],
  [361, "pink"],
];

/** Plain-words description of a colour ("dark muted teal"), for colours that have no kit name. */
export function describeColour(colour: string): string {
  const hex = toHex(colour);
  const c = hex ? toOklch(hex) : undefined;
  if (!c) return "an unnamed colour";
  const l = c.l;
  const chroma = c.c ?? 0;
  if (chroma < 0.03) {
    if (l > 0.95) return chroma < 0.01 ? "white" : "off-white";
    if (l < 0.2) return "black";
    return l > 0.7 ? "light grey" : l < 0.4 ? "charcoal grey" : "grey";
  }
  const h = c.h ?? 0;
  let hue = HUES.find(([limit]) => h < limit)?.[1] ?? "pink";
  if (hue === "red" && l > 0.8) hue = "pink";
  if (hue === "red" && l < 0.42) hue = "burgundy";
  if (hue === "orange" && l < 0.6) hue = "brown";
  if (hue === "yellow" && l < 0.65) hue = "olive";
  const tone = l < 0.45 ? "dark " : l > 0.85 ? "pale " : "";
  const intensity = l < 0.45 ? "" : chroma < 0.07 ? "muted " : chroma > 0.17 ? "vivid " : "";
  return `${tone}${intensity}${hue}`;
}

export type KitColour = { role: string; name: string; color: string };

export function kitColours(kit: Pick<BrandKit, "palette">): KitColour[] {
  return paletteRoles(kit).flatMap((role) => {
    const entry = kit.palette[role];
    return entry ? [{ role, name: entry.name, color: entry.color }] : [];
  });
}

export function nearestKitColour(colour: string, kit: Pick<BrandKit, "palette">): { colour: KitColour; distance: number } | null {
  const hex = toHex(colour);
  if (!hex) return null;
  let best: { colour: KitColour; distance: number } | null = null;
  for (const k of kitColours(kit)) {
    const distance = deltaE(hex, k.color);
    if (!best || distance < best.distance) best = { colour: k, distance };
  }
  return best;
}

// Scene colours first; text and muted are usually near-black/grey and make poor scene anchors.
const ANCHOR_ORDER = ["primary", "secondary", "accent", "background", "surface"];
const MAX_ANCHORS = 5;

/**
 * 3–5 palette anchors: the lead role first, then the scene roles, skipping colours that look the same on
 * screen or share a name. Falls back to text/muted/custom roles only when fewer than 3 remain.
 */
export function paletteAnchors(kit: Pick<BrandKit, "palette">, lead: string): KitColour[] {
  const all = kitColours(kit);
  const byRole = new Map(all.map((c) => [c.role, c]));
  const custom = all.filter((c) => !ANCHOR_ORDER.includes(c.role) && c.role !== "text" && c.role !== "muted").map((c) => c.role);
  const order = [lead, ...ANCHOR_ORDER, ...custom, "muted", "text"];
  const picked: KitColour[] = [];
  for (const role of order) {
    const c = byRole.get(role);
    if (!c || picked.some((p) => p.role === role)) continue;
    const duplicate = picked.some((p) => p.name.toLowerCase() === c.name.toLowerCase() || deltaE(p.color, c.color) < SAME_ON_SCREEN);
    if (duplicate) continue;
    // Text and muted join only to reach the minimum of three.
    if ((role === "text" || role === "muted") && picked.length >= 3) continue;
    picked.push(c);
    if (picked.length === MAX_ANCHORS) break;
  }
  return picked;
}

const HEX_IN_TEXT = /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![0-9a-z])/gi;
const HAS_HEX = new RegExp(HEX_IN_TEXT.source, "i");

/** Replaces hex codes in free text with colour words; returns the codes found so the caller can warn. */
export function scrubHex(text: string, kit: Pick<BrandKit, "palette">): { text: string; found: string[] } {
  const found: string[] = [];
  const out = text.replace(HEX_IN_TEXT, (code) => {
    found.push(code);
    const words = colourInWords(code, kit);
    // A kit colour could itself be named with a hex code; never hand that back.
    return HAS_HEX.test(words) ? describeColour(code) : words;
  });
  return { text: out, found };
}

/**
 * A colour as prompt words: a CSS keyword as written ("teal"), a kit colour's name when it is that colour
 * on screen, otherwise a description.
 */
export function colourInWords(colour: string, kit: Pick<BrandKit, "palette">): string {
  const trimmed = colour.trim();
  if (/^[a-z]+$/i.test(trimmed) && toHex(trimmed)) return trimmed.toLowerCase();
  const near = nearestKitColour(trimmed, kit);
  if (near && near.distance <= SAME_ON_SCREEN) return near.colour.name;
  return describeColour(trimmed);
}

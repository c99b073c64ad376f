// Colour for video prompts: video models follow colour *words*, and a hex code in prose is noise at best,
// so every colour reaching a prompt is a kit colour's prompt name or a plain description.
import { toHex } from "../kit/colour.ts";
import { deltaE2000 } from "../kit/palette.ts";
import { paletteRoles, type BrandKit } from "../kit/schema.ts";
import { nameColour } from "../kit/colour-names.ts";

/** Brief colours further than this (CIEDE2000) from every kit colour are flagged as off-palette. */
export const FAR_FROM_KIT = 10;
/** Two kit colours closer than this read as the same colour on screen; one anchor is enough. */
const SAME_ON_SCREEN = 2;

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
    const distance = deltaE2000(hex, k.color);
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
    const duplicate = picked.some((p) => p.name.toLowerCase() === c.name.toLowerCase() || deltaE2000(p.color, c.color) < SAME_ON_SCREEN);
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
    return HAS_HEX.test(words) ? nameColour(toHex(code) ?? code) : words;
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
  return nameColour(toHex(trimmed) ?? trimmed);
}

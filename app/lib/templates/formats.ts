// Output formats a template can be drawn at. Social formats are pixel sizes; print formats carry
// their physical size (the PDF uses it exactly; PNG exports of print formats go out at 300 dpi).
// A `family` groups formats one design can be resized across ("resize": same content, other size).
import { mmToPx } from "../render/scene.ts";

export type FormatFamily = "social" | "screen" | "print-page" | "print-poster" | "print-card" | "print-small";

export interface TemplateFormat {
  id: string;
  label: string;
  family: FormatFamily;
  /** Page size in CSS px at 96 dpi (social: the exact pixel size). */
  width: number;
  height: number;
  widthMm?: number;
  heightMm?: number;
}

const social = (id: string, label: string, width: number, height: number, family: FormatFamily = "social"): TemplateFormat => ({ id, label, family, width, height });
const print = (id: string, label: string, family: FormatFamily, widthMm: number, heightMm: number): TemplateFormat => ({
  id,
  label,
  family,
  width: mmToPx(widthMm),
  height: mmToPx(heightMm),
  widthMm,
  heightMm,
});

export const FORMATS = {
  "ig-square": social("ig-square", "Instagram square 1080×1080", 1080, 1080),
  "ig-portrait": social("ig-portrait", "Instagram portrait 1080×1350", 1080, 1350),
  story: social("story", "Story / reel cover 1080×1920", 1080, 1920),
  banner: social("banner", "Social banner 1500×500", 1500, 500),
  "link-card": social("link-card", "Link / Facebook post 1200×630", 1200, 630),
  "reel-vertical": social("reel-vertical", "Reel 1080×1920", 1080, 1920, "screen"),
  "reel-horizontal": social("reel-horizontal", "Video 1920×1080", 1920, 1080, "screen"),
  "screen-hd": social("screen-hd", "Screen 1920×1080", 1920, 1080, "screen"),
  a4: print("a4", "A4 210×297 mm", "print-page", 210, 297),
  letter: print("letter", "US Letter 8.5×11 in", "print-page", 215.9, 279.4),
  a5: print("a5", "A5 148×210 mm", "print-page", 148, 210),
  "half-letter": print("half-letter", "Half Letter 5.5×8.5 in", "print-page", 139.7, 215.9),
  a3: print("a3", "A3 297×420 mm", "print-poster", 297, 420),
  tabloid: print("tabloid", "Tabloid 11×17 in", "print-poster", 279.4, 431.8),
  "card-eu": print("card-eu", "Business card 85×55 mm", "print-card", 85, 55),
  "card-us": print("card-us", "Business card 3.5×2 in", "print-card", 88.9, 50.8),
  dl: print("dl", "DL 99×210 mm", "print-small", 99, 210),
  a6: print("a6", "A6 105×148 mm", "print-small", 105, 148),
  "tent-a6": print("tent-a6", "Table tent A6 landscape 148×105 mm", "print-small", 148, 105),
} as const satisfies Record<string, TemplateFormat>;

export type FormatId = keyof typeof FORMATS;

export function isFormatId(id: string): id is FormatId {
  return Object.hasOwn(FORMATS, id);
}

export function getFormat(id: string): TemplateFormat {
  if (!isFormatId(id)) throw new Error(`format: unknown format "${id}"`);
  return FORMATS[id];
}

export function isPrint(format: TemplateFormat): boolean {
  return format.widthMm !== undefined;
}

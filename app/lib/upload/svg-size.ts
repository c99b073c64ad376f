// The intrinsic size of an SVG logo in CSS pixels, from width/height or the viewBox.
import type { Element as XmlElement } from "@xmldom/xmldom";
import { UploadError } from "./errors.ts";

const UNIT_PX: Record<string, number> = { "": 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };
const MAX_SIDE = 100_000;

/** Absolute length in px, or null for percentages, em and anything unparseable. */
export function parseLength(value: string | null): number | null {
  if (!value) return null;
  const m = /^\s*\+?(\d*\.?\d+(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$/i.exec(value);
  if (!m?.[1]) return null;
  const px = Number(m[1]) * (UNIT_PX[(m[2] ?? "").toLowerCase()] ?? Number.NaN);
  return Number.isFinite(px) && px > 0 ? px : null;
}

/** The viewBox width and height, or null when missing or invalid. */
export function parseViewBox(value: string | null): { width: number; height: number } | null {
  if (!value) return null;
  const parts = value.trim().split(/[\s,]+/).map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [, , width = 0, height = 0] = parts;
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Width/height when both are absolute; otherwise the viewBox (scaled to a single absolute side). */
export function svgSize(root: XmlElement, fileName: string): { width: number; height: number } {
  const w = parseLength(root.getAttribute("width"));
  const h = parseLength(root.getAttribute("height"));
  const box = parseViewBox(root.getAttribute("viewBox"));
  let size: { width: number; height: number } | null = null;
  if (w && h) size = { width: w, height: h };
  else if (box && w) size = { width: w, height: (w * box.height) / box.width };
  else if (box && h) size = { width: (h * box.width) / box.height, height: h };
  else if (box) size = box;
  if (!size) {
    const hint = root.hasAttribute("viewBox") ? "its viewBox is not four numbers with a positive width and height" : "add a viewBox, or width and height in px";
    throw new UploadError(fileName, `SVG has no usable size: ${hint}`);
  }
  if (size.width > MAX_SIDE || size.height > MAX_SIDE) {
    throw new UploadError(fileName, `SVG claims to be ${Math.round(size.width)}×${Math.round(size.height)} px; at most ${MAX_SIDE} px a side`);
  }
  return { width: round(size.width), height: round(size.height) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

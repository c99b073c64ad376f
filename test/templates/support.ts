// Shared by the template tests: the three example kits prepared from their folders, sampling a
// rendered PNG where the Scene says a kit colour is visible, and reading every page of a PDF back.
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";
import type { Scene, SceneNode } from "~/lib/render/scene.ts";
import { prepareKit, type PreparedKit } from "~/lib/templates/context.server.ts";

export const KIT_SLUGS = ["harbour-and-vine", "pulse-cycle-studio", "wild-stem-florals"] as const;

const root = path.resolve(__dirname, "../..");
const prepared = new Map<string, Promise<PreparedKit>>();

export function readKit(slug: string): BrandKit {
  return parseKit(JSON.parse(readFileSync(path.join(root, "brand-kits", slug, "kit.json"), "utf8")), slug);
}

/** A kit prepared as the app prepares it; relative logo paths resolve inside the kit's folder. */
export function preparedKit(slug: string): Promise<PreparedKit> {
  let p = prepared.get(slug);
  if (!p) {
    p = prepareKit(readKit(slug), { baseDir: path.join(root, "brand-kits", slug) });
    prepared.set(slug, p);
  }
  return p;
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The box a node can paint into (strokes and line widths included). */
export function nodeBounds(node: SceneNode): Rect | null {
  switch (node.type) {
    case "rect":
    case "text":
    case "leaders":
    case "image":
    case "logo": {
      const s = node.type === "rect" && node.stroke ? node.strokeWidth : 0;
      return { x0: node.x - s, y0: node.y - s, x1: node.x + node.w + s, y1: node.y + node.h + s };
    }
    case "ellipse": {
      const s = node.stroke ? node.strokeWidth : 0;
      return { x0: node.cx - node.rx - s, y0: node.cy - node.ry - s, x1: node.cx + node.rx + s, y1: node.cy + node.ry + s };
    }
    case "line": {
      const w = node.width;
      return { x0: Math.min(node.x1, node.x2) - w, y0: Math.min(node.y1, node.y2) - w, x1: Math.max(node.x1, node.x2) + w, y1: Math.max(node.y1, node.y2) + w };
    }
    case "group": {
      if (node.clip) return { x0: node.clip.x, y0: node.clip.y, x1: node.clip.x + node.clip.w, y1: node.clip.y + node.clip.h };
      const parts = node.children.map(nodeBounds).filter((b): b is Rect => b !== null);
      if (!parts.length) return null;
      return { x0: Math.min(...parts.map((b) => b.x0)), y0: Math.min(...parts.map((b) => b.y0)), x1: Math.max(...parts.map((b) => b.x1)), y1: Math.max(...parts.map((b) => b.y1)) };
    }
  }
}

/** Whether a node may paint anywhere in the square of half-size r around (x, y). */
function paints(node: SceneNode, x: number, y: number, r: number): boolean {
  const b = nodeBounds(node);
  if (!b || x + r <= b.x0 || x - r >= b.x1 || y + r <= b.y0 || y - r >= b.y1) return false;
  if (node.type === "group") return node.children.some((child) => paints(child, x, y, r));
  if (node.type === "ellipse" && !node.fill) {
    // A ring paints only near its outline: compare the square's nearest and farthest distance with the radius band.
    const s = node.strokeWidth / 2;
    const dx = Math.abs(x - node.cx);
    const dy = Math.abs(y - node.cy);
    const near = Math.hypot(Math.max(0, dx - r), Math.max(0, dy - r));
    const far = Math.hypot(dx + r, dy + r);
    const rr = Math.max(node.rx, node.ry);
    const rmin = Math.min(node.rx, node.ry);
    return !(far < rmin - s || near > rr + s);
  }
  return true;
}

/** Whether a point lies inside the filled area of a rect or ellipse (rounded corners ignored away from them). */
function insideFill(node: SceneNode, x: number, y: number): boolean {
  if (node.type === "rect") return node.fill !== undefined && node.opacity === 1 && x >= node.x && x <= node.x + node.w && y >= node.y && y <= node.y + node.h;
  if (node.type === "ellipse") return node.fill !== undefined && node.opacity === 1 && ((x - node.cx) / node.rx) ** 2 + ((y - node.cy) / node.ry) ** 2 <= 1;
  return false;
}

/**
 * A point (scene px) where `colour` shows with nothing drawn over it for `radius` px around: inside
 * a filled node of that colour, or on the page background. Null when the colour is never visible.
 */
export function findColourSpot(scene: Scene, colour: string, radius: number): { x: number; y: number } | null {
  const nodes = scene.nodes;
  const candidates: { index: number; area: Rect }[] = [];
  if (scene.background === colour) candidates.push({ index: -1, area: { x0: 0, y0: 0, x1: scene.width, y1: scene.height } });
  nodes.forEach((node, index) => {
    if ((node.type === "rect" || node.type === "ellipse") && node.fill === colour && node.opacity === 1) {
      const b = nodeBounds(node);
      if (b) candidates.push({ index, area: b });
    }
  });
  const steps = 24;
  for (const { index, area } of candidates) {
    for (let i = 1; i < steps; i++) {
      for (let j = 1; j < steps; j++) {
        const x = area.x0 + ((area.x1 - area.x0) * i) / steps;
        const y = area.y0 + ((area.y1 - area.y0) * j) / steps;
        if (x < radius || y < radius || x > scene.width - radius || y > scene.height - radius) continue;
        const self = nodes[index];
        // Every point of the sampling square must be inside the candidate's fill...
        if (self && ![[x - radius, y - radius], [x + radius, y - radius], [x - radius, y + radius], [x + radius, y + radius]].every(([px, py]) => insideFill(self, px ?? 0, py ?? 0))) continue;
        // ... and no later node may paint there.
        const covered = nodes.slice(index + 1).some((n) => paints(n, x, y, radius));
        if (!covered) return { x, y };
      }
    }
  }
  return null;
}

/** Mean sRGB colour of a small square of a PNG around (x, y) in image pixels, as #rrggbb. */
export async function samplePng(png: Buffer, x: number, y: number, half = 1): Promise<string> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sum = [0, 0, 0];
  let n = 0;
  for (let yy = Math.round(y) - half; yy <= Math.round(y) + half; yy++) {
    for (let xx = Math.round(x) - half; xx <= Math.round(x) + half; xx++) {
      const i = (yy * info.width + xx) * 3;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (data[i + c] ?? 0);
      n++;
    }
  }
  return `#${sum.map((v) => Math.round(v / n).toString(16).padStart(2, "0")).join("")}`;
}

export interface PdfPages {
  pages: { mediaBox: number[]; trimBox?: number[]; bleedBox?: number[]; text: string }[];
  /** BaseFont names, e.g. "BZZZZZ+Inter-Bold". */
  fonts: string[];
  /** Embedded font programs (FontFile2/FontFile3 streams). */
  fontFiles: number;
}

/** Reads every page of a PDF: boxes from the raw objects (pdfkit writes them uncompressed), text via pdfjs. */
export async function readPdfPages(bytes: Buffer): Promise<PdfPages> {
  const raw = bytes.toString("latin1");
  const boxes = (name: string) => [...raw.matchAll(new RegExp(`/${name} \\[([^\\]]+)\\]`, "g"))].map((m) => m[1]?.trim().split(/\s+/).map(Number) ?? []);
  const media = boxes("MediaBox");
  const trim = boxes("TrimBox");
  const bleed = boxes("BleedBox");
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPages["pages"] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
    pages.push({ mediaBox: media[p - 1] ?? [...page.view], trimBox: trim[p - 1], bleedBox: bleed[p - 1], text });
  }
  await doc.destroy();
  const fonts = [...new Set([...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1] ?? ""))];
  const fontFiles = [...raw.matchAll(/\/FontFile[23]\b/g)].length;
  return { pages, fonts, fontFiles };
}

/** Strings of the content a reader should find in the output (photo references excluded). */
export function contentStrings(value: unknown, key = ""): string[] {
  if (typeof value === "string") return key === "photo" || !value.trim() ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => contentStrings(v, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => (k === "tags" ? [] : contentStrings(v, k)));
  return [];
}

/** Text compared without whitespace or case: line breaks and uppercase styling do not change the words. */
export function squash(s: string): string {
  return s.replace(/\s+/g, "").toLowerCase();
}

/** A template's sample content as a plain object to spread overrides into. */
export function sampleOf(template: { sample: unknown }): Record<string, unknown> {
  return structuredClone(template.sample) as Record<string, unknown>;
}

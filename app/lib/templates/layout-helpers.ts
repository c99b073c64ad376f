// Shared layout pieces for templates: page shapes, margins inside the print safe area, the kit's
// type scale sized per format, text nodes whose colour is chosen by contrast, logos with their
// clear space, and the decorative mark panel used where a photo slot is empty. Colours come only
// from kit roles, so this file, like the templates, holds no colour or font literal.
import type { LogoVariant, PaletteRole, TypeRole } from "../kit/schema.ts";
import { mmToPx, type SceneInput } from "../render/scene.ts";
import type { LogoSource, TemplateContext } from "./types.ts";

export type SceneNodeInput = SceneInput["nodes"][number];
export type TextNodeInput = Extract<SceneNodeInput, { type: "text" }>;
export type Role = PaletteRole | (string & {});

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How a format is shaped; layouts branch on this instead of stretching one arrangement. */
export type PageShape = "tall" | "portrait" | "square" | "landscape" | "wide";

export function pageShape(ctx: TemplateContext): PageShape {
  const r = ctx.format.height / ctx.format.width;
  if (r >= 1.6) return "tall";
  if (r >= 1.12) return "portrait";
  if (r > 0.88) return "square";
  if (r > 0.45) return "landscape";
  return "wide";
}

export function isPrintFormat(ctx: TemplateContext): boolean {
  return ctx.format.widthMm !== undefined;
}

/** The page of a scene: size (and physical size for print) with a kit-coloured background. */
export function page(ctx: TemplateContext, backgroundRole: Role, nodes: SceneNodeInput[]): SceneInput {
  const { width, height, widthMm, heightMm } = ctx.format;
  return { width, height, ...(widthMm !== undefined && heightMm !== undefined ? { widthMm, heightMm } : {}), background: ctx.colour(backgroundRole), nodes };
}

/** Millimetres to scene px (print) — used for print measures. */
export const mm = mmToPx;

/**
 * Outer margin. Print: a share of the short side, never less than `minMm` (keeps text inside the
 * 4 mm safe area with room to spare). Screen: a share of the short side.
 */
export function margin(ctx: TemplateContext, share = 0.08, minMm = 6): number {
  const short = Math.min(ctx.format.width, ctx.format.height);
  const m = short * share;
  return isPrintFormat(ctx) ? Math.max(m, mm(minMm)) : m;
}

/** The area inside the margins. */
export function inset(ctx: TemplateContext, m: number): Box {
  return { x: m, y: m, w: ctx.format.width - 2 * m, h: ctx.format.height - 2 * m };
}

/**
 * The kit's type scale anchored at `basePx` for this format: step 0 is the body size (scaled by the
 * kit's base relative to 16 px), each step multiplies by the kit's ratio.
 */
export function typeScale(ctx: TemplateContext, basePx: number): (step: number) => number {
  const { base, ratio } = ctx.kit.typography.scale;
  const body = (basePx * base) / 16;
  return (step) => body * ratio ** step;
}

/**
 * WCAG large text (24 px, or 18.66 px bold) measured against a 560 px reference page: a 1080 px post
 * is shown far smaller than its pixel size on a phone, so its "large" starts at ~46 px. Smaller text
 * needs 4.5:1.
 */
export function isLargeText(ctx: TemplateContext, sizePx: number, weight: number): boolean {
  const k = Math.max(1, Math.min(ctx.format.width, ctx.format.height) / 560);
  return sizePx >= 24 * k || (weight >= 700 && sizePx >= 18.66 * k);
}

export interface TextOptions extends Box {
  text: string;
  field?: string;
  /** Hex of what the text sits on; its colour is picked by contrast against this. */
  on: string;
  role: TypeRole;
  weight?: number;
  italic?: boolean;
  size: number;
  minSize?: number;
  lineHeight?: number;
  letterSpacing?: number;
  align?: "left" | "center" | "right" | "justify";
  valign?: "top" | "middle" | "bottom";
  uppercase?: boolean;
  maxLines?: number;
  /** Palette roles to try first, in order (e.g. an accent for a price); contrast still decides. */
  prefer?: Role[];
}

/** A text node whose colour meets WCAG on `on`: 4.5:1, or 3:1 when even its smallest size is large. */
export function text(ctx: TemplateContext, o: TextOptions): TextNodeInput {
  const weight = o.weight ?? 400;
  const smallest = o.minSize ?? o.size;
  const minRatio = o.role === "heading" && isLargeText(ctx, smallest, weight) ? 3 : 4.5;
  return {
    type: "text",
    ...(o.field ? { field: o.field } : {}),
    text: o.text,
    x: o.x,
    y: o.y,
    w: o.w,
    h: o.h,
    font: ctx.font(o.role, weight, o.italic ? "italic" : "normal"),
    size: o.size,
    ...(o.minSize !== undefined ? { minSize: Math.min(o.minSize, o.size) } : {}),
    lineHeight: o.lineHeight ?? 1.2,
    letterSpacing: o.letterSpacing ?? 0,
    align: o.align ?? "left",
    valign: o.valign ?? "top",
    uppercase: o.uppercase ?? false,
    ...(o.maxLines ? { maxLines: o.maxLines } : {}),
    colour: ctx.textOn(o.on, { minRatio, ...(o.prefer ? { prefer: [...o.prefer, "text", "background", "surface", "primary"] } : {}) }),
  };
}

/** A filled rectangle in a kit colour. */
export function block(ctx: TemplateContext, role: Role, b: Box, radius = 0): SceneNodeInput {
  return { type: "rect", ...b, fill: ctx.colour(role), radius };
}

/** A hairline or rule in a kit colour. */
export function rule(ctx: TemplateContext, role: Role, x1: number, y1: number, x2: number, y2: number, width = 1): SceneNodeInput {
  return { type: "line", x1, y1, x2, y2, colour: ctx.colour(role), width };
}

/** Width ÷ height of a logo from its SVG viewBox/size or PNG header; 3 (a typical lockup) when unknown. */
export function logoAspect(logo: LogoSource): number {
  if (logo.svg !== undefined) {
    const vb = /viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(logo.svg);
    const w = Number(vb?.[1] ?? /<svg[^>]*\swidth\s*=\s*["']([\d.]+)/i.exec(logo.svg)?.[1]);
    const h = Number(vb?.[2] ?? /<svg[^>]*\sheight\s*=\s*["']([\d.]+)/i.exec(logo.svg)?.[1]);
    return w > 0 && h > 0 ? w / h : 3;
  }
  const b = logo.bytes;
  // PNG: IHDR width and height are big-endian at bytes 16 and 20.
  if (b.length > 24 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const w = view.getUint32(16);
    const h = view.getUint32(20);
    if (w > 0 && h > 0) return w / h;
  }
  return 3;
}

/** Which logo variant is drawn for a background role: the lockup on the kit's own ground, reverse on primary, mono elsewhere. */
export function logoVariantOn(backgroundRole: Role): LogoVariant {
  if (backgroundRole === "background" || backgroundRole === "surface") return "primary";
  if (backgroundRole === "primary") return "reverse";
  return "mono";
}

export interface PlacedLogo {
  nodes: SceneNodeInput[];
  /** The drawn logo's box (without clear space); zero-sized when the kit has no logo. */
  box: Box;
  /** Box including the kit's clear space around the logo. */
  outer: Box;
}

/**
 * The kit's logo fitted to `maxW`×`maxH` (the logo itself, not counting clear space) and aligned
 * at (x, y) — `align` says whether x is the left edge, centre or right edge. Clear space (kit
 * fraction of the logo's height) is reported in `outer` so neighbours keep off it.
 */
export function placeLogo(
  ctx: TemplateContext,
  o: LogoPlacement,
): PlacedLogo {
  const logo = ctx.logo(o.variant);
  if (!logo) return wordmark(ctx, o);
  const aspect = logoAspect(logo);
  let h = o.maxH;
  let w = h * aspect;
  if (w > o.maxW) {
    w = o.maxW;
    h = w / aspect;
  }
  // In print a lockup never goes below the kit's minimum width (when the room allows it at all).
  const minW = o.variant === "mark" ? 0 : minLogoWidth(ctx);
  if (w < minW && minW <= o.maxW) {
    w = minW;
    h = w / aspect;
  }
  const align = o.align ?? "left";
  const x = align === "left" ? o.x : align === "center" ? o.x - w / 2 : o.x - w;
  const valign = o.valign ?? "top";
  const y = valign === "top" ? o.y : valign === "middle" ? o.y - h / 2 : o.y - h;
  const box = { x, y, w, h };
  const clear = ctx.kit.logos.clearSpace * h;
  const node: SceneNodeInput = { type: "logo", ...box, ...(logo.svg !== undefined ? { svg: logo.svg } : { bytes: logo.bytes }) };
  return { nodes: [node], box, outer: { x: x - clear, y: y - clear, w: w + 2 * clear, h: h + 2 * clear } };
}

interface LogoPlacement {
  variant: LogoVariant;
  x: number;
  y: number;
  maxW: number;
  maxH: number;
  align?: "left" | "center" | "right";
  valign?: "top" | "middle" | "bottom";
  /** What the logo sits on (for the wordmark fallback's colour); by default the variant's own ground. */
  on?: string;
}

/**
 * A kit without logo files still signs its designs: its name set in the heading font, sized to the
 * logo's room, in a colour chosen by contrast against what it sits on.
 */
function wordmark(ctx: TemplateContext, o: LogoPlacement): PlacedLogo {
  const on = o.on ?? ctx.colour(o.variant === "reverse" ? "primary" : "background");
  const font = ctx.font("heading", 700);
  const lineHeight = 1.05;
  let size = o.maxH * 0.62;
  const min = Math.max(6, o.maxH * 0.2);
  let m = ctx.measure(ctx.kit.name, { font, size, width: o.maxW, lineHeight });
  while ((m.lines > 2 || m.height > o.maxH) && size > min) {
    size = Math.max(min, size * 0.92);
    m = ctx.measure(ctx.kit.name, { font, size, width: o.maxW, lineHeight });
  }
  const w = Math.min(o.maxW, m.width + 1);
  const h = m.height;
  const align = o.align ?? "left";
  const x = align === "left" ? o.x : align === "center" ? o.x - w / 2 : o.x - w;
  const valign = o.valign ?? "top";
  const y = valign === "top" ? o.y : valign === "middle" ? o.y - h / 2 : o.y - h;
  const node = text(ctx, { text: ctx.kit.name, x, y, w, h: h + 1, on, role: "heading", weight: 700, size, lineHeight, maxLines: 2, align, prefer: ["primary", "text"] });
  const clear = ctx.kit.logos.clearSpace * h;
  return { nodes: [node], box: { x, y, w, h }, outer: { x: x - clear, y: y - clear, w: w + 2 * clear, h: h + 2 * clear } };
}

/** The kit's minimum printed logo width in px, for print formats; 0 on screen. */
export function minLogoWidth(ctx: TemplateContext): number {
  return isPrintFormat(ctx) ? mm(ctx.kit.logos.minWidthMm) : 0;
}

/**
 * A designed panel for an empty photo slot: a block of `role` with the kit's mark drawn large and
 * quiet inside it, plus a ring in the accent colour, so a post without a photo still looks intended.
 */
export function markPanel(ctx: TemplateContext, role: Role, b: Box, radius = 0): SceneNodeInput[] {
  const nodes: SceneNodeInput[] = [block(ctx, role, b, radius)];
  const r = Math.min(b.w, b.h) * 0.36;
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  nodes.push({ type: "ellipse", cx, cy, rx: r, ry: r, stroke: ctx.colour(role === "accent" ? "primary" : "accent"), strokeWidth: Math.max(1, r * 0.04) });
  const mark = placeLogo(ctx, { variant: role === "primary" ? "reverse" : "mark", x: cx, y: cy, maxW: r * 1.3, maxH: r, align: "center", valign: "middle", on: ctx.colour(role) });
  nodes.push(...mark.nodes);
  return nodes;
}

/** An uploaded photo (cover-fitted) when the slot has one, else the designed mark panel. */
export function photoOrPanel(ctx: TemplateContext, ref: string | undefined, b: Box, fallbackRole: Role, radius = 0): SceneNodeInput[] {
  const bytes = ctx.image(ref);
  if (bytes) return [{ type: "image", ...b, bytes, fit: "cover", radius }];
  return markPanel(ctx, fallbackRole, b, radius);
}

/** Optional `sha256:` reference to an uploaded photo. */
export const PHOTO_REF = /^sha256:[0-9a-f]{64}$/;

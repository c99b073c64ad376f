// The brand book's page frame and small drawing helpers: A4 pages with a running head (section and
// kit name), a folio, a page title with an introduction, captions and do/don't marks. Colours come
// from the kit's roles through the template context, text colours are picked by contrast.
import type { TypeRole } from "../kit/schema.ts";
import type { SceneInput } from "../render/scene.ts";
import { rule, text, type Role, type SceneNodeInput, type TextOptions } from "../templates/layout-helpers.ts";
import type { TemplateContext } from "../templates/types.ts";

export type { SceneNodeInput };

/** Outer margin, px (≈ 16 mm). */
export const MARGIN = 60;
/** Where a page's content may start and end below the running head and above the folio. */
export const TOP = 92;
export const FOOT = 70;

export type BookPage = {
  /** Section number and name in the running head ("02", "Colour"); the cover has none. */
  section?: { number: string; name: string };
  background: Role;
  nodes: SceneNodeInput[];
};

export type Region = { x: number; y: number; w: number };

export function pageSize(ctx: TemplateContext) {
  return { width: ctx.format.width, height: ctx.format.height, bottom: ctx.format.height - FOOT, inner: ctx.format.width - 2 * MARGIN };
}

/** A text node with sensible defaults: colour by contrast against `on`, height from the measured block. */
export function copy(ctx: TemplateContext, o: Omit<TextOptions, "h"> & { h?: number }): SceneNodeInput {
  // The book has no content fields: overflow reports name the text itself.
  return text(ctx, { ...o, field: o.field ?? `"${o.text.slice(0, 40)}"`, h: o.h ?? measure(ctx, o.text, o) + 2 });
}

/** Height of a text block set with these options (lines × line height × size). */
export function measure(ctx: TemplateContext, value: string, o: { role: TypeRole; weight?: number; italic?: boolean; size: number; w: number; lineHeight?: number; letterSpacing?: number; uppercase?: boolean }): number {
  if (!value.trim()) return 0;
  return ctx.measure(value, {
    font: { role: o.role, weight: o.weight ?? 400, style: o.italic ? "italic" : "normal" },
    size: o.size,
    width: o.w,
    lineHeight: o.lineHeight ?? 1.2,
    letterSpacing: o.letterSpacing ?? 0,
    uppercase: o.uppercase ?? false,
  }).height;
}

/** Width of one line of text. */
export function textWidth(ctx: TemplateContext, value: string, o: { role: TypeRole; weight?: number; italic?: boolean; size: number; letterSpacing?: number; uppercase?: boolean }): number {
  return ctx.measure(value, { font: { role: o.role, weight: o.weight ?? 400, style: o.italic ? "italic" : "normal" }, size: o.size, letterSpacing: o.letterSpacing ?? 0, uppercase: o.uppercase ?? false }).width;
}

/** A small upper-case label (section names, field names). */
export function label(ctx: TemplateContext, value: string, o: { x: number; y: number; w: number; on: string; align?: "left" | "center" | "right"; size?: number }): SceneNodeInput {
  const size = o.size ?? 10;
  return copy(ctx, { text: value, x: o.x, y: o.y, w: o.w, on: o.on, role: "body", weight: 700, size, letterSpacing: 0.14, uppercase: true, align: o.align, maxLines: 1, prefer: ["muted"] });
}

/** Page title and introduction; returns the y below them. */
export function pageTitle(ctx: TemplateContext, title: string, intro: string, y = TOP + 36): { nodes: SceneNodeInput[]; bottom: number } {
  const { inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const titleSize = 40;
  const nodes: SceneNodeInput[] = [copy(ctx, { text: title, x: MARGIN, y, w: inner, on, role: "heading", weight: 700, size: titleSize, lineHeight: 1.1, prefer: ["primary"] })];
  let bottom = y + measure(ctx, title, { role: "heading", weight: 700, size: titleSize, w: inner, lineHeight: 1.1 }) + 14;
  if (intro) {
    const o = { role: "body" as const, size: 13, w: inner * 0.78, lineHeight: 1.5 };
    nodes.push(copy(ctx, { text: intro, x: MARGIN, y: bottom, on, ...o }));
    bottom += measure(ctx, intro, o) + 8;
  }
  return { nodes, bottom: bottom + 18 };
}

/** A check (do) or a cross (don't) drawn with lines, `s` px square, in a colour that reads on `on`. */
export function mark(ctx: TemplateContext, kind: "do" | "dont", x: number, y: number, s: number, on: string): SceneNodeInput[] {
  const colour = ctx.textOn(on, { minRatio: 3, prefer: [kind === "do" ? "secondary" : "accent", "primary", "text"] });
  const line = (x1: number, y1: number, x2: number, y2: number): SceneNodeInput => ({ type: "line", x1, y1, x2, y2, colour, width: s * 0.16, cap: "round" });
  if (kind === "do") return [line(x, y + s * 0.55, x + s * 0.38, y + s * 0.9), line(x + s * 0.38, y + s * 0.9, x + s, y + s * 0.1)];
  return [line(x + s * 0.1, y + s * 0.1, x + s * 0.9, y + s * 0.9), line(x + s * 0.9, y + s * 0.1, x + s * 0.1, y + s * 0.9)];
}

/** Wraps body pages with the running head and folio, numbering them; the first page (the cover) stays bare. */
export function finishPages(ctx: TemplateContext, pages: BookPage[]): SceneInput[] {
  const { width, height, inner } = pageSize(ctx);
  const { widthMm, heightMm } = ctx.format;
  return pages.map((p, i) => {
    const bg = ctx.colour(p.background);
    const nodes: SceneNodeInput[] = [...p.nodes];
    if (p.section) {
      const head = p.section.number ? `${p.section.number}  ${p.section.name}` : p.section.name;
      nodes.push(
        label(ctx, head, { x: MARGIN, y: 40, w: inner / 2, on: bg }),
        label(ctx, ctx.kit.name, { x: MARGIN + inner / 2, y: 40, w: inner / 2, on: bg, align: "right" }),
        rule(ctx, "muted", MARGIN, 60, width - MARGIN, 60, 0.75),
        rule(ctx, "muted", MARGIN, height - 52, width - MARGIN, height - 52, 0.75),
        label(ctx, "Brand guidelines", { x: MARGIN, y: height - 42, w: inner / 2, on: bg, size: 9 }),
        label(ctx, String(i + 1).padStart(2, "0"), { x: MARGIN + inner / 2, y: height - 42, w: inner / 2, on: bg, align: "right", size: 9 }),
      );
    }
    return { width, height, ...(widthMm !== undefined && heightMm !== undefined ? { widthMm, heightMm } : {}), background: bg, nodes };
  });
}

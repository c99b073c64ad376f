// Fitting copy into boxes with the kit's real font metrics: the largest size that keeps a text within
// its line limit, stacks of copy (eyebrow, headline, body, call to action) shrunk together to fit a
// region — and cut, with the overflow reported by field, when even the smallest sizes do not fit.
import type { TypeRole } from "../kit/schema.ts";
import { text, type Box, type Role, type SceneNodeInput, type TextNodeInput, type TextOptions } from "./layout-helpers.ts";
import type { TemplateContext } from "./types.ts";

export interface FitSpec {
  role: TypeRole;
  weight?: number;
  italic?: boolean;
  width: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  lineHeight?: number;
  letterSpacing?: number;
  uppercase?: boolean;
}

export interface Fitted {
  size: number;
  lines: number;
  /** Height of the text block at that size (when it cannot fit: the height of maxLines at minSize). */
  height: number;
  fits: boolean;
}

/**
 * The largest size between minSize and maxSize at which the text wraps into maxLines at `width`,
 * measured with the kit's fonts. Layouts stack the next element under the real block height.
 */
export function fitText(ctx: TemplateContext, value: string, o: FitSpec): Fitted {
  const lh = o.lineHeight ?? 1.2;
  const spec = (size: number) => ({
    font: { role: o.role, weight: o.weight ?? 400, style: o.italic ? ("italic" as const) : ("normal" as const) },
    size,
    width: o.width,
    lineHeight: lh,
    letterSpacing: o.letterSpacing ?? 0,
    uppercase: o.uppercase ?? false,
  });
  if (!value.trim()) return { size: o.maxSize, lines: 0, height: 0, fits: true };
  for (let size = o.maxSize; size >= o.minSize - 0.01; size = size > o.minSize ? Math.max(o.minSize, size * 0.95) : size - 1) {
    const m = ctx.measure(value, spec(size));
    if (m.lines <= o.maxLines && m.width <= o.width + 0.5) return { size, lines: m.lines, height: m.lines * lh * size, fits: true };
    if (size === o.minSize) break;
  }
  return { size: o.minSize, lines: o.maxLines, height: o.maxLines * lh * o.minSize, fits: false };
}

/** A fitted text node at (x, y): its box is exactly the fitted block, so overflow is still reported at minSize. */
export function fittedText(
  ctx: TemplateContext,
  fit: Fitted,
  o: Omit<TextOptions, "size" | "minSize" | "h" | "maxLines" | "weight" | "italic" | "role" | "lineHeight" | "letterSpacing" | "uppercase"> & { spec: FitSpec },
): TextNodeInput {
  const { spec, ...rest } = o;
  return text(ctx, {
    ...rest,
    role: spec.role,
    weight: spec.weight,
    italic: spec.italic,
    size: fit.size,
    minSize: spec.minSize,
    lineHeight: spec.lineHeight,
    letterSpacing: spec.letterSpacing,
    uppercase: spec.uppercase,
    maxLines: spec.maxLines,
    h: Math.max(fit.height, 1) + 1,
  });
}

export interface StackItem {
  /** Height the item takes. */
  height: number;
  /** Space above it (ignored for the first item). */
  gap?: number;
  draw(y: number): SceneNodeInput[];
}

/** Stacks items top to bottom in [top, bottom], aligned to the top, middle or bottom of that span. */
export function stack(items: StackItem[], top: number, bottom: number, align: "top" | "middle" | "bottom" = "top"): { nodes: SceneNodeInput[]; top: number; bottom: number } {
  const shown = items.filter((i) => i.height > 0);
  const total = shown.reduce((sum, item, i) => sum + item.height + (i ? (item.gap ?? 0) : 0), 0);
  let y = align === "top" ? top : align === "middle" ? top + (bottom - top - total) / 2 : bottom - total;
  const start = y;
  const nodes: SceneNodeInput[] = [];
  shown.forEach((item, i) => {
    if (i) y += item.gap ?? 0;
    nodes.push(...item.draw(y));
    y += item.height;
  });
  return { nodes, top: start, bottom: y };
}

export interface CopyPart {
  field: string;
  text: string;
  spec: Omit<FitSpec, "width">;
  /** Space above this part, px. */
  gap?: number;
  prefer?: Role[];
  /** Draw the text on a rounded pill of this kit colour (a call to action). */
  pill?: Role;
}

/**
 * Fits a column of copy (eyebrow, headline, body, call to action...) into `region`: each part at its
 * largest size that fits its line limit, then all parts shrunk together until the column fits the
 * region's height (never below their minimum sizes; what still cannot fit is reported as overflow
 * by the render). Text colours are chosen by contrast against `on` (or the pill's colour).
 */
export function copyStack(
  ctx: TemplateContext,
  parts: CopyPart[],
  region: Box,
  o: { on: string; align?: "left" | "center" | "right"; valign?: "top" | "middle" | "bottom" },
): { nodes: SceneNodeInput[]; top: number; bottom: number } {
  const shown = parts.filter((p) => p.text.trim());
  const align = o.align ?? "left";
  let shrink = 1;
  let fitted: { part: CopyPart; spec: FitSpec; fit: Fitted; padX: number; padY: number }[] = [];
  for (let attempt = 0; attempt < 14; attempt++) {
    fitted = shown.map((part) => {
      const padY = part.pill ? part.spec.maxSize * shrink * 0.75 : 0;
      const padX = part.pill ? part.spec.maxSize * shrink * 1.4 : 0;
      const maxSize = Math.max(part.spec.minSize, part.spec.maxSize * shrink);
      const spec: FitSpec = { ...part.spec, maxSize, width: region.w - 2 * padX };
      return { part, spec, fit: fitText(ctx, part.text, spec), padX, padY };
    });
    const total = fitted.reduce((sum, f, i) => sum + f.fit.height + 2 * f.padY + (i ? (f.part.gap ?? 0) * Math.max(shrink, 0.6) : 0), 0);
    if (total <= region.h) break;
    shrink *= 0.92;
  }
  cutToFit(fitted, region.h, shrink);
  const items: StackItem[] = fitted.map(({ part, spec, fit, padX, padY }) => ({
    height: fit.height + 2 * padY,
    gap: (part.gap ?? 0) * Math.max(shrink, 0.6),
    draw: (y) => {
      if (!part.pill) {
        return [fittedText(ctx, fit, { text: part.text, field: part.field, x: region.x, y, w: region.w, on: o.on, align, prefer: part.prefer, spec })];
      }
      const size = fit.size;
      const lineW = ctx.measure(part.text, { font: ctx.font(spec.role, spec.weight ?? 400), size, width: spec.width, lineHeight: spec.lineHeight, letterSpacing: spec.letterSpacing, uppercase: spec.uppercase }).width;
      const w = Math.min(region.w, lineW + 2 * padX);
      const x = align === "left" ? region.x : align === "center" ? region.x + (region.w - w) / 2 : region.x + region.w - w;
      const h = fit.height + 2 * padY;
      const fill = ctx.colour(part.pill);
      return [
        { type: "rect", x, y, w, h, fill, radius: h / 2 },
        fittedText(ctx, fit, { text: part.text, field: part.field, x: x + padX, y: y + padY, w: w - 2 * padX + 1, on: fill, align: "center", prefer: part.prefer, spec: { ...spec, width: w - 2 * padX } }),
      ];
    },
  }));
  return stack(items, region.y, region.y + region.h, o.valign ?? "top");
}

/**
 * When the copy is still too tall at its smallest sizes, take lines away from the tallest part
 * (then from the last parts) until it fits: those text boxes get smaller than their text, so the
 * render reports overflow naming the field instead of the copy running off the region.
 */
function cutToFit(fitted: { part: CopyPart; spec: FitSpec; fit: Fitted; padY: number }[], room: number, shrink: number): void {
  const lh = (f: { spec: FitSpec; fit: Fitted }) => (f.spec.lineHeight ?? 1.2) * f.fit.size;
  const total = () => fitted.reduce((sum, f, i) => sum + f.fit.height + 2 * f.padY + (i ? (f.part.gap ?? 0) * Math.max(shrink, 0.6) : 0), 0);
  while (total() > room + 0.5) {
    const tallest = fitted.filter((f) => f.fit.lines > 1).sort((a, b) => b.fit.height - a.fit.height)[0];
    if (!tallest) break;
    const lines = tallest.fit.lines - 1;
    tallest.fit = { ...tallest.fit, lines, height: lines * lh(tallest), fits: false };
    tallest.spec = { ...tallest.spec, maxLines: lines };
  }
  for (let i = fitted.length - 1; i >= 0 && total() > room + 0.5; i--) {
    const f = fitted[i];
    if (!f) continue;
    f.fit = { ...f.fit, lines: 0, height: 0.5, fits: false };
    f.padY = 0;
  }
}

/**
 * Width a leader row leaves for its label and detail, as the render engine computes it: the column
 * less the price (set with tabular figures) and two leader pitches (`spacing` em of the label size).
 */
export function leaderLabelWidth(
  ctx: TemplateContext,
  columnW: number,
  price: string,
  label: { font: ReturnType<TemplateContext["font"]>; size: number },
  spacing = 0.45,
): number {
  if (!price.trim()) return columnW;
  const priceW = ctx.measure(price, { font: label.font, size: label.size, width: columnW, features: ["tnum"] }).width;
  return columnW - priceW - 2 * spacing * label.size;
}

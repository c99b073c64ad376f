// Shared pieces of text fitting: how many lines fit a box, the shrink-to-fit search, and the
// overflow / missing-glyph reports that name the content field.
import type { PrepContext } from "./shape.ts";
import type { LaidLine } from "./text-lines.ts";

export interface Overflow {
  field: string;
  needed: number;
  available: number;
  unit: "lines" | "rows";
  /** The size (px) the text was tried at last: the node's minimum size. */
  size: number;
  message: string;
}

export interface MissingGlyphs {
  field: string;
  /** Characters no bundled or brand font can draw; they are left out of the render. */
  chars: string[];
}

export interface TextBlock {
  /** The size chosen by shrink-to-fit (leaders: the label size after scaling). */
  size: number;
  lines: LaidLine[];
}

export interface LayoutSink {
  overflow: Overflow[];
  missing: MissingGlyphs[];
}

/** How many lines of `lineHeight` px fit in `h`, capped by maxLines. */
export function linesThatFit(h: number, lineHeight: number, maxLines?: number): number {
  const byHeight = Math.floor((h + 0.5) / lineHeight);
  return Math.max(0, Math.min(byHeight, maxLines ?? Number.POSITIVE_INFINITY));
}

export function overflowMessage(field: string, needed: number, available: number, unit: "lines" | "rows", size: number): string {
  const word = unit === "lines" ? (needed === 1 ? "line" : "lines") : needed === 1 ? "row" : "rows";
  return `field \`${field}\`: needs ${needed} ${word} at ${round(size)} px, box holds ${available}`;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Finds the largest size in [min, max] at which `fits(size)` holds (assumed monotone), to 0.25 px.
 * Returns null when even `min` does not fit.
 */
export function shrinkToFit(min: number, max: number, fits: (size: number) => boolean): number | null {
  if (fits(max)) return max;
  if (min >= max || !fits(min)) return null;
  let lo = min;
  let hi = max;
  while (hi - lo > 0.25) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function recordMissing(ctx: PrepContext, field: string, sink: LayoutSink): void {
  if (ctx.missing.size) sink.missing.push({ field, chars: [...ctx.missing] });
}


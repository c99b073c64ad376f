// Line breaking and line placement over shaped atoms: greedy wrap on break opportunities (a word
// longer than the line is split between graphemes), bidi visual reordering, alignment, justification
// and letter-spacing. Output glyph positions are absolute px, shared by the SVG and PDF backends.
import type { FontFace } from "./font-face.ts";
import { buildPieces, graphemeBounds, pieceWidth, type Atom, type Paragraph, type Piece, type PrepContext } from "./shape.ts";

export interface PlacedGlyph {
  id: number;
  /** Pen position of the glyph origin, px, page coordinates (y down, on the baseline). */
  x: number;
  y: number;
  codePoints: number[];
}

export interface GlyphRun {
  face: FontFace;
  size: number;
  colour: string;
  opacity: number;
  rtl: boolean;
  /** The characters this run draws (after uppercase/mirroring), for PDF text extraction and tests. */
  text: string;
  /** Position of the run in the line's logical (reading) order; runs themselves are in visual order. */
  order: number;
  glyphs: PlacedGlyph[];
}

export interface LaidLine {
  baseline: number;
  x: number;
  width: number;
  runs: GlyphRun[];
}

export interface WrappedLine {
  pieces: Piece[];
  /** Last line of its paragraph: never justified. */
  last: boolean;
  baseLevel: number;
}

export interface WrapResult {
  lines: WrappedLine[];
  /** A word had to be split because it was wider than the line. */
  broke: boolean;
}

const EPS = 0.01;

function widthOf(pieces: readonly Piece[], size: number, spacing: number): number {
  let w = 0;
  for (const p of pieces) w += pieceWidth(p, size, spacing);
  return w;
}

/** Greedy line breaking of paragraphs at `size`; `allowBreak` splits over-long words instead of overflowing. */
export function wrapParagraphs(
  ctx: PrepContext,
  paras: readonly Paragraph[],
  width: number,
  size: number,
  spacing: number,
  allowBreak: boolean,
): WrapResult {
  const lines: WrappedLine[] = [];
  let broke = false;
  for (const para of paras) {
    let cur: Piece[] = [];
    let curWidth = 0;
    let pending: Piece[] = [];
    let pendingWidth = 0;
    const push = (last: boolean) => {
      lines.push({ pieces: cur, last, baseLevel: para.baseLevel });
      cur = [];
      curWidth = 0;
      pending = [];
      pendingWidth = 0;
    };
    for (const atom of para.atoms) {
      const content = atom.pieces.filter((p) => !p.isSpace);
      const spaces = atom.pieces.filter((p) => p.isSpace);
      const cw = widthOf(content, size, spacing);
      if (cur.length && curWidth + pendingWidth + cw > width + EPS) push(false);
      let parts: Piece[][] = [content];
      if (!cur.length && cw > width + EPS && content.length) {
        broke = true;
        if (allowBreak) parts = splitAtom(ctx, para, atom, width, size, spacing);
      }
      for (const [i, part] of parts.entries()) {
        if (i > 0) push(false);
        cur.push(...pending, ...part);
        curWidth += pendingWidth + widthOf(part, size, spacing);
        pending = [];
        pendingWidth = 0;
      }
      pending = spaces;
      pendingWidth = widthOf(spaces, size, spacing);
    }
    push(true);
  }
  return { lines, broke };
}

/** Splits one atom's content into chunks that each fit the width (at least one grapheme each). */
function splitAtom(ctx: PrepContext, para: Paragraph, atom: Atom, width: number, size: number, spacing: number): Piece[][] {
  const bounds = graphemeBounds(para.shapedText, atom.start, atom.end);
  const parts: Piece[][] = [];
  let from = atom.start;
  let k = 0;
  while (k < bounds.length) {
    // Binary search the largest grapheme count that fits from `from`.
    let lo = k;
    let hi = bounds.length - 1;
    let best = k;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const pieces = buildPieces(ctx, para, from, bounds[mid] ?? atom.end, false);
      if (widthOf(pieces, size, spacing) <= width + EPS) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const to = bounds[best] ?? atom.end;
    parts.push(buildPieces(ctx, para, from, to, false));
    from = to;
    k = best + 1;
  }
  return parts;
}

/** Bidi rule L2: reverse runs at each level from the highest down to the lowest odd level. */
export function visualOrder<T extends { level: number }>(items: readonly T[]): T[] {
  const out = [...items];
  if (!out.length) return out;
  const max = Math.max(...out.map((p) => p.level));
  const minOdd = Math.min(...out.map((p) => (p.level % 2 ? p.level : p.level + 1)));
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; ) {
      if ((out[i]?.level ?? 0) >= level) {
        let j = i;
        while (j < out.length && (out[j]?.level ?? 0) >= level) j++;
        const reversed = out.slice(i, j).reverse();
        out.splice(i, j - i, ...reversed);
        i = j;
      } else i++;
    }
  }
  return out;
}

export interface PlaceOptions {
  x: number;
  width: number;
  baseline: number;
  size: number;
  spacing: number;
  align: "left" | "center" | "right" | "justify";
  colour: string;
  opacity: number;
}

/** Positions one wrapped line's glyphs; trailing spaces are dropped and pieces put in visual order. */
export function placeLine(line: WrappedLine, o: PlaceOptions): LaidLine {
  const pieces = [...line.pieces];
  while (pieces.length && pieces[pieces.length - 1]?.isSpace) pieces.pop();
  const logical = new Map(pieces.map((p, i) => [p, i]));
  const visual = visualOrder(pieces);
  let natural = widthOf(visual, o.size, o.spacing);
  const lastPiece = visual[visual.length - 1];
  if (o.spacing && lastPiece && !lastPiece.cursive) natural -= o.spacing; // no tracking after the last glyph
  const spaces = visual.filter((p) => p.isSpace).length;
  let extra = 0;
  let x = o.x;
  if (o.align === "justify" && !line.last && spaces > 0 && natural < o.width) extra = (o.width - natural) / spaces;
  else if (o.align === "center") x += (o.width - natural) / 2;
  else if (o.align === "right") x += o.width - natural;
  const startX = x;
  const runs: GlyphRun[] = [];
  for (const piece of visual) {
    const scale = o.size / piece.face.unitsPerEm;
    const track = piece.cursive ? 0 : o.spacing;
    const glyphs: PlacedGlyph[] = [];
    for (const g of piece.run.glyphs) {
      glyphs.push({ id: g.id, x: x + g.xOffset * scale, y: o.baseline - g.yOffset * scale, codePoints: g.codePoints });
      x += g.advance * scale + (g.advance !== 0 ? track : 0);
    }
    if (piece.isSpace) x += extra;
    const rtl = piece.level % 2 === 1;
    const prev = runs[runs.length - 1];
    // Neighbouring pieces in one face merge into one run (CJK breaks between every character).
    const order = logical.get(piece) ?? 0;
    if (prev && prev.face === piece.face && prev.rtl === rtl) {
      prev.glyphs.push(...glyphs);
      prev.text = rtl ? piece.text + prev.text : prev.text + piece.text;
      prev.order = Math.min(prev.order, order);
    } else {
      runs.push({ face: piece.face, size: o.size, colour: o.colour, opacity: o.opacity, rtl, text: piece.text, order, glyphs });
    }
  }
  return { baseline: o.baseline, x: startX, width: extra ? o.width : natural, runs };
}

/** Vertical metrics of a face at a size: ascent and descent in px (both positive). */
export function lineMetrics(face: FontFace, size: number): { ascent: number; descent: number } {
  return { ascent: (face.ascent * size) / face.unitsPerEm, descent: (-face.descent * size) / face.unitsPerEm };
}

/** Width of a wrapped line as placed (without trailing spaces), px. */
export function lineWidth(line: WrappedLine, size: number, spacing: number): number {
  const pieces = [...line.pieces];
  while (pieces.length && pieces[pieces.length - 1]?.isSpace) pieces.pop();
  return widthOf(pieces, size, spacing);
}

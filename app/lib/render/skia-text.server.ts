// Text for the Skia backend, drawn from bitmaps rather than by filling outlines on every render:
// - a glyph bitmap is one glyph of one face at one device size, in one colour, with its pen at one of
//   SUBPIXEL² sub-pixel offsets (pen positions snap to 1/SUBPIXEL px, at most 1/8 px off, as browsers
//   place glyphs); its outline is filled once, by Skia, from the layout's own glyph path;
// - a line bitmap is a laid-out line put together from glyph bitmaps, kept under the list of its
//   glyph bitmaps and their whole-pixel offsets, so the same line anywhere at the same sub-pixel
//   phase (a template's labels, the unchanged fields of a live preview or a bulk run) is one blit.
// A line is always drawn through its line bitmap, kept or new, so the pixels never depend on what
// the caches held. Text larger than BITMAP_MAX_PX (a poster headline at 300 dpi) is filled from its
// outlines directly, at its exact position: its bitmaps would be large and rarely reused.
import { createCanvas, Path2D, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
import { ByteLru } from "./byte-lru.ts";
import type { FontFace } from "./font-face.ts";
import type { LaidLine } from "./text-lines.ts";

const SUBPIXEL = 4;
const BITMAP_MAX_PX = 160;
const GLYPH_BUDGET = 6 * 1024 * 1024;
const LINE_BUDGET = 8 * 1024 * 1024;

interface GlyphShape {
  path: Path2D;
  /** Control-point bounds in font units (y up): minX, minY, maxX, maxY; null for an empty glyph (a space). */
  bounds: [number, number, number, number] | null;
}

const shapes = new WeakMap<FontFace, Map<number, GlyphShape>>();

function glyphShape(face: FontFace, id: number): GlyphShape {
  let map = shapes.get(face);
  if (!map) {
    map = new Map();
    shapes.set(face, map);
  }
  let shape = map.get(id);
  if (!shape) {
    const d = face.glyphPath(id);
    const path = new Path2D(d);
    const [x0, y0, x1, y1] = path.getBounds();
    shape = { path, bounds: d.trim() && x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : null };
    map.set(id, shape);
  }
  return shape;
}

interface GlyphBitmap {
  /** Unique per bitmap made: line keys name glyphs by it. */
  uid: number;
  canvas: Canvas;
  /** Where the bitmap's top-left sits relative to the pen's pixel. */
  dx: number;
  dy: number;
}

/** Glyph bitmaps of one face at one device scale in one colour, by glyph id and sub-pixel step. */
interface GlyphStyle {
  face: FontFace;
  kx: number;
  ky: number;
  colour: string;
  bitmaps: Map<number, GlyphBitmap | null>;
}

// A flat cache: when its bitmaps outgrow the budget it starts again (line bitmaps stay valid; they
// are whole images). Lookups stay plain map reads on the hot path.
let styles = new Map<string, GlyphStyle>();
let glyphBytes = 0;
let nextUid = 1;

function glyphStyle(face: FontFace, kx: number, ky: number, colour: string): GlyphStyle {
  const key = `${face.id} ${kx} ${ky} ${colour}`;
  let style = styles.get(key);
  if (!style) {
    style = { face, kx, ky, colour, bitmaps: new Map() };
    styles.set(key, style);
  }
  return style;
}

/** The glyph drawn with its pen at (qx, qy)/SUBPIXEL inside a small bitmap; null for an empty glyph. */
function glyphBitmap(style: GlyphStyle, id: number, qx: number, qy: number): GlyphBitmap | null {
  const slot = (id * SUBPIXEL + qx) * SUBPIXEL + qy;
  let bitmap = style.bitmaps.get(slot);
  if (bitmap !== undefined) return bitmap;
  const shape = glyphShape(style.face, id);
  const b = shape.bounds;
  if (!b) {
    style.bitmaps.set(slot, null);
    return null;
  }
  const { kx, ky } = style;
  const fx = qx / SUBPIXEL;
  const fy = qy / SUBPIXEL;
  const x0 = Math.floor(fx + kx * b[0]) - 1;
  const y0 = Math.floor(fy - ky * b[3]) - 1;
  const w = Math.ceil(fx + kx * b[2]) + 1 - x0;
  const h = Math.ceil(fy - ky * b[1]) + 1 - y0;
  const canvas = createCanvas(w, h);
  const c = canvas.getContext("2d");
  c.fillStyle = style.colour;
  c.setTransform(kx, 0, 0, -ky, fx - x0, fy - y0);
  c.fill(shape.path);
  bitmap = { uid: nextUid++, canvas, dx: x0, dy: y0 };
  glyphBytes += w * h * 4 + 256;
  if (glyphBytes > GLYPH_BUDGET) {
    styles = new Map([[`${style.face.id} ${kx} ${ky} ${style.colour}`, style]]);
    style.bitmaps = new Map();
    glyphBytes = w * h * 4 + 256;
  }
  style.bitmaps.set(slot, bitmap);
  return bitmap;
}

const lineBitmaps = new ByteLru<string, Canvas>(LINE_BUDGET);

/** Drops every kept glyph and line bitmap (tests). */
export function clearTextBitmaps(): void {
  styles = new Map();
  glyphBytes = 0;
  lineBitmaps.clear();
}

export function textBitmapStats(): { glyphBytes: number; lines: number; lineBytes: number } {
  return { glyphBytes, lines: lineBitmaps.size, lineBytes: lineBitmaps.bytes };
}

interface Placed {
  glyph: GlyphBitmap;
  x: number;
  y: number;
  alpha: number;
}

/**
 * Draws laid-out lines (page px, y down) at device scale sx×sy. `ctx` may carry a clip and a
 * global alpha (groups); its transform is kept.
 */
export function drawLines(ctx: SKRSContext2D, lines: readonly LaidLine[], sx: number, sy: number): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const placed: Placed[] = [];
  // A group's opacity: applies to the blit of each line bitmap (and to outlines filled directly).
  const alpha = ctx.globalAlpha;
  for (const line of lines) {
    if (line.runs.some((run) => run.size * Math.max(sx, sy) > BITMAP_MAX_PX)) {
      fillLine(ctx, line, sx, sy, alpha);
      continue;
    }
    placed.length = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const run of line.runs) {
      const k = run.size / run.face.unitsPerEm;
      const style = glyphStyle(run.face, sx * k, sy * k, run.colour);
      for (const g of run.glyphs) {
        // The pen's pixel and sub-pixel step; a step of SUBPIXEL is the next pixel's step 0.
        const px = sx * g.x;
        const py = sy * g.y;
        let ix = Math.floor(px);
        let iy = Math.floor(py);
        let qx = Math.round((px - ix) * SUBPIXEL);
        let qy = Math.round((py - iy) * SUBPIXEL);
        if (qx === SUBPIXEL) (ix += 1), (qx = 0);
        if (qy === SUBPIXEL) (iy += 1), (qy = 0);
        const glyph = glyphBitmap(style, g.id, qx, qy);
        if (!glyph) continue;
        const x = ix + glyph.dx;
        const y = iy + glyph.dy;
        placed.push({ glyph, x, y, alpha: run.opacity });
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x + glyph.canvas.width > x1) x1 = x + glyph.canvas.width;
        if (y + glyph.canvas.height > y1) y1 = y + glyph.canvas.height;
      }
    }
    if (!placed.length) continue;
    let key = "";
    let runAlpha = 1;
    for (const p of placed) {
      if (p.alpha !== runAlpha) key += `a${(runAlpha = p.alpha)};`;
      key += `${p.glyph.uid},${p.x - x0},${p.y - y0};`;
    }
    let bitmap = lineBitmaps.get(key);
    if (!bitmap) {
      bitmap = createCanvas(x1 - x0, y1 - y0);
      const c = bitmap.getContext("2d");
      // fill-opacity in the SVG applied to each glyph; so does globalAlpha here.
      for (const p of placed) {
        c.globalAlpha = p.alpha;
        c.drawImage(p.glyph.canvas, p.x - x0, p.y - y0);
      }
      lineBitmaps.set(key, bitmap, (x1 - x0) * (y1 - y0) * 4);
    }
    ctx.drawImage(bitmap, x0, y0);
  }
  ctx.restore();
}

/** Fills a line's glyph outlines at their exact positions (large text). */
function fillLine(ctx: SKRSContext2D, line: LaidLine, sx: number, sy: number, alpha: number): void {
  for (const run of line.runs) {
    const k = run.size / run.face.unitsPerEm;
    ctx.fillStyle = run.colour;
    ctx.globalAlpha = alpha * run.opacity;
    for (const g of run.glyphs) {
      const shape = glyphShape(run.face, g.id);
      if (!shape.bounds) continue;
      ctx.setTransform(sx * k, 0, 0, -sy * k, sx * g.x, sy * g.y);
      ctx.fill(shape.path);
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = alpha;
}

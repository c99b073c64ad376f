// Leader rows for menus and price lists: label left (wrapping), price right on the label's last
// line, dots between on a grid shared by all rows so they line up, an optional detail line below,
// flowing through columns. The whole node shrinks by one factor down to `minScale`.
import type { FontProvider } from "./font-face.ts";
import { overflowMessage, recordMissing, shrinkToFit, type LayoutSink, type TextBlock } from "./fit.ts";
import { columns, type LeadersNode, type RunStyle } from "./scene.ts";
import { prepareParagraphs, type Paragraph, type PrepContext } from "./shape.ts";
import { lineMetrics, lineWidth, placeLine, wrapParagraphs, type LaidLine, type WrappedLine } from "./text-lines.ts";

interface PreparedText {
  ctx: PrepContext;
  paras: Paragraph[];
  style: RunStyle;
}

interface PreparedRow {
  label: PreparedText;
  price: PreparedText | null;
  detail: PreparedText | null;
}

function prepare(fonts: FontProvider, style: RunStyle, text: string, features?: string[]): PreparedText {
  const ctx: PrepContext = { fonts, spec: style.font, features, missing: new Set() };
  return { ctx, paras: prepareParagraphs(ctx, style.uppercase ? text.toUpperCase() : text, "auto"), style };
}

interface Planned {
  lines: LaidLine[];
  placed: number;
  broke: boolean;
}

export function layoutLeaders(node: LeadersNode, fonts: FontProvider, sink: LayoutSink): TextBlock {
  const field = node.field ?? "rows";
  const detailStyle = node.detail ?? node.label;
  // Prices use tabular figures where the font has them, so columns of prices line up.
  const rows: PreparedRow[] = node.rows.map((row) => ({
    label: prepare(fonts, node.label, row.label),
    price: row.price.trim() ? prepare(fonts, node.price, row.price, ["tnum"]) : null,
    detail: row.detail?.trim() ? prepare(fonts, detailStyle, row.detail) : null,
  }));
  rows.forEach((row, i) => {
    for (const [part, prepared] of Object.entries(row)) if (prepared) recordMissing(prepared.ctx, `${field}.${i}.${part}`, sink);
  });
  const plan = (scale: number) => planRows(node, fonts, rows, scale);
  const chosen = shrinkToFit(node.minScale, 1, (s) => {
    const p = plan(s);
    return p.placed === rows.length && !p.broke;
  });
  const scale = chosen ?? node.minScale;
  const result = plan(scale);
  if (result.placed < rows.length) {
    const size = node.label.size * scale;
    sink.overflow.push({
      field,
      needed: rows.length,
      available: result.placed,
      unit: "rows",
      size,
      message: overflowMessage(field, rows.length, result.placed, "rows", size),
    });
  }
  return { size: node.label.size * scale, lines: result.lines };
}

function wrap(t: PreparedText, width: number, scale: number) {
  const size = t.style.size * scale;
  const spacing = t.style.letterSpacing * size;
  return { size, spacing, ...wrapParagraphs(t.ctx, t.paras, Math.max(1, width), size, spacing, true) };
}

function planRows(node: LeadersNode, fonts: FontProvider, rows: PreparedRow[], scale: number): Planned {
  const cols = columns(node.x, node.w, node.columns, node.columnGap);
  const labelFace = fonts.face(node.label.font);
  const labelSize = node.label.size * scale;
  const pitch = node.leader.spacing * labelSize;
  const lines: LaidLine[] = [];
  let broke = false;
  let col = 0;
  let y = node.y;
  let placed = 0;
  const colour = (s: RunStyle) => ({ colour: s.colour, opacity: node.opacity });
  for (const row of rows) {
    const column = cols[col];
    if (!column) break;
    const price = row.price ? wrap(row.price, column.w, scale) : null;
    const priceLine = price?.lines[0];
    const priceW = priceLine ? lineWidth(priceLine, price.size, price.spacing) : 0;
    const gap = priceLine ? pitch * 2 : 0;
    const label = wrap(row.label, column.w - priceW - gap, scale);
    const detail = row.detail ? wrap(row.detail, column.w - priceW - gap, scale) : null;
    broke ||= label.broke || (detail?.broke ?? false);
    const labelLh = node.label.lineHeight * label.size;
    const detailLh = detail ? (row.detail?.style.lineHeight ?? 1.2) * detail.size : 0;
    const height = label.lines.length * labelLh + (detail ? detail.lines.length * detailLh : 0);
    if (y > node.y && y + height > node.y + node.h + 0.5) {
      col += 1;
      y = node.y;
      if (!cols[col]) break;
    }
    const c = cols[col];
    if (!c || y + height > node.y + node.h + 0.5) break;
    const baselineOf = (i: number, lh: number, top: number, size: number, face = labelFace) => {
      const m = lineMetrics(face, size);
      return top + i * lh + (lh - (m.ascent + m.descent)) / 2 + m.ascent;
    };
    let lastLabel: LaidLine | undefined;
    label.lines.forEach((line: WrappedLine, i) => {
      lastLabel = placeLine(line, { x: c.x, width: c.w - priceW - gap, baseline: baselineOf(i, labelLh, y, label.size), size: label.size, spacing: label.spacing, align: "left", ...colour(node.label) });
      lines.push(lastLabel);
    });
    const baseline = lastLabel?.baseline ?? baselineOf(0, labelLh, y, label.size);
    if (price && priceLine) {
      const placedPrice = placeLine(priceLine, { x: c.x, width: c.w, baseline, size: price.size, spacing: price.spacing, align: "right", ...colour(node.price) });
      const from = (lastLabel ? lastLabel.x + lastLabel.width : c.x) + pitch * 0.75;
      const to = placedPrice.x - pitch * 0.75;
      const dots = leaderDots(node, fonts, c.x, from, to, pitch, labelSize, baseline);
      // Reading order label, dots, price: a PDF's extracted text reads like the menu.
      if (dots) lines.push(dots);
      lines.push(placedPrice);
    }
    if (detail && row.detail) {
      const top = y + label.lines.length * labelLh;
      const face = fonts.face(row.detail.style.font);
      detail.lines.forEach((line, i) => {
        lines.push(placeLine(line, { x: c.x, width: c.w - priceW - gap, baseline: baselineOf(i, detailLh, top, detail.size, face), size: detail.size, spacing: detail.spacing, align: "left", ...colour(row.detail!.style) }));
      });
    }
    y += height + node.rowGap * scale;
    placed += 1;
  }
  return { lines, placed, broke };
}

/** Leader characters on a grid anchored at the column's left edge, so dots align across rows. */
function leaderDots(node: LeadersNode, fonts: FontProvider, origin: number, from: number, to: number, pitch: number, size: number, baseline: number): LaidLine | null {
  const ctx: PrepContext = { fonts, spec: node.label.font, missing: new Set() };
  const piece = prepareParagraphs(ctx, node.leader.char, "ltr")[0]?.atoms[0]?.pieces[0];
  const glyph = piece?.run.glyphs[0];
  if (!piece || !glyph) return null;
  const advance = (piece.run.advance * size) / piece.face.unitsPerEm;
  const glyphs = [];
  for (let x = origin + Math.ceil((from - origin) / pitch) * pitch; x + advance <= to; x += pitch) {
    glyphs.push({ id: glyph.id, x, y: baseline, codePoints: glyph.codePoints });
  }
  if (!glyphs.length) return null;
  const run = { face: piece.face, size, colour: node.leader.colour, opacity: node.opacity, rtl: false, text: node.leader.char.repeat(glyphs.length), order: 0, glyphs };
  return { baseline, x: glyphs[0]?.x ?? from, width: to - from, runs: [run] };
}

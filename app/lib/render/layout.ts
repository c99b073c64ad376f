// Lays out a Scene's text ONCE with fontkit metrics; the SVG/PNG and PDF backends and the preview
// all draw the result, so every format shows the same lines. Text that cannot fit, even at its
// minimum size, is reported as an Overflow naming the content field, never silently clipped.
import type { FontFace, FontProvider } from "./font-face.ts";
import { linesThatFit, overflowMessage, recordMissing, shrinkToFit, type LayoutSink, type TextBlock } from "./fit.ts";
import { layoutLeaders } from "./leaders.ts";
import { parseScene, type GroupNode, type LeafNode, type Scene, type SceneInput, type TextNode } from "./scene.ts";
import { prepareParagraphs, type PrepContext } from "./shape.ts";
import { lineMetrics, lineWidth, placeLine, wrapParagraphs, type LaidLine, type WrappedLine } from "./text-lines.ts";

export type { GlyphRun, LaidLine, PlacedGlyph } from "./text-lines.ts";
export type { MissingGlyphs, Overflow, TextBlock } from "./fit.ts";
import type { MissingGlyphs, Overflow } from "./fit.ts";

export type LaidItem =
  | { kind: "shape"; node: Exclude<LeafNode, TextNode | { type: "leaders" }> }
  | { kind: "text"; node: Extract<LeafNode, { type: "text" | "leaders" }>; block: TextBlock }
  | { kind: "group"; node: GroupNode; children: LaidItem[] };

export interface SceneLayout {
  scene: Scene;
  items: LaidItem[];
  overflow: Overflow[];
  missing: MissingGlyphs[];
}


/** Validates the scene and lays out every text and leaders node. */
export function layoutScene(input: SceneInput | Scene, fonts: FontProvider): SceneLayout {
  const scene = parseScene(input);
  const sink: LayoutSink = { overflow: [], missing: [] };
  const layoutNode = (node: LeafNode): LaidItem => {
    if (node.type === "text") return { kind: "text", node, block: layoutTextBox(node, fonts, sink) };
    if (node.type === "leaders") return { kind: "text", node, block: layoutLeaders(node, fonts, sink) };
    return { kind: "shape", node };
  };
  const items = scene.nodes.map((node): LaidItem =>
    node.type === "group" ? { kind: "group", node, children: node.children.map(layoutNode) } : layoutNode(node),
  );
  return { scene, items, overflow: sink.overflow, missing: sink.missing };
}

/** Text box: wrap, shrink-to-fit between minSize and size, align, and report what does not fit. */
export function layoutTextBox(node: TextNode, fonts: FontProvider, sink: LayoutSink): TextBlock {
  const field = node.field ?? "text";
  const ctx: PrepContext = { fonts, spec: node.font, missing: new Set() };
  const text = node.uppercase ? node.text.toUpperCase() : node.text;
  if (!text.trim()) return { size: node.size, lines: [] };
  const paras = prepareParagraphs(ctx, text, node.direction);
  recordMissing(ctx, field, sink);
  const min = node.minSize ?? node.size;
  const allowed = (size: number) => linesThatFit(node.h, node.lineHeight * size, node.maxLines);
  const wrapAt = (size: number, allowBreak: boolean) =>
    wrapParagraphs(ctx, paras, node.w, size, node.letterSpacing * size, allowBreak);
  const chosen = shrinkToFit(min, node.size, (size) => {
    const r = wrapAt(size, false);
    return !r.broke && r.lines.length <= allowed(size);
  });
  const size = chosen ?? min;
  let lines = wrapAt(size, true).lines;
  const available = allowed(size);
  if (lines.length > available) {
    sink.overflow.push({
      field,
      needed: lines.length,
      available,
      unit: "lines",
      size,
      message: overflowMessage(field, lines.length, available, "lines", size),
    });
    lines = truncateWithEllipsis(ctx, lines, available, node.w, size, node.letterSpacing * size);
  }
  const face = fonts.face(node.font);
  return { size, lines: positionLines(lines, face, node, size) };
}

function positionLines(lines: WrappedLine[], face: FontFace, node: TextNode, size: number): LaidLine[] {
  const lh = node.lineHeight * size;
  const { ascent, descent } = lineMetrics(face, size);
  const blockH = lines.length * lh;
  const top = node.valign === "top" ? node.y : node.valign === "middle" ? node.y + (node.h - blockH) / 2 : node.y + node.h - blockH;
  return lines.map((line, i) =>
    placeLine(line, {
      x: node.x,
      width: node.w,
      baseline: top + i * lh + (lh - (ascent + descent)) / 2 + ascent,
      size,
      spacing: node.letterSpacing * size,
      align: node.align,
      colour: node.colour,
      opacity: node.opacity,
    }),
  );
}

/** Keeps the lines that fit and ends the last one with an ellipsis, so the cut is visible. */
export function truncateWithEllipsis(
  ctx: PrepContext,
  lines: WrappedLine[],
  keep: number,
  width: number,
  size: number,
  spacing: number,
): WrappedLine[] {
  const kept = lines.slice(0, keep);
  const last = kept[kept.length - 1];
  if (!last) return kept;
  const ellipsisPara = prepareParagraphs({ ...ctx, missing: new Set() }, "\u2026", "auto")[0];
  const ellipsis = (ellipsisPara?.atoms[0]?.pieces ?? []).map((p) => ({ ...p, level: last.baseLevel }));
  const pieces = [...last.pieces];
  const fits = () => lineWidth({ ...last, pieces: [...pieces, ...ellipsis] }, size, spacing) <= width + 0.01;
  while (pieces.length && (pieces[pieces.length - 1]?.isSpace || !fits())) pieces.pop();
  kept[kept.length - 1] = { ...last, pieces: [...pieces, ...ellipsis], last: true };
  return kept;
}

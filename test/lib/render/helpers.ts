// Small readers over a SceneLayout for the render tests.
import type { FontFace } from "~/lib/render/font-face.ts";
import { defaultFontRegistry } from "~/lib/render/fonts.server.ts";
import { layoutScene, type LaidLine, type SceneLayout, type TextBlock } from "~/lib/render/layout.ts";
import type { SceneInput } from "~/lib/render/scene.ts";

export const fonts = defaultFontRegistry();

type TextInput = Extract<SceneInput["nodes"][number], { type: "text" }>;

/** Lays out a single text node on a 1000×1000 page; returns its block and the layout. */
export function layoutText(node: Partial<TextInput> & { text: string }): { block: TextBlock; layout: SceneLayout } {
  const text: TextInput = {
    type: "text",
    x: 0,
    y: 0,
    w: 400,
    h: 400,
    font: { role: "body" },
    size: 20,
    colour: "#000000",
    ...node,
  };
  const layout = layoutScene({ width: 1000, height: 1000, nodes: [text] }, fonts);
  const item = layout.items[0];
  if (item?.kind !== "text") throw new Error("expected a text item");
  return { block: item.block, layout };
}

/** The line's text in visual order (runs left to right). */
export function lineText(line: LaidLine): string {
  return line.runs.map((r) => r.text).join("");
}

/** Right edge of a line's ink advance: last glyph x + its advance. */
export function lineRight(line: LaidLine): number {
  const run = line.runs[line.runs.length - 1];
  const g = run?.glyphs[run.glyphs.length - 1];
  if (!run || !g) return line.x;
  return g.x + (run.face.glyphAdvance(g.id) * run.size) / run.face.unitsPerEm;
}

/** Width of a string set in one face with kerning, px. */
export function measure(face: FontFace, text: string, size: number): number {
  return (face.shape(text, false).advance * size) / face.unitsPerEm;
}

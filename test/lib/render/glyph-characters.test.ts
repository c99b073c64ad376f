// fontkit caches glyph objects by id with the characters of their first request; a glyph first
// loaded without characters (by the PDF subsetter, as a composite's component) must still report
// its characters when shaped later, or the PDF loses it from its extractable text.
import { expect, test } from "vitest";
import { layoutScene } from "~/lib/render/layout.ts";
import { renderLayout } from "~/lib/render/render.server.ts";
import { fonts } from "./helpers.ts";
import { readPdf } from "./pdf-read.ts";

test("a glyph first loaded without characters keeps its characters when shaped afterwards", async () => {
  const face = fonts.face({ role: "body", weight: 400, style: "normal" });
  const source = face.font as unknown as { _cmapProcessor: { lookup(cp: number): number }; getGlyph(id: number, chars?: number[]): { codePoints: number[] } };
  // The full stop, not yet used in this process, requested the way the subsetter does: by id alone.
  const stop = source._cmapProcessor.lookup(0x2e);
  expect(source.getGlyph(stop).codePoints).toEqual([]);
  const run = face.shape("a.b", false);
  expect(run.glyphs.map((g) => g.codePoints)).toEqual([[0x61], [0x2e], [0x62]]);

  const layout = layoutScene(
    { width: 400, height: 100, nodes: [{ type: "text", text: "wave, then stop.", x: 0, y: 0, w: 400, h: 100, font: { role: "body" }, size: 20, colour: "#000000" }] },
    fonts,
  );
  const pdf = await renderLayout(layout, { format: "pdf", deterministic: true });
  expect((await readPdf(pdf.bytes)).text.replace(/\s+/g, " ").trim()).toBe("wave, then stop.");
});

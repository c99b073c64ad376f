// Text-layer contrast of Marque's own designs: the WCAG thresholds (large text by size and weight),
// what counts as "beneath" (paint order, photos, opacity), and a real template against its kit.
import sharp from "sharp";
import { expect, test } from "vitest";
import { auditDesign, layoutContrast } from "~/lib/audit/design.server.ts";
import { contrastRatio } from "~/lib/kit/palette.ts";
import { layoutScene } from "~/lib/render/layout.ts";
import type { SceneInput } from "~/lib/render/scene.ts";
import { prepareKit } from "~/lib/templates/context.server.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { makeKit } from "../../factories/kit.ts";
import { fileKit } from "./example-kits.ts";

const prepared = await prepareKit(makeKit());

type TextSpec = { field: string; colour: string; size: number; weight?: number; y: number; opacity?: number };
const text = (t: TextSpec) => ({
  type: "text" as const,
  field: t.field,
  text: "Readable words here",
  x: 20,
  y: t.y,
  w: 560,
  h: t.size * 1.5,
  font: { role: "body" as const, weight: t.weight ?? 400 },
  size: t.size,
  colour: t.colour,
  opacity: t.opacity ?? 1,
});

async function contrastOf(nodes: SceneInput["nodes"]) {
  const scene: SceneInput = { width: 600, height: 400, background: "#ffffff", nodes };
  const texts = await layoutContrast([layoutScene(scene, prepared.fonts)], prepared);
  return Object.fromEntries(texts.map((t) => [t.field, t]));
}

test("body text needs 4.5:1, unrounded: #777777 on white (4.48:1) fails", async () => {
  const r = await contrastOf([text({ field: "small", colour: "#777777", size: 16, y: 20 })]);
  expect(r.small).toMatchObject({ background: "#ffffff", required: 4.5, large: false, pass: false });
  expect(r.small?.ratio).toBe(contrastRatio("#777777", "#ffffff"));
});

test("large text (≥ 24 px, or ≥ 18.66 px bold) needs 3:1", async () => {
  const r = await contrastOf([
    text({ field: "big", colour: "#777777", size: 24, y: 20 }),
    text({ field: "boldish", colour: "#888888", size: 19, weight: 700, y: 80 }),
    text({ field: "regularish", colour: "#888888", size: 19, y: 140 }),
  ]);
  expect(r.big).toMatchObject({ large: true, required: 3, pass: true });
  expect(r.boldish).toMatchObject({ large: true, weight: 700, pass: true });
  expect(r.regularish).toMatchObject({ large: false, required: 4.5, pass: false });
});

test("the worst colour beneath counts: white text half over a white photo fails", async () => {
  const photo = await sharp({ create: { width: 600, height: 100, channels: 3, background: "#000000" } })
    .composite([{ input: { create: { width: 300, height: 100, channels: 3, background: "#ffffff" } }, left: 300, top: 0 }])
    .png()
    .toBuffer();
  const r = await contrastOf([
    { type: "image", x: 0, y: 0, w: 600, h: 100, bytes: photo },
    { ...text({ field: "over", colour: "#ffffff", size: 30, y: 30 }), text: "Words across the whole photo width, edge to edge" },
  ]);
  expect(r.over?.background).toBe("#ffffff");
  expect(r.over?.ratio).toBe(1);
  expect(r.over?.pass).toBe(false);
});

test("text opacity is blended into the colour checked; shapes painted after the text are not beneath it", async () => {
  const r = await contrastOf([
    { type: "rect", x: 0, y: 0, w: 600, h: 400, fill: "#ffffff" },
    text({ field: "faded", colour: "#000000", size: 16, y: 20, opacity: 0.5 }),
    text({ field: "covered", colour: "#000000", size: 16, y: 100 }),
    { type: "rect", x: 0, y: 90, w: 600, h: 60, fill: "#000000", opacity: 0.2 },
  ]);
  expect(r.faded?.ratio).toBe(contrastRatio("#808080", "#ffffff"));
  expect(r.faded?.pass).toBe(false);
  expect(r.covered).toMatchObject({ background: "#ffffff", ratio: 21, pass: true });
});

test("a kit template reports every text layer with its field, and all pass on its own kit", async () => {
  const harbour = fileKit("harbour-and-vine");
  const template = getTemplate("event-flyer");
  const report = await auditDesign(await harbour.prepared(), template.id, template.sample, "a5");
  expect(report.texts.length).toBeGreaterThan(5);
  expect(report.texts.map((t) => t.field)).toEqual(expect.arrayContaining(["title", "date", "cta"]));
  expect(report.failures).toEqual([]);
  for (const t of report.texts) expect(t.ratio).toBe(contrastRatio(t.colour, t.background));
});

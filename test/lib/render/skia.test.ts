// The Skia raster backend against the librsvg reference (the SVG output rasterised as before), and
// the properties its caches must keep: pooled canvases start clean, cached text draws the same
// pixels as new text, transparency survives premultiplied pixels, group opacity composites once.
import sharp from "sharp";
import { beforeEach, expect, test } from "vitest";
import { prepareAssets } from "~/lib/render/images.server.ts";
import { layoutScene, type SceneLayout } from "~/lib/render/layout.ts";
import { pixelsToRaster, rasterSize, svgToRaster } from "~/lib/render/raster.server.ts";
import { renderLayout, renderScene } from "~/lib/render/render.server.ts";
import type { SceneInput } from "~/lib/render/scene.ts";
import { clearRasterCaches, layoutToPixels } from "~/lib/render/skia.server.ts";
import { sceneToSvg } from "~/lib/render/svg.server.ts";
import { getTemplate, layoutTemplate } from "~/lib/templates/registry.ts";
import { imageDiff } from "../../support/image-diff.ts";
import { preparedKit } from "../../templates/support.ts";
import { posterScene } from "./fixtures.ts";
import { fonts } from "./helpers.ts";

beforeEach(() => clearRasterCaches());

async function bothBackends(layout: SceneLayout, scale = 1): Promise<{ skia: Buffer; librsvg: Buffer }> {
  const assets = await prepareAssets(layout.scene);
  const { width, height } = rasterSize(layout.scene, { scale });
  const librsvg = await svgToRaster(sceneToSvg(layout, assets, { width, height }), "png");
  const skia = await pixelsToRaster(await layoutToPixels(layout, assets, width, height), "png");
  return { skia, librsvg };
}

async function rgba(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const CASES = [
  { template: "event-flyer", format: "ig-portrait", kit: "harbour-and-vine", page: 0, scale: 1 },
  { template: "menu", format: "a4", kit: "harbour-and-vine", page: 0, scale: 1 },
  { template: "instagram-post", format: "ig-square", kit: "pulse-cycle-studio", page: 0, scale: 1 },
  { template: "business-card", format: "card-eu", kit: "wild-stem-florals", page: 1, scale: 2 },
  { template: "sale-poster", format: "a3", kit: "wild-stem-florals", page: 0, scale: 0.5 },
] as const;

for (const c of CASES) {
  test(`Skia draws ${c.template} ${c.format} (${c.kit}) as librsvg draws its SVG`, async () => {
    const template = getTemplate(c.template);
    const layout = (await layoutTemplate(template, template.sample, await preparedKit(c.kit), c.format))[c.page];
    if (!layout) throw new Error("no such page");
    const { skia, librsvg } = await bothBackends(layout, c.scale);
    // Antialiasing differs a little (and glyph pens snap to 1/4 px); a moved block or colour does not pass.
    const diff = await imageDiff(skia, librsvg, { strongAbove: 48 });
    expect(diff.mean, c.template).toBeLessThan(1);
    expect(diff.strong, c.template).toBeLessThan(0.002);
  });
}

test("the poster (photo cover-cropped with a radius, SVG logo, Arabic, CJK and emoji) matches librsvg", async () => {
  const layout = layoutScene(await posterScene(), fonts);
  const { skia, librsvg } = await bothBackends(layout, 1);
  const diff = await imageDiff(skia, librsvg, { strongAbove: 48 });
  expect(diff.mean).toBeLessThan(1);
  expect(diff.strong).toBeLessThan(0.002);
});

test("text too large for glyph bitmaps is filled from its outlines and still matches librsvg", async () => {
  const layout = layoutScene(
    {
      width: 800,
      height: 400,
      background: "#ffffff",
      nodes: [{ type: "text", text: "Big Sale", x: 20, y: 20, w: 760, h: 360, font: { role: "heading", weight: 700 }, size: 150, colour: "#1d3557" }],
    },
    fonts,
  );
  const { skia, librsvg } = await bothBackends(layout, 2);
  const diff = await imageDiff(skia, librsvg, { strongAbove: 48 });
  expect(diff.mean).toBeLessThan(1);
  expect(diff.strong).toBeLessThan(0.002);
});

test("the same scene gives the same PNG bytes with empty caches and with warm ones", async () => {
  const scene = await posterScene();
  const cold = await renderScene(scene, { format: "png" });
  const warm = await renderScene(scene, { format: "png" });
  clearRasterCaches();
  const coldAgain = await renderScene(scene, { format: "png" });
  expect(warm.bytes.equals(cold.bytes)).toBe(true);
  expect(coldAgain.bytes.equals(cold.bytes)).toBe(true);
});

test("a reused canvas starts clean: no pixel, clip or transform of the last render shows", async () => {
  // Two different scenes of one size: the second, drawn on the first one's pooled canvas, must equal
  // itself drawn on a fresh canvas (reset() alone left the deferred recorder's matrix behind).
  const first = layoutScene({ width: 321.26, height: 208, background: "#17324d", nodes: [{ type: "group", clip: { x: 10, y: 10, w: 50, h: 50, radius: 8 }, children: [{ type: "rect", x: 0, y: 0, w: 321.26, h: 208, fill: "#e8604c" }] }] }, fonts);
  const second = layoutScene({ width: 321.26, height: 208, background: "#f4ecdf", nodes: [{ type: "rect", x: 300, y: 0, w: 21.26, h: 208, fill: "#1d3557" }] }, fonts);
  const fresh = await renderLayout(second, { format: "png" });
  clearRasterCaches();
  await renderLayout(first, { format: "png" });
  const reused = await renderLayout(second, { format: "png" });
  expect(reused.bytes.equals(fresh.bytes)).toBe(true);
});

test("without a background the PNG keeps transparency, with straight (not premultiplied) colour", async () => {
  const result = await renderScene({ width: 40, height: 20, nodes: [{ type: "rect", x: 0, y: 0, w: 20, h: 20, fill: "#e8604c", opacity: 0.5 }] }, { format: "png" });
  const { data, width } = await rgba(result.bytes);
  const at = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
  const [r, g, b, a] = at(10, 10);
  expect(Math.abs((a ?? 0) - 128)).toBeLessThanOrEqual(1);
  // #e8604c = 232, 96, 76: straight colour, not halved.
  for (const [got, want] of [[r, 232], [g, 96], [b, 76]] as const) expect(Math.abs((got ?? 0) - want)).toBeLessThanOrEqual(2);
  expect(at(30, 10)).toEqual([0, 0, 0, 0]);
});

test("group opacity composites the group once: overlapping children do not show through each other", async () => {
  const scene: SceneInput = {
    width: 60,
    height: 20,
    background: "#ffffff",
    nodes: [
      {
        type: "group",
        opacity: 0.5,
        children: [
          { type: "rect", x: 0, y: 0, w: 40, h: 20, fill: "#000000" },
          { type: "rect", x: 20, y: 0, w: 40, h: 20, fill: "#000000" },
        ],
      },
    ],
  };
  const { data, width } = await rgba((await renderScene(scene, { format: "png" })).bytes);
  const grey = (x: number) => data[(10 * width + x) * 4] ?? 0;
  // Alone, overlapped and alone again: all the same 50% grey (per-child alpha would darken the middle).
  expect(Math.abs(grey(10) - 128)).toBeLessThanOrEqual(1);
  expect(grey(30)).toBe(grey(10));
  expect(grey(50)).toBe(grey(10));
});

test("JPEG from Skia pixels flattens nothing away: a background colour survives within ΔE-sized error", async () => {
  const result = await renderScene({ width: 40, height: 40, background: "#2a9d8f", nodes: [] }, { format: "jpeg" });
  const { data } = await rgba(result.bytes);
  for (const [got, want] of [[data[0], 0x2a], [data[1], 0x9d], [data[2], 0x8f]] as const) expect(Math.abs((got ?? 0) - want)).toBeLessThanOrEqual(3);
});

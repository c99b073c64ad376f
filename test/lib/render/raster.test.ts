import { differenceCiede2000 } from "culori";
import sharp from "sharp";
import { expect, test } from "vitest";
import { renderScene } from "~/lib/render/render.server.ts";
import { a4Scene, posterScene } from "./fixtures.ts";

const deltaE = differenceCiede2000();

async function pixel(png: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return `#${[data[i], data[i + 1], data[i + 2]].map((v) => (v ?? 0).toString(16).padStart(2, "0")).join("")}`;
}

test("a PNG has the scene's size and its background and rects in the requested colours", async () => {
  const result = await renderScene(await posterScene(), { format: "png" });
  expect(result.mime).toBe("image/png");
  const meta = await sharp(result.bytes).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 800, 1000]);
  // Background, the header rect, the rounded red rect and the photo's two halves.
  for (const [x, y, hex] of [
    [400, 990, "#f6f1e7"],
    [10, 10, "#1d3557"],
    [140, 910, "#e63946"],
    [100, 370, "#f4a261"],
    [320, 370, "#2a9d8f"],
  ] as const) {
    expect(deltaE(await pixel(result.bytes, x, y), hex), `pixel ${x},${y}`).toBeLessThan(1);
  }
  expect(result.overflow).toEqual([]);
});

test("text is drawn as outlines: the ink of the title is the title colour", async () => {
  const result = await renderScene(await posterScene(), { format: "png", scale: 2 });
  const { data, info } = await sharp(result.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([1600, 2000]);
  // Count near-white title pixels inside the header band, left of the logo: real glyphs leave ink.
  let ink = 0;
  for (let y = 80; y < 380; y += 2) {
    for (let x = 80; x < 1080; x += 2) {
      const i = (y * info.width + x) * 3;
      if ((data[i] ?? 0) > 230 && (data[i + 1] ?? 0) > 240 && (data[i + 2] ?? 0) > 230) ink++;
    }
  }
  expect(ink).toBeGreaterThan(2000);
});

test("the SVG needs no font: glyphs are paths, not text elements", async () => {
  const result = await renderScene(await posterScene(), { format: "svg" });
  const svg = result.bytes.toString();
  expect(svg).not.toMatch(/<text|font-family|@font-face/);
  expect(svg).toMatch(/<path id="g0-\d+" d="M/);
  expect(svg.match(/<use /g)?.length ?? 0).toBeGreaterThan(100);
});

test("print rasters use the physical size: A4 at 300 dpi is 2480×3508", async () => {
  const result = await renderScene(a4Scene(), { format: "png", dpi: 300 });
  expect([result.width, result.height]).toEqual([2480, 3508]);
  const meta = await sharp(result.bytes).metadata();
  expect([meta.width, meta.height, meta.density]).toEqual([2480, 3508, 300]);
  expect(deltaE(await pixel(result.bytes, 1240, 3400), "#fdf6e3")).toBeLessThan(1);
});

test("JPEG, WebP and AVIF come out at the requested size", async () => {
  const scene = await posterScene();
  for (const format of ["jpeg", "webp", "avif"] as const) {
    const result = await renderScene(scene, { format, scale: 0.5 });
    expect(result.mime).toBe(`image/${format}`);
    const meta = await sharp(result.bytes).metadata();
    expect([meta.format === "heif" ? "avif" : meta.format, meta.width, meta.height]).toEqual([format, 400, 500]);
  }
});

test("out-of-range scale and dpi are refused with the value", async () => {
  const scene = await posterScene();
  await expect(renderScene(scene, { format: "png", scale: 0 })).rejects.toThrow("scale must be between 0 and 8, got 0");
  await expect(renderScene(scene, { format: "png", dpi: 5000 })).rejects.toThrow("dpi must be between 1 and 2400, got 5000");
});

test("an invalid scene names the bad node", async () => {
  const scene = await posterScene();
  const bad = { ...scene, nodes: [{ type: "rect", x: 0, y: 0, w: 10, h: 10, fill: "red" }] };
  await expect(renderScene(bad as never, { format: "png" })).rejects.toThrow(/nodes\.0.*fill: must be a hex colour/);
});

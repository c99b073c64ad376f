import { differenceCiede2000 } from "culori";
import sharp from "sharp";
import { expect, test } from "vitest";
import { renderScene } from "~/lib/render/render.server.ts";
import type { SceneInput } from "~/lib/render/scene.ts";
import { LOGO_SVG, bundledFont, photo } from "./fixtures.ts";

const deltaE = differenceCiede2000();

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return (x: number, y: number) => {
    const i = (y * info.width + x) * 3;
    return `#${[data[i], data[i + 1], data[i + 2]].map((v) => (v ?? 0).toString(16).padStart(2, "0")).join("")}`;
  };
}

const page = (nodes: SceneInput["nodes"]): SceneInput => ({ width: 400, height: 300, background: "#ffffff", nodes });

test("contain letterboxes an image and cover crops it around the focus point", async () => {
  const img = await photo(320, 200); // left half orange, right half teal
  const scene = page([
    { type: "image", x: 0, y: 0, w: 200, h: 200, bytes: img, fit: "contain" },
    { type: "image", x: 200, y: 0, w: 100, h: 200, bytes: img, fit: "cover", focusX: 0 },
    { type: "image", x: 300, y: 0, w: 100, h: 200, bytes: img, fit: "cover", focusX: 1 },
  ]);
  const at = await pixels((await renderScene(scene, { format: "png" })).bytes);
  expect(deltaE(at(100, 10), "#ffffff")).toBeLessThan(1); // letterbox band above the 200×125 image
  expect(deltaE(at(50, 100), "#f4a261")).toBeLessThan(1);
  expect(deltaE(at(150, 100), "#2a9d8f")).toBeLessThan(1);
  expect(deltaE(at(250, 100), "#f4a261")).toBeLessThan(1); // focusX 0 keeps the left (orange) edge
  expect(deltaE(at(350, 100), "#2a9d8f")).toBeLessThan(1); // focusX 1 keeps the right (teal) edge
});

test("a raster logo fits its box and aligns as asked; an SVG logo is drawn as vectors", async () => {
  const logoPng = await sharp(Buffer.from(LOGO_SVG)).resize(200).png().toBuffer();
  const scene = page([
    { type: "logo", x: 0, y: 0, w: 400, h: 100, bytes: logoPng, align: "right" },
    { type: "logo", x: 0, y: 150, w: 400, h: 100, svg: LOGO_SVG, align: "left" },
  ]);
  const at = await pixels((await renderScene(scene, { format: "png" })).bytes);
  expect(deltaE(at(150, 50), "#ffffff")).toBeLessThan(1); // the slack is on the left
  expect(deltaE(at(250, 50), "#e63946")).toBeLessThan(1); // the red circle of the 200×100 logo
  expect(deltaE(at(50, 200), "#e63946")).toBeLessThan(1);
  expect(deltaE(at(350, 200), "#ffffff")).toBeLessThan(1);
});

test("an SVG logo cannot pull in local files, in the PNG or the PDF", async () => {
  const target = "node_modules/@expo-google-fonts/inter/font-family.png";
  const evil = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"><rect width="100" height="100" fill="#cccccc"/><image href="${target}" xlink:href="${process.cwd()}/${target}" width="100" height="100"/></svg>`;
  const scene = page([{ type: "logo", x: 0, y: 0, w: 300, h: 300, svg: evil }]);
  const at = await pixels((await renderScene(scene, { format: "png" })).bytes);
  for (const [x, y] of [[60, 60], [150, 150], [250, 250]] as const) expect(deltaE(at(x, y), "#cccccc")).toBeLessThan(1);
  const pdf = await renderScene(scene, { format: "pdf", deterministic: true });
  expect(pdf.bytes.toString("latin1")).not.toMatch(/\/Subtype \/Image/);
});

test("WebP images are converted so the PDF can embed them", async () => {
  const webp = await sharp(await photo()).webp().toBuffer();
  const scene = page([{ type: "image", x: 0, y: 0, w: 400, h: 300, bytes: webp }]);
  const pdf = await renderScene(scene, { format: "pdf", deterministic: true });
  expect(pdf.bytes.toString("latin1")).toMatch(/\/Subtype \/Image/);
});

test("bytes that are not an image are refused naming the node", async () => {
  const scene = page([{ type: "rect", x: 0, y: 0, w: 10, h: 10, fill: "#000000" }, { type: "image", x: 0, y: 0, w: 10, h: 10, bytes: bundledFont("@expo-google-fonts/inter", "400Regular/Inter_400Regular.ttf") }]);
  await expect(renderScene(scene, { format: "png" })).rejects.toThrow(/^nodes\.1 \(image\): not a readable image/);
});

test("group clips and fades its children", async () => {
  const scene = page([
    {
      type: "group",
      clip: { x: 0, y: 0, w: 100, h: 100 },
      opacity: 0.5,
      children: [{ type: "rect", x: 0, y: 0, w: 400, h: 300, fill: "#000000" }],
    },
  ]);
  const at = await pixels((await renderScene(scene, { format: "png" })).bytes);
  expect(deltaE(at(50, 50), "#808080")).toBeLessThan(2);
  expect(deltaE(at(200, 200), "#ffffff")).toBeLessThan(1);
});

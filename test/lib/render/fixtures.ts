// Scenes shared by the render tests: a small poster with every node type, and a menu with leaders.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import sharp from "sharp";
import type { SceneInput } from "~/lib/render/scene.ts";
import { printPage } from "~/lib/render/scene.ts";

const require = createRequire(import.meta.url);

export function bundledFont(pkg: string, rel: string): Buffer {
  return readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), rel));
}

export const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect x="0" y="0" width="200" height="100" rx="20" fill="#1d3557"/><circle cx="50" cy="50" r="30" fill="#e63946"/><path d="M100 25h70v50h-70z" fill="#f1faee"/></svg>';

export async function photo(width = 320, height = 200): Promise<Buffer> {
  // A two-colour test image: left half orange, right half teal, so cropping is visible.
  const left = await sharp({ create: { width: Math.ceil(width / 2), height, channels: 3, background: "#f4a261" } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: "#2a9d8f" } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg()
    .toBuffer();
}

export async function posterScene(): Promise<SceneInput> {
  return {
    width: 800,
    height: 1000,
    background: "#f6f1e7",
    nodes: [
      { type: "rect", x: 0, y: 0, w: 800, h: 220, fill: "#1d3557" },
      { type: "rect", x: 40, y: 860, w: 200, h: 100, fill: "#e63946", radius: 16 },
      { type: "logo", x: 560, y: 40, w: 200, h: 100, svg: LOGO_SVG },
      {
        type: "text",
        field: "title",
        text: "Harbour Café — Summer Menu",
        x: 40,
        y: 40,
        w: 500,
        h: 150,
        font: { role: "heading", weight: 800 },
        size: 64,
        minSize: 28,
        lineHeight: 1.1,
        colour: "#f1faee",
      },
      { type: "image", x: 40, y: 260, w: 340, h: 220, bytes: await photo(), fit: "cover", radius: 12 },
      {
        type: "text",
        field: "body",
        text: "Fresh fish from the morning boats, bread baked before dawn and coffee roasted down the street. Open every day from seven.",
        x: 420,
        y: 260,
        w: 340,
        h: 220,
        font: { role: "body" },
        size: 20,
        lineHeight: 1.45,
        align: "justify",
        colour: "#1d3557",
      },
      { type: "line", x1: 40, y1: 510, x2: 760, y2: 510, colour: "#457b9d", width: 2 },
      {
        type: "leaders",
        field: "items",
        x: 40,
        y: 530,
        w: 720,
        h: 310,
        rows: [
          { label: "Grilled sardines", price: "€12", detail: "lemon, parsley, sourdough" },
          { label: "Fish stew", price: "€18" },
          { label: "Octopus salad with potatoes and capers", price: "€16.50" },
          { label: "Almond tart", price: "€7" },
          { label: "Espresso", price: "€2.20" },
        ],
        label: { font: { role: "body", weight: 600 }, size: 22, colour: "#1d3557" },
        price: { font: { role: "body", weight: 600 }, size: 22, colour: "#e63946" },
        detail: { font: { role: "body", style: "italic" }, size: 16, colour: "#457b9d" },
        leader: { colour: "#a8a29e" },
        rowGap: 10,
      },
      {
        type: "text",
        field: "footer",
        text: "OPEN 7–22 · مرحبا · 東京 · 🐟",
        x: 260,
        y: 880,
        w: 500,
        h: 60,
        font: { role: "accent", weight: 500 },
        size: 24,
        letterSpacing: 0.05,
        align: "right",
        valign: "middle",
        colour: "#1d3557",
      },
    ],
  };
}

export function a4Scene(): SceneInput {
  const page = printPage(210, 297);
  return {
    ...page,
    background: "#fdf6e3",
    nodes: [
      { type: "rect", x: 0, y: 0, w: page.width, h: 300, fill: "#264653" },
      {
        type: "text",
        field: "title",
        text: "Spring Flyer",
        x: 60,
        y: 80,
        w: page.width - 120,
        h: 160,
        font: { role: "heading", weight: 700 },
        size: 96,
        align: "center",
        valign: "middle",
        colour: "#fdf6e3",
      },
      {
        type: "text",
        field: "body",
        text: "Plants, seeds and good advice every Saturday at the market square.",
        x: 80,
        y: 400,
        w: page.width - 160,
        h: 200,
        font: { role: "body" },
        size: 32,
        lineHeight: 1.4,
        align: "center",
        colour: "#264653",
      },
    ],
  };
}

// Text colours are chosen by contrast, so every kit stays legible: for every template, format and
// example kit, each text node's colour against whatever it sits on reaches WCAG 4.5:1 (3:1 only
// for large headings), checked on the laid-out Scene before it is drawn. Text never sits on a photo.
import { describe, expect, test } from "vitest";
import { contrastRatio } from "~/lib/kit/palette.ts";
import { parseScene, type Scene, type SceneNode } from "~/lib/render/scene.ts";
import { TEMPLATES, layoutTemplate } from "~/lib/templates/registry.ts";
import { prepareKit } from "~/lib/templates/context.server.ts";
import { makeKit } from "../factories/kit.ts";
import { KIT_SLUGS, preparedKit } from "./support.ts";

type Leaf = Exclude<SceneNode, { type: "group" }>;

/** WCAG 2.x large text: 24 px, or 18.66 px bold. */
const large = (size: number, weight: number) => size >= 24 || (weight >= 700 && size >= 18.66);

function underneath(painted: Leaf[], x: number, y: number, background: string): string | "image" {
  for (let i = painted.length - 1; i >= 0; i--) {
    const n = painted[i]!;
    if (n.type === "rect" && n.fill && n.opacity === 1 && x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) return n.fill;
    if (n.type === "ellipse" && n.fill && n.opacity === 1 && ((x - n.cx) / n.rx) ** 2 + ((y - n.cy) / n.ry) ** 2 <= 1) return n.fill;
    if (n.type === "image" && x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) return "image";
  }
  return background;
}

/** Every text colour that fails its minimum contrast against what is under it (centre and inset corners). */
function contrastFailures(scene: Scene): string[] {
  const leaves: Leaf[] = scene.nodes.flatMap((n) => (n.type === "group" ? n.children : [n]));
  const failures: string[] = [];
  leaves.forEach((node, i) => {
    if (node.type !== "text" && node.type !== "leaders") return;
    if (node.type === "text" && !node.text.trim()) return;
    const checks =
      node.type === "text"
        ? [{ colour: node.colour, min: node.font.role === "heading" && large(node.minSize ?? node.size, node.font.weight) ? 3 : 4.5, what: node.field ?? node.text.slice(0, 30) }]
        : [node.label, node.price, ...(node.detail ? [node.detail] : [])].map((s) => ({ colour: s.colour, min: 4.5, what: node.field ?? "rows" }));
    const points = [
      [0.5, 0.5],
      [0.15, 0.15],
      [0.85, 0.15],
      [0.15, 0.85],
      [0.85, 0.85],
    ].map(([fx, fy]) => [node.x + node.w * fx!, node.y + node.h * fy!] as const);
    for (const [x, y] of points) {
      const under = underneath(leaves.slice(0, i), x, y, scene.background ?? "#ffffff");
      for (const c of checks) {
        if (under === "image") failures.push(`${c.what}: text over a photo`);
        else if (contrastRatio(c.colour, under) < c.min) failures.push(`${c.what}: ${c.colour} on ${under} is ${contrastRatio(c.colour, under).toFixed(2)}:1 < ${c.min}:1`);
      }
    }
  });
  return [...new Set(failures)];
}

test("the contrast check catches low-contrast text and text on a photo (it can fail)", () => {
  const scene = parseScene({
    width: 400,
    height: 300,
    background: "#ffffff",
    nodes: [
      { type: "rect", x: 0, y: 0, w: 400, h: 100, fill: "#ffee00" },
      { type: "text", field: "low", text: "pale on yellow", x: 10, y: 10, w: 300, h: 40, font: { role: "body" }, size: 16, colour: "#ffffff" },
      { type: "image", x: 0, y: 150, w: 400, h: 150, bytes: new Uint8Array([1]) },
      { type: "text", field: "photo", text: "on the photo", x: 10, y: 160, w: 300, h: 40, font: { role: "body" }, size: 16, colour: "#000000" },
      { type: "text", field: "ok", text: "fine", x: 10, y: 110, w: 300, h: 30, font: { role: "body" }, size: 16, colour: "#000000" },
    ],
  });
  const failures = contrastFailures(scene);
  expect(failures.some((f) => f.startsWith("low:"))).toBe(true);
  expect(failures).toContain("photo: text over a photo");
  expect(failures.some((f) => f.startsWith("ok:"))).toBe(false);
});

describe.each(KIT_SLUGS)("kit %s", (slug) => {
  test("every template's text meets WCAG contrast in every format", async () => {
    const prepared = await preparedKit(slug);
    const failures: string[] = [];
    for (const template of TEMPLATES) {
      for (const formatId of template.formats) {
        const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
        layouts.forEach((layout, p) => failures.push(...contrastFailures(layout.scene).map((f) => `${template.id} ${formatId} p${p + 1}: ${f}`)));
      }
    }
    expect(failures).toEqual([]);
  });
});

test("a kit with pale brand colours and no logo still gets legible text everywhere", async () => {
  // Pale primary and accent, a text colour that fails on the background: textOn must look elsewhere.
  const kit = makeKit("Pale Parlour", (k) => {
    k.palette.primary.color = "#ffe680";
    k.palette.accent.color = "#fff3b0";
    k.palette.secondary.color = "#f2f2f2";
    k.palette.text.color = "#c8c8c8";
    k.palette.muted.color = "#d0d0d0";
  });
  const prepared = await prepareKit(kit);
  const failures: string[] = [];
  for (const template of TEMPLATES) {
    for (const formatId of template.formats) {
      const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
      layouts.forEach((layout, p) => failures.push(...contrastFailures(layout.scene).map((f) => `${template.id} ${formatId} p${p + 1}: ${f}`)));
    }
  }
  expect(failures).toEqual([]);
});

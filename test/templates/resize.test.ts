// Resize: one design's content renders in every format of its family, and the layout adapts to
// the shape (square vs story vs banner; A-sizes vs US sizes) instead of stretching one arrangement.
import sharp from "sharp";
import { expect, test } from "vitest";
import type { Scene } from "~/lib/render/scene.ts";
import { TEMPLATES, familyFormats, getTemplate, layoutTemplate, renderTemplate } from "~/lib/templates/registry.ts";
import { preparedKit, sampleOf, squash } from "./support.ts";

/** A text node's box relative to the page (0..1), by content field. */
function relativeBox(scene: Scene, field: string) {
  const node = scene.nodes.find((n) => n.type === "text" && n.field === field);
  if (node?.type !== "text") throw new Error(`no text node for ${field}`);
  return { x: node.x / scene.width, y: node.y / scene.height, w: node.w / scene.width, h: node.h / scene.height, size: node.size };
}

test("every template renders the same content in every format of each of its families", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  for (const template of TEMPLATES) {
    const seen = new Set<string>();
    for (const formatId of template.formats) {
      if (seen.has(formatId)) continue;
      for (const f of familyFormats(template, formatId)) {
        seen.add(f.id);
        const layouts = await layoutTemplate(template, template.sample, prepared, f.id);
        const overflow = layouts.flatMap((l) => l.overflow);
        expect(overflow, `${template.id} ${f.id}`).toEqual([]);
        expect(layouts[0]!.scene.width).toBeCloseTo(f.width, 5);
        expect(layouts[0]!.scene.height).toBeCloseTo(f.height, 5);
      }
    }
    expect([...seen].sort()).toEqual([...template.formats].sort());
  }
});

test("the social post is re-arranged for square, story and banner, not stretched", async () => {
  const prepared = await preparedKit("pulse-cycle-studio");
  const post = getTemplate("instagram-post");
  const content = { ...sampleOf(post), headline: "Sunrise rides are back every weekday at 6.30" };
  const boxes = Object.fromEntries(
    await Promise.all(
      ["ig-square", "story", "banner"].map(async (f) => [f, relativeBox((await layoutTemplate(post, content, prepared, f))[0]!.scene, "headline")] as const),
    ),
  );
  const square = boxes["ig-square"]!;
  const story = boxes.story!;
  const banner = boxes.banner!;
  // A stretch would keep relative positions: the story keeps its logo below the app's top bar, the
  // banner sets its copy beside a panel.
  const logoY = async (f: string) => {
    const scene = (await layoutTemplate(post, content, prepared, f))[0]!.scene;
    const logo = scene.nodes.find((n) => n.type === "logo");
    return logo?.type === "logo" ? logo.y / scene.height : Number.NaN;
  };
  expect(await logoY("story")).toBeGreaterThanOrEqual(0.1);
  expect(await logoY("ig-square")).toBeLessThan(0.1);
  expect(banner.w).toBeLessThan(0.7);
  expect(square.w).toBeGreaterThan(0.8);
  // Type is sized for the shape, not scaled with the page: the story's headline is not 1920/1080 × the square's.
  expect(story.size / square.size).toBeLessThan(1920 / 1080 - 0.2);

  // And in pixels: the story squeezed to a square does not look like the square.
  const sq = await renderTemplate(post, content, prepared, "ig-square", { format: "png", scale: 0.25 });
  const st = await renderTemplate(post, content, prepared, "story", { format: "png", scale: 0.25 });
  const a = await sharp(sq.bytes).removeAlpha().raw().toBuffer();
  const b = await sharp(st.bytes).resize(270, 270, { fit: "fill" }).removeAlpha().raw().toBuffer();
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  expect(diff / a.length).toBeGreaterThan(12);
});

test("a square flyer puts the hero beside the copy; a portrait one above it", async () => {
  const prepared = await preparedKit("wild-stem-florals");
  const flyer = getTemplate("event-flyer");
  const square = relativeBox((await layoutTemplate(flyer, flyer.sample, prepared, "ig-square"))[0]!.scene, "title");
  const a5 = relativeBox((await layoutTemplate(flyer, flyer.sample, prepared, "a5"))[0]!.scene, "title");
  expect(square.x).toBeGreaterThan(0.4);
  expect(a5.x).toBeLessThan(0.15);
  expect(a5.y).toBeGreaterThan(0.45);
});

test("A-sizes and US sizes: the menu fits A4 and Letter with the same dishes on each", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  const menu = getTemplate("menu");
  const texts: string[] = [];
  for (const f of ["a4", "letter"]) {
    const out = await renderTemplate(menu, menu.sample, prepared, f, { format: "pdf", deterministic: true });
    expect(out.overflow).toEqual([]);
    const { readPdfPages } = await import("./support.ts");
    const pdf = await readPdfPages(out.bytes);
    texts.push(squash(pdf.pages.map((p) => p.text).join("")));
  }
  expect(texts[0]).toBe(texts[1]);
});

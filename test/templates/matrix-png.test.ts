// Every template × every format it supports × every example kit, drawn as PNG with its sample
// content: exact pixel size, and the page background and a primary-colour area sampled from the
// pixels within CIEDE2000 1 of the kit's colours. Rendered at half size to keep the matrix fast;
// one full-size render per template follows.
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { FORMATS } from "~/lib/templates/formats.ts";
import { TEMPLATES, layoutTemplate, renderTemplateLayouts } from "~/lib/templates/registry.ts";
import { KIT_SLUGS, findColourSpot, preparedKit, samplePng } from "./support.ts";

const SCALE = 0.5;

describe.each(KIT_SLUGS)("kit %s", (slug) => {
  for (const template of TEMPLATES) {
    test(`${template.id} renders in each of its formats with the kit's colours`, async () => {
      const prepared = await preparedKit(slug);
      const kit = prepared.kit;
      for (const formatId of template.formats) {
        const format = FORMATS[formatId];
        const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
        const out = await renderTemplateLayouts(layouts, prepared, { format: "png", scale: SCALE });
        const where = `${template.id} ${formatId}`;
        expect(out.overflow, where).toEqual([]);
        expect(out.missing, where).toEqual([]);
        const meta = await sharp(out.bytes).metadata();
        expect([meta.width, meta.height], where).toEqual([Math.round(format.width * SCALE), Math.round(format.height * SCALE)]);
        expect([out.width, out.height]).toEqual([meta.width, meta.height]);

        const scene = layouts[0]!.scene;
        const background = scene.background!;
        expect(Object.values(kit.palette).map((e) => e.color), `${where}: background is a kit colour`).toContain(background);
        for (const [label, hex] of [
          ["background", background],
          ["primary", kit.palette.primary.color],
        ] as const) {
          const spot = findColourSpot(scene, hex, 6 / SCALE);
          expect(spot, `${where}: somewhere shows the ${label} colour`).not.toBeNull();
          const seen = await samplePng(out.bytes, spot!.x * SCALE, spot!.y * SCALE);
          expect(deltaE2000(seen, hex), `${where}: ${label} ${hex} sampled as ${seen} at ${Math.round(spot!.x)},${Math.round(spot!.y)}`).toBeLessThanOrEqual(1);
        }
      }
    });
  }
});

test("each template renders at full size (its first format, scale 1) with exact pixel dimensions", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  for (const template of TEMPLATES) {
    const formatId = template.formats[0]!;
    const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
    const out = await renderTemplateLayouts(layouts, prepared, { format: "png" });
    const meta = await sharp(out.bytes).metadata();
    const format = FORMATS[formatId];
    expect([meta.width, meta.height], `${template.id} ${formatId}`).toEqual([Math.round(format.width), Math.round(format.height)]);
    const spot = findColourSpot(layouts[0]!.scene, prepared.kit.palette.primary.color, 4);
    expect(deltaE2000(await samplePng(out.bytes, spot!.x, spot!.y), prepared.kit.palette.primary.color)).toBeLessThanOrEqual(1);
  }
});

test("print formats render at 300 dpi: a business card is 1004×650 px, an A4 menu 2480×3508 px", async () => {
  const prepared = await preparedKit("wild-stem-florals");
  const card = await renderTemplateLayouts(await layoutTemplate(TEMPLATES.find((t) => t.id === "business-card")!, TEMPLATES.find((t) => t.id === "business-card")!.sample, prepared, "card-eu"), prepared, { format: "png", dpi: 300, page: 1 });
  expect([card.width, card.height]).toEqual([1004, 650]);
  const menu = TEMPLATES.find((t) => t.id === "menu")!;
  const a4 = await renderTemplateLayouts(await layoutTemplate(menu, menu.sample, prepared, "a4"), prepared, { format: "png", dpi: 300 });
  const meta = await sharp(a4.bytes).metadata();
  expect([meta.width, meta.height]).toEqual([2480, 3508]);
});

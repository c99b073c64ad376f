// The template library: what it holds, how templates are looked up by id and format, resize
// families, content validation, and what renderTemplate returns for rasters, PDFs and pages.
import sharp from "sharp";
import { expect, test } from "vitest";
import { getBlobStore } from "~/storage.server.ts";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { FORMATS } from "~/lib/templates/formats.ts";
import {
  ContentError,
  TEMPLATES,
  familyFormats,
  getTemplate,
  layoutTemplate,
  parseContent,
  renderTemplate,
  templatesForFormat,
} from "~/lib/templates/registry.ts";
import { KIT_SLUGS, findColourSpot, preparedKit, sampleOf, samplePng } from "./support.ts";

test("the library holds at least 12 templates with unique ids, formats, schemas and valid sample content", () => {
  expect(TEMPLATES.length).toBeGreaterThanOrEqual(12);
  expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
  for (const t of TEMPLATES) {
    expect(t.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(t.name.length).toBeGreaterThan(2);
    expect(t.description.length).toBeGreaterThan(10);
    expect(t.formats.length).toBeGreaterThan(0);
    for (const f of t.formats) expect(Object.keys(FORMATS)).toContain(f);
    expect(() => parseContent(t, t.sample), t.id).not.toThrow();
  }
});

test("the issue's required designs and sizes are all covered", () => {
  const has = (id: string, formats: string[]) => expect(getTemplate(id).formats, id).toEqual(expect.arrayContaining(formats));
  has("menu", ["a4", "letter"]);
  has("specials-board", ["screen-hd"]);
  has("event-flyer", ["a5", "letter"]);
  has("sale-poster", ["a3", "tabloid"]);
  has("instagram-post", ["ig-square", "ig-portrait"]);
  has("story-cover", ["story"]);
  has("social-banner", ["banner"]);
  has("business-card", ["card-eu", "card-us"]);
  has("gift-voucher", ["dl"]);
  has("table-tent", ["tent-a6"]);
  has("price-list", ["a4"]);
  has("reel-end-card", ["reel-vertical", "reel-horizontal"]);
});

test("getTemplate names an unknown id", () => {
  expect(() => getTemplate("menu")).not.toThrow();
  expect(() => getTemplate("wedding-cake")).toThrow(/unknown template "wedding-cake"/);
});

test("templatesForFormat lists the templates drawn at that size", () => {
  const story = templatesForFormat("story").map((t) => t.id);
  expect(story).toEqual(expect.arrayContaining(["instagram-post", "story-cover", "event-flyer"]));
  expect(story).not.toContain("menu");
  expect(templatesForFormat("no-such-format")).toEqual([]);
});

test("familyFormats gives the resize targets in the same family, the asked format first", () => {
  const post = getTemplate("instagram-post");
  expect(familyFormats(post, "story").map((f) => f.id)).toEqual(["story", "ig-square", "ig-portrait", "banner", "link-card"]);
  const flyer = getTemplate("event-flyer");
  expect(familyFormats(flyer, "letter").map((f) => f.id)).toEqual(["letter", "a5", "half-letter", "a4"]);
  expect(() => familyFormats(flyer, "nope")).toThrow(/unknown format "nope"/);
});

test("content is validated against the template's schema, with defaults applied", () => {
  const post = getTemplate("instagram-post");
  const parsed = parseContent(post, { headline: "Hello" }) as { eyebrow: string; body: string };
  expect(parsed.eyebrow).toBe("New this week");
  expect(parsed.body).toBe("");
});

test("a wrong or missing field is a ContentError naming the field", () => {
  const menu = getTemplate("menu");
  const bad = structuredClone(menu.sample) as { sections: { items: { price: unknown }[] }[] };
  bad.sections[0]!.items[2]!.price = 12;
  try {
    parseContent(menu, bad);
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    const e = error as ContentError;
    expect(e.issues[0]?.path).toBe("sections.0.items.2.price");
    expect(e.message).toMatch(/^menu: sections\.0\.items\.2\.price: .*expected string/i);
  }
  expect(() => parseContent(getTemplate("instagram-post"), { body: "no headline" })).toThrow(/headline/);
  try {
    parseContent(getTemplate("business-card"), {});
    expect.unreachable();
  } catch (error) {
    expect((error as ContentError).issues.map((i) => i.path)).toEqual(["name"]);
  }
});

test("renderTemplate refuses a format the template does not come in, and a page that does not exist", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  const menu = getTemplate("menu");
  await expect(renderTemplate(menu, menu.sample, prepared, "story", { format: "png" })).rejects.toThrow(/"menu" does not come in format "story"/);
  await expect(renderTemplate(menu, menu.sample, prepared, "a4", { format: "png", page: 3 })).rejects.toThrow(/page 3 does not exist/);
  await expect(renderTemplate(menu, { title: "x" }, prepared, "a4", { format: "png" })).rejects.toBeInstanceOf(ContentError);
});

test("a business card is two pages: PNG per page (front on primary, back on the background), one PDF with both", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  const card = getTemplate("business-card");
  const front = await renderTemplate(card, card.sample, prepared, "card-eu", { format: "png" });
  const back = await renderTemplate(card, card.sample, prepared, "card-eu", { format: "png", page: 1 });
  expect(front.pages).toBe(2);
  expect(await samplePng(front.bytes, 10, 10)).toBe(prepared.kit.palette.primary.color);
  expect(deltaE2000(await samplePng(back.bytes, 200, 100), prepared.kit.palette.background.color)).toBeLessThan(1);
  const pdf = await renderTemplate(card, card.sample, prepared, "card-eu", { format: "pdf" });
  expect(pdf.pages).toBe(2);
  expect(pdf.bytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
});

test("JPEG, WebP, AVIF and SVG come out too", async () => {
  const prepared = await preparedKit("pulse-cycle-studio");
  const t = getTemplate("reel-end-card");
  for (const [format, mime] of [
    ["jpeg", "image/jpeg"],
    ["webp", "image/webp"],
    ["avif", "image/avif"],
    ["svg", "image/svg+xml"],
  ] as const) {
    const out = await renderTemplate(t, t.sample, prepared, "reel-horizontal", { format, scale: 0.25 });
    expect(out.mime).toBe(mime);
    expect([out.width, out.height]).toEqual([480, 270]);
  }
});

test("an uploaded photo fills its slot", async () => {
  const prepared = await preparedKit("wild-stem-florals");
  const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 40, g: 160, b: 90 } } }).jpeg({ quality: 95 }).toBuffer();
  const ref = `sha256:${await getBlobStore().put(photo)}`;
  const post = getTemplate("instagram-post");
  for (const formatId of post.formats) {
    const content = { ...sampleOf(post), photo: ref };
    const [layout] = await layoutTemplate(post, content, prepared, formatId);
    const image = layout!.scene.nodes.find((n) => n.type === "image");
    expect(image, formatId).toBeDefined();
    if (image?.type !== "image") continue;
    const out = await renderTemplate(post, content, prepared, formatId, { format: "png", scale: 0.5 });
    const seen = await samplePng(out.bytes, (image.x + image.w / 2) * 0.5, (image.y + image.h / 2) * 0.5);
    expect(deltaE2000(seen, "#28a05a"), formatId).toBeLessThan(3);
    // With the photo in place the copy still sits on solid kit colour.
    expect(findColourSpot(layout!.scene, layout!.scene.background!, 4)).not.toBeNull();
  }
  await expect(renderTemplate(post, { ...sampleOf(post), photo: "sha256:" + "0".repeat(64) }, prepared, "ig-square", { format: "png" })).rejects.toThrow(/image: stored file 000000000000… is missing/);
  expect(() => parseContent(post, { ...sampleOf(post), photo: "/etc/passwd" })).toThrow(/photo: must be an uploaded photo/);
});

test("logos keep their clear space free of text, and printed lockups are at least the kit's minimum width", async () => {
  const problems: string[] = [];
  for (const slug of KIT_SLUGS) {
    const prepared = await preparedKit(slug);
    const lockups = (["primary", "reverse", "mono"] as const).map((v) => prepared.logos[v]?.svg).filter(Boolean);
    const minPx = (prepared.kit.logos.minWidthMm * 96) / 25.4;
    for (const template of TEMPLATES) {
      for (const formatId of template.formats) {
        const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
        for (const { scene } of layouts) {
          const leaves = scene.nodes.flatMap((n) => (n.type === "group" ? n.children : [n]));
          for (const logo of leaves) {
            if (logo.type !== "logo") continue;
            const where = `${slug} ${template.id} ${formatId}`;
            const isLockup = lockups.includes(logo.svg);
            if (isLockup && scene.widthMm !== undefined && logo.w < minPx - 0.5) problems.push(`${where}: lockup ${logo.w.toFixed(0)} px < ${minPx.toFixed(0)} px`);
            const clear = prepared.kit.logos.clearSpace * logo.h;
            for (const t of leaves) {
              if (t.type !== "text" && t.type !== "leaders") continue;
              const overlaps = t.x < logo.x + logo.w + clear && t.x + t.w > logo.x - clear && t.y < logo.y + logo.h + clear && t.y + t.h > logo.y - clear;
              if (overlaps) problems.push(`${where}: ${t.field ?? "text"} inside the logo's clear space`);
            }
          }
        }
      }
    }
  }
  expect(problems).toEqual([]);
});

test("a kit without logo files signs its designs with its name in the heading font", async () => {
  const { makeKit } = await import("../factories/kit.ts");
  const { prepareKit } = await import("~/lib/templates/context.server.ts");
  const prepared = await prepareKit(makeKit("Corner Bakery"));
  const card = getTemplate("business-card");
  const [front] = await layoutTemplate(card, card.sample, prepared, "card-eu");
  const name = front!.scene.nodes.find((n) => n.type === "text" && n.text === "Corner Bakery");
  expect(name?.type === "text" && name.font.role).toBe("heading");
  expect(front!.scene.nodes.some((n) => n.type === "logo")).toBe(false);
  expect(front!.overflow).toEqual([]);
});

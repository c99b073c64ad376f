// Content that does not fit: text too long for its box is reported as overflow naming the field
// (and still rendered, cut with an ellipsis); a menu too long for one page flows onto more pages
// with every dish placed exactly once.
import { expect, test } from "vitest";
import { z } from "zod";
import { TEMPLATES, getTemplate, layoutTemplate, renderTemplate } from "~/lib/templates/registry.ts";
import { defineTemplate, type Template } from "~/lib/templates/types.ts";
import { preparedKit, readPdfPages, sampleOf, squash } from "./support.ts";

test("a voucher value too long for its line is reported as overflow of `value`, and the voucher still renders", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  const voucher = getTemplate("gift-voucher");
  const content = { ...sampleOf(voucher), value: "£50 and a bottle of fizz" };
  const out = await renderTemplate(voucher, content, prepared, "dl", { format: "png", scale: 0.5 });
  expect(out.bytes.length).toBeGreaterThan(1000);
  expect(out.overflow.map((o) => o.field)).toEqual(["value"]);
  expect(out.overflow[0]?.message).toMatch(/^field `value`: needs \d+ lines at [\d.]+ px, box holds 1/);
  // The sample itself fits.
  expect((await renderTemplate(voucher, voucher.sample, prepared, "dl", { format: "png", scale: 0.5 })).overflow).toEqual([]);
});

test("at their schema's longest, every template's texts stay on the page: they fit or are reported as overflow by field", async () => {
  const prepared = await preparedKit("pulse-cycle-studio");
  for (const template of TEMPLATES) {
    const content = longest(template);
    for (const formatId of template.formats) {
      const layouts = await layoutTemplate(template, content, prepared, formatId);
      for (const { scene, overflow } of layouts) {
        for (const node of scene.nodes.flatMap((n) => (n.type === "group" ? n.children : [n]))) {
          if (node.type !== "text" && node.type !== "leaders") continue;
          const where = `${template.id} ${formatId} ${node.field}`;
          expect(node.x, where).toBeGreaterThanOrEqual(0);
          expect(node.y, where).toBeGreaterThanOrEqual(0);
          expect(node.x + node.w, where).toBeLessThanOrEqual(scene.width + 1);
          expect(node.y + node.h, where).toBeLessThanOrEqual(scene.height + 1);
        }
        // The menu flows onto more pages instead: nothing of it may overflow.
        if (template.id === "menu") expect(overflow).toEqual([]);
        if (process.env.OVERFLOW_DEBUG) for (const o of overflow) console.log(template.id, formatId, o.message);
        for (const o of overflow) expect(o.field, `${template.id} ${formatId}`).toMatch(/^[a-z][A-Za-z]*(\.\d+\.[a-z][A-Za-z]*)*(\.\d+)?$/);
      }
    }
  }
});

test("overflow on any page is reported, whichever page is rasterised", async () => {
  const prepared = await preparedKit("wild-stem-florals");
  // A two-page design whose second page holds more text than its box.
  const twoPages = defineTemplate({
    id: "two-pages",
    name: "Two pages",
    category: "card",
    description: "Test design: the back page overflows.",
    formats: ["card-eu"],
    schema: z.object({ front: z.string(), back: z.string() }),
    sample: { front: "Front", back: "Back" },
    layout: (c, ctx) => [
      { width: ctx.format.width, height: ctx.format.height, background: ctx.colour("background"), nodes: [{ type: "text", field: "front", text: c.front, x: 20, y: 20, w: 200, h: 40, font: ctx.font("body"), size: 12, colour: ctx.textOn(ctx.colour("background")) }] },
      { width: ctx.format.width, height: ctx.format.height, background: ctx.colour("background"), nodes: [{ type: "text", field: "back", text: c.back, x: 20, y: 20, w: 100, h: 20, font: ctx.font("body"), size: 12, colour: ctx.textOn(ctx.colour("background")) }] },
    ],
  });
  const out = await renderTemplate(twoPages, { front: "Hello", back: "Far too many words for this small box on the back" }, prepared, "card-eu", { format: "png", page: 0 });
  expect(out.pages).toBe(2);
  expect(out.overflow.map((o) => o.field)).toEqual(["back"]);
});

/** The template's sample with every text stretched to the schema's maximum length. */
function longest(template: Template): unknown {
  const stretch = (v: unknown): unknown =>
    typeof v === "string" && v && !v.startsWith("sha256:") ? `${v} ${v} ${v} ${v} ${v} ${v} ${v} ${v}`.slice(0, 400) : Array.isArray(v) ? v.map(stretch) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "tags" ? x : stretch(x)])) : v;
  const content = stretch(structuredClone(template.sample)) as Record<string, unknown>;
  for (let i = 0; i < 200; i++) {
    const result = template.schema.safeParse(content);
    if (result.success) return content;
    for (const issue of result.error.issues) {
      if (issue.code !== "too_big") throw new Error(`${template.id}: ${issue.message}`);
      const path = issue.path.map(String);
      let target: Record<string, unknown> = content;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
      const key = path[path.length - 1] ?? "";
      const value = target[key];
      if (typeof value === "string") target[key] = value.slice(0, Number(issue.maximum)).trimEnd();
      else if (Array.isArray(value)) target[key] = value.slice(0, Number(issue.maximum));
    }
  }
  throw new Error(`${template.id}: could not shorten the content to the schema`);
}

test("a menu too long for one page flows onto more pages, every dish exactly once and nothing cut", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  const menu = getTemplate("menu");
  const sections = ["Starters", "Mains", "Sides", "Puddings", "Cheese"].map((title, s) => ({
    title,
    items: Array.from({ length: 9 }, (_, i) => ({
      name: `${title} dish number ${i + 1}`,
      description: "Seasonal leaves, a sharp dressing, something crunchy and a little heat from fresh chilli",
      price: `${10 + i}.50`,
      tags: i % 3 === 0 ? (["v", "gf"] as const) : [],
    })),
    note: s === 0 ? "All served with bread" : "",
  }));
  const content = { ...sampleOf(menu), sections };
  const layouts = await layoutTemplate(menu, content, prepared, "a4");
  expect(layouts.length).toBeGreaterThanOrEqual(3);
  expect(layouts.flatMap((l) => l.overflow)).toEqual([]);
  const placed = layouts.flatMap((l) => l.scene.nodes.flatMap((n) => (n.type === "leaders" ? [n.field] : [])));
  const expected = sections.flatMap((s, si) => s.items.map((_, i) => `sections.${si}.items.${i}`));
  expect(placed).toEqual(expected);
  // Nothing runs into the footer: every row ends above the last page's footnote.
  for (const layout of layouts) {
    const footer = layout.scene.nodes.find((n) => n.type === "text" && n.field === "footer");
    const rows = layout.scene.nodes.filter((n) => n.type === "leaders");
    for (const r of rows) if (r.type === "leaders" && footer?.type === "text") expect(r.y + r.h).toBeLessThan(footer.y);
  }

  const pdf = await renderTemplate(menu, content, prepared, "a4", { format: "pdf", deterministic: true });
  expect(pdf.pages).toBe(layouts.length);
  const read = await readPdfPages(pdf.bytes);
  expect(read.pages).toHaveLength(layouts.length);
  expect(read.pages.at(-1)?.text).toMatch(new RegExp(`${layouts.length} / ${layouts.length}`));
  const all = squash(read.pages.map((p) => p.text).join("\n"));
  for (const s of sections) for (const item of s.items) expect(all).toContain(squash(item.name));
  // Each page's raster is available by index.
  const last = await renderTemplate(menu, content, prepared, "a4", { format: "png", scale: 0.25, page: layouts.length - 1 });
  expect(last.pages).toBe(layouts.length);
});

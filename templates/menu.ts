// Restaurant menu for A4 and US Letter: logo and title, sections of items with descriptions, prices
// on dot leaders and dietary tags, a legend for the tags used, and as many pages as the items need.
import { z } from "zod";
import { defineTemplate } from "../app/lib/templates/types.ts";
import type { TemplateContext } from "../app/lib/templates/types.ts";
import { margin, mm, page, placeLogo, rule, text, typeScale, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { leaderLabelWidth, fitText, fittedText } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

export const DIETARY_TAGS = {
  v: "vegetarian",
  vg: "vegan",
  gf: "gluten-free",
  df: "dairy-free",
  n: "contains nuts",
  s: "spicy",
} as const;

const Tag = z.enum(Object.keys(DIETARY_TAGS) as [keyof typeof DIETARY_TAGS, ...(keyof typeof DIETARY_TAGS)[]]);

const Item = z.object({
  name: z.string().trim().min(1, "name the dish").max(80),
  description: z.string().trim().max(240).default(""),
  price: z.string().trim().max(20),
  tags: z.array(Tag).max(6).default([]),
});

const Section = z.object({
  title: z.string().trim().min(1, "name the section").max(60),
  note: z.string().trim().max(140).default(""),
  items: z.array(Item).min(1, "a section needs at least one item").max(80),
});

const schema = z.object({
  title: z.string().trim().min(1).max(60).default("Menu"),
  subtitle: z.string().trim().max(140).default(""),
  sections: z.array(Section).min(1, "add at least one section").max(20),
  footer: z.string().trim().max(300).default(""),
});

type Content = z.output<typeof schema>;

export const menu = defineTemplate({
  id: "menu",
  name: "Restaurant menu",
  category: "menu",
  description: "Sections of dishes with descriptions, prices on dot leaders and dietary tags; runs onto more pages when long.",
  formats: ["a4", "letter"],
  schema,
  sample: {
    title: "Dinner",
    subtitle: "Served Tuesday to Saturday from six · Please tell us about any allergies",
    sections: [
      {
        title: "Small plates",
        note: "Good for sharing while you choose",
        items: [
          { name: "Sourdough and cultured butter", description: "Baked this morning down the lane", price: "4.50", tags: ["v"] },
          { name: "Rock oysters", description: "Shallot vinegar, lemon, half a dozen", price: "16", tags: ["gf", "df"] },
          { name: "Salt cod croquetas", description: "Smoked paprika aioli", price: "8" },
          { name: "Charred hispi cabbage", description: "Brown butter, hazelnuts, anchovy crumb", price: "9", tags: ["n"] },
        ],
      },
      {
        title: "From the coals",
        items: [
          { name: "Whole day-boat plaice", description: "Seaweed butter, capers, grilled lemon", price: "26", tags: ["gf"] },
          { name: "Hake with mussels", description: "Saffron broth, fennel, samphire", price: "24", tags: ["gf", "df"] },
          { name: "Onglet steak", description: "Bone marrow, watercress, chips cooked in dripping", price: "28" },
          { name: "Roast squash", description: "Whipped feta, chilli honey, pumpkin seeds", price: "18", tags: ["v", "gf", "s"] },
        ],
      },
      {
        title: "Puddings",
        items: [
          { name: "Burnt honey tart", description: "Crème fraîche", price: "8", tags: ["v"] },
          { name: "Dark chocolate mousse", description: "Olive oil, sea salt, sourdough crisp", price: "8", tags: ["vg"] },
        ],
      },
    ],
    footer: "A discretionary 12.5% service charge is added to tables of six or more. All tips go to the team.",
  },
  layout: (content, ctx) => layoutMenu(content, ctx),
});

interface Row {
  section: number;
  item: number;
  label: string;
  price: string;
  detail: string;
  height: number;
}

/**
 * Lays the menu out at full size, unless setting it up to ~18% smaller saves a page: a menu that
 * spills two dishes onto a second sheet reads worse than one set a touch tighter.
 */
function layoutMenu(content: Content, ctx: TemplateContext): SceneInput[] {
  const steps = [1, 0.95, 0.9, 0.86, 0.82];
  const fewest = buildMenu(content, ctx, steps[steps.length - 1] ?? 1).length;
  for (const k of steps) {
    const pages = buildMenu(content, ctx, k);
    if (pages.length <= fewest) return pages;
  }
  return buildMenu(content, ctx, 1);
}

function buildMenu(content: Content, ctx: TemplateContext, k: number): SceneInput[] {
  const W = ctx.format.width;
  const H = ctx.format.height;
  const m = margin(ctx, 0.09, 15);
  const t = typeScale(ctx, 13 * k);
  const colW = Math.min(W - 2 * m, mm(150));
  const colX = (W - colW) / 2;
  const ground = ctx.colour("background");

  const labelStyle = { font: ctx.font("body", 700), size: t(0.75), lineHeight: 1.25 };
  const detailStyle = { font: ctx.font("body", 400), size: t(0), lineHeight: 1.3 };
  const sectionSpec = { role: "heading" as const, weight: 700, width: colW, maxSize: t(2.2), minSize: t(1.2), maxLines: 2, letterSpacing: 0.12, uppercase: true, lineHeight: 1.15 };
  const rowGap = t(0) * 0.9;
  const sectionGap = t(0) * 2.4;

  // Rows measured with the kit's fonts, so pages break where the printed menu would.
  const rows: Row[][] = content.sections.map((section, s) =>
    section.items.map((item, i) => {
      const tags = item.tags.length ? ` (${item.tags.map((tag) => tag.toUpperCase()).join(", ")})` : "";
      const label = item.name + tags;
      const textW = leaderLabelWidth(ctx, colW, item.price, labelStyle);
      const labelH = ctx.measure(label, { ...labelStyle, width: textW }).lines * labelStyle.lineHeight * labelStyle.size;
      const detailH = item.description ? ctx.measure(item.description, { ...detailStyle, width: textW }).lines * detailStyle.lineHeight * detailStyle.size : 0;
      return { section: s, item: i, label, price: item.price, detail: item.description, height: labelH + detailH };
    }),
  );

  const used = [...new Set(content.sections.flatMap((s) => s.items.flatMap((i) => i.tags)))];
  const legend = used.map((tag) => `${tag.toUpperCase()} ${DIETARY_TAGS[tag]}`).join("  ·  ");
  const footSize = t(-0.6);
  const footText = [legend, content.footer].filter(Boolean).join("\n");
  const footH = footText ? ctx.measure(footText, { font: ctx.font("body"), size: footSize, width: colW, lineHeight: 1.4 }).height : 0;
  const pageNumH = footSize * 1.4;
  const contentBottom = H - m - footH - pageNumH - t(0) * 1.5;

  // Header of the first page: a primary band carrying the reversed logo, then title, subtitle, ornament.
  const header: SceneNodeInput[] = [...band(ctx, mm(13))];
  let y = bandHeight(mm(13)) + m * 0.55;
  const titleSpec = { role: "heading" as const, weight: 700, width: colW, maxSize: t(5), minSize: t(2.5), maxLines: 2, lineHeight: 1.05 };
  const titleFit = fitText(ctx, content.title, titleSpec);
  header.push(fittedText(ctx, titleFit, { text: content.title, field: "title", x: colX, y, w: colW, on: ground, align: "center", prefer: ["primary"], spec: titleSpec }));
  y += titleFit.height + t(0) * 0.5;
  if (content.subtitle) {
    const subSpec = { role: "accent" as const, weight: 400, italic: true, width: colW, maxSize: t(0.75), minSize: t(0), maxLines: 2, lineHeight: 1.3 };
    const subFit = fitText(ctx, content.subtitle, subSpec);
    header.push(fittedText(ctx, subFit, { text: content.subtitle, field: "subtitle", x: colX, y, w: colW, on: ground, align: "center", prefer: ["muted"], spec: subSpec }));
    y += subFit.height;
  }
  y += t(0) * 1.2;
  header.push(...ornament(ctx, W / 2, y, t(0)));
  const firstTop = y + t(0) * 2;

  // Continuation pages: a slimmer band.
  const contHeader = (): { nodes: SceneNodeInput[]; top: number } => ({ nodes: band(ctx, mm(8)), top: bandHeight(mm(8)) + m * 0.6 });

  // Flow sections onto pages; a section title never ends a page without at least one of its items.
  const pages: SceneNodeInput[][] = [[...header]];
  let cursor = firstTop;
  let current = pages[0] as SceneNodeInput[];
  let rowsOnPage = 0;
  const newPage = () => {
    rowsOnPage = 0;
    const h = contHeader();
    current = [...h.nodes];
    pages.push(current);
    cursor = h.top;
  };
  content.sections.forEach((section, s) => {
    const sectionRows = rows[s] ?? [];
    const titleFitS = fitText(ctx, section.title, sectionSpec);
    const noteSpec = { role: "accent" as const, italic: true, width: colW, maxSize: t(0.25), minSize: t(-0.3), maxLines: 2, lineHeight: 1.3 };
    const noteFit = section.note ? fitText(ctx, section.note, noteSpec) : null;
    const headH = titleFitS.height + (noteFit ? noteFit.height + t(0) * 0.2 : 0) + t(0) * 1.1;
    const firstRow = sectionRows[0]?.height ?? 0;
    if (s > 0) cursor += sectionGap;
    if (cursor + headH + firstRow > contentBottom && rowsOnPage > 0) newPage();
    const drawHead = (top: number) => {
      const nodes: SceneNodeInput[] = [];
      nodes.push(fittedText(ctx, titleFitS, { text: section.title, field: `sections.${s}.title`, x: colX, y: top, w: colW, on: ground, align: "center", prefer: ["primary"], spec: sectionSpec }));
      let yy = top + titleFitS.height;
      if (noteFit) {
        yy += t(0) * 0.2;
        nodes.push(fittedText(ctx, noteFit, { text: section.note, field: `sections.${s}.note`, x: colX, y: yy, w: colW, on: ground, align: "center", prefer: ["muted"], spec: noteSpec }));
        yy += noteFit.height;
      }
      return nodes;
    };
    current.push(...drawHead(cursor));
    cursor += headH;
    sectionRows.forEach((row, i) => {
      if (i > 0) cursor += rowGap;
      if (cursor + row.height > contentBottom) {
        newPage();
        current.push(...drawHead(cursor));
        cursor += headH;
      }
      current.push(leaderRow(ctx, row, { x: colX, y: cursor, w: colW }, labelStyle, detailStyle));
      rowsOnPage += 1;
      cursor += row.height;
    });
  });

  const total = pages.length;
  return pages.map((nodes, p) => {
    const foot: SceneNodeInput[] = [];
    const footTop = H - m - footH - (total > 1 ? pageNumH : 0);
    if (footText) {
      foot.push(rule(ctx, "secondary", W / 2 - colW * 0.15, footTop - t(0) * 0.9, W / 2 + colW * 0.15, footTop - t(0) * 0.9, 1));
      foot.push(text(ctx, { text: footText, field: "footer", x: colX, y: footTop, w: colW, h: footH + 1, on: ground, role: "body", size: footSize, lineHeight: 1.4, align: "center", prefer: ["muted"] }));
    }
    if (total > 1) {
      foot.push(text(ctx, { text: `${p + 1} / ${total}`, x: colX, y: H - m - pageNumH, w: colW, h: pageNumH + 1, on: ground, role: "body", size: footSize, lineHeight: 1.4, align: "center", prefer: ["muted"] }));
    }
    return page(ctx, "background", [...nodes, ...foot]);
  });
}

const bandHeight = (logoH: number) => logoH + 2 * mm(8.5);

/** Full-bleed primary band across the top with the reversed logo centred, edged in the accent colour. */
function band(ctx: TemplateContext, logoH: number): SceneNodeInput[] {
  const W = ctx.format.width;
  const h = bandHeight(logoH);
  return [
    { type: "rect", x: 0, y: 0, w: W, h, fill: ctx.colour("primary") },
    { type: "rect", x: 0, y: h, w: W, h: mm(1.1), fill: ctx.colour("accent") },
    ...placeLogo(ctx, { variant: "reverse", x: W / 2, y: h / 2, maxW: W * 0.5, maxH: logoH, align: "center", valign: "middle" }).nodes,
  ];
}

/** Short accent rules either side of a dot: the menu's divider under the title. */
function ornament(ctx: TemplateContext, cx: number, y: number, unit: number): SceneNodeInput[] {
  const half = unit * 3.5;
  const r = unit * 0.22;
  return [
    rule(ctx, "accent", cx - half, y, cx - r * 3, y, 1.2),
    rule(ctx, "accent", cx + r * 3, y, cx + half, y, 1.2),
    { type: "ellipse", cx, cy: y, rx: r, ry: r, fill: ctx.colour("accent") },
  ];
}

function leaderRow(
  ctx: TemplateContext,
  row: Row,
  at: { x: number; y: number; w: number },
  label: { font: ReturnType<TemplateContext["font"]>; size: number; lineHeight: number },
  detail: { font: ReturnType<TemplateContext["font"]>; size: number; lineHeight: number },
): SceneNodeInput {
  const ground = ctx.colour("background");
  return {
    type: "leaders",
    field: `sections.${row.section}.items.${row.item}`,
    x: at.x,
    y: at.y,
    w: at.w,
    // The measured height plus a hair, so rounding never pushes a measured row out of its box.
    h: row.height + 2,
    rows: [{ label: row.label, price: row.price, ...(row.detail ? { detail: row.detail } : {}) }],
    label: { ...label, colour: ctx.textOn(ground) },
    price: { ...label, colour: ctx.textOn(ground, { prefer: ["primary", "text"] }) },
    detail: { ...detail, colour: ctx.textOn(ground, { prefer: ["muted", "text"] }) },
    leader: { colour: ctx.colour("muted") },
    rowGap: 0,
  };
}

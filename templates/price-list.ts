// Price list: groups of services or products with prices on leaders, each group a card on the kit's
// surface, balanced across two columns (A4, Letter) or three (a 1920×1080 screen).
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { isPrintFormat, margin, page, placeLogo, rule, type Box, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { leaderLabelWidth, copyStack, fitText, fittedText } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  title: z.string().trim().min(1, "give the list a title").max(60),
  intro: z.string().trim().max(200).default(""),
  groups: z
    .array(
      z.object({
        title: z.string().trim().min(1, "name the group").max(50),
        items: z
          .array(z.object({ name: z.string().trim().min(1, "name the item").max(70), detail: z.string().trim().max(120).default(""), price: z.string().trim().max(24) }))
          .min(1, "a group needs at least one item")
          .max(20),
      }),
    )
    .min(1, "add at least one group")
    .max(9),
  footer: z.string().trim().max(200).default(""),
});

type Content = z.output<typeof schema>;

export const priceList = defineTemplate({
  id: "price-list",
  name: "Price list",
  category: "tent",
  description: "Services, classes or products with prices, grouped in cards; for the wall, the counter or a screen.",
  formats: ["a4", "letter", "screen-hd"],
  schema,
  sample: {
    title: "Prices",
    intro: "Everything includes a friendly welcome, good music and a cold towel.",
    groups: [
      {
        title: "Classes",
        items: [
          { name: "First ride", detail: "Shoes and water included", price: "8" },
          { name: "Single class", price: "18" },
          { name: "Five-class pack", detail: "Valid for two months", price: "80" },
          { name: "Ten-class pack", detail: "Valid for four months", price: "150" },
        ],
      },
      {
        title: "Memberships",
        items: [
          { name: "Unlimited monthly", detail: "Rolling, cancel any time", price: "129" },
          { name: "Off-peak monthly", detail: "Weekdays 10am to 4pm", price: "89" },
          { name: "Student monthly", detail: "With a valid student card", price: "79" },
        ],
      },
      {
        title: "Extras",
        items: [
          { name: "Shoe hire", price: "2" },
          { name: "Towel and locker", price: "2" },
          { name: "Private room hire", detail: "Up to 20 riders, one hour", price: "250" },
        ],
      },
    ],
    footer: "Prices in pounds and include VAT. Packs are personal and cannot be transferred.",
  },
  layout: (content, ctx) => [layoutList(content, ctx)],
});

interface Card {
  group: number;
  height: number;
  rows: number[];
}

function layoutList(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const print = isPrintFormat(ctx);
  const m = margin(ctx, 0.075, 12);
  const nodes: SceneNodeInput[] = [];
  const primary = ctx.colour("primary");
  const ground = ctx.colour("background");
  const surface = ctx.colour("surface");

  // Header band: logo and title on the primary colour.
  const bandH = print ? H * 0.17 : H * 0.22;
  nodes.push({ type: "rect", x: 0, y: 0, w: W, h: bandH, fill: primary });
  nodes.push({ type: "rect", x: 0, y: bandH, w: W, h: S * 0.008, fill: ctx.colour("accent") });
  const logo = placeLogo(ctx, { variant: "reverse", x: W - m, y: bandH / 2, maxW: W * 0.3, maxH: bandH * 0.42, align: "right", valign: "middle" });
  nodes.push(...logo.nodes);
  const titleRight = logo.nodes.length ? logo.outer.x - S * 0.03 : W - m;
  nodes.push(
    ...copyStack(
      ctx,
      [{ field: "title", text: content.title, spec: { role: "heading", weight: 700, maxSize: S * 0.09, minSize: S * 0.05, maxLines: 2, lineHeight: 1.05 } }],
      { x: m, y: m * 0.5, w: titleRight - m, h: bandH - m },
      { on: primary, valign: "middle" },
    ).nodes,
  );

  let y = bandH + S * 0.05;
  if (content.intro) {
    const spec = { role: "accent" as const, italic: true, width: W - 2 * m, maxSize: S * 0.032, minSize: S * 0.024, maxLines: 2, lineHeight: 1.3 };
    const fit = fitText(ctx, content.intro, spec);
    nodes.push(fittedText(ctx, fit, { text: content.intro, field: "intro", x: m, y, w: W - 2 * m, on: ground, prefer: ["muted"], spec }));
    y += fit.height + S * 0.04;
  }
  const footSize = S * 0.018;
  const footH = content.footer ? footSize * 1.4 * 2 : 0;
  const area: Box = { x: m, y, w: W - 2 * m, h: H - m - footH - S * 0.03 - y };
  if (content.footer) {
    nodes.push(rule(ctx, "secondary", m, H - m - footH - S * 0.012, W - m, H - m - footH - S * 0.012, 1));
    nodes.push(...copyStack(ctx, [{ field: "footer", text: content.footer, prefer: ["muted"], spec: { role: "body", maxSize: footSize, minSize: footSize * 0.85, maxLines: 2, lineHeight: 1.4 } }], { x: m, y: H - m - footH, w: W - 2 * m, h: footH + 1 }, { on: ground }).nodes);
  }

  // Cards: measured at the largest scale at which the tallest column fits, then balanced across columns.
  const cols = print ? 2 : 3;
  const gap = S * 0.035;
  const colW = (area.w - gap * (cols - 1)) / cols;
  const pad = S * 0.03;
  const style = (k: number) => ({
    title: { role: "heading" as const, weight: 700, size: S * 0.04 * k, lineHeight: 1.1 },
    label: { font: ctx.font("body", 700), size: S * 0.024 * k, lineHeight: 1.25 },
    detail: { font: ctx.font("body", 400), size: S * 0.02 * k, lineHeight: 1.3 },
    rowGap: S * 0.014 * k,
  });
  let k = print ? 1.6 : 1.3;
  let placed: { card: Card; col: number; y: number }[] = [];
  for (; k > 0.5; k *= 0.94) {
    const st = style(k);
    const cards = content.groups.map((g, gi): Card => {
      const titleH = ctx.measure(g.title, { font: ctx.font("heading", 700), size: st.title.size, width: colW - 2 * pad, lineHeight: 1.1 }).height;
      const rows = g.items.map((item) => {
        const w = leaderLabelWidth(ctx, colW - 2 * pad, item.price, st.label);
        return ctx.measure(item.name, { ...st.label, width: w }).height + (item.detail ? ctx.measure(item.detail, { ...st.detail, width: w }).height : 0);
      });
      return { group: gi, rows, height: 2 * pad + titleH + st.rowGap * 1.6 + rows.reduce((a, b) => a + b, 0) + st.rowGap * (rows.length - 1) };
    });
    // Greedy balance in reading order: each card goes to the currently shortest column.
    const heights = new Array<number>(cols).fill(0);
    placed = cards.map((card) => {
      const col = heights.indexOf(Math.min(...heights));
      const at = heights[col] ?? 0;
      heights[col] = at + card.height + gap;
      return { card, col, y: at };
    });
    if (Math.max(...heights) - gap <= area.h) break;
  }
  const st = style(k);
  for (const { card, col, y: cy } of placed) {
    const group = content.groups[card.group];
    if (!group) continue;
    const x = area.x + col * (colW + gap);
    const top = area.y + cy;
    const h = Math.min(card.height, area.y + area.h - top);
    nodes.push({ type: "rect", x, y: top, w: colW, h: Math.max(h, 1), fill: surface, radius: S * 0.012 });
    nodes.push({ type: "rect", x, y: top + pad, w: S * 0.006, h: st.title.size * 1.1, fill: ctx.colour("accent") });
    const titleFit = fitText(ctx, group.title, { ...st.title, width: colW - 2 * pad, maxSize: st.title.size, minSize: st.title.size * 0.8, maxLines: 2 });
    nodes.push(fittedText(ctx, titleFit, { text: group.title, field: `groups.${card.group}.title`, x: x + pad, y: top + pad, w: colW - 2 * pad, on: surface, prefer: ["primary"], spec: { ...st.title, width: colW - 2 * pad, maxSize: st.title.size, minSize: st.title.size * 0.8, maxLines: 2 } }));
    let ry = top + pad + titleFit.height + st.rowGap * 1.6;
    group.items.forEach((item, i) => {
      const rh = card.rows[i] ?? 0;
      nodes.push({
        type: "leaders",
        field: `groups.${card.group}.items.${i}`,
        x: x + pad,
        y: ry,
        w: colW - 2 * pad,
        h: Math.max(1, Math.min(rh + 2, area.y + area.h - ry)),
        rows: [{ label: item.name, price: item.price, ...(item.detail ? { detail: item.detail } : {}) }],
        label: { ...st.label, colour: ctx.textOn(surface) },
        price: { ...st.label, colour: ctx.textOn(surface, { prefer: ["primary", "text"] }) },
        detail: { ...st.detail, colour: ctx.textOn(surface, { prefer: ["muted", "text"] }) },
        leader: { colour: ctx.colour("muted") },
        rowGap: 0,
      });
      ry += rh + st.rowGap;
    });
  }
  return page(ctx, "background", nodes);
}

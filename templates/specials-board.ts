// Specials or drinks board: a handful of dishes or drinks with prices, for the screen behind the
// counter (1920×1080) or a printed A3/Tabloid poster. Landscape: a brand panel beside the list;
// portrait: a brand band above it.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { margin, page, pageShape, placeLogo, type Box, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { leaderLabelWidth, copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  title: z.string().trim().min(1, "give the board a title").max(60),
  subtitle: z.string().trim().max(100).default(""),
  items: z
    .array(
      z.object({
        name: z.string().trim().min(1, "name the dish or drink").max(70),
        description: z.string().trim().max(160).default(""),
        price: z.string().trim().max(20),
      }),
    )
    .min(1, "add at least one special")
    .max(16),
  note: z.string().trim().max(140).default(""),
});

type Content = z.output<typeof schema>;

export const specialsBoard = defineTemplate({
  id: "specials-board",
  name: "Specials board",
  category: "board",
  description: "Today's specials or the drinks list for the counter screen or a printed poster.",
  formats: ["screen-hd", "a3", "tabloid"],
  schema,
  sample: {
    title: "Today's specials",
    subtitle: "Straight from the morning boats",
    items: [
      { name: "Grilled sardines", description: "Salsa verde, charred sourdough", price: "9" },
      { name: "Crab on toast", description: "Brown crab mayonnaise, pickled cucumber", price: "12" },
      { name: "Whole lemon sole", description: "Brown shrimp butter, new potatoes", price: "24" },
      { name: "Albariño by the glass", description: "Salty, bright and made for shellfish", price: "7.50" },
    ],
    note: "Ask us about allergens · Specials change with the tide",
  },
  layout: (content, ctx) => [layoutBoard(content, ctx)],
});

function layoutBoard(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const landscape = pageShape(ctx) === "landscape" || pageShape(ctx) === "wide";
  const m = margin(ctx, 0.075, 12);
  const nodes: SceneNodeInput[] = [];
  const primary = ctx.colour("primary");
  const ground = ctx.colour("background");

  let list: Box;
  if (landscape) {
    const panelW = W * 0.36;
    nodes.push({ type: "rect", x: 0, y: 0, w: panelW, h: H, fill: primary });
    // An accent edge between panel and list.
    nodes.push({ type: "rect", x: panelW, y: 0, w: S * 0.012, h: H, fill: ctx.colour("accent") });
    const logo = placeLogo(ctx, { variant: "reverse", x: m, y: m, maxW: panelW - 2 * m, maxH: S * 0.1 });
    nodes.push(...logo.nodes);
    const top = logo.outer.y + logo.outer.h + S * 0.04;
    nodes.push(
      ...copyStack(
        ctx,
        [
          { field: "title", text: content.title, spec: { role: "heading", weight: 700, maxSize: S * 0.095, minSize: S * 0.05, maxLines: 3, lineHeight: 1.04 } },
          { field: "subtitle", text: content.subtitle, gap: S * 0.025, prefer: ["secondary", "accent"], spec: { role: "accent", italic: true, maxSize: S * 0.04, minSize: S * 0.028, maxLines: 3, lineHeight: 1.25 } },
        ],
        { x: m, y: top, w: panelW - 2 * m, h: H - m - top - S * 0.08 },
        { on: primary, valign: "middle" },
      ).nodes,
    );
    if (content.note) {
      nodes.push(...copyStack(ctx, [{ field: "note", text: content.note, spec: { role: "body", maxSize: S * 0.022, minSize: S * 0.018, maxLines: 2, lineHeight: 1.35 } }], { x: m, y: H - m - S * 0.07, w: panelW - 2 * m, h: S * 0.07 }, { on: primary, valign: "bottom" }).nodes);
    }
    list = { x: panelW + m, y: m, w: W - panelW - 2 * m, h: H - 2 * m };
  } else {
    const bandH = H * 0.27;
    nodes.push({ type: "rect", x: 0, y: 0, w: W, h: bandH, fill: primary });
    nodes.push({ type: "rect", x: 0, y: bandH, w: W, h: S * 0.012, fill: ctx.colour("accent") });
    const logo = placeLogo(ctx, { variant: "reverse", x: W / 2, y: m, maxW: W * 0.5, maxH: S * 0.075, align: "center" });
    nodes.push(...logo.nodes);
    const top = logo.outer.y + logo.outer.h + S * 0.02;
    nodes.push(
      ...copyStack(
        ctx,
        [
          { field: "title", text: content.title, spec: { role: "heading", weight: 700, maxSize: S * 0.1, minSize: S * 0.055, maxLines: 2, lineHeight: 1.04 } },
          { field: "subtitle", text: content.subtitle, gap: S * 0.02, prefer: ["secondary", "accent"], spec: { role: "accent", italic: true, maxSize: S * 0.042, minSize: S * 0.03, maxLines: 2, lineHeight: 1.25 } },
        ],
        { x: m, y: top, w: W - 2 * m, h: bandH - top - S * 0.05 },
        { on: primary, align: "center", valign: "middle" },
      ).nodes,
    );
    const noteH = content.note ? S * 0.08 : 0;
    if (content.note) {
      nodes.push(...copyStack(ctx, [{ field: "note", text: content.note, prefer: ["muted"], spec: { role: "body", maxSize: S * 0.026, minSize: S * 0.02, maxLines: 2, lineHeight: 1.35 } }], { x: m, y: H - m - noteH, w: W - 2 * m, h: noteH }, { on: ground, align: "center", valign: "bottom" }).nodes);
    }
    list = { x: m * 1.3, y: bandH + m, w: W - 2.6 * m, h: H - bandH - 2 * m - noteH };
  }
  nodes.push(...itemList(ctx, content, list, S, landscape ? 1.25 : 1.7));
  return page(ctx, "background", nodes);
}

/** The items as leader rows at the largest size that fits the box, vertically centred. */
function itemList(ctx: TemplateContext, content: Content, box: Box, S: number, kMax: number): SceneNodeInput[] {
  const ground = ctx.colour("background");
  let k = kMax;
  let heights: number[] = [];
  const style = (k: number) => ({
    label: { font: ctx.font("heading", 700), size: S * 0.05 * k, lineHeight: 1.15 },
    detail: { font: ctx.font("body", 400), size: S * 0.027 * k, lineHeight: 1.3 },
    gap: S * 0.038 * k,
  });
  for (; k > 0.45; k *= 0.93) {
    const st = style(k);
    heights = content.items.map((item) => {
      const w = leaderLabelWidth(ctx, box.w, item.price, st.label, 0.4);
      const label = ctx.measure(item.name, { ...st.label, width: w });
      const detail = item.description ? ctx.measure(item.description, { ...st.detail, width: w }) : { height: 0 };
      return label.height + detail.height;
    });
    const total = heights.reduce((a, b) => a + b, 0) + st.gap * (heights.length - 1);
    if (total <= box.h) break;
  }
  const st = style(k);
  const total = heights.reduce((a, b) => a + b, 0) + st.gap * (heights.length - 1);
  let y = box.y + Math.max(0, (box.h - total) / 2);
  return content.items.map((item, i) => {
    const h = heights[i] ?? 0;
    const node: SceneNodeInput = {
      type: "leaders",
      field: `items.${i}`,
      x: box.x,
      y,
      w: box.w,
      h: Math.min(h + 2, box.y + box.h - y + 2),
      rows: [{ label: item.name, price: item.price, ...(item.description ? { detail: item.description } : {}) }],
      label: { ...st.label, colour: ctx.textOn(ground, { prefer: ["primary", "text"] }) },
      price: { ...st.label, colour: ctx.textOn(ground, { prefer: ["primary", "text"] }) },
      detail: { ...st.detail, colour: ctx.textOn(ground, { prefer: ["muted", "text"] }) },
      leader: { colour: ctx.colour("muted"), spacing: 0.4 },
      rowGap: 0,
    };
    y += h + st.gap;
    return node;
  });
}

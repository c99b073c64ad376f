// Table tent (A6 landscape, folded card standing on the table): one promotion per tent — a colour
// panel with the logo and the price, and the pitch beside it. One page per face: both faces alike,
// so diners on either side of the table see it.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { margin, page, placeLogo, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  eyebrow: z.string().trim().max(40).default(""),
  title: z.string().trim().min(1, "what are you promoting?").max(70),
  description: z.string().trim().max(200).default(""),
  price: z.string().trim().max(40).default(""),
  cta: z.string().trim().max(60).default(""),
  /** Print both faces (two pages) or a single face. */
  twoSided: z.boolean().default(true),
});

type Content = z.output<typeof schema>;

export const tableTent = defineTemplate({
  id: "table-tent",
  name: "Table tent",
  category: "tent",
  description: "A folded card for the table: wine of the week, a set menu, a class offer.",
  formats: ["tent-a6"],
  schema,
  sample: {
    eyebrow: "Wine of the week",
    title: "Albariño, Rías Baixas",
    description: "Salty, bright and lemony: poured for the oysters, good with everything from the grill.",
    price: "7 a glass\n32 a bottle",
    cta: "Ask us for a taste",
  },
  layout: (content, ctx) => (content.twoSided ? [face(content, ctx), face(content, ctx)] : [face(content, ctx)]),
});

function face(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const m = margin(ctx, 0.09, 7);
  const nodes: SceneNodeInput[] = [];
  const primary = ctx.colour("primary");
  const panelW = W * 0.36;
  nodes.push({ type: "rect", x: 0, y: 0, w: panelW, h: H, fill: primary });
  nodes.push({ type: "rect", x: panelW, y: 0, w: S * 0.014, h: H, fill: ctx.colour("accent") });
  const logo = placeLogo(ctx, { variant: "reverse", x: panelW / 2, y: m, maxW: panelW - 2 * m, maxH: S * 0.16, align: "center" });
  nodes.push(...logo.nodes);
  const top = logo.nodes.length ? logo.outer.y + logo.outer.h + S * 0.04 : m;
  if (content.price) {
    nodes.push(
      ...copyStack(
        ctx,
        [{ field: "price", text: content.price, spec: { role: "heading", weight: 700, maxSize: S * 0.075, minSize: S * 0.045, maxLines: 4, lineHeight: 1.15 } }],
        { x: m * 0.8, y: top, w: panelW - 1.6 * m, h: H - m - top },
        { on: primary, align: "center", valign: "middle" },
      ).nodes,
    );
  }
  const colX = panelW + m;
  nodes.push(
    ...copyStack(
      ctx,
      [
        { field: "eyebrow", text: content.eyebrow, prefer: ["primary", "accent"], spec: { role: "body", weight: 700, maxSize: S * 0.04, minSize: S * 0.03, maxLines: 1, letterSpacing: 0.14, uppercase: true } },
        { field: "title", text: content.title, gap: S * 0.02, prefer: ["primary"], spec: { role: "heading", weight: 700, maxSize: S * 0.11, minSize: S * 0.06, maxLines: 3, lineHeight: 1.05 } },
        { field: "description", text: content.description, gap: S * 0.04, spec: { role: "body", maxSize: S * 0.045, minSize: S * 0.034, maxLines: 5, lineHeight: 1.4 } },
        { field: "cta", text: content.cta, gap: S * 0.06, pill: "accent", spec: { role: "body", weight: 700, maxSize: S * 0.038, minSize: S * 0.03, maxLines: 1, letterSpacing: 0.03 } },
      ],
      { x: colX, y: m, w: W - colX - m, h: H - 2 * m },
      { on: ctx.colour("background"), valign: "middle" },
    ).nodes,
  );
  return page(ctx, "background", nodes);
}

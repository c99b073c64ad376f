// Two-sided business card (85×55 mm and 3.5×2 in): the front carries the reversed logo on the primary
// colour; the back carries name, role and contact lines on the kit's ground. Two pages: front, back.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { mm, page, placeLogo, rule, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  name: z.string().trim().min(1, "whose card is it?").max(50),
  role: z.string().trim().max(60).default(""),
  phone: z.string().trim().max(40).default(""),
  email: z.string().trim().max(80).default(""),
  website: z.string().trim().max(80).default(""),
  address: z.string().trim().max(120).default(""),
  /** Empty: the kit's tagline. */
  tagline: z.string().trim().max(80).default(""),
});

type Content = z.output<typeof schema>;

export const businessCard = defineTemplate({
  id: "business-card",
  name: "Business card",
  category: "card",
  description: "Front with your logo, back with your name and how to reach you. Prints with bleed and crop marks.",
  formats: ["card-eu", "card-us"],
  schema,
  sample: {
    name: "Maya Okafor",
    role: "Owner & head of everything",
    phone: "+44 20 7946 0321",
    email: "hello@example.com",
    website: "example.com",
    address: "14 Market Row, Brixton, London SW9 8LB",
  },
  layout: (content, ctx) => [front(content, ctx), back(content, ctx)],
});

// 5 mm from the trim: comfortably inside the printer's 3–4 mm safe line.
const SAFE_MM = 5;

function front(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const m = mm(SAFE_MM);
  const nodes: SceneNodeInput[] = [];
  const tagline = content.tagline || ctx.kit.voice.tagline;
  const logoMaxW = Math.max(Math.min(W - 2 * m, mm(ctx.kit.logos.minWidthMm) * 1.6), mm(ctx.kit.logos.minWidthMm));
  const logoMaxH = H * (tagline ? 0.34 : 0.42);
  const logo = placeLogo(ctx, { variant: "reverse", x: W / 2, y: H * (tagline ? 0.42 : 0.5), maxW: logoMaxW, maxH: logoMaxH, align: "center", valign: "middle" });
  nodes.push(...logo.nodes);
  if (tagline) {
    const top = (logo.nodes.length ? logo.outer.y + logo.outer.h : H * 0.5) + mm(1);
    nodes.push(
      ...copyStack(
        ctx,
        [{ field: "tagline", text: tagline, prefer: ["secondary", "accent"], spec: { role: "accent", italic: true, maxSize: mm(3.4), minSize: mm(2.6), maxLines: 2, lineHeight: 1.25 } }],
        { x: m, y: top, w: W - 2 * m, h: H - m - top },
        { on: ctx.colour("primary"), align: "center", valign: "top" },
      ).nodes,
    );
  }
  // A hairline of the accent colour near the foot, a small detail that carries the palette.
  nodes.push(rule(ctx, "accent", W / 2 - mm(6), H - m, W / 2 + mm(6), H - m, mm(0.35)));
  return page(ctx, "primary", nodes);
}

function back(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const m = mm(SAFE_MM);
  const ground = ctx.colour("background");
  const nodes: SceneNodeInput[] = [];
  // Accent spine on the left edge (bleeds), then the copy.
  nodes.push({ type: "rect", x: 0, y: 0, w: mm(2.2), h: H, fill: ctx.colour("primary") });
  const mark = placeLogo(ctx, { variant: "mark", x: W - m, y: m, maxW: mm(11), maxH: mm(9), align: "right" });
  nodes.push(...mark.nodes);
  const x = m + mm(2.5);
  // The name keeps clear of the mark's clear space.
  const textW = (mark.nodes.length ? mark.outer.x - mm(1.5) : W - m) - x;
  const head = copyStack(
    ctx,
    [
      { field: "name", text: content.name, prefer: ["primary"], spec: { role: "heading", weight: 700, maxSize: mm(5), minSize: mm(3.4), maxLines: 2, lineHeight: 1.1 } },
      { field: "role", text: content.role, gap: mm(1), prefer: ["muted"], spec: { role: "accent", italic: true, maxSize: mm(3.2), minSize: mm(2.5), maxLines: 2, lineHeight: 1.2 } },
    ],
    { x, y: m, w: textW, h: H * 0.42 },
    { on: ground, valign: "top" },
  );
  nodes.push(...head.nodes);
  const lines = [
    { field: "phone", text: content.phone },
    { field: "email", text: content.email },
    { field: "website", text: content.website },
    { field: "address", text: content.address },
  ].filter((l) => l.text);
  nodes.push(
    ...copyStack(
      ctx,
      lines.map((l, i) => ({ field: l.field, text: l.text, gap: i ? mm(0.6) : 0, spec: { role: "body" as const, maxSize: mm(2.75), minSize: mm(2.3), maxLines: l.field === "address" ? 2 : 1, lineHeight: 1.25 } })),
      { x, y: head.bottom + mm(2), w: W - x - m, h: H - m - head.bottom - mm(2) },
      { on: ground, valign: "bottom" },
    ).nodes,
  );
  return page(ctx, "background", nodes);
}

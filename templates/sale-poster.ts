// Sale poster (A3, Tabloid, A4, Letter): the offer set huge on an accent disc, what it applies to,
// the dates, and a footer band with the logo, where to find you and the small print.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { PHOTO_REF, margin, page, placeLogo, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack, fitText, fittedText } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  kicker: z.string().trim().max(40).default("Sale"),
  offer: z.string().trim().min(1, "what is the offer? e.g. 30% off").max(24),
  detail: z.string().trim().max(120).default(""),
  dates: z.string().trim().max(60).default(""),
  cta: z.string().trim().max(80).default(""),
  terms: z.string().trim().max(200).default(""),
  photo: z.string().regex(PHOTO_REF, "must be an uploaded photo (sha256: reference)").optional(),
});

type Content = z.output<typeof schema>;

export const salePoster = defineTemplate({
  id: "sale-poster",
  name: "Sale poster",
  category: "poster",
  description: "A window or counter poster for a sale or offer, readable from across the street.",
  formats: ["a3", "tabloid", "a4", "letter"],
  schema,
  sample: {
    kicker: "Summer sale",
    offer: "30% off",
    detail: "Every bouquet, bunch and potted plant in the shop",
    dates: "Saturday 6 & Sunday 7 July",
    cta: "14 Market Row · open 8 till 6",
    terms: "While stocks last. Cannot be combined with other offers or used on wedding orders.",
  },
  layout: (content, ctx) => [layoutPoster(content, ctx)],
});

function layoutPoster(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const m = margin(ctx, 0.08, 12);
  const nodes: SceneNodeInput[] = [];
  const primary = ctx.colour("primary");
  const accent = ctx.colour("accent");
  const ground = ctx.colour("background");
  const photo = ctx.image(content.photo);

  // Footer band on the kit's background: logo, where to find you, small print.
  const footH = H * 0.17;
  const footY = H - footH;
  const bodyTop = photo ? H * 0.36 : 0;
  if (photo) nodes.push({ type: "image", x: 0, y: 0, w: W, h: bodyTop, bytes: photo, fit: "cover" });
  nodes.push({ type: "rect", x: 0, y: bodyTop, w: W, h: footY - bodyTop, fill: primary });

  // The offer on a disc of the accent colour; the disc grows with the offer text.
  const discR = S * (photo ? 0.3 : 0.36);
  const cx = W / 2;
  const cy = photo ? bodyTop : (footY - S * 0.2) * 0.47;
  nodes.push({ type: "ellipse", cx, cy, rx: discR * 1.08, ry: discR * 1.08, stroke: ctx.colour("secondary"), strokeWidth: S * 0.008 });
  nodes.push({ type: "ellipse", cx, cy, rx: discR, ry: discR, fill: accent });
  const kickerSpec = { role: "body" as const, weight: 700, width: discR * 1.2, maxSize: S * 0.035, minSize: S * 0.022, maxLines: 1, letterSpacing: 0.18, uppercase: true };
  const kickerFit = fitText(ctx, content.kicker, kickerSpec);
  // The offer must sit inside the disc: its box is the disc's inscribed square, less a little.
  const offerW = discR * 1.5;
  const offerSpec = { role: "heading" as const, weight: 700, width: offerW, maxSize: S * 0.22, minSize: S * 0.08, maxLines: 2, lineHeight: 0.98 };
  const offerFit = fitText(ctx, content.offer, offerSpec);
  const gap = S * 0.015;
  const blockH = kickerFit.height + (kickerFit.height ? gap : 0) + offerFit.height;
  let y = cy - blockH / 2;
  if (content.kicker) {
    nodes.push(fittedText(ctx, kickerFit, { text: content.kicker, field: "kicker", x: cx - kickerSpec.width / 2, y, w: kickerSpec.width, on: accent, align: "center", spec: kickerSpec }));
    y += kickerFit.height + gap;
  }
  nodes.push(fittedText(ctx, offerFit, { text: content.offer, field: "offer", x: cx - offerW / 2, y, w: offerW, on: accent, align: "center", spec: offerSpec }));

  // What and when, on the primary colour under the disc.
  const top = cy + discR * 1.08 + S * 0.05;
  nodes.push(
    ...copyStack(
      ctx,
      [
        { field: "detail", text: content.detail, spec: { role: "heading", weight: 700, maxSize: S * 0.062, minSize: S * 0.035, maxLines: 3, lineHeight: 1.1 } },
        { field: "dates", text: content.dates, gap: S * 0.03, prefer: ["secondary", "accent"], spec: { role: "accent", italic: true, maxSize: S * 0.05, minSize: S * 0.03, maxLines: 2, lineHeight: 1.2 } },
      ],
      { x: m, y: top, w: W - 2 * m, h: footY - m * 0.8 - top },
      { on: primary, align: "center", valign: "middle" },
    ).nodes,
  );

  // Footer: logo left, where-to-find-us and terms right.
  nodes.push({ type: "rect", x: 0, y: footY, w: W, h: S * 0.01, fill: accent });
  const logo = placeLogo(ctx, { variant: "primary", x: m, y: footY + footH / 2, maxW: W * 0.32, maxH: footH * 0.42, valign: "middle" });
  nodes.push(...logo.nodes);
  const textX = logo.nodes.length ? logo.outer.x + logo.outer.w + S * 0.04 : m;
  nodes.push(
    ...copyStack(
      ctx,
      [
        { field: "cta", text: content.cta, prefer: ["primary"], spec: { role: "body", weight: 700, maxSize: S * 0.03, minSize: S * 0.02, maxLines: 2, lineHeight: 1.25 } },
        { field: "terms", text: content.terms, gap: S * 0.012, prefer: ["muted"], spec: { role: "body", maxSize: S * 0.018, minSize: S * 0.014, maxLines: 3, lineHeight: 1.35 } },
      ],
      { x: textX, y: footY + m * 0.6, w: W - m - textX, h: footH - m * 1.2 },
      { on: ground, align: "right", valign: "middle" },
    ).nodes,
  );
  return page(ctx, "background", nodes);
}

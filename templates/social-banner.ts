// Profile banner / link card: the brand as a band — logo on the kit's ground, tagline and details on
// the primary colour, and a photo (or a column of kit-colour stripes) at the far end.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { PHOTO_REF, margin, page, pageShape, placeLogo, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  /** Empty: the kit's tagline. */
  headline: z.string().trim().max(90).default(""),
  details: z.string().trim().max(120).default(""),
  photo: z.string().regex(PHOTO_REF, "must be an uploaded photo (sha256: reference)").optional(),
});

type Content = z.output<typeof schema>;

export const socialBanner = defineTemplate({
  id: "social-banner",
  name: "Social banner",
  category: "social",
  description: "Header image for your profile pages and the card shown when your link is shared.",
  formats: ["banner", "link-card"],
  schema,
  sample: {
    headline: "",
    details: "Open every day · Find us on the corner of Market Row",
  },
  layout: (content, ctx) => [layoutBanner(content, ctx)],
});

function layoutBanner(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const wide = pageShape(ctx) === "wide";
  const m = margin(ctx, 0.14);
  const nodes: SceneNodeInput[] = [];
  const headline = content.headline || ctx.kit.voice.tagline || ctx.kit.name;
  const photo = ctx.image(content.photo);
  const primary = ctx.colour("primary");

  // Logo panel on the kit's ground (its lockup is drawn for it), then the primary band.
  const logoPanelW = wide ? W * 0.3 : W;
  const logoPanelH = wide ? H : H * 0.36;
  const logo = placeLogo(ctx, { variant: "primary", x: logoPanelW / 2, y: logoPanelH / 2, maxW: logoPanelW - 2 * m, maxH: logoPanelH * (wide ? 0.36 : 0.5), align: "center", valign: "middle" });
  nodes.push(...logo.nodes);
  const band = wide ? { x: logoPanelW, y: 0, w: W - logoPanelW, h: H } : { x: 0, y: logoPanelH, w: W, h: H - logoPanelH };
  nodes.push({ type: "rect", ...band, fill: primary });

  // The far end: the photo, or stripes of secondary / accent / secondary.
  const endW = wide ? W * 0.2 : W * 0.28;
  const end = { x: W - endW, y: band.y, w: endW, h: band.h };
  if (photo) nodes.push({ type: "image", ...end, bytes: photo, fit: "cover" });
  else {
    const stripe = endW / 5;
    nodes.push({ type: "rect", x: end.x + stripe, y: end.y, w: stripe, h: end.h, fill: ctx.colour("secondary") });
    nodes.push({ type: "rect", x: end.x + stripe * 2.5, y: end.y, w: stripe, h: end.h, fill: ctx.colour("accent") });
    nodes.push({ type: "rect", x: end.x + stripe * 4, y: end.y, w: stripe, h: end.h, fill: ctx.colour("secondary") });
  }
  const copyX = band.x + m * (wide ? 0.8 : 1);
  nodes.push(
    ...copyStack(
      ctx,
      [
        { field: "headline", text: headline, spec: { role: "heading", weight: 700, maxSize: S * (wide ? 0.13 : 0.1), minSize: S * 0.06, maxLines: 2, lineHeight: 1.08 } },
        { field: "details", text: content.details, gap: S * 0.045, prefer: ["secondary", "accent"], spec: { role: "body", weight: 700, maxSize: S * 0.05, minSize: S * 0.036, maxLines: 2, lineHeight: 1.3, letterSpacing: 0.02 } },
      ],
      { x: copyX, y: band.y + m * 0.6, w: end.x - copyX - m * 0.6, h: band.h - m * 1.2 },
      { on: primary, valign: "middle" },
    ).nodes,
  );
  return page(ctx, "background", nodes);
}

// Social post across the whole social family: square and portrait feed posts, story, banner and
// link card. Each shape gets its own arrangement (split, stacked, centred, side by side), and a
// post without a photo becomes a typographic design on the primary colour.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { PHOTO_REF, margin, page, pageShape, photoOrPanel, placeLogo, type Box, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack, type CopyPart } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  eyebrow: z.string().trim().max(40).default("New this week"),
  headline: z.string().trim().min(1, "write a headline").max(120),
  body: z.string().trim().max(280).default(""),
  cta: z.string().trim().max(48).default(""),
  photo: z.string().regex(PHOTO_REF, "must be an uploaded photo (sha256: reference)").optional(),
});

type Content = z.output<typeof schema>;

export const instagramPost = defineTemplate({
  id: "instagram-post",
  name: "Social post",
  category: "social",
  description: "An announcement for the feed: eyebrow, headline, a line of copy and a call to action, with an optional photo.",
  formats: ["ig-square", "ig-portrait", "story", "banner", "link-card"],
  schema,
  sample: {
    eyebrow: "New this week",
    headline: "Long lunches are back on the harbour terrace",
    body: "Three courses, a glass of something cold and nowhere to be until four.",
    cta: "Book a table",
  },
  layout: (content, ctx) => [layoutPost(content, ctx)],
});

function copy(content: Content, S: number, scale = 1): CopyPart[] {
  return [
    { field: "eyebrow", text: content.eyebrow, spec: { role: "body", weight: 700, maxSize: S * 0.028 * scale, minSize: S * 0.02, maxLines: 1, letterSpacing: 0.16, uppercase: true }, prefer: ["accent", "secondary"] },
    { field: "headline", text: content.headline, gap: S * 0.025, spec: { role: "heading", weight: 700, maxSize: S * 0.1 * scale, minSize: S * 0.05, maxLines: 4, lineHeight: 1.06 } },
    { field: "body", text: content.body, gap: S * 0.035, spec: { role: "body", maxSize: S * 0.034 * scale, minSize: S * 0.026, maxLines: 4, lineHeight: 1.35 } },
    { field: "cta", text: content.cta, gap: S * 0.05, pill: "accent", spec: { role: "body", weight: 700, maxSize: S * 0.03 * scale, minSize: S * 0.022, maxLines: 1, letterSpacing: 0.04 } },
  ];
}

function layoutPost(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const shape = pageShape(ctx);
  const hasPhoto = Boolean(ctx.image(content.photo));
  const m = margin(ctx, 0.075);
  const nodes: SceneNodeInput[] = [];

  if (shape === "wide" || shape === "landscape") {
    // Banner and link card: copy on the left, the photo (or the mark panel) on the right.
    const ground = "background";
    const panelW = shape === "wide" ? W * 0.36 : W * 0.42;
    nodes.push(...photoOrPanel(ctx, content.photo, { x: W - panelW, y: 0, w: panelW, h: H }, "primary"));
    const textW = W - panelW - 2 * m;
    const logo = placeLogo(ctx, { variant: "primary", x: m, y: m, maxW: textW * 0.45, maxH: S * 0.1 });
    nodes.push(...logo.nodes);
    const top = logo.nodes.length ? logo.outer.y + logo.outer.h + S * 0.02 : m;
    const region: Box = { x: m, y: top, w: textW, h: H - m - top };
    const parts = copy(content, S, shape === "wide" ? 1.25 : 1.1);
    nodes.push(...copyStack(ctx, parts, region, { on: ctx.colour(ground), valign: "middle" }).nodes);
    return page(ctx, ground, nodes);
  }

  if (hasPhoto) {
    if (shape === "square") {
      // Split: photo on the right, copy on the left.
      const photoW = W * 0.46;
      nodes.push(...photoOrPanel(ctx, content.photo, { x: W - photoW, y: 0, w: photoW, h: H }, "primary"));
      const textW = W - photoW - 2 * m;
      const logo = placeLogo(ctx, { variant: "primary", x: m, y: m, maxW: textW * 0.7, maxH: S * 0.07 });
      nodes.push(...logo.nodes);
      const top = logo.outer.y + logo.outer.h + S * 0.02;
      nodes.push(...copyStack(ctx, copy(content, S, 0.85), { x: m, y: top, w: textW, h: H - m - top }, { on: ctx.colour("background"), valign: "bottom" }).nodes);
      return page(ctx, "background", nodes);
    }
    // Portrait and story: photo on top, copy below; the story keeps clear of the app's top and bottom bars.
    const safeBottom = shape === "tall" ? H * 0.13 : m;
    const photoH = shape === "tall" ? H * 0.5 : H * 0.5;
    nodes.push(...photoOrPanel(ctx, content.photo, { x: 0, y: 0, w: W, h: photoH }, "primary"));
    const logo = placeLogo(ctx, { variant: "primary", x: W - m, y: H - safeBottom, maxW: W * 0.3, maxH: S * 0.07, align: "right", valign: "bottom" });
    nodes.push(...logo.nodes);
    const top = photoH + m * 0.9;
    const bottom = (logo.nodes.length ? logo.outer.y : H - safeBottom) - S * 0.02;
    nodes.push(...copyStack(ctx, copy(content, S, shape === "tall" ? 1.3 : 1.08), { x: m, y: top, w: W - 2 * m, h: bottom - top }, { on: ctx.colour("background"), valign: "top" }).nodes);
    return page(ctx, "background", nodes);
  }

  // No photo: a typographic post on the primary colour with rings of the secondary and accent.
  const ground = ctx.colour("primary");
  const ringR = S * (shape === "tall" ? 0.34 : 0.27);
  const ringX = W - S * 0.06;
  const ringY = shape === "tall" ? H * 0.17 : S * 0.06;
  nodes.push({ type: "ellipse", cx: ringX, cy: ringY, rx: ringR, ry: ringR, stroke: ctx.colour("secondary"), strokeWidth: S * 0.012 });
  nodes.push({ type: "ellipse", cx: ringX, cy: ringY, rx: ringR * 0.62, ry: ringR * 0.62, fill: ctx.colour("accent") });
  const safeTop = shape === "tall" ? H * 0.12 : m;
  const safeBottom = shape === "tall" ? H * 0.13 : m;
  const logo = placeLogo(ctx, { variant: "reverse", x: m, y: safeTop, maxW: W * 0.42, maxH: S * 0.075 });
  nodes.push(...logo.nodes);
  const top = Math.max(ringY + ringR + S * 0.04, logo.outer.y + logo.outer.h + S * 0.04);
  const scale = shape === "tall" ? 1.35 : shape === "portrait" ? 1.08 : 1;
  const parts = copy(content, S, scale);
  if (shape === "tall") {
    // Story: the call to action anchors the foot (above the reply bar); the message is centred above it.
    const [cta, ...rest] = [parts[3], ...parts.slice(0, 3)];
    const foot = cta ? copyStack(ctx, [{ ...cta, gap: 0 }], { x: m, y: H - safeBottom - S * 0.2, w: W - 2 * m, h: S * 0.2 }, { on: ground, valign: "bottom" }) : null;
    if (foot) nodes.push(...foot.nodes);
    const bottom = (foot?.nodes.length ? foot.top : H - safeBottom) - S * 0.06;
    nodes.push(...copyStack(ctx, rest.filter((p): p is CopyPart => p !== undefined), { x: m, y: top, w: W - 2 * m, h: bottom - top }, { on: ground, valign: "middle" }).nodes);
    return page(ctx, "primary", nodes);
  }
  nodes.push(...copyStack(ctx, parts, { x: m, y: top, w: W - 2 * m, h: H - safeBottom - top }, { on: ground, valign: "bottom" }).nodes);
  return page(ctx, "primary", nodes);
}

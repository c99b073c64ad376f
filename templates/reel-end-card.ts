// Reel end card (1080×1920 and 1920×1080): the last frames of a video — logo, tagline, a call to
// action and where to find you. The video module draws it at the video's size.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { page, pageShape, placeLogo, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  /** Empty: the kit's tagline. */
  tagline: z.string().trim().max(100).default(""),
  cta: z.string().trim().max(50).default(""),
  handle: z.string().trim().max(80).default(""),
});

type Content = z.output<typeof schema>;

export const reelEndCard = defineTemplate({
  id: "reel-end-card",
  name: "Reel end card",
  category: "video",
  description: "The closing card of a reel or video: logo, tagline, call to action and your handle.",
  formats: ["reel-vertical", "reel-horizontal"],
  schema,
  sample: {
    tagline: "",
    cta: "Book your visit",
    handle: "@yourbusiness · yourbusiness.com",
  },
  layout: (content, ctx) => [layoutEndCard(content, ctx)],
});

function layoutEndCard(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const vertical = pageShape(ctx) === "tall" || pageShape(ctx) === "portrait";
  const nodes: SceneNodeInput[] = [];
  const primary = ctx.colour("primary");
  const tagline = content.tagline || ctx.kit.voice.tagline;

  // Two soft rings behind the logo tie the card to the kit's secondary and accent colours.
  const logoCx = vertical ? W / 2 : W * 0.3;
  const logoCy = vertical ? H * 0.38 : H / 2;
  const ringR = S * (vertical ? 0.36 : 0.34);
  nodes.push({ type: "ellipse", cx: logoCx, cy: logoCy, rx: ringR, ry: ringR, stroke: ctx.colour("secondary"), strokeWidth: S * 0.006 });
  nodes.push({ type: "ellipse", cx: logoCx, cy: logoCy, rx: ringR * 1.14, ry: ringR * 1.14, stroke: ctx.colour("accent"), strokeWidth: S * 0.003 });
  const logo = placeLogo(ctx, { variant: "reverse", x: logoCx, y: logoCy, maxW: ringR * 1.6, maxH: ringR * 0.75, align: "center", valign: "middle" });
  nodes.push(...logo.nodes);

  const parts = [
    { field: "tagline", text: tagline, spec: { role: "accent" as const, italic: true, maxSize: S * 0.065, minSize: S * 0.04, maxLines: 3, lineHeight: 1.2 } },
    { field: "cta", text: content.cta, gap: S * 0.06, pill: "accent", spec: { role: "body" as const, weight: 700, maxSize: S * 0.045, minSize: S * 0.032, maxLines: 1, letterSpacing: 0.03 } },
    { field: "handle", text: content.handle, gap: S * 0.045, prefer: ["secondary", "accent"], spec: { role: "body" as const, weight: 700, maxSize: S * 0.034, minSize: S * 0.026, maxLines: 2, lineHeight: 1.3, letterSpacing: 0.02 } },
  ];
  if (vertical) {
    const top = logoCy + ringR * 1.14 + S * 0.08;
    nodes.push(...copyStack(ctx, parts, { x: W * 0.1, y: top, w: W * 0.8, h: H * 0.88 - top }, { on: primary, align: "center", valign: "top" }).nodes);
  } else {
    const x = W * 0.56;
    nodes.push({ type: "rect", x: x - S * 0.06, y: H * 0.25, w: S * 0.006, h: H * 0.5, fill: ctx.colour("accent") });
    nodes.push(...copyStack(ctx, parts, { x, y: H * 0.12, w: W * 0.36, h: H * 0.76 }, { on: primary, align: "left", valign: "middle" }).nodes);
  }
  return page(ctx, "primary", nodes);
}

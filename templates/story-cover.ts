// Story / reel cover (1080×1920): a series label, a big title and the logo, composed inside the
// centre 3:4 area the profile grid shows, and clear of the app's bars at the top and bottom.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { PHOTO_REF, page, placeLogo, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  series: z.string().trim().max(40).default(""),
  title: z.string().trim().min(1, "give the cover a title").max(70),
  subtitle: z.string().trim().max(100).default(""),
  photo: z.string().regex(PHOTO_REF, "must be an uploaded photo (sha256: reference)").optional(),
});

type Content = z.output<typeof schema>;

export const storyCover = defineTemplate({
  id: "story-cover",
  name: "Story / reel cover",
  category: "social",
  description: "A cover for stories, highlights and reels that still reads when the grid crops it.",
  formats: ["story", "reel-vertical"],
  schema,
  sample: {
    series: "Behind the counter · 03",
    title: "How we build a seasonal bunch",
    subtitle: "Three minutes, five stems, one happy kitchen table",
  },
  layout: (content, ctx) => [layoutCover(content, ctx)],
});

function layoutCover(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  // The grid shows the centre 3:4 (1080×1440); the story UI covers ~12% at the top and bottom.
  const gridTop = (H - (W * 4) / 3) / 2;
  const gridBottom = H - gridTop;
  const m = W * 0.09;
  const nodes: SceneNodeInput[] = [];
  const photo = ctx.image(content.photo);
  const primary = ctx.colour("primary");

  // A photo fills the upper part; without one, a large accent half-disc rises from the bottom.
  let copyTop = gridTop + W * 0.3;
  const on = primary;
  if (photo) {
    const photoH = H * 0.52;
    nodes.push({ type: "image", x: 0, y: 0, w: W, h: photoH, bytes: photo, fit: "cover" });
    nodes.push({ type: "rect", x: 0, y: photoH, w: W, h: W * 0.012, fill: ctx.colour("accent") });
    copyTop = photoH + W * 0.08;
  } else {
    const r = W * 0.62;
    nodes.push({ type: "ellipse", cx: W / 2, cy: H + r * 0.25, rx: r, ry: r, fill: ctx.colour("accent") });
    nodes.push({ type: "ellipse", cx: W / 2, cy: H + r * 0.25, rx: r * 1.12, ry: r * 1.12, stroke: ctx.colour("secondary"), strokeWidth: W * 0.008 });
    const logo = placeLogo(ctx, { variant: "reverse", x: W / 2, y: gridTop + W * 0.06, maxW: W * 0.5, maxH: W * 0.11, align: "center" });
    nodes.push(...logo.nodes);
    copyTop = logo.nodes.length ? logo.outer.y + logo.outer.h + W * 0.08 : gridTop + W * 0.1;
  }
  const copyBottom = photo ? gridBottom - W * 0.13 : H - W * 0.62 * 0.75 - W * 0.12;
  nodes.push(
    ...copyStack(
      ctx,
      [
        { field: "series", text: content.series, prefer: ["accent", "secondary"], spec: { role: "body", weight: 700, maxSize: W * 0.034, minSize: W * 0.026, maxLines: 1, letterSpacing: 0.16, uppercase: true } },
        { field: "title", text: content.title, gap: W * 0.03, spec: { role: "heading", weight: 700, maxSize: W * 0.13, minSize: W * 0.07, maxLines: 4, lineHeight: 1.02 } },
        { field: "subtitle", text: content.subtitle, gap: W * 0.04, spec: { role: "accent", italic: true, maxSize: W * 0.048, minSize: W * 0.034, maxLines: 3, lineHeight: 1.25 } },
      ],
      { x: m, y: copyTop, w: W - 2 * m, h: copyBottom - copyTop },
      { on: photo ? ctx.colour("background") : on, align: "center", valign: photo ? "top" : "middle" },
    ).nodes,
  );
  if (photo) {
    nodes.push(...placeLogo(ctx, { variant: "primary", x: W / 2, y: gridBottom, maxW: W * 0.4, maxH: W * 0.08, align: "center", valign: "bottom" }).nodes);
    return page(ctx, "background", nodes);
  }
  return page(ctx, "primary", nodes);
}

// Event flyer: a hero (photo, or the primary colour with the logo), a date badge, the title, a short
// description, when/where/tickets rows and a call to action. Print pages (A5, Half Letter, A4, Letter)
// and the social family; square posts put the hero beside the copy, tall ones above it.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { PHOTO_REF, isPrintFormat, margin, page, pageShape, placeLogo, rule, text, type Box, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack, fitText, fittedText } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  kicker: z.string().trim().max(40).default(""),
  title: z.string().trim().min(1, "name the event").max(90),
  date: z.string().trim().min(1, "say when it is").max(40),
  time: z.string().trim().max(40).default(""),
  description: z.string().trim().max(320).default(""),
  venue: z.string().trim().max(90).default(""),
  tickets: z.string().trim().max(90).default(""),
  cta: z.string().trim().max(60).default(""),
  photo: z.string().regex(PHOTO_REF, "must be an uploaded photo (sha256: reference)").optional(),
});

type Content = z.output<typeof schema>;

export const eventFlyer = defineTemplate({
  id: "event-flyer",
  name: "Event flyer",
  category: "flyer",
  description: "Supper clubs, tastings, workshops and launches: date badge, title, details and how to book.",
  formats: ["a5", "half-letter", "a4", "letter", "ig-square", "ig-portrait", "story"],
  schema,
  sample: {
    kicker: "Supper club",
    title: "Oysters & orange wine by the water",
    date: "Fri 14 June",
    time: "7pm till late",
    description: "Five small courses from the day's catch, each poured with a skin-contact wine from a grower we love. Long tables, candles and the tide coming in.",
    venue: "3 Quay Street, on the harbour wall",
    tickets: "£45 a head, wine included",
    cta: "Book at the bar or online",
  },
  layout: (content, ctx) => [layoutFlyer(content, ctx)],
});

function layoutFlyer(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const shape = pageShape(ctx);
  const m = margin(ctx, 0.08, 10);
  const nodes: SceneNodeInput[] = [];
  const photo = ctx.image(content.photo);
  const ground = ctx.colour("background");
  const primary = ctx.colour("primary");
  const tall = shape === "tall";
  // Story: keep copy out of the app's top and bottom bars.
  const safeTop = tall && !isPrintFormat(ctx) ? H * 0.1 : 0;
  const safeBottom = tall && !isPrintFormat(ctx) ? H * 0.12 : m;

  const side = shape === "square" || shape === "landscape";
  const hero: Box = side ? { x: 0, y: 0, w: W * 0.42, h: H } : { x: 0, y: 0, w: W, h: H * (tall ? 0.42 : 0.44) };
  if (photo) nodes.push({ type: "image", ...hero, bytes: photo, fit: "cover" });
  else {
    nodes.push({ type: "rect", ...hero, fill: primary });
    // Concentric rings bleeding off the hero's far corner, clipped to the hero: quiet, never behind copy.
    const cx = hero.x + hero.w;
    const cy = hero.y + (side ? hero.h : 0);
    const rings: SceneNodeInput[] = [0.75, 0.55, 0.35].map((f, i) => ({
      type: "ellipse" as const,
      cx,
      cy,
      rx: S * f,
      ry: S * f,
      stroke: ctx.colour(i === 1 ? "accent" : "secondary"),
      strokeWidth: S * 0.006,
    }));
    nodes.push({ type: "group", clip: hero, children: rings as Extract<SceneNodeInput, { type: "ellipse" }>[] });
  }

  // The logo: reversed on the primary hero, or in the footer beside a photo.
  const logoH = S * 0.075;
  if (!photo) nodes.push(...placeLogo(ctx, { variant: "reverse", x: m, y: m + safeTop, maxW: hero.w * 0.62, maxH: S * 0.1 }).nodes);

  // Date badge in the accent colour: overlapping the hero's lower edge (tall), or inside it (square).
  const badgeSpec = { role: "heading" as const, weight: 700, maxSize: S * 0.065, minSize: S * 0.035, maxLines: 2, lineHeight: 1.05, width: S * 0.34 };
  const dateFit = fitText(ctx, content.date, badgeSpec);
  const timeSpec = { role: "body" as const, weight: 700, maxSize: S * 0.028, minSize: S * 0.02, maxLines: 1, width: S * 0.34, letterSpacing: 0.04 };
  const timeFit = fitText(ctx, content.time, timeSpec);
  const pad = S * 0.03;
  const dateW = ctx.measure(content.date, { font: ctx.font("heading", 700), size: dateFit.size, width: badgeSpec.width, lineHeight: 1.05 }).width;
  const timeW = content.time ? ctx.measure(content.time, { font: ctx.font("body", 700), size: timeFit.size, letterSpacing: 0.04 }).width : 0;
  const badgeW = Math.max(dateW, timeW) + 2 * pad;
  const badgeH = dateFit.height + (content.time ? timeFit.height + S * 0.008 : 0) + 2 * pad;
  const accent = ctx.colour("accent");
  const badge: Box = side ? { x: m, y: H - m - badgeH, w: badgeW, h: badgeH } : { x: m, y: hero.h - badgeH * 0.55, w: badgeW, h: badgeH };
  nodes.push({ type: "rect", ...badge, fill: accent, radius: S * 0.012 });
  nodes.push(fittedText(ctx, dateFit, { text: content.date, field: "date", x: badge.x + pad, y: badge.y + pad, w: badgeW - 2 * pad + 1, on: accent, spec: { ...badgeSpec, width: badgeW - 2 * pad } }));
  if (content.time) {
    nodes.push(fittedText(ctx, timeFit, { text: content.time, field: "time", x: badge.x + pad, y: badge.y + pad + dateFit.height + S * 0.008, w: badgeW - 2 * pad + 1, on: accent, spec: timeSpec }));
  }

  // Copy column beside the hero (square) or below the badge; the details and call to action sit at its foot.
  const colX = side ? hero.w + m : m;
  const colW = W - colX - m;
  const info = infoBlock(ctx, [
    { label: "Where", value: content.venue, field: "venue" },
    { label: "Tickets", value: content.tickets, field: "tickets" },
  ].filter((r) => r.value), { x: colX, w: colW }, S);
  const ctaSize = S * 0.03;
  const footH = info.height + (content.cta ? S * 0.05 + ctaSize * 1.3 : 0) + (photo ? logoH + S * 0.04 : 0);
  const footTop = H - safeBottom - footH;
  const colTop = side ? m + safeTop : badge.y + badge.h + S * 0.05;
  const copy = copyStack(
    ctx,
    [
      { field: "kicker", text: content.kicker, prefer: ["primary", "accent"], spec: { role: "body", weight: 700, maxSize: S * 0.026, minSize: S * 0.02, maxLines: 1, letterSpacing: 0.16, uppercase: true } },
      { field: "title", text: content.title, gap: S * 0.015, prefer: ["primary"], spec: { role: "heading", weight: 700, maxSize: S * (side ? 0.085 : 0.105), minSize: S * 0.045, maxLines: 4, lineHeight: 1.04 } },
      { field: "description", text: content.description, gap: S * 0.035, spec: { role: "body", maxSize: S * 0.032, minSize: S * 0.022, maxLines: 8, lineHeight: 1.4 } },
    ],
    { x: colX, y: colTop, w: colW, h: footTop - S * 0.04 - colTop },
    { on: ground, valign: "top" },
  );
  nodes.push(...copy.nodes);
  nodes.push(rule(ctx, "secondary", colX, footTop - S * 0.02, colX + colW, footTop - S * 0.02, Math.max(1, S * 0.0015)));
  nodes.push(...info.draw(footTop + S * 0.01));
  if (content.cta) {
    const ctaY = footTop + info.height + S * 0.04;
    nodes.push(text(ctx, { field: "cta", text: content.cta, x: colX, y: ctaY, w: colW, h: ctaSize * 1.3 + 1, on: ground, role: "body", weight: 700, size: ctaSize, minSize: S * 0.02, maxLines: 1, prefer: ["primary"] }));
  }
  if (photo) nodes.push(...placeLogo(ctx, { variant: "primary", x: colX, y: H - safeBottom, maxW: colW * 0.5, maxH: logoH, valign: "bottom" }).nodes);
  return page(ctx, "background", nodes);
}

/** Label/value rows (Where, Tickets): small caps labels in a column, values beside them. */
function infoBlock(ctx: TemplateContext, rows: { label: string; value: string; field: string }[], at: { x: number; w: number }, S: number) {
  const ground = ctx.colour("background");
  const labelW = S * 0.16;
  const size = S * 0.025;
  const spec = { role: "body" as const, weight: 400, width: at.w - labelW, maxSize: size, minSize: S * 0.02, maxLines: 2, lineHeight: 1.3 };
  const fits = rows.map((r) => fitText(ctx, r.value, spec));
  const gap = S * 0.018;
  const height = fits.reduce((sum, f, i) => sum + f.height + (i ? gap : 0), 0);
  return {
    height,
    draw(y0: number): SceneNodeInput[] {
      const out: SceneNodeInput[] = [];
      let y = y0;
      rows.forEach((r, i) => {
        const fit = fits[i];
        if (!fit) return;
        out.push(text(ctx, { text: r.label, x: at.x, y, w: labelW, h: size * 1.3 + 1, on: ground, role: "body", weight: 700, size: S * 0.02, lineHeight: 1.3 * (size / (S * 0.02)), letterSpacing: 0.14, uppercase: true, prefer: ["muted"] }));
        out.push(fittedText(ctx, fit, { text: r.value, field: r.field, x: at.x + labelW, y, w: at.w - labelW, on: ground, spec }));
        y += fit.height + gap;
      });
      return out;
    },
  };
}

// Gift voucher: the value large on the primary colour, a personal line, To/From lines to write on,
// and a dashed stub with the voucher code and expiry. DL and A6 for print, square to send by message.
import { z } from "zod";
import { defineTemplate, type TemplateContext } from "../app/lib/templates/types.ts";
import { isPrintFormat, margin, page, pageShape, placeLogo, rule, text, type Box, type SceneNodeInput } from "../app/lib/templates/layout-helpers.ts";
import { copyStack } from "../app/lib/templates/layout-copy.ts";
import type { SceneInput } from "../app/lib/render/scene.ts";

const schema = z.object({
  title: z.string().trim().max(40).default("Gift voucher"),
  value: z.string().trim().min(1, "what is the voucher worth? e.g. £50").max(30),
  message: z.string().trim().max(140).default(""),
  to: z.string().trim().max(50).default(""),
  from: z.string().trim().max(50).default(""),
  code: z.string().trim().max(30).default(""),
  expires: z.string().trim().max(60).default(""),
  terms: z.string().trim().max(220).default(""),
});

type Content = z.output<typeof schema>;

export const giftVoucher = defineTemplate({
  id: "gift-voucher",
  name: "Gift voucher",
  category: "voucher",
  description: "A voucher to print and hand over, or to send as an image: value, message, code and expiry.",
  formats: ["dl", "a6", "ig-square"],
  schema,
  sample: {
    title: "Gift voucher",
    value: "£50",
    message: "For something lovely, chosen by you",
    to: "",
    from: "",
    code: "GV-2025-0193",
    expires: "Valid for 12 months from issue",
    terms: "Redeemable in store against any purchase. No cash alternative. Please bring this voucher with you.",
  },
  layout: (content, ctx) => [layoutVoucher(content, ctx)],
});

function layoutVoucher(content: Content, ctx: TemplateContext): SceneInput {
  const { width: W, height: H } = ctx.format;
  const S = Math.min(W, H);
  const square = pageShape(ctx) === "square";
  const m = margin(ctx, 0.09, 7);
  const nodes: SceneNodeInput[] = [];
  const primary = ctx.colour("primary");
  const ground = ctx.colour("background");

  // Value panel: the top of a portrait voucher, the left of a square one.
  const panel: Box = square ? { x: 0, y: 0, w: W * 0.46, h: H } : { x: 0, y: 0, w: W, h: H * (pageShape(ctx) === "tall" ? 0.44 : 0.42) };
  nodes.push({ type: "rect", ...panel, fill: primary });
  const logo = placeLogo(ctx, { variant: "reverse", x: panel.x + panel.w / 2, y: m, maxW: panel.w - 2 * m, maxH: S * 0.1, align: "center" });
  nodes.push(...logo.nodes);
  const top = logo.nodes.length ? logo.outer.y + logo.outer.h + S * 0.02 : m;
  nodes.push(
    ...copyStack(
      ctx,
      [
        { field: "title", text: content.title, prefer: ["secondary", "accent"], spec: { role: "accent", italic: true, maxSize: S * 0.075, minSize: S * 0.045, maxLines: 2, lineHeight: 1.1 } },
        { field: "value", text: content.value, gap: S * 0.01, spec: { role: "heading", weight: 700, maxSize: S * 0.3, minSize: S * 0.12, maxLines: 1, lineHeight: 1 } },
      ],
      { x: panel.x + m, y: top, w: panel.w - 2 * m, h: panel.y + panel.h - m - top },
      { on: primary, align: "center", valign: "middle" },
    ).nodes,
  );
  // A wave of accent along the panel's edge.
  if (square) nodes.push({ type: "rect", x: panel.w, y: 0, w: S * 0.012, h: H, fill: ctx.colour("accent") });
  else nodes.push({ type: "rect", x: 0, y: panel.h, w: W, h: S * 0.012, fill: ctx.colour("accent") });

  // On the ground, bottom up: the stub (code, expiry, terms) under a dashed tear line, the To/From
  // lines above it, and the message in the room that is left — so the three never collide.
  const col: Box = square ? { x: panel.w + m, y: m, w: W - panel.w - 2 * m, h: H - 2 * m } : { x: m, y: panel.h + m * 0.8, w: W - 2 * m, h: H - panel.h - 1.8 * m };
  const align = square ? "left" : "center";
  const stub = copyStack(
    ctx,
    [
      { field: "code", text: content.code ? `No. ${content.code}` : "", prefer: ["primary"], spec: { role: "body", weight: 700, maxSize: S * 0.034, minSize: S * 0.026, maxLines: 1, letterSpacing: 0.06 } },
      { field: "expires", text: content.expires, gap: S * 0.008, spec: { role: "body", maxSize: S * 0.028, minSize: S * 0.022, maxLines: 2, lineHeight: 1.3 } },
      { field: "terms", text: content.terms, gap: S * 0.018, prefer: ["muted"], spec: { role: "body", maxSize: S * (isPrintFormat(ctx) ? 0.024 : 0.022), minSize: S * 0.019, maxLines: 4, lineHeight: 1.35 } },
    ],
    { x: col.x, y: col.y + col.h * 0.55, w: col.w, h: col.h * 0.45 },
    { on: ground, align, valign: "bottom" },
  );
  nodes.push(...stub.nodes);
  const tear = stub.top - S * 0.035;
  nodes.push({ type: "line", x1: col.x, y1: tear, x2: col.x + col.w, y2: tear, colour: ctx.colour("muted"), width: Math.max(0.75, S * 0.0018), dash: [S * 0.012, S * 0.01] });

  const lineSize = S * 0.032;
  const lineGap = S * 0.055;
  const pairH = 2 * lineSize * 1.3 + lineGap;
  const room = tear - col.y;
  // The lines sit a little below the middle of the room; the message is centred above them.
  let y = col.y + Math.max(room * 0.42, Math.min(room - pairH - S * 0.05, room * 0.6));
  const msgBottom = y - S * 0.05;
  nodes.push(
    ...copyStack(
      ctx,
      [{ field: "message", text: content.message, prefer: ["primary"], spec: { role: "accent", italic: true, maxSize: S * 0.058, minSize: S * 0.036, maxLines: 3, lineHeight: 1.2 } }],
      { x: col.x, y: col.y, w: col.w, h: Math.max(1, msgBottom - col.y) },
      { on: ground, align, valign: "middle" },
    ).nodes,
  );
  for (const [field, label] of [["to", "To"], ["from", "From"]] as const) {
    nodes.push(text(ctx, { text: label, x: col.x, y, w: S * 0.14, h: lineSize * 1.3 + 1, on: ground, role: "body", weight: 700, size: lineSize * 0.8, lineHeight: 1.3 * 1.25, letterSpacing: 0.12, uppercase: true, prefer: ["muted"] }));
    if (content[field]) {
      nodes.push(text(ctx, { field, text: content[field], x: col.x + S * 0.15, y: y - lineSize * 0.2, w: col.w - S * 0.15, h: lineSize * 1.3 + 1, on: ground, role: "accent", italic: true, size: lineSize * 1.1, minSize: lineSize * 0.8, maxLines: 1, lineHeight: 1.2, prefer: ["text"] }));
    }
    const base = y + lineSize * 1.3;
    nodes.push(rule(ctx, "muted", col.x + S * 0.15, base, col.x + col.w, base, Math.max(0.75, S * 0.0016)));
    y = base + lineGap;
  }
  return page(ctx, "background", nodes);
}

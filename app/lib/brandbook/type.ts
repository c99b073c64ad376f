// Brand book typography: a specimen of each type role in the kit's own font files (the PDF embeds
// them) and the type scale from the kit's base size and ratio.
import { TYPE_ROLES, type TypeRole } from "../kit/schema.ts";
import { rule } from "../templates/layout-helpers.ts";
import type { TemplateContext } from "../templates/types.ts";
import { MARGIN, copy, label, measure, pageSize, pageTitle, type BookPage, type SceneNodeInput } from "./frame.ts";

const WEIGHT_NAMES: Record<number, string> = { 100: "Thin", 200: "ExtraLight", 300: "Light", 400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold", 800: "ExtraBold", 900: "Black" };
const ROLE_USE: Record<TypeRole, string> = { heading: "Headlines and titles", body: "Running text, prices, details", accent: "Taglines, notes and flourishes" };

/** The weight and style a role is best shown in: its boldest upright file for headings, regular for body. */
function showcase(ctx: TemplateContext, role: TypeRole): { weight: number; italic: boolean } {
  const files = ctx.kit.typography[role].files;
  if (!files.length) return { weight: role === "heading" ? 700 : 400, italic: false };
  const upright = files.filter((f) => f.style === "normal");
  const pool = upright.length ? upright : files;
  const pick = role === "heading" ? pool.reduce((a, b) => (b.weight > a.weight ? b : a)) : pool.reduce((a, b) => (Math.abs(b.weight - 400) < Math.abs(a.weight - 400) ? b : a));
  return { weight: pick.weight, italic: pick.style === "italic" };
}

function styles(ctx: TemplateContext, role: TypeRole): string {
  const files = ctx.kit.typography[role].files;
  if (!files.length) return "No font files in the kit: set in Inter";
  return [...files]
    .sort((a, b) => a.weight - b.weight || a.style.localeCompare(b.style))
    .map((f) => `${f.weight} ${WEIGHT_NAMES[f.weight] ?? ""}${f.style === "italic" ? " Italic" : ""}`.replace(/\s+/g, " "))
    .join("  ·  ");
}

export function specimenPage(ctx: TemplateContext): BookPage {
  const { inner, bottom: pageBottom } = pageSize(ctx);
  const on = ctx.colour("background");
  const { nodes, bottom } = pageTitle(ctx, "Typography", "Three roles, each with its own font files. Templates only ever ask for a role, so changing a font here changes every design.");
  const blockH = (pageBottom - bottom) / TYPE_ROLES.length;
  TYPE_ROLES.forEach((role, i) => {
    const y = bottom + i * blockH;
    const { family } = ctx.kit.typography[role];
    const look = showcase(ctx, role);
    const font = { role, weight: look.weight, italic: look.italic };
    if (i) nodes.push(rule(ctx, "muted", MARGIN, y - 12, MARGIN + inner, y - 12, 0.5));
    nodes.push(label(ctx, `${role} · ${ROLE_USE[role]}`, { x: MARGIN, y, w: inner, on }));
    nodes.push(copy(ctx, { text: family, x: MARGIN, y: y + 20, w: inner, on, ...font, size: 28, maxLines: 1, minSize: 16, prefer: ["primary"] }));
    nodes.push(copy(ctx, { text: styles(ctx, role), x: MARGIN, y: y + 58, w: inner, on, role: "body", size: 10, maxLines: 2, prefer: ["muted"] }));
    nodes.push(copy(ctx, { text: "Aa", x: MARGIN, y: y + 70, w: 180, on, ...font, size: 104, lineHeight: 1.1, maxLines: 1, minSize: 60, prefer: ["primary"] }));
    const glyphs = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\nabcdefghijklmnopqrstuvwxyz\n0123456789 & ! ? € £ %";
    nodes.push(copy(ctx, { text: glyphs, x: MARGIN + 200, y: y + 86, w: inner - 200, on, ...font, size: 17, lineHeight: 1.4, maxLines: 3, minSize: 11 }));
    const sample = ctx.kit.voice.tagline || "The quick brown fox jumps over the lazy dog.";
    nodes.push(copy(ctx, { text: sample, x: MARGIN + 200, y: y + 166, w: inner - 200, on, ...font, size: 15, lineHeight: 1.3, maxLines: 2, minSize: 10, prefer: ["muted", "text"] }));
  });
  return { background: "background", nodes };
}

const STEPS: [step: number, name: string][] = [
  [5, "Display"],
  [4, "Heading 1"],
  [3, "Heading 2"],
  [2, "Heading 3"],
  [1, "Heading 4"],
  [0, "Body"],
  [-1, "Small print"],
];

export function scalePage(ctx: TemplateContext): BookPage {
  const { inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const { base, ratio } = ctx.kit.typography.scale;
  const { nodes, bottom } = pageTitle(ctx, "Type scale", `Every size is the base of ${base} px multiplied by ${ratio} per step. Templates scale the whole ladder to their page, so proportions hold from a business card to a poster.`);
  // Short enough to stay on one line at display sizes, so each row shows its true size.
  const headingSample = shortSample(ctx.kit.name, 22);
  const bodySample = ctx.kit.voice.tagline || ctx.kit.name;
  const left = 150;
  let y = bottom;
  for (const [step, name] of STEPS) {
    const size = base * ratio ** step;
    const role: TypeRole = step >= 1 ? "heading" : "body";
    const look = role === "heading" ? showcase(ctx, "heading") : { weight: 400, italic: false };
    const shown = Math.min(size, 72);
    const rowH = Math.max(shown * 1.25, 30);
    nodes.push(label(ctx, name, { x: MARGIN, y: y + rowH / 2 - 14, w: left - 12, on }));
    nodes.push(copy(ctx, { text: `${+size.toFixed(1)} px · step ${step}`, x: MARGIN, y: y + rowH / 2 + 2, w: left - 12, on, role: "body", size: 10, maxLines: 1, prefer: ["muted"] }));
    const sample = role === "heading" ? headingSample : bodySample;
    nodes.push(copy(ctx, { text: sample, x: MARGIN + left, y, w: inner - left, h: rowH, on, role, weight: look.weight, italic: look.italic, size: shown, minSize: Math.min(shown, 12), maxLines: 1, valign: "middle", lineHeight: 1.2, prefer: ["primary", "text"] }));
    y += rowH + 14;
    nodes.push(rule(ctx, "muted", MARGIN, y - 7, MARGIN + inner, y - 7, 0.4));
  }
  nodes.push(...inUse(ctx, y + 22, pageSize(ctx).bottom - 10));
  return { background: "background", nodes };
}

function shortSample(name: string, max: number): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), 8)).trim();
}

/** The scale in use: eyebrow, heading, tagline and body copy on a card, as a template would set them. */
function inUse(ctx: TemplateContext, top: number, bottom: number): SceneNodeInput[] {
  const { inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const card = ctx.colour("surface");
  const { base, ratio } = ctx.kit.typography.scale;
  const size = (step: number) => base * ratio ** step;
  const pad = 32;
  const w = inner - 2 * pad;
  const heading = showcase(ctx, "heading");
  const parts = [
    { text: "Set in the kit's scale", role: "body" as const, weight: 700, size: size(-1), uppercase: true, letterSpacing: 0.14, prefer: ["muted"] },
    { text: ctx.kit.name, role: "heading" as const, weight: heading.weight, italic: heading.italic, size: Math.min(size(3), 56), prefer: ["primary"] },
    { text: ctx.kit.voice.tagline, role: "accent" as const, weight: 400, italic: true, size: Math.min(size(1), 40), prefer: ["accent", "primary"] },
    { text: ctx.kit.description, role: "body" as const, weight: 400, size: size(0), lineHeight: 1.55, prefer: ["text"] },
  ].filter((p) => p.text);
  const nodes: SceneNodeInput[] = [label(ctx, "In use", { x: MARGIN, y: top, w: inner, on })];
  const cardTop = top + 24;
  let y = cardTop + pad;
  const body: SceneNodeInput[] = [];
  for (const p of parts) {
    if (y > bottom - pad - p.size) break;
    const h = Math.min(measure(ctx, p.text, { ...p, w }), bottom - pad - y);
    body.push(copy(ctx, { ...p, x: MARGIN + pad, y, w, h: h + 2, on: card, maxLines: Math.max(1, Math.floor(h / (p.size * (p.lineHeight ?? 1.2)))) }));
    y += h + 12;
  }
  nodes.push({ type: "rect", x: MARGIN, y: cardTop, w: inner, h: y - cardTop + pad - 12, fill: card, radius: 12 }, ...body);
  return nodes;
}

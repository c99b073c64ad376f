// Brand book cover (logo, name, tagline on the primary colour over a band of the whole palette) and
// the contents page with dot leaders to each section's page.
import { roleColours } from "../kit/palette.ts";
import { block, placeLogo, rule } from "../templates/layout-helpers.ts";
import type { TemplateContext } from "../templates/types.ts";
import { MARGIN, copy, label, measure, pageSize, pageTitle, type BookPage, type SceneNodeInput } from "./frame.ts";

export function coverPage(ctx: TemplateContext, opts: { version?: number; date: string }): BookPage {
  const { width, height, inner } = pageSize(ctx);
  const on = ctx.colour("primary");
  const nodes: SceneNodeInput[] = [label(ctx, "Brand guidelines", { x: MARGIN, y: 64, w: inner, on, size: 11 })];

  // The reverse logo is drawn for the primary colour; without one the lockup sits on a panel of the page colour.
  const logoBox = { x: width / 2, y: 330, maxW: inner * 0.62, maxH: 190 };
  if (ctx.kit.logos.reverse) {
    nodes.push(...placeLogo(ctx, { variant: "reverse", ...logoBox, align: "center", valign: "middle" }).nodes);
  } else if (ctx.logo("primary")) {
    const panel = { x: MARGIN, y: 170, w: inner, h: 320 };
    nodes.push(block(ctx, "background", panel, 18), ...placeLogo(ctx, { variant: "primary", ...logoBox, align: "center", valign: "middle" }).nodes);
  }

  let y = 560;
  const name = { role: "heading" as const, weight: 700, size: 64, w: inner, lineHeight: 1.05 };
  nodes.push(copy(ctx, { text: ctx.kit.name, x: MARGIN, y, on, ...name, maxLines: 2, minSize: 40, prefer: ["background", "surface"] }));
  y += Math.min(measure(ctx, ctx.kit.name, name), 2 * 64 * 1.05) + 18;
  nodes.push(rule(ctx, "accent", MARGIN, y, MARGIN + 72, y, 3));
  y += 22;
  const tagline = ctx.kit.voice.tagline;
  if (tagline) {
    const t = { role: "accent" as const, italic: true, size: 24, w: inner * 0.85, lineHeight: 1.3 };
    nodes.push(copy(ctx, { text: tagline, x: MARGIN, y, on, ...t, prefer: ["secondary", "background"] }));
    y += measure(ctx, tagline, t) + 16;
  }
  if (ctx.kit.description) {
    const d = { role: "body" as const, size: 13, w: inner * 0.72, lineHeight: 1.55 };
    nodes.push(copy(ctx, { text: ctx.kit.description, x: MARGIN, y, on, ...d, maxLines: 6, prefer: ["background", "surface"] }));
  }

  // The whole palette as a band, less the cover's own colour (it would read as a gap).
  const band = roleColours(ctx.kit).filter((c) => c.hex !== on);
  const bandTop = height - 96;
  const w = width / band.length;
  band.forEach((c, i) => nodes.push({ type: "rect", x: i * w, y: bandTop, w: w + 0.5, h: height - bandTop, fill: c.hex }));
  const version = opts.version ? `Version ${opts.version} · ${opts.date}` : opts.date;
  nodes.push(label(ctx, version, { x: MARGIN, y: bandTop - 30, w: inner, on, size: 9 }));
  return { background: "primary", nodes };
}

export type ContentsEntry = { number: string; name: string; page: number };

export function contentsPage(ctx: TemplateContext, entries: ContentsEntry[]): BookPage {
  const { inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const { nodes, bottom } = pageTitle(
    ctx,
    "Contents",
    `How ${ctx.kit.name} looks, sounds and moves. Every Marque template draws its colours, type and logo from this kit, so a change to the kit changes every menu, flyer, post and reel made with it.`,
  );
  const rowH = 44;
  const font = (role: "heading" | "body", weight: number, size: number, colourRole: string) => ({
    font: ctx.font(role, weight),
    size,
    colour: ctx.textOn(on, { prefer: [colourRole, "text"] }),
  });
  nodes.push({
    type: "leaders",
    field: "contents",
    x: MARGIN,
    y: bottom + 10,
    w: inner,
    h: entries.length * rowH + 20,
    rows: entries.map((e) => ({ label: `${e.number}   ${e.name}`, price: String(e.page).padStart(2, "0") })),
    label: font("heading", 700, 22, "primary"),
    price: font("body", 400, 16, "muted"),
    leader: { colour: ctx.textOn(on, { minRatio: 3, prefer: ["muted"] }) },
    rowGap: rowH - 26,
  });
  const adjectives = ctx.kit.voice.adjectives;
  if (adjectives.length) {
    const y = bottom + entries.length * rowH + 80;
    nodes.push(rule(ctx, "muted", MARGIN, y, MARGIN + inner, y, 0.75), label(ctx, "In a few words", { x: MARGIN, y: y + 22, w: inner, on }));
    nodes.push(copy(ctx, { text: adjectives.join("  ·  "), x: MARGIN, y: y + 46, w: inner, on, role: "accent", italic: true, size: 26, lineHeight: 1.3, maxLines: 3, prefer: ["primary"] }));
  }
  return { section: { number: "", name: "Contents" }, background: "background", nodes };
}

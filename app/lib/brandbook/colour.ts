// Brand book colour pages: a card per palette colour (swatch, prompt name, HEX, RGB, print notes,
// tints and shades) and the contrast grid of every text colour on every background colour.
import { contrastMatrix, contrastRatio, formatRatio, ramp, readableTextByRole, roleColours, type RoleColour } from "../kit/palette.ts";
import type { TemplateContext } from "../templates/types.ts";
import { MARGIN, copy, label, pageSize, pageTitle, type BookPage, type SceneNodeInput } from "./frame.ts";

const COLUMNS = 3;
const CARD_H = 206;
const GAP = 16;

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255} · ${(n >> 8) & 255} · ${n & 255}`;
}

function card(ctx: TemplateContext, c: RoleColour, x: number, y: number, w: number): SceneNodeInput[] {
  const surface = ctx.colour("surface");
  const entry = ctx.kit.palette[c.role];
  const nodes: SceneNodeInput[] = [{ type: "rect", x, y, w, h: CARD_H, fill: surface, radius: 10 }];
  // A swatch that nearly disappears into its card gets a hairline, so white on white still shows.
  const faint = contrastRatio(c.hex, surface) < 1.25;
  nodes.push({ type: "rect", x, y, w, h: 92, fill: c.hex, radius: 10, ...(faint ? { stroke: ctx.colour("muted"), strokeWidth: 0.75 } : {}) });
  nodes.push(label(ctx, c.role, { x: x + 14, y: y + 14, w: w - 28, on: c.hex, size: 9 }));
  nodes.push(copy(ctx, { text: c.hex.toUpperCase(), x: x + 14, y: y + 56, w: w - 28, on: c.hex, role: "body", weight: 700, size: 18, maxLines: 1 }));
  const name = { role: "heading" as const, weight: 700, size: 16, lineHeight: 1.15 };
  nodes.push(copy(ctx, { text: c.name, x: x + 14, y: y + 102, w: w - 28, on: surface, ...name, maxLines: 1, minSize: 11 }));
  const print = entry?.print;
  const rows = [
    ["RGB", rgb(c.hex)],
    ["CMYK", print?.cmyk ? print.cmyk.join(" · ") : "—"],
    ["Pantone", print?.pantone ?? "—"],
  ];
  rows.forEach(([k, v], i) => {
    const ry = y + 128 + i * 17;
    nodes.push(copy(ctx, { text: k!, x: x + 14, y: ry, w: 56, on: surface, role: "body", weight: 700, size: 10, maxLines: 1, prefer: ["muted"] }));
    nodes.push(copy(ctx, { text: v!, x: x + 70, y: ry, w: w - 84, on: surface, role: "body", size: 10, maxLines: 1, minSize: 8 }));
  });
  const steps = ramp(c.hex);
  const sw = (w - 28) / steps.length;
  steps.forEach((s, i) => nodes.push({ type: "rect", x: x + 14 + i * sw, y: y + CARD_H - 22, w: sw + 0.3, h: 10, fill: s.hex }));
  return nodes;
}

/** Palette cards, nine to a page. */
export function palettePages(ctx: TemplateContext): BookPage[] {
  const { inner } = pageSize(ctx);
  const colours = roleColours(ctx.kit);
  const w = (inner - GAP * (COLUMNS - 1)) / COLUMNS;
  const pages: BookPage[] = [];
  for (let start = 0; start < colours.length; start += 9) {
    const { nodes, bottom } = pageTitle(
      ctx,
      start === 0 ? "Colour palette" : "Colour palette, continued",
      start === 0
        ? "Each colour has a role that templates use, and a name that video and image prompts use. Print values are for the printer; the strip under each card is the tints and shades derived from it."
        : "",
    );
    colours.slice(start, start + 9).forEach((c, i) => {
      nodes.push(...card(ctx, c, MARGIN + (i % COLUMNS) * (w + GAP), bottom + Math.floor(i / COLUMNS) * (CARD_H + GAP), w));
    });
    pages.push({ background: "background", nodes });
  }
  return pages;
}

/** The contrast grid: rows are backgrounds, columns text colours; passing pairs show "Aa" in the pair itself. */
export function contrastPage(ctx: TemplateContext): BookPage {
  const { inner } = pageSize(ctx);
  const matrix = contrastMatrix(ctx.kit);
  const roles = matrix.roles.slice(0, 10);
  const { nodes, bottom } = pageTitle(
    ctx,
    "Colour pairs that read",
    "Text colour (columns) on background colour (rows). AA: 4.5:1 or more, for any text. AA large: 3:1, only for text from 24 px (18.66 px bold) up. Ratios are cut, never rounded up.",
  );
  const page = ctx.colour("background");
  const head = 118;
  const cw = (inner - head) / roles.length;
  const ch = Math.min(64, cw * 0.9);
  roles.forEach((t, j) =>
    nodes.push(copy(ctx, { text: t.role, x: MARGIN + head + j * cw, y: bottom, w: cw, on: page, role: "body", weight: 700, size: 8, minSize: 5.5, letterSpacing: 0.08, uppercase: true, align: "center", maxLines: 1, prefer: ["muted"] })),
  );
  roles.forEach((bg, i) => {
    const y = bottom + 22 + i * ch;
    nodes.push(copy(ctx, { text: bg.role, x: MARGIN, y: y + ch / 2 - 14, w: head - 10, on: page, role: "body", weight: 700, size: 11, maxLines: 1 }));
    nodes.push(copy(ctx, { text: bg.name, x: MARGIN, y: y + ch / 2 + 1, w: head - 10, on: page, role: "body", size: 9, maxLines: 1, minSize: 7, prefer: ["muted"] }));
    roles.forEach((fg, j) => {
      const x = MARGIN + head + j * cw;
      const cell = matrix.cell(fg.role, bg.role);
      if (!cell) return;
      const self = fg.role === bg.role;
      // Failing pairs are left as an empty outline: nothing is drawn in a pair nobody should use.
      if (!cell.passLarge && !self) {
        nodes.push({ type: "rect", x: x + 1.5, y: y + 1.5, w: cw - 3, h: ch - 3, stroke: ctx.colour("muted"), strokeWidth: 0.5, radius: 4 });
        nodes.push(copy(ctx, { text: "—", x, y: y + ch / 2 - 8, w: cw, on: page, role: "body", size: 9, align: "center", maxLines: 1, prefer: ["muted"] }));
        return;
      }
      nodes.push({ type: "rect", x: x + 1, y: y + 1, w: cw - 2, h: ch - 2, fill: bg.hex, radius: 4, ...(contrastRatio(bg.hex, page) < 1.25 ? { stroke: ctx.colour("muted"), strokeWidth: 0.5 } : {}) });
      if (self) return;
      const note = `${formatRatio(cell.ratio).replace(":1", "")} ${cell.passAA ? "AA" : "AA large"}`;
      nodes.push({ type: "text", text: "Aa", x, y: y + 6, w: cw, h: 30, font: ctx.font("heading", 700), size: 24, align: "center", colour: fg.hex });
      // The ratio is small text, so it is set in whichever kit colour reads on the cell, not the pair's.
      nodes.push(copy(ctx, { text: note, x, y: y + ch - 22, w: cw, on: bg.hex, role: "body", size: 8.5, align: "center", maxLines: 1, minSize: 6 }));
    });
  });
  let y = bottom + 40 + roles.length * ch;
  if (matrix.roles.length > roles.length) {
    nodes.push(copy(ctx, { text: `The grid shows the first ${roles.length} of ${matrix.roles.length} colours.`, x: MARGIN, y: y - 12, w: inner, on: page, role: "body", size: 10 }));
    y += 14;
  }
  // The pairing a designer reaches for first: the best kit text colour on each background.
  nodes.push(label(ctx, "Best text colour on each background", { x: MARGIN, y, w: inner, on: page }));
  y += 24;
  const best = Object.values(readableTextByRole(ctx.kit)).slice(0, 12);
  const colW = (inner - 24) / 2;
  const rows = Math.ceil(best.length / 2);
  best.forEach((r, i) => {
    const x = MARGIN + Math.floor(i / rows) * (colW + 24);
    const ry = y + (i % rows) * 30;
    const pick = r.text.passAA ? r.text : { hex: r.plain.hex, name: r.plain.hex === "#ffffff" ? "white" : "black", ratio: r.plain.ratio };
    nodes.push({ type: "rect", x, y: ry, w: 54, h: 24, fill: r.background.hex, radius: 4, stroke: ctx.colour("muted"), strokeWidth: 0.5 });
    nodes.push({ type: "text", text: "Aa", x, y: ry + 2, w: 54, h: 22, font: ctx.font("body", 700), size: 14, align: "center", colour: pick.hex });
    const words = `${pick.name} on ${r.background.name}: ${formatRatio(pick.ratio)}${r.text.passAA ? "" : " (no kit colour passes)"}`;
    nodes.push(copy(ctx, { text: words, x: x + 64, y: ry, w: colW - 64, h: 26, on: page, role: "body", size: 10.5, lineHeight: 1.15, valign: "middle", maxLines: 2, minSize: 8 }));
  });
  return { background: "background", nodes };
}

// Brand book logo pages: clear space drawn around the kit's own logo, the minimum size at true
// scale, the variants on the grounds they are made for, and do/don't examples built from the logo.
import { contrastRatio, roleColours } from "../kit/palette.ts";
import { block, mm, placeLogo, type Role } from "../templates/layout-helpers.ts";
import { LOGO_VARIANTS, type LogoVariant } from "../kit/schema.ts";
import type { TemplateContext } from "../templates/types.ts";
import { MARGIN, copy, label, mark, measure, pageSize, pageTitle, type BookPage, type SceneNodeInput } from "./frame.ts";

const VARIANT_GROUND: Record<LogoVariant, Role> = { primary: "background", mark: "surface", mono: "surface", reverse: "primary" };
const VARIANT_NAME: Record<LogoVariant, string> = { primary: "Primary lockup", mark: "Mark", mono: "One colour", reverse: "Reverse" };

/** The logo's main colour: the hex its SVG names most often (masks aside); undefined for raster logos. */
export function logoInk(ctx: TemplateContext, variant: LogoVariant): string | undefined {
  const svg = ctx.kit.logos[variant] ? ctx.logo(variant)?.svg : undefined;
  if (!svg) return undefined;
  const counts = new Map<string, number>();
  for (const m of svg.replace(/<mask[\s\S]*?<\/mask>/gi, "").matchAll(/#([0-9a-f]{6}|[0-9a-f]{3})\b/gi)) {
    const h = m[1]!.toLowerCase();
    const hex = `#${h.length === 3 ? [...h].map((c) => c + c).join("") : h}`;
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The ground a variant is shown on: its usual one, unless the logo's own colour would vanish there. */
function groundFor(ctx: TemplateContext, variant: LogoVariant): Role {
  const ink = logoInk(ctx, variant);
  const candidates: Role[] = [VARIANT_GROUND[variant], "background", "surface", "text", "primary"];
  if (!ink) return candidates[0]!;
  return candidates.find((r) => contrastRatio(ink, ctx.colour(r)) >= 3) ?? candidates.reduce((a, b) => (contrastRatio(ink, ctx.colour(b)) > contrastRatio(ink, ctx.colour(a)) ? b : a));
}

/** A rounded ground for a logo; one the colour of the page gets a hairline so it still reads as a tile. */
function tile(ctx: TemplateContext, ground: Role, b: { x: number; y: number; w: number; h: number }): SceneNodeInput {
  const fill = ctx.colour(ground);
  const edge = fill === ctx.colour("background") || fill === ctx.colour("surface") ? { stroke: ctx.colour("muted"), strokeWidth: 0.5 } : {};
  return { type: "rect", ...b, fill, radius: 10, ...edge };
}

function dashedBox(x: number, y: number, w: number, h: number, colour: string, width = 1): SceneNodeInput[] {
  const dash: [number, number] = [5, 4];
  const line = (x1: number, y1: number, x2: number, y2: number): SceneNodeInput => ({ type: "line", x1, y1, x2, y2, colour, width, dash });
  return [line(x, y, x + w, y), line(x + w, y, x + w, y + h), line(x + w, y + h, x, y + h), line(x, y + h, x, y)];
}

export function logoPage(ctx: TemplateContext): BookPage {
  const { width, inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const { clearSpace, minWidthMm } = ctx.kit.logos;
  const { nodes, bottom } = pageTitle(
    ctx,
    "Logo",
    "The lockup on the brand's own ground, the reverse on the primary colour, the mark where space is tight. Give it room, and never print it smaller than its minimum size.",
  );
  const panel = { x: MARGIN, y: bottom, w: inner, h: 320 };
  const surface = ctx.colour("surface");
  nodes.push(block(ctx, "surface", panel, 12));
  const placed = placeLogo(ctx, { variant: "primary", x: width / 2, y: panel.y + panel.h / 2, maxW: inner * 0.56, maxH: 140, align: "center", valign: "middle" });
  const guide = ctx.textOn(surface, { minRatio: 3, prefer: ["accent", "muted"] });
  // placeLogo sets the kit's name as a wordmark when there is no logo file; the book says so instead.
  if (ctx.logo("primary")) {
    const { box, outer } = placed;
    nodes.push(...dashedBox(outer.x, outer.y, outer.w, outer.h, guide, 1.2), ...dashedBox(box.x, box.y, box.w, box.h, ctx.textOn(surface, { minRatio: 1.5, prefer: ["muted"] }), 0.5), ...placed.nodes);
    const gap = box.y - outer.y;
    nodes.push({ type: "line", x1: outer.x + outer.w + 14, y1: outer.y, x2: outer.x + outer.w + 14, y2: box.y, colour: guide, width: 1.5 });
    nodes.push(copy(ctx, { text: "x", x: outer.x + outer.w + 20, y: outer.y + gap / 2 - 9, w: 40, on: surface, role: "accent", italic: true, size: 16, maxLines: 1 }));
  } else {
    nodes.push(copy(ctx, { text: "This kit has no logo yet. Upload one in the kit editor.", x: panel.x, y: panel.y + panel.h / 2 - 10, w: panel.w, on: surface, role: "body", size: 14, align: "center" }));
  }

  let y = panel.y + panel.h + 24;
  const col = (inner - 24) / 2;
  const para = { role: "body" as const, size: 12, lineHeight: 1.5, w: col };
  const clearText = `Keep x = ${Math.round(clearSpace * 100)}% of the logo's height free on every side: no text, photo edge or other mark inside the dashed line.`;
  const minText = `At least ${minWidthMm} mm wide in print (${Math.round(mm(minWidthMm))} px on screen at 96 dpi). Below that, use the mark.`;
  nodes.push(label(ctx, "Clear space", { x: MARGIN, y, w: col, on }), label(ctx, "Minimum size", { x: MARGIN + col + 24, y, w: col, on }));
  nodes.push(copy(ctx, { text: clearText, x: MARGIN, y: y + 20, on, ...para }), copy(ctx, { text: minText, x: MARGIN + col + 24, y: y + 20, on, ...para }));
  y += 26 + Math.max(measure(ctx, clearText, para), measure(ctx, minText, para));
  // The logo at its minimum printed width, true to scale, with a dimension line under it.
  const minW = mm(minWidthMm);
  const small = placeLogo(ctx, { variant: "primary", x: MARGIN + col + 24, y: y + 8, maxW: minW, maxH: 60 });
  let dimY = y;
  if (ctx.logo("primary")) {
    nodes.push(...small.nodes);
    dimY = y + 8 + small.box.h + 8;
    nodes.push({ type: "line", x1: small.box.x, y1: dimY, x2: small.box.x + small.box.w, y2: dimY, colour: guide, width: 1 });
    nodes.push(copy(ctx, { text: `${minWidthMm} mm`, x: small.box.x + small.box.w + 8, y: dimY - 7, w: 80, on, role: "body", size: 10, maxLines: 1 }));
  }

  y = dimY + 48;
  nodes.push(label(ctx, "Variants", { x: MARGIN, y, w: inner, on }));
  y += 22;
  const tw = (inner - 3 * 12) / 4;
  const th = 150;
  LOGO_VARIANTS.forEach((variant, i) => {
    const x = MARGIN + i * (tw + 12);
    const ground = groundFor(ctx, variant);
    const hex = ctx.colour(ground);
    nodes.push(tile(ctx, ground, { x, y, w: tw, h: th }));
    if (ctx.kit.logos[variant]) nodes.push(...placeLogo(ctx, { variant, x: x + tw / 2, y: y + th / 2, maxW: tw - 36, maxH: th - 44, align: "center", valign: "middle" }).nodes);
    else nodes.push(copy(ctx, { text: `No ${variant} file yet`, x: x + 8, y: y + th / 2 - 8, w: tw - 16, on: hex, role: "body", size: 10, align: "center" }));
    nodes.push(copy(ctx, { text: VARIANT_NAME[variant], x, y: y + th + 8, w: tw, on, role: "body", weight: 700, size: 11, maxLines: 1 }));
    nodes.push(copy(ctx, { text: `on ${ctx.kit.palette[ground]?.name ?? ground}`, x, y: y + th + 24, w: tw, on, role: "body", size: 9.5, maxLines: 1, minSize: 7, prefer: ["muted"] }));
  });
  return { background: "background", nodes };
}

/** The primary SVG with every colour but pure black and white (masks) swapped for `hex`. */
function recoloured(svg: string, hex: string): string {
  return svg.replace(/#(?:[0-9a-f]{6}|[0-9a-f]{3})\b/gi, (c) => (/^#(f{3}|f{6}|0{3}|0{6})$/i.test(c) ? c : hex));
}

type Example = { kind: "do" | "dont"; caption: string; draw(x: number, y: number, w: number, h: number): SceneNodeInput[] };

export function logoRulesPage(ctx: TemplateContext): BookPage {
  const { inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const { nodes, bottom } = pageTitle(ctx, "Logo: do and don't", "The logo is the most recognisable thing the brand owns. These examples are drawn from the real files.");
  const logoIn = (variant: LogoVariant, x: number, y: number, w: number, h: number, scale = 0.62) =>
    placeLogo(ctx, { variant, x: x + w / 2, y: y + h / 2, maxW: w * scale, maxH: h * 0.5, align: "center", valign: "middle" });
  const primary = ctx.logo("primary");
  // The kit colour the lockup's own ink is closest to: where it would disappear.
  const ink = logoInk(ctx, "primary");
  const faintGround: Role = ink ? roleColours(ctx.kit).reduce((a, b) => (contrastRatio(ink, b.hex) < contrastRatio(ink, a.hex) ? b : a)).role : "primary";
  const examples: Example[] = [
    { kind: "do", caption: "Use the lockup on the brand's own background.", draw: (x, y, w, h) => [tile(ctx, "background", { x, y, w, h }), ...logoIn("primary", x, y, w, h).nodes] },
    ctx.kit.logos.reverse
      ? { kind: "do", caption: "Use the reverse logo on the primary colour.", draw: (x, y, w, h) => [tile(ctx, "primary", { x, y, w, h }), ...logoIn("reverse", x, y, w, h).nodes] }
      : { kind: "do", caption: "Use the mark where the lockup does not fit.", draw: (x, y, w, h) => [tile(ctx, "surface", { x, y, w, h }), ...logoIn("mark", x, y, w, h, 0.3).nodes] },
    { kind: "dont", caption: "Don't set it on a colour it disappears into.", draw: (x, y, w, h) => [tile(ctx, faintGround, { x, y, w, h }), ...logoIn("primary", x, y, w, h).nodes] },
    primary?.svg !== undefined
      ? {
          kind: "dont",
          caption: "Don't recolour it, not even in other kit colours.",
          draw: (x, y, w, h) => {
            const placed = logoIn("primary", x, y, w, h);
            return [tile(ctx, "background", { x, y, w, h }), { type: "logo", ...placed.box, svg: recoloured(primary.svg, ctx.colour("accent")) }];
          },
        }
      : {
          kind: "dont",
          caption: "Don't shrink it below its minimum size.",
          // Drawn directly: placeLogo never goes below the minimum width in print, which is the point.
          draw: (x, y, w, h) => {
            const box = logoIn("primary", x, y, w, h).box;
            const k = 0.25;
            const small = { x: x + w / 2 - (box.w * k) / 2, y: y + h / 2 - (box.h * k) / 2, w: box.w * k, h: box.h * k };
            return [tile(ctx, "background", { x, y, w, h }), ...(primary?.bytes ? [{ type: "logo" as const, ...small, bytes: primary.bytes }] : [])];
          },
        },
    {
      kind: "dont",
      caption: "Don't let text or edges into its clear space.",
      draw: (x, y, w, h) => {
        const placed = logoIn("primary", x, y, w, h);
        const bg = ctx.colour("background");
        const crowd = copy(ctx, { text: "Open today", x: placed.box.x + placed.box.w * 0.55, y: placed.box.y + placed.box.h - 6, w: w * 0.5, on: bg, role: "heading", weight: 700, size: 22, maxLines: 1 });
        return [tile(ctx, "background", { x, y, w, h }), ...placed.nodes, crowd];
      },
    },
    {
      kind: "dont",
      caption: "Don't place it on busy patterns or photos without a calm panel.",
      draw: (x, y, w, h) => {
        const roles = ["secondary", "accent", "primary", "surface", "muted"];
        const stripes: SceneNodeInput[] = [];
        for (let i = 0, sx = x; sx < x + w; i++, sx += 14) stripes.push({ type: "rect", x: sx, y, w: Math.min(14, x + w - sx), h, fill: ctx.colour(roles[i % roles.length]!) });
        return [{ type: "group", clip: { x, y, w, h, radius: 10 }, children: stripes } as SceneNodeInput, ...logoIn("primary", x, y, w, h).nodes];
      },
    },
  ];
  const cw = (inner - 20) / 2;
  const th = 168;
  examples.forEach((ex, i) => {
    const x = MARGIN + (i % 2) * (cw + 20);
    const y = bottom + Math.floor(i / 2) * (th + 62);
    nodes.push(...ex.draw(x, y, cw, th));
    nodes.push(...mark(ctx, ex.kind, x, y + th + 12, 14, on));
    nodes.push(copy(ctx, { text: `${ex.kind === "do" ? "Do" : "Don't"}: ${ex.caption.replace(/^Don't /, "").replace(/^./, (c) => c.toLowerCase())}`, x: x + 24, y: y + th + 10, w: cw - 24, on, role: "body", size: 11.5, lineHeight: 1.35, maxLines: 2 }));
  });
  return { background: "background", nodes };
}

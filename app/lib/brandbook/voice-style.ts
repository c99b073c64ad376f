// Brand book voice page (tagline, personality, words to use and to avoid) and the visual and video
// style pages (palette anchors, photography, light, mood, grade, camera, flaws, sound), flowed into
// two columns and onto further pages when the kit says a lot.
import { roleColours } from "../kit/palette.ts";
import type { TemplateContext } from "../templates/types.ts";
import { MARGIN, copy, label, mark, measure, pageSize, pageTitle, textWidth, type BookPage, type SceneNodeInput } from "./frame.ts";

const EMPTY = "Not set yet: add it in the kit editor.";

/** Pills laid out left to right, wrapping; returns the nodes and the y below the last row. */
function pills(ctx: TemplateContext, words: string[], x: number, y: number, w: number, opts: { fill: string; size: number }): { nodes: SceneNodeInput[]; bottom: number } {
  const nodes: SceneNodeInput[] = [];
  const h = opts.size * 2.2;
  let cx = x;
  let cy = y;
  for (const word of words) {
    const tw = Math.min(w, textWidth(ctx, word, { role: "body", weight: 700, size: opts.size }) + opts.size * 2);
    if (cx > x && cx + tw > x + w) {
      cx = x;
      cy += h + 10;
    }
    nodes.push({ type: "rect", x: cx, y: cy, w: tw, h, fill: opts.fill, radius: h / 2 });
    nodes.push(copy(ctx, { text: word, x: cx, y: cy, w: tw, h, on: opts.fill, role: "body", weight: 700, size: opts.size, align: "center", valign: "middle", maxLines: 1, minSize: opts.size * 0.7 }));
    cx += tw + 10;
  }
  return { nodes, bottom: words.length ? cy + h : y };
}

function listWords(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}` : (words[0] ?? "");
}

export function voicePage(ctx: TemplateContext): BookPage {
  const { inner } = pageSize(ctx);
  const on = ctx.colour("background");
  const { voice } = ctx.kit;
  const { nodes, bottom } = pageTitle(ctx, "Voice", `How ${ctx.kit.name} sounds in menus, posts, captions and the lines a video speaks.`);
  let y = bottom;
  const tagline = voice.tagline || EMPTY;
  const t = { role: "accent" as const, italic: true, size: 34, lineHeight: 1.25, w: inner - 64 };
  const panelH = measure(ctx, tagline, t) + 84;
  const primary = ctx.colour("primary");
  nodes.push({ type: "rect", x: MARGIN, y, w: inner, h: panelH, fill: primary, radius: 12 });
  nodes.push(label(ctx, "Tagline", { x: MARGIN + 32, y: y + 26, w: inner - 64, on: primary }));
  nodes.push(copy(ctx, { text: tagline, x: MARGIN + 32, y: y + 50, on: primary, ...t, prefer: ["background", "secondary"] }));
  y += panelH + 32;

  nodes.push(label(ctx, "Personality", { x: MARGIN, y, w: inner, on }));
  const personality = pills(ctx, voice.adjectives.length ? voice.adjectives : [EMPTY], MARGIN, y + 22, inner, { fill: ctx.colour("surface"), size: 16 });
  nodes.push(...personality.nodes);
  y = personality.bottom + 36;

  const col = (inner - 32) / 2;
  const item = { role: "body" as const, size: 16, lineHeight: 1.3, w: col - 22 };
  const list = (title: string, words: string[], x: number, strike: boolean) => {
    nodes.push(label(ctx, title, { x, y, w: col, on }));
    let ly = y + 26;
    for (const word of words.length ? words : [EMPTY]) {
      const h = measure(ctx, word, item);
      if (ly + h > limit) break;
      const colour = ctx.textOn(on, { minRatio: 3, prefer: [strike ? "accent" : "secondary", "primary"] });
      nodes.push({ type: "ellipse", cx: x + 5, cy: ly + 10, rx: 4, ry: 4, fill: colour });
      nodes.push(copy(ctx, { text: word, x: x + 22, y: ly, on, ...item, prefer: strike ? ["muted", "text"] : ["text"] }));
      // Words to avoid are struck through, the way an editor would mark them.
      if (strike && words.length) {
        const w = Math.min(col - 22, textWidth(ctx, word, item));
        nodes.push({ type: "line", x1: x + 20, y1: ly + 10.5, x2: x + 24 + w, y2: ly + 10.5, colour, width: 1.5 });
      }
      ly += h + 10;
    }
    return ly;
  };
  // A checklist closes the page when there is room for it below the word lists.
  const checks = [
    voice.adjectives.length ? `Does it sound ${listWords(voice.adjectives.slice(0, 3))}?` : "Does it sound like us, read aloud?",
    "Does it use our words, and none of the ones we avoid?",
    voice.tagline ? `Would it sit happily next to "${voice.tagline}"?` : "Would we say it to a customer's face?",
  ];
  const checkItem = { role: "body" as const, size: 13, lineHeight: 1.4, w: inner - 96 };
  const checkH = 70 + checks.reduce((h, c) => h + measure(ctx, c, checkItem) + 8, 0);
  const limit = pageSize(ctx).bottom - checkH - 24;
  const end = Math.max(list("Words we use", voice.wordsToUse, MARGIN, false), list("Words we avoid", voice.wordsToAvoid, MARGIN + col + 32, true));
  const cy = end + 30;
  const surface = ctx.colour("surface");
  nodes.push({ type: "rect", x: MARGIN, y: cy, w: inner, h: checkH, fill: surface, radius: 12 });
  nodes.push(label(ctx, "Before it goes out", { x: MARGIN + 32, y: cy + 26, w: inner - 64, on: surface }));
  let ky = cy + 52;
  for (const c of checks) {
    nodes.push(...mark(ctx, "do", MARGIN + 32, ky + 2, 14, surface));
    nodes.push(copy(ctx, { text: c, x: MARGIN + 60, y: ky, on: surface, ...checkItem }));
    ky += measure(ctx, c, checkItem) + 8;
  }
  return { background: "background", nodes };
}

type Block = { title: string; height: number; draw(x: number, y: number): SceneNodeInput[] };

const FLAWS: Record<string, string> = {
  none: "None: clean, steady, polished footage.",
  subtle: "Subtle: a little grain, natural handheld drift and real light, so it feels made by people.",
  noticeable: "Noticeable: visible grain, imperfect focus pulls and candid framing.",
  raw: "Raw: phone-shot energy, rough edges kept on purpose.",
};

export function stylePages(ctx: TemplateContext): BookPage[] {
  const { inner, bottom: pageBottom } = pageSize(ctx);
  const on = ctx.colour("background");
  const { style } = ctx.kit;
  const col = (inner - 32) / 2;
  const para = { role: "body" as const, size: 12.5, lineHeight: 1.5, w: col };
  const bullet = { ...para, w: col - 18 };
  const textBlock = (title: string, value: string): Block => {
    const body = value || EMPTY;
    return { title, height: 24 + measure(ctx, body, para), draw: (x, y) => [label(ctx, title, { x, y, w: col, on }), copy(ctx, { text: body, x, y: y + 22, on, ...para })] };
  };
  const listBlock = (title: string, items: string[]): Block => {
    const shown = items.length ? items : [EMPTY];
    const heights = shown.map((s) => measure(ctx, s, bullet) + 6);
    return {
      title,
      height: 24 + heights.reduce((a, b) => a + b, 0),
      draw: (x, y) => {
        const out: SceneNodeInput[] = [label(ctx, title, { x, y, w: col, on })];
        let ly = y + 22;
        shown.forEach((s, i) => {
          out.push({ type: "rect", x, y: ly + 7, w: 7, h: 2, fill: ctx.textOn(on, { minRatio: 3, prefer: ["accent", "primary"] }) });
          out.push(copy(ctx, { text: s, x: x + 18, y: ly, on, ...bullet }));
          ly += heights[i]!;
        });
        return out;
      },
    };
  };
  const blocks: Block[] = [
    listBlock("Photography", style.photography),
    textBlock("Lighting", style.lighting),
    textBlock("Mood", style.mood),
    textBlock("Colour grade", style.grade),
    listBlock("Camera", style.camera),
    textBlock("Authentic flaws", FLAWS[style.flaws] ?? style.flaws),
    listBlock("Sound", style.sound),
  ];

  const pages: BookPage[] = [];
  let page: { nodes: SceneNodeInput[]; cols: number[] } | undefined;
  const open = (first: boolean) => {
    const head = pageTitle(ctx, first ? "Visual and video style" : "Visual and video style, continued", first ? "What photos and video should look like: the parts a video prompt needs that a palette does not give. Prompts name colours with the words below." : "");
    let top = head.bottom;
    if (first) {
      head.nodes.push(label(ctx, "Palette anchors", { x: MARGIN, y: top, w: inner, on }));
      let ax = MARGIN;
      let ay = top + 24;
      for (const c of roleColours(ctx.kit)) {
        const w = textWidth(ctx, c.name, { role: "body", size: 12 }) + 40;
        if (ax > MARGIN && ax + w > MARGIN + inner) {
          ax = MARGIN;
          ay += 28;
        }
        head.nodes.push({ type: "ellipse", cx: ax + 9, cy: ay + 9, rx: 9, ry: 9, fill: c.hex, stroke: ctx.colour("muted"), strokeWidth: 0.5 });
        head.nodes.push(copy(ctx, { text: c.name, x: ax + 24, y: ay + 1, w: w - 24, on, role: "body", size: 12, maxLines: 1 }));
        ax += w + 8;
      }
      top = ay + 48;
    }
    page = { nodes: head.nodes, cols: [top, top] };
    pages.push({ background: "background", nodes: page.nodes });
  };
  open(true);
  for (const b of blocks) {
    let i = page!.cols[0]! <= page!.cols[1]! ? 0 : 1;
    if (page!.cols[i]! + b.height > pageBottom) {
      const other = 1 - i;
      if (page!.cols[other]! + b.height <= pageBottom) i = other;
      else open(false);
    }
    const y = page!.cols[i]!;
    page!.nodes.push(...b.draw(MARGIN + i * (col + 32), y));
    page!.cols[i] = y + b.height + 26;
  }
  return pages;
}

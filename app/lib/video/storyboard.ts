// Scenes for the offline animatic and for post-production: one storyboard frame per shot, the opening
// card given to a provider as its first frame, the end card and the logo bug. Pure: colours and fonts
// come only from kit roles (text colour chosen by contrast), logos are passed in already loaded.
import { contrastRatio } from "../kit/palette.ts";
import type { BrandKit } from "../kit/schema.ts";
import type { SceneInput } from "../render/scene.ts";
import type { LogoSource } from "../templates/types.ts";
import type { VideoBrief } from "./brief.ts";

type NodeInput = SceneInput["nodes"][number];
type Box = { x: number; y: number; w: number; h: number };
export type FrameSize = { width: number; height: number };

/** Kit colour for text on `background`: the first preferred role that reaches `min`, else the best role, else black/white. */
export function readableOn(kit: BrandKit, background: string, prefer: string[], min = 4.5): string {
  const colour = (role: string) => kit.palette[role]?.color;
  for (const role of prefer) {
    const hex = colour(role);
    if (hex && contrastRatio(hex, background) >= min) return hex;
  }
  let best = { hex: "", ratio: 0 };
  for (const entry of Object.values(kit.palette)) {
    const ratio = contrastRatio(entry.color, background);
    if (ratio > best.ratio) best = { hex: entry.color, ratio };
  }
  if (best.ratio >= min) return best.hex;
  return contrastRatio("#111111", background) >= contrastRatio("#ffffff", background) ? "#111111" : "#ffffff";
}

function logoNode(logo: LogoSource | undefined, box: Box, align: "left" | "center" | "right" = "center", opacity = 1): NodeInput[] {
  if (!logo) return [];
  return [{ type: "logo", ...box, ...(logo.svg !== undefined ? { svg: logo.svg } : { bytes: logo.bytes }), align, valign: "middle", opacity }];
}

function textNode(text: string, box: Box, o: { role: "heading" | "body" | "accent"; weight?: number; size: number; minSize?: number; colour: string; align?: "left" | "center" | "right"; valign?: "top" | "middle" | "bottom"; uppercase?: boolean; letterSpacing?: number; maxLines?: number; lineHeight?: number; field?: string }): NodeInput {
  return {
    type: "text",
    text,
    ...box,
    ...(o.field ? { field: o.field } : {}),
    font: { role: o.role, weight: o.weight ?? 400, style: "normal" },
    size: o.size,
    ...(o.minSize !== undefined ? { minSize: Math.min(o.minSize, o.size) } : {}),
    colour: o.colour,
    align: o.align ?? "left",
    valign: o.valign ?? "top",
    uppercase: o.uppercase ?? false,
    letterSpacing: o.letterSpacing ?? 0,
    lineHeight: o.lineHeight ?? 1.2,
    ...(o.maxLines ? { maxLines: o.maxLines } : {}),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const clock = (s: number) => `${Math.floor(s / 60)}:${pad2(Math.floor(s % 60))}${s % 1 ? `.${Math.round((s % 1) * 10)}` : ""}`;

export type StoryboardOptions = FrameSize & {
  /** Brief shot index (0-based). */
  shot: number;
  /** The logo drawn for the kit's background colour (usually `primary`). */
  logo?: LogoSource;
};

/** Speaker label for a dialogue line: the character's name, or "Voiceover". */
function speakerName(brief: VideoBrief, speaker: string): string {
  if (speaker === "voiceover") return "Voiceover";
  return brief.characters.find((c) => c.id === speaker)?.name ?? speaker;
}

/**
 * One storyboard frame: shot number, framing and camera move, the action in a panel, the setting, the
 * shot's dialogue as a caption in the body font, and a small logo. The left and right margins stay plain
 * background, so the push-in never shows an edge.
 */
export function storyboardScene(kit: BrandKit, brief: VideoBrief, o: StoryboardOptions): SceneInput {
  const shot = brief.shots[o.shot];
  if (!shot) throw new Error(`shot: the brief has shots 0–${brief.shots.length - 1}, not ${o.shot}`);
  const { width: W, height: H } = o;
  const portrait = H >= W;
  const u = Math.min(W, H) / 100;
  const m = (portrait ? 8 : 6) * u;
  const bg = kit.palette.background.color;
  const surface = kit.palette.surface.color;
  const muted = readableOn(kit, bg, ["muted", "text"]);
  const start = brief.shots.slice(0, o.shot).reduce((t, s) => t + s.seconds, 0);
  const nodes: NodeInput[] = [];

  // Header: shot counter, timecode, logo, and a rule in the primary colour.
  const headerH = 6 * u;
  nodes.push(textNode(`Shot ${o.shot + 1} of ${brief.shots.length}`, { x: m, y: m, w: (W - 2 * m) * 0.45, h: headerH }, { role: "accent", weight: 500, size: 3.2 * u, colour: muted, uppercase: true, letterSpacing: 0.12, valign: "middle" }));
  nodes.push(textNode(`${clock(start)}–${clock(start + shot.seconds)}`, { x: m + (W - 2 * m) * 0.45, y: m, w: (W - 2 * m) * 0.25, h: headerH }, { role: "body", size: 3 * u, colour: muted, align: "center", valign: "middle" }));
  nodes.push(...logoNode(o.logo, { x: W - m - 22 * u, y: m, w: 22 * u, h: headerH }, "right"));
  const ruleY = m + headerH + 1.5 * u;
  nodes.push({ type: "rect", x: m, y: ruleY, w: W - 2 * m, h: 0.5 * u, fill: kit.palette.primary.color });

  const lines = brief.dialogue.filter((d) => d.shot === o.shot);
  const caption = lines.map((d) => `${speakerName(brief, d.speaker)}: “${d.text}”`).join("\n");
  const numberColour = readableOn(kit, bg, ["primary", "accent", "text"], 3);
  const framingColour = readableOn(kit, bg, ["accent", "primary", "text"], 3);
  const number = pad2(o.shot + 1);
  const framing = shot.framing.replace("-", " ");

  const top = ruleY + 4 * u;
  const bottom = H - m;
  let panel: Box;
  let captionBox: Box | null = null;
  if (portrait) {
    const numberH = 24 * u;
    nodes.push(textNode(number, { x: m, y: top, w: 40 * u, h: numberH }, { role: "heading", weight: 700, size: 22 * u, colour: numberColour, lineHeight: 1 }));
    const labelX = m + 42 * u;
    nodes.push(textNode(framing, { x: labelX, y: top + 3 * u, w: W - m - labelX, h: 8 * u }, { role: "accent", weight: 500, size: 6.5 * u, minSize: 4 * u, colour: framingColour, uppercase: true, letterSpacing: 0.06, maxLines: 1 }));
    nodes.push(textNode(shot.camera, { x: labelX, y: top + 12 * u, w: W - m - labelX, h: 10 * u }, { role: "body", size: 3.8 * u, minSize: 2.8 * u, colour: muted, maxLines: 2 }));
    const panelTop = top + numberH + 4 * u;
    const captionH = caption ? Math.min(28 * u, (bottom - panelTop) * 0.3) : 0;
    panel = { x: m, y: panelTop, w: W - 2 * m, h: bottom - panelTop - (caption ? captionH + 4 * u : 0) };
    if (caption) captionBox = { x: m, y: bottom - captionH, w: W - 2 * m, h: captionH };
  } else {
    const colW = (W - 2 * m) * 0.3;
    nodes.push(textNode(number, { x: m, y: top, w: colW, h: 30 * u }, { role: "heading", weight: 700, size: 26 * u, colour: numberColour, lineHeight: 1 }));
    nodes.push(textNode(framing, { x: m, y: top + 32 * u, w: colW, h: 9 * u }, { role: "accent", weight: 500, size: 6.5 * u, minSize: 4 * u, colour: framingColour, uppercase: true, letterSpacing: 0.06, maxLines: 1 }));
    nodes.push(textNode(shot.camera, { x: m, y: top + 42 * u, w: colW, h: bottom - top - 42 * u }, { role: "body", size: 4 * u, minSize: 3 * u, colour: muted, maxLines: 3 }));
    const px = m + colW + 4 * u;
    const captionH = caption ? (bottom - top) * 0.3 : 0;
    panel = { x: px, y: top, w: W - m - px, h: bottom - top - (caption ? captionH + 3 * u : 0) };
    if (caption) captionBox = { x: px, y: bottom - captionH, w: W - m - px, h: captionH };
  }

  // The panel stands in for the picture: what happens, and where.
  const ink = readableOn(kit, surface, ["text"]);
  const soft = readableOn(kit, surface, ["muted", "text"]);
  const p = 5 * u;
  nodes.push({ type: "rect", ...panel, fill: surface, radius: 2 * u });
  const actionH = (panel.h - 2 * p) * 0.72;
  nodes.push(textNode(shot.action, { x: panel.x + p, y: panel.y + p, w: panel.w - 2 * p, h: actionH }, { role: "body", weight: 700, size: 6.4 * u, minSize: 3.4 * u, colour: ink, lineHeight: 1.25, valign: "middle", field: `shots.${o.shot}.action` }));
  nodes.push(textNode(shot.setting, { x: panel.x + p, y: panel.y + p + actionH + 2 * u, w: panel.w - 2 * p, h: panel.h - 2 * p - actionH - 2 * u }, { role: "body", size: 3.6 * u, minSize: 2.6 * u, colour: soft, lineHeight: 1.3, field: `shots.${o.shot}.setting` }));

  if (captionBox) {
    const fill = kit.palette.primary.color;
    const on = readableOn(kit, fill, ["background", "text", "surface"]);
    nodes.push({ type: "rect", ...captionBox, fill, radius: 2 * u });
    const inner = { x: captionBox.x + 4 * u, y: captionBox.y + 3 * u, w: captionBox.w - 8 * u, h: captionBox.h - 6 * u };
    const single = lines.length === 1 ? lines[0] : undefined;
    if (single) {
      // One speaker: their name as a small label, the line itself in the body font.
      nodes.push(textNode(speakerName(brief, single.speaker), { ...inner, h: 5 * u }, { role: "accent", weight: 500, size: 3.2 * u, colour: on, uppercase: true, letterSpacing: 0.12 }));
      nodes.push(textNode(`“${single.text}”`, { ...inner, y: inner.y + 6 * u, h: inner.h - 6 * u }, { role: "body", size: 4.8 * u, minSize: 2.8 * u, colour: on, lineHeight: 1.3, valign: "middle", field: `dialogue` }));
    } else {
      nodes.push(textNode(caption, inner, { role: "body", size: 4.4 * u, minSize: 2.6 * u, colour: on, lineHeight: 1.3, valign: "middle", field: "dialogue" }));
    }
  }
  return { width: W, height: H, background: bg, nodes };
}

export type OpeningOptions = FrameSize & { logo?: LogoSource };

/**
 * The opening frame a provider starts from: the kit's background and its logo, nothing else. No title:
 * the compiled prompt forbids on-screen text, and a first frame with words would contradict it. Without a
 * logo, a small strip of the lead colours stands in.
 */
export function openingScene(kit: BrandKit, o: OpeningOptions): SceneInput {
  const { width: W, height: H } = o;
  const u = Math.min(W, H) / 100;
  const bg = kit.palette.background.color;
  if (o.logo) return { width: W, height: H, background: bg, nodes: logoNode(o.logo, { x: W * 0.2, y: H * 0.38, w: W * 0.6, h: H * 0.24 }) };
  const roles = ["primary", "secondary", "accent"].map((r) => kit.palette[r]?.color).filter((c): c is string => Boolean(c));
  const w = 12 * u;
  const x0 = W / 2 - (roles.length * w) / 2;
  return { width: W, height: H, background: bg, nodes: roles.map((fill, i) => ({ type: "rect" as const, x: x0 + i * w, y: H / 2 - 3 * u, w, h: 6 * u, fill })) };
}

export type EndCardOptions = FrameSize & {
  /** The logo drawn for the primary colour as background (`reverse`, falling back to others). */
  logo?: LogoSource;
  tagline?: string;
  /** Call to action, e.g. "Book your bike". */
  cta?: string;
};

/** The end card: primary colour, logo, tagline and a call-to-action button in the background colour. */
export function endCardScene(kit: BrandKit, o: EndCardOptions): SceneInput {
  const { width: W, height: H } = o;
  const portrait = H >= W;
  const u = Math.min(W, H) / 100;
  const bg = kit.palette.primary.color;
  const nodes: NodeInput[] = [];
  const logoBox = portrait ? { x: W * 0.15, y: H * 0.26, w: W * 0.7, h: H * 0.2 } : { x: W * 0.25, y: H * 0.16, w: W * 0.5, h: H * 0.3 };
  if (o.logo) nodes.push(...logoNode(o.logo, logoBox));
  else nodes.push(textNode(kit.name, logoBox, { role: "heading", weight: 700, size: 10 * u, minSize: 5 * u, colour: readableOn(kit, bg, ["background", "text"], 3), align: "center", valign: "middle", field: "name" }));
  let y = logoBox.y + logoBox.h + 6 * u;
  const tagline = o.tagline?.trim();
  if (tagline) {
    nodes.push(textNode(tagline, { x: W * 0.1, y, w: W * 0.8, h: 18 * u }, { role: "heading", weight: 700, size: 7.5 * u, minSize: 4.5 * u, colour: readableOn(kit, bg, ["background", "text", "surface"], 3), align: "center", valign: "top", lineHeight: 1.15, maxLines: 2, field: "tagline" }));
    y += 22 * u;
  }
  const cta = o.cta?.trim();
  if (cta) {
    const button = kit.palette.background.color;
    const box = { x: W * 0.5 - 32 * u, y, w: 64 * u, h: 13 * u };
    nodes.push({ type: "rect", ...box, fill: button, radius: 6.5 * u });
    nodes.push(textNode(cta, { x: box.x + 4 * u, y: box.y, w: box.w - 8 * u, h: box.h }, { role: "accent", weight: 500, size: 5 * u, minSize: 3 * u, colour: readableOn(kit, button, ["primary", "text"]), align: "center", valign: "middle", uppercase: true, letterSpacing: 0.06, maxLines: 1, field: "cta" }));
  }
  return { width: W, height: H, background: bg, nodes };
}

/** A transparent frame with a small logo in the bottom-right corner, overlaid on the shots. */
export function logoBugScene(logo: LogoSource, o: FrameSize & { opacity?: number }): SceneInput {
  const u = Math.min(o.width, o.height) / 100;
  const w = 22 * u;
  const h = 11 * u;
  const m = 5 * u;
  return { width: o.width, height: o.height, nodes: logoNode(logo, { x: o.width - m - w, y: o.height - m - h, w, h }, "right", o.opacity ?? 0.85) };
}

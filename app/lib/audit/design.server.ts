// Contrast of every text layer in one of Marque's own designs: the template is laid out exactly as
// it renders, everything painted before a text layer is drawn without text, and each run of text is
// checked against the pixels beneath its glyphs (a photo, a gradient and a panel edge included).
// WCAG 2.x: 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold); ratios are never rounded up.
import sharp from "sharp";
import { AA_LARGE, AA_TEXT, contrastRatio } from "../kit/palette.ts";
import type { ResolveOptions } from "../kit/files.server.ts";
import type { BrandKit } from "../kit/schema.ts";
import type { LaidItem, LaidLine, SceneLayout } from "../render/layout.ts";
import { renderLayout } from "../render/render.server.ts";
import { prepareKit, type PreparedKit } from "../templates/context.server.ts";
import { getTemplate, layoutTemplate } from "../templates/registry.ts";

export type TextContrast = {
  /** 0-based page of the design. */
  page: number;
  /** Content field of the layer ("title", "items"), or the node's position when it has none. */
  field: string;
  /** The layer's text (first 80 characters of the runs in this style). */
  text: string;
  colour: string;
  /** Size after shrink-to-fit, px. */
  size: number;
  weight: number;
  large: boolean;
  /** The colour beneath that gives the lowest contrast (ignoring specks under 3% of the area). */
  background: string;
  ratio: number;
  required: number;
  pass: boolean;
};

export type DesignAudit = { templateId: string; formatId: string; texts: TextContrast[]; failures: TextContrast[] };

/** Share of a text's area a background colour must cover to count (anti-aliased specks do not). */
const MIN_AREA_SHARE = 0.03;

export async function auditDesign(
  kit: BrandKit | PreparedKit,
  templateId: string,
  content: unknown,
  formatId: string,
  opts: { resolve?: ResolveOptions } = {},
): Promise<DesignAudit> {
  const prepared = "fonts" in kit ? kit : await prepareKit(kit, opts.resolve);
  const layouts = await layoutTemplate(getTemplate(templateId), content, prepared, formatId);
  const texts = await layoutContrast(layouts, prepared);
  return { templateId, formatId, texts, failures: texts.filter((t) => !t.pass) };
}

/** Every text layer of laid-out pages against what is painted beneath it. */
export async function layoutContrast(layouts: readonly SceneLayout[], prepared: Pick<PreparedKit, "fonts">): Promise<TextContrast[]> {
  const texts: TextContrast[] = [];
  for (const [page, layout] of layouts.entries()) texts.push(...(await pageContrast(layout, page, prepared)));
  return texts;
}

type TextLayer = { item: Extract<LaidItem, { kind: "text" }>; index: number; groupOpacity: number; before: LaidItem[] };

/** Each text layer with the painted (non-text) items that come before it in paint order. */
function textLayers(items: LaidItem[]): TextLayer[] {
  const layers: TextLayer[] = [];
  const painted: LaidItem[] = [];
  items.forEach((item, index) => {
    if (item.kind === "text") layers.push({ item, index, groupOpacity: 1, before: [...painted] });
    else if (item.kind === "group") {
      const shapes = item.children.filter((c) => c.kind !== "text");
      for (const child of item.children) {
        if (child.kind === "text") layers.push({ item: child, index, groupOpacity: item.node.opacity, before: [...painted, { ...item, children: shapes }] });
      }
      painted.push({ ...item, children: shapes });
    } else painted.push(item);
  });
  return layers;
}

async function pageContrast(layout: SceneLayout, page: number, prepared: Pick<PreparedKit, "fonts">): Promise<TextContrast[]> {
  const out: TextContrast[] = [];
  const rasters = new Map<number, Promise<{ data: Buffer; width: number; height: number }>>();
  for (const layer of textLayers(layout.items)) {
    const key = layer.before.length;
    let raster = rasters.get(key);
    if (!raster) {
      raster = backgroundRaster({ ...layout, items: layer.before }, prepared);
      rasters.set(key, raster);
    }
    const bg = await raster;
    const field = layer.item.node.field ?? `node ${layer.index}`;
    for (const style of runStyles(layer.item.block.lines)) {
      const alpha = style.opacity * layer.groupOpacity;
      const beneath = coloursIn(bg, style.boxes);
      if (!beneath.length) continue;
      let worst = { hex: beneath[0]!, ratio: Infinity };
      for (const hex of beneath) {
        const ratio = contrastRatio(blend(style.colour, hex, alpha), hex);
        if (ratio < worst.ratio) worst = { hex, ratio };
      }
      const large = style.size >= 24 || (style.size >= 18.66 && style.weight >= 700);
      const required = large ? AA_LARGE : AA_TEXT;
      out.push({
        page,
        field,
        text: style.text.trim().slice(0, 80),
        colour: style.colour,
        size: Math.round(style.size * 100) / 100,
        weight: style.weight,
        large,
        background: worst.hex,
        ratio: worst.ratio,
        required,
        pass: worst.ratio >= required,
      });
    }
  }
  return out;
}

async function backgroundRaster(layout: SceneLayout, prepared: Pick<PreparedKit, "fonts">) {
  const png = await renderLayout(layout, { format: "png", scale: 1, fonts: prepared.fonts });
  // Transparent page areas are judged as white paper.
  const { data, info } = await sharp(png.bytes).flatten({ background: "#ffffff" }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

type Box = { x0: number; y0: number; x1: number; y1: number };
type RunStyle = { colour: string; size: number; weight: number; opacity: number; text: string; boxes: Box[] };

/** Runs grouped by look (colour, size, weight, opacity), each with the boxes its glyphs cover. Leader dots are decoration and left out. */
function runStyles(lines: readonly LaidLine[]): RunStyle[] {
  const styles = new Map<string, RunStyle>();
  for (const line of lines) {
    for (const run of line.runs) {
      if (!run.glyphs.length || !/[\p{L}\p{N}]/u.test(run.text)) continue;
      const weight = run.face.info.weight;
      const key = `${run.colour}|${run.size}|${weight}|${run.opacity}`;
      const style = styles.get(key) ?? { colour: run.colour, size: run.size, weight, opacity: run.opacity, text: "", boxes: [] };
      const xs = run.glyphs.map((g) => g.x);
      // Glyph origins plus most of an em: the box covers the letters, the x-height band where strokes are.
      style.boxes.push({ x0: Math.min(...xs), x1: Math.max(...xs) + run.size * 0.5, y0: line.baseline - run.size * 0.7, y1: line.baseline - run.size * 0.05 });
      if (style.text.length < 80) style.text += `${style.text ? " " : ""}${run.text}`;
      styles.set(key, style);
    }
  }
  return [...styles.values()];
}

/** Colours under the boxes that cover at least MIN_AREA_SHARE of them (sampled on a grid of at most ~4000 points). */
function coloursIn(bg: { data: Buffer; width: number; height: number }, boxes: Box[]): string[] {
  const area = boxes.reduce((a, b) => a + Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0), 0);
  const step = Math.max(1, Math.sqrt(area / 4000));
  const counts = new Map<number, number>();
  let total = 0;
  for (const b of boxes) {
    for (let y = Math.max(0, b.y0); y < Math.min(bg.height, b.y1); y += step) {
      for (let x = Math.max(0, b.x0); x < Math.min(bg.width, b.x1); x += step) {
        const i = (Math.floor(y) * bg.width + Math.floor(x)) * 3;
        const rgb = (bg.data[i]! << 16) | (bg.data[i + 1]! << 8) | bg.data[i + 2]!;
        counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
        total++;
      }
    }
  }
  return [...counts]
    .filter(([, n]) => n / total >= MIN_AREA_SHARE)
    .sort((a, b) => b[1] - a[1])
    .map(([rgb]) => `#${rgb.toString(16).padStart(6, "0")}`);
}

/** The colour a text of `alpha` opacity shows as over `under`. */
function blend(hex: string, under: string, alpha: number): string {
  if (alpha >= 1) return hex;
  const a = parseInt(hex.slice(1), 16);
  const b = parseInt(under.slice(1), 16);
  const mix = (shift: number) => Math.round(((a >> shift) & 255) * alpha + ((b >> shift) & 255) * (1 - alpha));
  return `#${((mix(16) << 16) | (mix(8) << 8) | mix(0)).toString(16).padStart(6, "0")}`;
}

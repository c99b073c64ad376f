// The template library and its one render path: content validated against the template's schema,
// the kit context built, every page laid out once, then drawn as PNG/JPEG/WebP/AVIF/SVG (one page)
// or a single PDF holding all pages. Overflow and missing glyphs are returned, never dropped.
import type { z } from "zod";
import { layoutScene, type MissingGlyphs, type Overflow, type SceneLayout } from "../render/layout.ts";
import { renderPagesPdf } from "../render/pages.server.ts";
import { renderLayout, type RenderFormat } from "../render/render.server.ts";
import { buildContext, type PreparedKit } from "./context.server.ts";
import { FORMATS, getFormat, type FormatId, type TemplateFormat } from "./formats.ts";
import type { Template } from "./types.ts";
import { ValidationError, zodIssues, type Issue } from "../validation.ts";
import { menu } from "../../../templates/menu.ts";
import { instagramPost } from "../../../templates/instagram-post.ts";
import { specialsBoard } from "../../../templates/specials-board.ts";
import { eventFlyer } from "../../../templates/event-flyer.ts";
import { salePoster } from "../../../templates/sale-poster.ts";
import { storyCover } from "../../../templates/story-cover.ts";
import { socialBanner } from "../../../templates/social-banner.ts";
import { businessCard } from "../../../templates/business-card.ts";
import { giftVoucher } from "../../../templates/gift-voucher.ts";
import { tableTent } from "../../../templates/table-tent.ts";
import { priceList } from "../../../templates/price-list.ts";
import { reelEndCard } from "../../../templates/reel-end-card.ts";

export const TEMPLATES: readonly Template[] = [
  menu,
  specialsBoard,
  eventFlyer,
  salePoster,
  instagramPost,
  storyCover,
  socialBanner,
  businessCard,
  giftVoucher,
  tableTent,
  priceList,
  reelEndCard,
];

export function getTemplate(id: string): Template {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`template: unknown template "${id.slice(0, 80)}" (known: ${TEMPLATES.map((t) => t.id).join(", ")})`);
  return template;
}

/** Templates that can be drawn at a format. */
export function templatesForFormat(formatId: string): Template[] {
  return TEMPLATES.filter((t) => (t.formats as readonly string[]).includes(formatId));
}

/**
 * Resize targets: the template's formats in the same family as `formatId` (square, portrait, story,
 * banner...; A-sizes and US sizes), `formatId` included and first.
 */
export function familyFormats(template: Template, formatId: string): TemplateFormat[] {
  const family = getFormat(formatId).family;
  const same = template.formats.map((id) => FORMATS[id]).filter((f) => f.family === family);
  return [...same.filter((f) => f.id === formatId), ...same.filter((f) => f.id !== formatId)];
}

export class ContentError extends ValidationError {
  constructor(issues: Issue[], templateId?: string) {
    super(issues, templateId, "(content)");
    this.name = "ContentError";
  }
}

/** Validates content against the template's schema (defaults applied); throws ContentError naming each bad field. */
export function parseContent<S extends z.ZodType>(template: Template<S>, content: unknown): z.output<S> {
  const result = template.schema.safeParse(content);
  if (result.success) return result.data;
  throw new ContentError(zodIssues(result.error, 20), template.id);
}

function assertSupports(template: Template, formatId: string): FormatId {
  getFormat(formatId);
  if (!(template.formats as readonly string[]).includes(formatId)) {
    throw new Error(`template "${template.id}" does not come in format "${formatId}" (it does: ${template.formats.join(", ")})`);
  }
  return formatId as FormatId;
}

/** Every page of a design laid out once (for previews, and what renderTemplate draws). */
export async function layoutTemplate(template: Template, content: unknown, prepared: PreparedKit, formatId: string): Promise<SceneLayout[]> {
  assertSupports(template, formatId);
  const data = parseContent(template, content);
  const ctx = await buildContext(prepared, formatId, data);
  const scenes = template.layout(data, ctx);
  if (!scenes.length) throw new Error(`template "${template.id}" produced no page`);
  return scenes.map((scene) => layoutScene(scene, prepared.fonts));
}

export interface TemplateRenderOptions {
  format: RenderFormat;
  /** Raster/SVG: multiple of the format's px size. */
  scale?: number;
  /** Raster: print resolution (print formats), wins over scale. */
  dpi?: number;
  bleedMm?: number;
  cropMarks?: boolean;
  deterministic?: boolean;
  /** Raster/SVG: which page (0-based); PDF always holds every page. */
  page?: number;
  quality?: number;
  title?: string;
}

export interface TemplateRenderResult {
  bytes: Buffer;
  mime: string;
  /** Pixels (raster/SVG) or the first page's MediaBox in pt (PDF). */
  width: number;
  height: number;
  /** How many pages the design has. */
  pages: number;
  overflow: Overflow[];
  missing: MissingGlyphs[];
}

export async function renderTemplate(
  template: Template,
  content: unknown,
  prepared: PreparedKit,
  formatId: string,
  options: TemplateRenderOptions,
): Promise<TemplateRenderResult> {
  const layouts = await layoutTemplate(template, content, prepared, formatId);
  return renderTemplateLayouts(layouts, prepared, options, template.name);
}

/** Draws pages laid out by layoutTemplate (so a preview and its export share one layout). */
export async function renderTemplateLayouts(
  layouts: SceneLayout[],
  prepared: PreparedKit,
  options: TemplateRenderOptions,
  title?: string,
): Promise<TemplateRenderResult> {
  const { format, page = 0 } = options;
  if (format === "pdf") {
    const pdf = await renderPagesPdf(layouts, {
      bleedMm: options.bleedMm,
      cropMarks: options.cropMarks,
      deterministic: options.deterministic,
      title: options.title ?? title,
      author: prepared.kit.name,
    });
    return { bytes: pdf.bytes, mime: pdf.mime, width: pdf.width, height: pdf.height, pages: layouts.length, overflow: pdf.overflow, missing: pdf.missing };
  }
  const layout = layouts[page];
  if (!Number.isInteger(page) || !layout) throw new Error(`page: the design has ${layouts.length} page(s); page ${page} does not exist`);
  const out = await renderLayout(layout, { format, scale: options.scale, dpi: options.dpi, quality: options.quality, fonts: prepared.fonts });
  // Overflow on other pages matters too: a raster of page 1 still reports that page 2 ran out of room.
  return {
    bytes: out.bytes,
    mime: out.mime,
    width: out.width,
    height: out.height,
    pages: layouts.length,
    overflow: layouts.flatMap((l) => l.overflow),
    missing: layouts.flatMap((l) => l.missing),
  };
}

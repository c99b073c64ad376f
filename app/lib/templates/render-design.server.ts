// The render service behind the editor, exports, ZIPs, bulk renders and the CLI: a kit + template +
// content + format -> file bytes, with the right resolution per format (print rasters at 300 dpi,
// social at 1×), print PDFs with bleed and crop marks on request, and suggested file names.
// Previews are cached in-process (LRU bounded by bytes) under a hash of everything that shapes them.
// Every render takes a slot of the process's render pool (render-pool.server.ts); cache hits don't.
import { createHash } from "node:crypto";
import { FieldError } from "../errors.ts";
import type { ResolveOptions } from "../kit/files.server.ts";
import type { BrandKit } from "../kit/schema.ts";
import type { MissingGlyphs, Overflow } from "../render/layout.ts";
import { prepareKit, type PreparedKit } from "./context.server.ts";
import { renderPool } from "./render-pool.server.ts";
import { getFormat, isPrint } from "./formats.ts";
import { TEMPLATES, parseContent, renderTemplate } from "./registry.ts";
import type { Template } from "./types.ts";

export const OUTPUT_FORMATS = ["png", "jpeg", "webp", "avif", "pdf"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const PRINT_DPI = 300;
export const BLEED_MM = 3;

export function isOutputFormat(v: unknown): v is OutputFormat {
  return typeof v === "string" && (OUTPUT_FORMATS as readonly string[]).includes(v);
}

const EXTENSION: Record<OutputFormat, string> = { png: "png", jpeg: "jpg", webp: "webp", avif: "avif", pdf: "pdf" };

/** The kit as stored (a row from getKit) or read from a file; `baseDir` resolves relative file paths. */
export interface KitRef {
  id: string;
  slug: string;
  version: number;
  kit: BrandKit;
  baseDir?: string;
}

export interface RenderDesignInput {
  kit: KitRef;
  templateId: string;
  content: unknown;
  formatId: string;
  output: OutputFormat;
  /** PDF of a print format: 3 mm bleed and crop marks. */
  bleed?: boolean;
  /** Raster: which page (0-based); a PDF always holds every page. */
  page?: number;
  /** Names the file (`summer-menu-a4.pdf`); defaults to the template id. */
  name?: string;
}

export interface RenderedDesign {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  pages: number;
  overflow: Overflow[];
  missing: MissingGlyphs[];
  fileName: string;
  /** sha256 of the validated content (defaults applied), as canonical JSON. */
  contentHash: string;
}

/** The template with that id, or undefined (routes answer 404 rather than catching an error). */
export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

function requireTemplate(id: string): Template {
  const template = findTemplate(id);
  if (!template) throw new FieldError("template", `unknown template "${id.slice(0, 80)}" (known: ${TEMPLATES.map((t) => t.id).join(", ")})`);
  return template;
}

/** Refuses a format the template is not drawn at, naming the ones it is (FieldError "format"). */
export function assertTemplateFormat(template: Template, formatId: string): string {
  if (!(template.formats as readonly string[]).includes(formatId)) {
    throw new FieldError("format", `"${formatId.slice(0, 40)}" is not a format of ${template.name} (it comes in ${template.formats.join(", ")})`);
  }
  return formatId;
}

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Validates content against the template and returns it parsed with its hash; throws ContentError. */
export function validateContent(templateId: string, content: unknown): { content: unknown; contentHash: string } {
  const parsed: unknown = parseContent(requireTemplate(templateId), content);
  return { content: parsed, contentHash: sha256Hex(canonicalJson(parsed)) };
}

const prepared = new Map<string, Promise<PreparedKit>>();

/** Logos and fonts of a kit version, loaded once per process (a new version is a new entry). */
export function preparedKit(ref: KitRef): Promise<PreparedKit> {
  const key = `${ref.id}@${ref.version}@${ref.baseDir ?? ""}`;
  let entry = prepared.get(key);
  if (!entry) {
    const opts: ResolveOptions = ref.baseDir ? { baseDir: ref.baseDir } : {};
    entry = prepareKit(ref.kit, opts);
    prepared.set(key, entry);
    entry.catch(() => prepared.delete(key));
    if (prepared.size > 16) prepared.delete(prepared.keys().next().value as string);
  }
  return entry;
}

function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "design"
  );
}

/** `summer-menu-a4.png`, `summer-menu-a4-p2.png`, `summer-menu-a4-bleed.pdf`. */
export function designFileName(name: string, formatId: string, output: OutputFormat, opts: { page?: number; bleed?: boolean } = {}): string {
  const page = opts.page && output !== "pdf" ? `-p${opts.page + 1}` : "";
  const bleed = opts.bleed && output === "pdf" ? "-bleed" : "";
  return `${slug(name)}-${formatId}${page}${bleed}.${EXTENSION[output]}`;
}

/** Renders one file of a design. Throws ContentError (by field) for content the template refuses. */
export async function renderDesign(input: RenderDesignInput): Promise<RenderedDesign> {
  const template = requireTemplate(input.templateId);
  const { content, contentHash } = validateContent(template.id, input.content);
  const format = getFormat(assertTemplateFormat(template, input.formatId));
  const print = isPrint(format);
  const bleed = Boolean(input.bleed && print && input.output === "pdf");
  // Exports and batch jobs wait for a slot rather than being refused (they bound their own concurrency).
  const out = await renderPool().run(
    async () =>
      renderTemplate(template, content, await preparedKit(input.kit), format.id, {
        format: input.output,
        ...(input.output === "pdf" ? { bleedMm: bleed ? BLEED_MM : 0, cropMarks: bleed, deterministic: true } : print ? { dpi: PRINT_DPI } : { scale: 1 }),
        page: input.page ?? 0,
        title: input.name,
      }),
    { wait: true },
  );
  return { ...out, contentHash, fileName: designFileName(input.name ?? template.id, format.id, input.output, { page: input.page, bleed }) };
}

// ---------------------------------------------------------------- previews

export interface PreviewInput {
  kit: KitRef;
  templateId: string;
  content: unknown;
  formatId: string;
  page?: number;
  /** Box the preview fits in, px (default 900 × 1200); small formats are drawn up to 2× to fill it. */
  maxWidth?: number;
  maxHeight?: number;
}

export type Preview = RenderedDesign & { key: string; cached: boolean };

const PREVIEW_CACHE_BYTES = 48 * 1024 * 1024;
const cache = new Map<string, RenderedDesign>();
const inflight = new Map<string, Promise<RenderedDesign>>();
const stats = { hits: 0, misses: 0, renders: 0, bytes: 0 };

export function previewScale(formatId: string, maxWidth = 900, maxHeight = 1200): number {
  const f = getFormat(formatId);
  return Math.min(2, maxWidth / f.width, maxHeight / f.height);
}

/** The preview cache key: kit id and version, template, format, page, size and the content hash. */
export function previewKey(input: PreviewInput, contentHash: string): string {
  const scale = previewScale(input.formatId, input.maxWidth, input.maxHeight);
  return sha256Hex(canonicalJson([input.kit.id, input.kit.version, input.kit.baseDir ?? "", input.templateId, input.formatId, "png", input.page ?? 0, scale, contentHash]));
}

function remember(key: string, value: RenderedDesign) {
  cache.set(key, value);
  stats.bytes += value.bytes.length;
  for (const [k, v] of cache) {
    if (stats.bytes <= PREVIEW_CACHE_BYTES || cache.size <= 1) break;
    cache.delete(k);
    stats.bytes -= v.bytes.length;
  }
}

/**
 * A PNG preview that fits `maxWidth × maxHeight`. Served from the cache when nothing that shapes it
 * changed; concurrent requests for the same preview share one render. A render waits for a slot of the
 * render pool; when its queue is full this throws BusyError (the routes answer 503 with Retry-After).
 */
export async function renderPreview(input: PreviewInput): Promise<Preview> {
  const { template, content, contentHash, key, hit } = lookUp(input);
  if (hit) return hit;
  stats.misses++;
  let pending = inflight.get(key);
  if (!pending) {
    pending = renderPool()
      .run(async () => {
        stats.renders++;
        const kit = await preparedKit(input.kit);
        const out = await renderTemplate(template, content, kit, input.formatId, { format: "png", scale: previewScale(input.formatId, input.maxWidth, input.maxHeight), page: input.page ?? 0 });
        const rendered = { ...out, contentHash, fileName: designFileName(template.id, input.formatId, "png", { page: input.page }) };
        remember(key, rendered);
        return rendered;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return { ...(await pending), key, cached: false };
}

/** The preview when it is already in memory (as renderPreview would answer it), else null; never renders. */
export function cachedPreview(input: PreviewInput): Preview | null {
  return lookUp(input).hit;
}

function lookUp(input: PreviewInput) {
  const template = requireTemplate(input.templateId);
  assertTemplateFormat(template, input.formatId);
  const { content, contentHash } = validateContent(template.id, input.content);
  const key = previewKey(input, contentHash);
  const found = cache.get(key);
  let hit: Preview | null = null;
  if (found) {
    cache.delete(key); // refresh its place in the LRU order
    cache.set(key, found);
    stats.hits++;
    hit = { ...found, key, cached: true };
  }
  return { template, content, contentHash, key, hit };
}

export function previewCacheStats() {
  return { entries: cache.size, bytes: stats.bytes, hits: stats.hits, misses: stats.misses, renders: stats.renders };
}

export function clearPreviewCache() {
  cache.clear();
  stats.bytes = 0;
}

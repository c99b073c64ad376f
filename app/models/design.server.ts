// Designs: a template + kit + content + the formats it is made in. Content is validated by the
// template's schema before anything is saved; errors come back keyed by field, content fields as
// `content.<path>` (the editor's input names), so each message lands next to its input.
import { designsChanged } from "../lib/templates/preview-memory.server.ts";
import sharp from "sharp";
import { prisma } from "../db.server.ts";
import { getEnv } from "../env.server.ts";
import { getBlobStore } from "../storage.server.ts";
import { storedRef } from "../lib/kit/files.server.ts";
import { inspectImage, sniffImage } from "../lib/upload/image.server.ts";
import { UploadError } from "../lib/upload/errors.ts";
import { ContentError } from "../lib/templates/registry.ts";
import { findTemplate, validateContent } from "../lib/templates/render-design.server.ts";
import type { Template } from "../lib/templates/types.ts";
import type { Scope } from "../lib/auth/scope.ts";

export class DesignValidationError extends Error {
  constructor(public readonly errors: Record<string, string>) {
    super(Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join("; "));
    this.name = "DesignValidationError";
  }
}

export class DesignNotFoundError extends Error {
  constructor(public readonly id: string) {
    super(`No design "${id.slice(0, 40)}"`);
    this.name = "DesignNotFoundError";
  }
}

/** A save based on an older version than the stored one: someone else saved in between. */
export class DesignConflictError extends Error {
  constructor(
    public readonly id: string,
    public readonly baseVersion: number,
    public readonly currentVersion: number,
  ) {
    super(`This design was changed by someone else (you edited version ${baseVersion}, it is now at version ${currentVersion}). Review their version, then apply your change again.`);
    this.name = "DesignConflictError";
  }
}

const designSelect = {
  id: true,
  kitId: true,
  version: true,
  templateId: true,
  name: true,
  content: true,
  formats: true,
  createdAt: true,
  updatedAt: true,
  kit: { select: { slug: true, name: true, version: true } },
} as const;

type DesignRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

/** Designs belong to their kit's workspace; every lookup goes through it. */
const inScope = (scope: Scope) => ({ kit: { workspaceId: scope.workspaceId } });

function findRow(scope: Scope, id: string) {
  return prisma.design.findFirst({ where: { id, ...inScope(scope) }, select: designSelect });
}

async function kitInScope(scope: Scope, kitId: string) {
  return prisma.kit.findFirst({ where: { id: kitId, workspaceId: scope.workspaceId }, select: { id: true } });
}

function parseJson(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

function hydrate(row: DesignRow) {
  const { kit, content, formats, ...rest } = row;
  const list = parseJson(formats, []);
  return {
    ...rest,
    kitSlug: kit.slug,
    kitName: kit.name,
    kitVersion: kit.version,
    content: parseJson(content, {}) as Record<string, unknown>,
    formats: Array.isArray(list) ? list.filter((f): f is string => typeof f === "string") : [],
  };
}

export type Design = ReturnType<typeof hydrate>;

export const MAX_NAME = 120;

function checkName(name: string, errors: Record<string, string>): string {
  const trimmed = name.trim();
  if (!trimmed) errors.name = "give the design a name";
  else if (trimmed.length > MAX_NAME) errors.name = `at most ${MAX_NAME} characters (this one has ${trimmed.length})`;
  return trimmed;
}

function checkFormats(template: Template, formats: string[] | undefined, errors: Record<string, string>): string[] {
  const list = formats?.length ? [...new Set(formats)] : [template.formats[0] as string];
  const bad = list.find((f) => !(template.formats as readonly string[]).includes(f));
  if (bad !== undefined) errors.formats = `"${bad.slice(0, 40)}" is not a format of ${template.name} (it comes in ${template.formats.join(", ")})`;
  return list;
}

/** Validated content as stored JSON, or the schema's issues added to `errors` as `content.<path>`. */
function checkContent(template: Template, content: unknown, errors: Record<string, string>): string | undefined {
  try {
    return JSON.stringify(validateContent(template.id, content).content);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    for (const issue of error.issues) errors[issue.path ? `content.${issue.path}` : "content"] ??= issue.message;
    return undefined;
  }
}

export interface CreateDesignInput {
  kitId: string;
  templateId: string;
  name?: string;
  /** Defaults to the template's sample content. */
  content?: unknown;
  /** Format ids; the first is the one the editor opens at. Defaults to the template's first format. */
  formats?: string[];
}

export async function createDesign(scope: Scope, input: CreateDesignInput): Promise<Design> {
  const errors: Record<string, string> = {};
  const template = findTemplate(input.templateId);
  if (!template) throw new DesignValidationError({ templateId: `unknown template "${input.templateId.slice(0, 60)}"` });
  const kit = await kitInScope(scope, input.kitId);
  if (!kit) errors.kitId = "unknown brand kit";
  const name = checkName(input.name ?? template.name, errors);
  const formats = checkFormats(template, input.formats, errors);
  const content = checkContent(template, input.content ?? template.sample, errors);
  if (Object.keys(errors).length || content === undefined) throw new DesignValidationError(errors);
  const row = await prisma.design.create({
    data: { kitId: input.kitId, templateId: template.id, name, content, formats: JSON.stringify(formats) },
    select: designSelect,
  });
  return hydrate(row);
}

export async function getDesign(scope: Scope, id: string): Promise<Design | null> {
  const row = await findRow(scope, id);
  return row ? hydrate(row) : null;
}

export async function requireDesign(scope: Scope, id: string): Promise<Design> {
  const design = await getDesign(scope, id);
  if (!design) throw new DesignNotFoundError(id);
  return design;
}

export async function listDesigns(scope: Scope, filter: { kitId?: string; templateId?: string; take?: number } = {}): Promise<Design[]> {
  const rows = await prisma.design.findMany({
    where: { ...inScope(scope), ...(filter.kitId ? { kitId: filter.kitId } : {}), ...(filter.templateId ? { templateId: filter.templateId } : {}) },
    select: designSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.take ?? 200, 1000),
  });
  return rows.map(hydrate);
}

export interface UpdateDesignInput {
  name?: string;
  content?: unknown;
  formats?: string[];
  /** Move the design to another kit (same content, other brand). */
  kitId?: string;
}

/**
 * Saves changes as the next version. With `baseVersion` (the version the editor loaded), a save made
 * after someone else's is refused with DesignConflictError rather than overwriting their work.
 */
export async function updateDesign(scope: Scope, id: string, patch: UpdateDesignInput, opts: { baseVersion?: number } = {}): Promise<Design> {
  const current = await requireDesign(scope, id);
  if (opts.baseVersion !== undefined && opts.baseVersion !== current.version) throw new DesignConflictError(id, opts.baseVersion, current.version);
  const template = findTemplate(current.templateId);
  if (!template) throw new DesignValidationError({ templateId: `the design's template "${current.templateId}" no longer exists` });
  const errors: Record<string, string> = {};
  const data: { name?: string; content?: string; formats?: string; kitId?: string } = {};
  if (patch.name !== undefined) data.name = checkName(patch.name, errors);
  if (patch.formats !== undefined) data.formats = JSON.stringify(checkFormats(template, patch.formats, errors));
  if (patch.content !== undefined) data.content = checkContent(template, patch.content, errors);
  if (patch.kitId !== undefined) {
    if (await kitInScope(scope, patch.kitId)) data.kitId = patch.kitId;
    else errors.kitId = "unknown brand kit";
  }
  if (Object.keys(errors).length) throw new DesignValidationError(errors);
  // The version guard makes a concurrent save that read the same version match no row.
  const updated = await prisma.design.updateMany({ where: { id, version: current.version }, data: { ...data, version: current.version + 1 } });
  designsChanged();
  if (updated.count !== 1) {
    const now = await findRow(scope, id);
    if (!now) throw new DesignNotFoundError(id);
    throw new DesignConflictError(id, current.version, now.version);
  }
  return requireDesign(scope, id);
}

/** Deletes the design; its assets stay in the library (their design link is cleared). */
export async function deleteDesign(scope: Scope, id: string): Promise<boolean> {
  const gone = await prisma.design.deleteMany({ where: { id, ...inScope(scope) } });
  designsChanged();
  return gone.count > 0;
}

/**
 * A photo for a design's image slot: checked (type from the bytes, size and pixel limits, full decode),
 * turned upright, stripped of metadata (camera, GPS) and capped at 3000 px, then stored. Returns the
 * `sha256:` reference the content holds. Throws UploadError naming the file.
 */
export async function storeDesignImage(bytes: Uint8Array, fileName: string): Promise<string> {
  const env = getEnv();
  if (sniffImage(bytes) === "image/svg+xml") throw new UploadError(fileName, "photos must be PNG, JPEG or WebP; SVG is for logos");
  const info = await inspectImage(bytes, { fileName, maxBytes: env.MARQUE_MAX_UPLOAD_BYTES, maxPixels: env.MARQUE_MAX_IMAGE_PIXELS });
  let pipeline = sharp(bytes, { limitInputPixels: env.MARQUE_MAX_IMAGE_PIXELS }).rotate().resize({ width: 3000, height: 3000, fit: "inside", withoutEnlargement: true }).toColourspace("srgb");
  pipeline = info.mime === "image/jpeg" ? pipeline.jpeg({ quality: 90, mozjpeg: true }) : pipeline.png({ compressionLevel: 9 });
  const key = await getBlobStore().put(await pipeline.toBuffer());
  return storedRef(key);
}

// The asset library: every rendered file — static assets and videos — with its kit version, a stale
// flag (its kit has moved on), filters, stale counts per kit and deletes that take the file with
// them. Rows a re-render replaced stay as history (supersededById) and are never listed as assets;
// their files are gone.
import type { Scope } from "../lib/auth/scope.ts";
import { z } from "zod";
import { prisma } from "../db.server.ts";
import { getBlobStore } from "../storage.server.ts";
import { FieldError } from "../lib/errors.ts";
import { isOutputFormat } from "../lib/templates/render-design.server.ts";
import { removeBlobIfUnused } from "./library-blobs.server.ts";
import { assetSourceColumns, type AssetSource } from "./asset.server.ts";

export interface LibraryFilter {
  kitId?: string;
  templateId?: string;
  format?: string;
  stale?: boolean;
  kind?: "static" | "video";
  take?: number;
  skip?: number;
}

const assetSelect = {
  id: true,
  kitId: true,
  kitVersion: true,
  designId: true,
  templateId: true,
  format: true,
  storageKey: true,
  mime: true,
  output: true,
  bytes: true,
  options: true,
  createdAt: true,
  kit: { select: { slug: true, name: true, version: true } },
  design: { select: { name: true } },
} as const;

type AssetRow = NonNullable<Awaited<ReturnType<typeof findAssetRow>>>;
/** Assets belong to their kit's workspace; every query here is limited to the scope's. */
const inScope = (scope: Scope) => ({ kit: { workspaceId: scope.workspaceId } });
const findAssetRow = (scope: Scope, id: string) => prisma.asset.findFirst({ where: { id, supersededById: null, ...inScope(scope) }, select: assetSelect });

const MIME_EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp", "image/avif": "avif", "application/pdf": "pdf", "video/mp4": "mp4" };
const VIDEO_MIME = { startsWith: "video/" };
const BLOB_REF = /^sha256:[0-9a-f]{64}$/;

const OptionsView = z.object({
  name: z.string().min(1).optional(),
  page: z.number().int().optional(),
  bleed: z.boolean().optional(),
  thumbnail: z.string().regex(BLOB_REF).optional(),
});

function parseOptions(options: string): z.infer<typeof OptionsView> {
  try {
    const parsed = OptionsView.safeParse(JSON.parse(options));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function toItem(row: AssetRow) {
  const options = parseOptions(row.options);
  return {
    id: row.id,
    kind: row.mime.startsWith("video/") ? ("video" as const) : ("static" as const),
    kitId: row.kitId,
    kitSlug: row.kit.slug,
    kitName: row.kit.name,
    kitVersion: row.kitVersion,
    currentKitVersion: row.kit.version,
    stale: row.kitVersion < row.kit.version,
    templateId: row.templateId,
    format: row.format,
    /** png | jpeg | webp | avif | pdf | mp4 */
    output: isOutputFormat(row.output) ? row.output : (MIME_EXT[row.mime] ?? "file"),
    mime: row.mime,
    bytes: row.bytes,
    storageKey: row.storageKey,
    designId: row.designId,
    title: row.design?.name ?? options.name ?? row.templateId,
    page: options.page ?? null,
    bleed: options.bleed ?? null,
    /** Blob key of a still kept with the file (videos), if its maker kept one. */
    thumbnailKey: options.thumbnail?.slice(7) ?? null,
    createdAt: row.createdAt,
  };
}

export type LibraryItem = ReturnType<typeof toItem>;

/** `kitVersion < kit.version` per kit, as a where clause (Prisma cannot compare with a joined column). */
async function staleClause(scope: Scope, stale: boolean, kitId?: string) {
  const kits = await prisma.kit.findMany({ where: { workspaceId: scope.workspaceId, ...(kitId ? { id: kitId } : {}) }, select: { id: true, version: true } });
  return kits.map((k) => ({ kitId: k.id, kitVersion: stale ? { lt: k.version } : { gte: k.version } }));
}

function whereOf(scope: Scope, filter: LibraryFilter, stale: { kitId: string; kitVersion: { lt: number } | { gte: number } }[] | undefined) {
  return {
    supersededById: null,
    ...inScope(scope),
    ...(filter.kitId ? { kitId: filter.kitId } : {}),
    ...(filter.templateId ? { templateId: filter.templateId } : {}),
    ...(filter.format ? { format: filter.format } : {}),
    ...(filter.kind === "video" ? { mime: VIDEO_MIME } : filter.kind === "static" ? { NOT: { mime: VIDEO_MIME } } : {}),
    ...(stale ? { OR: stale } : {}),
  };
}

/** Newest first. Returns one page and how many matched in all. */
export async function listLibrary(scope: Scope, filter: LibraryFilter = {}): Promise<{ items: LibraryItem[]; total: number }> {
  const take = Math.min(Math.max(filter.take ?? 60, 1), 1000);
  const skip = Math.max(filter.skip ?? 0, 0);
  const stale = filter.stale === undefined ? undefined : await staleClause(scope, filter.stale, filter.kitId);
  if (stale && stale.length === 0) return { items: [], total: 0 };
  const where = whereOf(scope, filter, stale);
  const [rows, total] = await Promise.all([
    prisma.asset.findMany({ where, select: assetSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, skip }),
    prisma.asset.count({ where }),
  ]);
  return { items: rows.map(toItem), total };
}

/** A live asset by id; null for unknown ids and for replaced (history) rows. */
export async function getLibraryItem(scope: Scope, id: string): Promise<LibraryItem | null> {
  const row = await findAssetRow(scope, id);
  return row ? toItem(row) : null;
}

/** The item's bytes, or null when it or its file is gone. */
export async function readLibraryFile(scope: Scope, id: string): Promise<{ item: LibraryItem; bytes: Buffer } | null> {
  const item = await getLibraryItem(scope, id);
  if (!item || !(await getBlobStore().has(item.storageKey))) return null;
  return { item, bytes: await getBlobStore().get(item.storageKey) };
}

export interface StaleCount {
  kitId: string;
  slug: string;
  name: string;
  version: number;
  /** Static files a re-render can refresh. */
  staleAssets: number;
  /** Videos: made again from the video page, not by a re-render. */
  staleVideos: number;
}

/** Stale assets per kit (kits with none are left out). */
export async function staleCounts(scope: Scope): Promise<StaleCount[]> {
  const [kits, groups] = await Promise.all([
    prisma.kit.findMany({ where: { workspaceId: scope.workspaceId }, select: { id: true, slug: true, name: true, version: true }, orderBy: { name: "asc" } }),
    prisma.asset.groupBy({ by: ["kitId", "kitVersion", "mime"], where: { supersededById: null, ...inScope(scope) }, _count: { _all: true } }),
  ]);
  const count = (kitId: string, version: number, video: boolean) =>
    groups.filter((g) => g.kitId === kitId && g.kitVersion < version && g.mime.startsWith("video/") === video).reduce((n, g) => n + g._count._all, 0);
  return kits
    .map((k) => ({ kitId: k.id, slug: k.slug, name: k.name, version: k.version, staleAssets: count(k.id, k.version, false), staleVideos: count(k.id, k.version, true) }))
    .filter((c) => c.staleAssets + c.staleVideos > 0);
}

/** Live static assets of the kit made with an older version (the ones a re-render can refresh). */
export async function countStaleAssets(scope: Scope, kitId: string): Promise<number> {
  const kit = await prisma.kit.findFirst({ where: { id: kitId, workspaceId: scope.workspaceId }, select: { version: true } });
  if (!kit) return 0;
  return prisma.asset.count({ where: { kitId, supersededById: null, kitVersion: { lt: kit.version }, NOT: { mime: VIDEO_MIME } } });
}

/** Ids of live stale static assets, oldest first (the order a batch re-renders them in). */
export async function staleAssetIds(scope: Scope, kitId?: string): Promise<string[]> {
  const clause = await staleClause(scope, true, kitId);
  if (clause.length === 0) return [];
  const rows = await prisma.asset.findMany({
    where: { supersededById: null, OR: clause, NOT: { mime: VIDEO_MIME } },
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => r.id);
}

/** What the filter menus offer: kits, and the templates and formats that have files. */
export async function libraryFacets(scope: Scope) {
  const [kits, templates, formats] = await Promise.all([
    prisma.kit.findMany({ where: { workspaceId: scope.workspaceId }, select: { id: true, slug: true, name: true, version: true }, orderBy: { name: "asc" } }),
    prisma.asset.groupBy({ by: ["templateId"], where: { supersededById: null, ...inScope(scope) }, orderBy: { templateId: "asc" } }),
    prisma.asset.groupBy({ by: ["format"], where: { supersededById: null, ...inScope(scope) }, orderBy: { format: "asc" } }),
  ]);
  return { kits, templates: templates.map((t) => t.templateId), formats: formats.map((f) => f.format) };
}

export interface HistoryEntry {
  id: string;
  kitVersion: number;
  createdAt: Date;
  supersededAt: Date | null;
  storageKey: string;
}

/** Earlier versions of an asset (rows its re-renders replaced), newest first. Their files are gone. The id must be a scoped lookup's. */
export async function assetHistory(id: string): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  let current = id;
  for (let i = 0; i < 100; i++) {
    const prev = await prisma.asset.findFirst({
      where: { supersededById: current },
      select: { id: true, kitVersion: true, createdAt: true, supersededAt: true, storageKey: true },
      orderBy: { createdAt: "desc" },
    });
    if (!prev) break;
    out.push(prev);
    current = prev.id;
  }
  return out;
}

/**
 * Deletes an asset with its history rows, and every file of it that nothing else uses (the file,
 * a video's still). Returns how many files went, or null when there was no such asset.
 */
export async function deleteLibraryItem(scope: Scope, id: string): Promise<{ filesRemoved: number } | null> {
  const owned = await prisma.asset.findFirst({ where: { id, ...inScope(scope) }, select: { id: true } });
  return owned ? deleteAssetAndFiles(id) : null;
}

/** The same, for any workspace's asset: `marque library check --repair` works on the whole store. */
export async function deleteAssetAndFiles(id: string): Promise<{ filesRemoved: number } | null> {
  const asset = await prisma.asset.findUnique({ where: { id }, select: { storageKey: true, supersededById: true, options: true } });
  if (!asset) return null;
  if (asset.supersededById) throw new FieldError("id", "this is an earlier version kept as history; delete the current version instead");
  const history = await assetHistory(id);
  // History rows go with it (the relation cascades); their files should be gone already.
  const gone = await prisma.asset.deleteMany({ where: { id } });
  if (gone.count === 0) return null;
  const thumbnail = parseOptions(asset.options).thumbnail?.slice(7);
  let filesRemoved = 0;
  for (const key of new Set([asset.storageKey, ...history.map((h) => h.storageKey), ...(thumbnail ? [thumbnail] : [])])) {
    if ((await removeBlobIfUnused(key)).removed) filesRemoved++;
  }
  return { filesRemoved };
}

export async function rememberAssetSource(assetId: string, source: AssetSource): Promise<void> {
  // Only the first recording counts: a deduplicated row keeps what it was first made from.
  await prisma.asset.updateMany({ where: { id: assetId, content: null }, data: assetSourceColumns(source) });
}

/** For video makers: keeps the still of a video asset with it (shown in the library, deleted with it). */
export async function rememberAssetThumbnail(assetId: string, key: string): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new FieldError("thumbnail", "expected a 64-hex storage key");
  const row = await prisma.asset.findUnique({ where: { id: assetId }, select: { options: true } });
  if (!row) throw new FieldError("assetId", `no asset "${assetId.slice(0, 40)}"`);
  let options: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.options);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) options = parsed as Record<string, unknown>;
  } catch {
    // a broken options value is replaced
  }
  await prisma.asset.update({ where: { id: assetId }, data: { options: JSON.stringify({ ...options, thumbnail: `sha256:${key}` }) } });
}

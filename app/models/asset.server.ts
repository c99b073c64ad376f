// Rendered files (exports, ZIP members, bulk renders): bytes in content-addressed blob storage, one
// `Asset` row each with the kit version, template, format and content hash it was made from, so the
// library can tell which assets a kit change made stale and re-render them.
import { z } from "zod";
import { prisma } from "../db.server.ts";
import { FieldError } from "../lib/errors.ts";
import { getBlobStore, sha256, withBlobLock } from "../storage.server.ts";
import { blobUser } from "./library-blobs.server.ts";
import type { Scope } from "../lib/auth/scope.ts";

export interface RecordAssetInput {
  kitId: string;
  kitVersion: number;
  designId?: string | null;
  templateId: string;
  /** Format id (`a4`, `ig-square`). */
  format: string;
  /** sha256 of the canonical content JSON the file was rendered from. */
  contentHash: string;
  bytes: Uint8Array;
  mime: string;
  /** What the file was made from, so the library can re-render it after a kit change (even without a design). */
  source?: AssetSource;
}

export const AssetSourceSchema = z.object({
  content: z.unknown(),
  output: z.enum(["png", "jpeg", "webp", "avif", "pdf"]),
  page: z.number().int().min(0).max(500).optional(),
  bleed: z.boolean().optional(),
  name: z.string().max(200).optional(),
});
export type AssetSource = z.input<typeof AssetSourceSchema>;

/** The Asset columns that keep a file's source: content snapshot, output type, page/bleed/name options. */
export function assetSourceColumns(source: AssetSource): { content: string; output: string; options: string } {
  const parsed = AssetSourceSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(issue?.path.join(".") || "source", issue?.message ?? "invalid");
  }
  const { content, output, page, bleed, name } = parsed.data;
  const options = JSON.stringify({ page: page ?? 0, ...(bleed !== undefined ? { bleed } : {}), ...(name ? { name } : {}) });
  return { content: JSON.stringify(content), output, options };
}

const assetSelect = {
  id: true,
  kitId: true,
  kitVersion: true,
  designId: true,
  templateId: true,
  format: true,
  contentHash: true,
  storageKey: true,
  mime: true,
  bytes: true,
  createdAt: true,
  kit: { select: { slug: true, name: true, version: true } },
  design: { select: { name: true } },
} as const;

type AssetRow = NonNullable<Awaited<ReturnType<typeof findAsset>>>;

/** Assets belong to their kit's workspace. */
const inScope = (scope: Scope) => ({ kit: { workspaceId: scope.workspaceId } });

function findAsset(scope: Scope, id: string) {
  return prisma.asset.findFirst({ where: { id, ...inScope(scope) }, select: assetSelect });
}

/** An asset with `stale`: it was made from an older version of its kit than the current one. */
function withStale(row: AssetRow) {
  const { kit, design, ...rest } = row;
  return { ...rest, kitSlug: kit.slug, kitName: kit.name, currentKitVersion: kit.version, designName: design?.name ?? null, stale: row.kitVersion < kit.version };
}

export type Asset = ReturnType<typeof withStale>;

/**
 * Stores the bytes (atomic, content-addressed) and records the asset. `kitId` must come from a lookup
 * already scoped to the acting workspace (a route's kit, a re-render job's own asset). Recording the same file from the
 * same kit version, design and format again returns the existing asset instead of a duplicate row.
 */
export async function recordAsset(input: RecordAssetInput): Promise<Asset> {
  if (!/^[0-9a-f]{64}$/.test(input.contentHash)) throw new Error("contentHash: expected a sha256 hex digest");
  if (!Number.isInteger(input.kitVersion) || input.kitVersion < 1) throw new Error("kitVersion: expected a positive integer");
  const key = sha256(input.bytes);
  return withBlobLock(key, async () => {
    await getBlobStore().put(input.bytes);
    const identity = {
      kitId: input.kitId,
      kitVersion: input.kitVersion,
      designId: input.designId ?? null,
      templateId: input.templateId,
      format: input.format,
      contentHash: input.contentHash,
      storageKey: key,
    };
    const existing = await prisma.asset.findFirst({ where: identity, select: assetSelect });
    const source = input.source ? assetSourceColumns(input.source) : {};
    const row = existing ?? (await prisma.asset.create({ data: { ...identity, ...source, mime: input.mime, bytes: input.bytes.length }, select: assetSelect }));
    // Another process may have deleted the blob between our put and the row; the bytes are at hand.
    if (!(await getBlobStore().has(key))) await getBlobStore().put(input.bytes);
    return withStale(row);
  });
}

export async function getAsset(scope: Scope, id: string): Promise<Asset | null> {
  const row = await findAsset(scope, id);
  return row ? withStale(row) : null;
}

export interface AssetFilter {
  kitId?: string;
  designId?: string;
  templateId?: string;
  format?: string;
  mime?: string;
  contentHash?: string;
  /** true: only assets made from an older kit version; false: only current ones. */
  stale?: boolean;
  take?: number;
  skip?: number;
}

/** Newest first. The stale filter runs in the database: kitVersion below (or at) each kit's version. */
export async function listAssets(scope: Scope, filter: AssetFilter = {}): Promise<Asset[]> {
  const where: NonNullable<Parameters<typeof prisma.asset.findMany>[0]>["where"] = {
    ...inScope(scope),
    // Rows a re-render replaced are history (see library.server.ts), not assets to list.
    supersededById: null,
    ...(filter.kitId ? { kitId: filter.kitId } : {}),
    ...(filter.designId ? { designId: filter.designId } : {}),
    ...(filter.templateId ? { templateId: filter.templateId } : {}),
    ...(filter.format ? { format: filter.format } : {}),
    ...(filter.mime ? { mime: filter.mime } : {}),
    ...(filter.contentHash ? { contentHash: filter.contentHash } : {}),
  };
  if (filter.stale !== undefined) {
    const kits = await prisma.kit.findMany({ where: { workspaceId: scope.workspaceId, ...(filter.kitId ? { id: filter.kitId } : {}) }, select: { id: true, version: true } });
    if (kits.length === 0) return [];
    where.OR = kits.map((k) => ({ kitId: k.id, kitVersion: filter.stale ? { lt: k.version } : { gte: k.version } }));
  }
  const rows = await prisma.asset.findMany({
    where,
    select: assetSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.take ?? 200, 1000),
    skip: filter.skip ?? 0,
  });
  return rows.map(withStale);
}

/** The asset's bytes, or null when the row or its blob is gone. */
export async function readAsset(scope: Scope, id: string): Promise<{ asset: Asset; bytes: Buffer } | null> {
  const asset = await getAsset(scope, id);
  if (!asset || !(await getBlobStore().has(asset.storageKey))) return null;
  return { asset, bytes: await getBlobStore().get(asset.storageKey) };
}

/** Deletes the asset; its blob goes too unless something else still uses the same bytes. */
export async function deleteAsset(scope: Scope, id: string): Promise<{ deleted: boolean; blobRemoved: boolean }> {
  const row = await prisma.asset.findFirst({ where: { id, ...inScope(scope) }, select: { storageKey: true } });
  if (!row) return { deleted: false, blobRemoved: false };
  return withBlobLock(row.storageKey, async () => {
    const gone = await prisma.asset.deleteMany({ where: { id } });
    if (gone.count === 0) return { deleted: false, blobRemoved: false };
    // Anything else that names the bytes (another asset, a font, a logo, a photo, a video output) keeps them.
    if (await blobUser(row.storageKey)) return { deleted: true, blobRemoved: false };
    await getBlobStore().delete(row.storageKey);
    return { deleted: true, blobRemoved: true };
  });
}

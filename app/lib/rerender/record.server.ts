// Records re-rendered files in place of the old ones. For each asset, the new row (with the source it
// was made from) and the old row marked superseded are written in the same transaction, so there is
// never a moment with both or neither live. A batch commits several assets per transaction: on
// SQLite's default journal each commit is a disk sync that costs about as much as a small render.
// The bytes are stored before the transaction (content-addressed put is atomic).
import { prisma } from "../../db.server.ts";
import { removeBlobIfUnused } from "../../models/library-blobs.server.ts";
import { withBlobLock } from "../../storage.server.ts";
import { getBlobStore } from "../../storage.server.ts";

export interface Replacement {
  /** The asset being replaced, and what it was made as (a row's template, format and design never change). */
  oldId: string;
  designId: string | null;
  templateId: string;
  format: string;
  /** sha256 of `bytes` (its storage key). */
  key: string;
  kitId: string;
  kitVersion: number;
  bytes: Uint8Array;
  mime: string;
  contentHash: string;
  /** JSON of the validated content, the output type and the options (page, bleed, name). */
  source: { content: string; output: string; options: string };
}

export type ReplaceResult =
  | { status: "replaced"; newAssetId: string }
  /** Same kit version, same bytes: the old row stands for the file again (its file had gone missing). */
  | { status: "restored"; newAssetId: string }
  /** The old row was replaced or deleted by someone else meanwhile; nothing was recorded. */
  | { status: "lost"; supersededById: string | null };

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

const identityOf = (r: Replacement) => ({ kitId: r.kitId, kitVersion: r.kitVersion, designId: r.designId, templateId: r.templateId, format: r.format, contentHash: r.contentHash, storageKey: r.key });
const sameFile = (a: ReturnType<typeof identityOf>, b: ReturnType<typeof identityOf>) =>
  a.storageKey === b.storageKey && a.kitId === b.kitId && a.kitVersion === b.kitVersion && a.designId === b.designId && a.templateId === b.templateId && a.format === b.format && a.contentHash === b.contentHash;

/**
 * The swaps of a group, with few queries: one lookup of live rows already holding these files, one
 * insert for the new rows, then one conditional update per old row (only a live old row is replaced;
 * for one replaced or deleted meanwhile, the swap leaves no trace).
 */
async function swapGroup(tx: Tx, items: readonly Replacement[]): Promise<ReplaceResult[]> {
  // A live row for exactly this file already (an export made after the kit change, or a twin stale
  // row) stands for both, as recordAsset would do.
  const live = await tx.asset.findMany({
    where: { storageKey: { in: [...new Set(items.map((i) => i.key))] }, supersededById: null },
    select: { id: true, kitId: true, kitVersion: true, designId: true, templateId: true, format: true, contentHash: true, storageKey: true, content: true },
  });
  const found = (item: Replacement) => live.find((row) => sameFile(row, identityOf(item)));
  const toCreate: Replacement[] = [];
  for (const item of items) if (!found(item) && !toCreate.some((c) => sameFile(identityOf(c), identityOf(item)))) toCreate.push(item);
  const created = toCreate.length
    ? await tx.asset.createManyAndReturn({
        data: toCreate.map((c) => ({ ...identityOf(c), mime: c.mime, bytes: c.bytes.length, ...c.source })),
        select: { id: true, kitId: true, kitVersion: true, designId: true, templateId: true, format: true, contentHash: true, storageKey: true, content: true },
      })
    : [];
  const rowFor = (item: Replacement) => found(item) ?? created.find((row) => sameFile(row, identityOf(item)));
  const results: ReplaceResult[] = [];
  const now = new Date();
  for (const item of items) {
    const row = rowFor(item);
    if (!row) throw new Error(`asset ${item.oldId}: the new row was not created`);
    if (row.id === item.oldId) {
      results.push({ status: "restored", newAssetId: row.id });
    } else {
      const marked = await tx.asset.updateMany({ where: { id: item.oldId, supersededById: null }, data: { supersededById: row.id, supersededAt: now } });
      if (marked.count === 1) results.push({ status: "replaced", newAssetId: row.id });
      else {
        const old = await tx.asset.findUnique({ where: { id: item.oldId }, select: { supersededById: true } });
        results.push({ status: "lost", supersededById: old?.supersededById ?? null });
      }
    }
    // A row found without a source (recorded by an export) learns what it was made from.
    if (row.content === null && results.at(-1)?.status !== "lost") {
      await tx.asset.update({ where: { id: row.id }, data: item.source });
      row.content = item.source.content;
    }
  }
  // New rows that ended up standing for no asset (every swap into them lost) are taken back.
  const unused = created.filter((row) => !results.some((r) => r.status !== "lost" && r.newAssetId === row.id));
  if (unused.length) await tx.asset.deleteMany({ where: { id: { in: unused.map((r) => r.id) } } });
  return results;
}

/** Holds the in-process locks of several keys (taken in sorted order, so two callers cannot deadlock). */
async function withBlobLocks<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
  const [first, ...rest] = [...new Set(keys)].sort();
  if (first === undefined) return fn();
  return withBlobLock(first, () => withBlobLocks(rest, fn));
}

/** Writes the new bytes to storage (before anything is recorded). */
export async function storeReplacement(next: Replacement): Promise<void> {
  await getBlobStore().put(next.bytes);
}

/**
 * Swaps stored replacements in, all in one transaction. Returns one result per item, in order.
 * When the group's transaction fails, each item is tried alone so one bad item cannot sink the rest.
 */
export async function commitReplacements(items: readonly Replacement[]): Promise<(ReplaceResult | Error)[]> {
  if (items.length === 0) return [];
  const store = getBlobStore();
  let results: (ReplaceResult | Error)[];
  try {
    results = await withBlobLocks(items.map((i) => i.key), () =>
      prisma.$transaction((tx) => swapGroup(tx, items)),
    );
  } catch (error) {
    if (items.length === 1) return [error instanceof Error ? error : new Error(String(error))];
    results = [];
    for (const item of items) results.push(...(await commitReplacements([item])));
    return results;
  }
  for (const [i, result] of results.entries()) {
    const item = items[i] as Replacement;
    const key = item.key;
    if (result instanceof Error) continue;
    // Nothing points at bytes stored for a lost replacement, unless another row shares them.
    if (result.status === "lost") await removeBlobIfUnused(key).catch(() => undefined);
    // A delete elsewhere may have found the bytes unused just before our row existed: put them back.
    else if (!(await store.has(key))) await store.put(item.bytes);
  }
  return results;
}

/** One replacement: store, then swap in; `onStored` runs between the two. */
export async function replaceAsset(next: Replacement, onStored?: () => void | Promise<void>): Promise<ReplaceResult> {
  await storeReplacement(next);
  await onStored?.();
  const [result] = await commitReplacements([next]);
  if (!result) throw new Error("no result");
  if (result instanceof Error) throw result;
  return result;
}

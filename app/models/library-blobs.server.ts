// Which stored blobs are still in use. Blobs are shared: rendered assets, kit fonts and logos, photos
// inside design content, video outputs and reference frames all live in the same content-addressed
// store, so a file is only removed when nothing at all points at it.
import { prisma } from "../db.server.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { getBlobStore, withBlobLock } from "../storage.server.ts";

const REF = /[0-9a-f]{64}/g;
/** Tables whose references are read explicitly below; any other table is scanned column by column. */
const KNOWN_TABLES = new Set(["Kit", "KitVersion", "FontFile", "LogoFile", "Design", "Asset", "VideoJob", "RerenderJob", "_prisma_migrations"]);

function addRefs(into: Map<string, string>, text: string | null, label: string) {
  if (!text) return;
  for (const key of text.match(REF) ?? []) if (!into.has(key)) into.set(key, label);
}

/**
 * Every blob key something refers to, with a label saying what (for reports). Superseded asset rows
 * are history: the file they name was replaced, so it does not count as a reference.
 */
export async function referencedBlobs(): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  const [assets, fonts, logos, designs, videos, kits, versions] = await Promise.all([
    prisma.asset.findMany({ select: { id: true, storageKey: true, supersededById: true, content: true, options: true } }),
    prisma.fontFile.findMany({ select: { sha256: true } }),
    prisma.logoFile.findMany({ select: { sha256: true } }),
    prisma.design.findMany({ select: { id: true, content: true } }),
    prisma.videoJob.findMany({ select: { id: true, outputs: true } }),
    prisma.kit.findMany({ select: { slug: true, data: true } }),
    prisma.kitVersion.findMany({ select: { version: true, data: true, kit: { select: { slug: true } } } }),
  ]);
  for (const a of assets) {
    if (!a.supersededById) refs.set(a.storageKey, `asset ${a.id}`);
    addRefs(refs, a.content, `photo in asset ${a.id}`);
    addRefs(refs, a.options, `still of asset ${a.id}`);
  }
  for (const f of fonts) refs.set(f.sha256, "font file");
  for (const l of logos) refs.set(l.sha256, "logo file");
  for (const d of designs) addRefs(refs, d.content, `photo in design ${d.id}`);
  for (const v of videos) addRefs(refs, v.outputs, `output of video job ${v.id}`);
  for (const k of kits) addRefs(refs, k.data, `kit ${k.slug}`);
  for (const k of versions) addRefs(refs, k.data, `kit ${k.kit.slug} v${k.version}`);
  for (const [key, label] of await otherTableRefs()) if (!refs.has(key)) refs.set(key, label);
  return refs;
}

let tablesSeen: { at: number; names: string[] } | undefined;

/** SQLite tables other than the known ones (names safe to quote); looked up at most every few seconds. */
async function otherTables(opts: { fresh?: boolean } = {}): Promise<string[]> {
  if (!opts.fresh && tablesSeen && Date.now() - tablesSeen.at < 5_000) return tablesSeen.names;
  let names: string[] = [];
  try {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
    names = rows.map((r) => r.name).filter((n) => /^\w+$/.test(n) && !KNOWN_TABLES.has(n) && !n.startsWith("sqlite_"));
  } catch {
    // not SQLite: only the known tables are read
  }
  tablesSeen = { at: Date.now(), names };
  return names;
}

/**
 * Tables added after this module was written (another feature's uploads, say) may hold blob keys
 * too; rather than risk deleting their files, any 64-hex string in any text column counts.
 */
async function otherTableRefs(): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const table of await otherTables({ fresh: true })) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    for (const row of rows) for (const value of Object.values(row)) if (typeof value === "string") addRefs(refs, value, `row in ${table}`);
  }
  return refs;
}

/** What still uses this one blob (a label), or null. One query (a re-render runs it per asset). */
export async function blobUser(key: string, opts: { freshTables?: boolean } = {}): Promise<string | null> {
  const like = `%${key}%`;
  // Plain SQL with quoted identifiers runs on SQLite and PostgreSQL alike.
  const rows = await prisma.$queryRaw<{ what: string; id: string }[]>`
    SELECT 'asset' AS what, "id" AS id FROM "Asset" WHERE "storageKey" = ${key} AND "supersededById" IS NULL
    UNION ALL SELECT 'font file', "sha256" FROM "FontFile" WHERE "sha256" = ${key}
    UNION ALL SELECT 'logo file', "sha256" FROM "LogoFile" WHERE "sha256" = ${key}
    UNION ALL SELECT 'photo in design', "id" FROM "Design" WHERE "content" LIKE ${like}
    UNION ALL SELECT 'file named in asset', "id" FROM "Asset" WHERE "content" LIKE ${like} OR "options" LIKE ${like}
    UNION ALL SELECT 'output of video job', "id" FROM "VideoJob" WHERE "outputs" LIKE ${like}
    UNION ALL SELECT 'kit', "slug" FROM "Kit" WHERE "data" LIKE ${like}
    UNION ALL SELECT 'kit version', "kitId" FROM "KitVersion" WHERE "data" LIKE ${like}
    LIMIT 1`;
  const hit = rows[0];
  if (hit) return `${hit.what} ${hit.id}`;
  return otherTableUser(key, opts.freshTables);
}

/** A table this module does not know that mentions the key (SQLite only), as a label. */
async function otherTableUser(key: string, fresh = false): Promise<string | null> {
  for (const table of await otherTables({ fresh })) {
    const cols = await prisma.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${table}")`);
    for (const col of cols.filter((c) => /^\w+$/.test(c.name) && /TEXT|CHAR|CLOB|^$/i.test(c.type))) {
      const found = await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${table}" WHERE "${col.name}" LIKE ? LIMIT 1`, `%${key}%`);
      if (found.length) return `row in ${table}`;
    }
  }
  return null;
}


/**
 * Deletes the blob when nothing uses it. The bytes are read first and the users checked again after
 * the delete: if another process recorded a row for the same bytes in between, the file is put back.
 */
export async function removeBlobIfUnused(key: string): Promise<{ removed: boolean; usedBy: string | null }> {
  return withBlobLock(key, async () => {
    const store = getBlobStore();
    const usedBy = await blobUser(key);
    if (usedBy) return { removed: false, usedBy };
    if (!(await store.has(key))) return { removed: false, usedBy: null };
    const bytes = await store.get(key);
    await store.delete(key);
    const lateUser = await blobUser(key);
    if (lateUser) {
      await store.put(bytes);
      return { removed: false, usedBy: lateUser };
    }
    return { removed: true, usedBy: null };
  });
}

/** Which of these blobs something uses: two queries for the whole set, whatever the library's size. */
export async function usedBlobs(keys: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(keys)];
  const used = new Set<string>();
  if (unique.length === 0) return used;
  const list = Prisma.join(unique);
  const anyOf = (column: string) => Prisma.join(unique.map((k) => Prisma.sql`${Prisma.raw(column)} LIKE ${`%${k}%`}`), " OR ");
  const direct = await prisma.$queryRaw<{ key: string }[]>`
    SELECT "storageKey" AS key FROM "Asset" WHERE "storageKey" IN (${list}) AND "supersededById" IS NULL
    UNION SELECT "sha256" FROM "FontFile" WHERE "sha256" IN (${list})
    UNION SELECT "sha256" FROM "LogoFile" WHERE "sha256" IN (${list})`;
  for (const row of direct) used.add(row.key);
  // Rows that mention a key somewhere in their JSON come back whole; which key is found here.
  const texts = await prisma.$queryRaw<{ text: string | null }[]>`
    SELECT "content" AS text FROM "Design" WHERE ${anyOf('"content"')}
    UNION ALL SELECT COALESCE("content", '') || ' ' || "options" FROM "Asset" WHERE ${anyOf('"content"')} OR ${anyOf('"options"')}
    UNION ALL SELECT "outputs" FROM "VideoJob" WHERE ${anyOf('"outputs"')}
    UNION ALL SELECT "data" FROM "Kit" WHERE ${anyOf('"data"')}
    UNION ALL SELECT "data" FROM "KitVersion" WHERE ${anyOf('"data"')}`;
  for (const row of texts) for (const k of unique) if (row.text?.includes(k)) used.add(k);
  for (const k of unique) if (!used.has(k) && (await otherTableUser(k))) used.add(k);
  return used;
}

/**
 * The batch form of removeBlobIfUnused, for a re-render job's replaced files: the users of the whole
 * set are looked up at once, then once more after the deletes; a file that gained a user in between
 * is put back. Keep the set modest: the bytes are held meanwhile.
 */
export async function removeBlobsIfUnused(keys: readonly string[]): Promise<string[]> {
  const store = getBlobStore();
  const candidates = [...new Set(keys)];
  if (candidates.length === 0) return [];
  const used = await usedBlobs(candidates);
  const held = new Map<string, Buffer>();
  for (const key of candidates) {
    await withBlobLock(key, async () => {
      if (used.has(key) || !(await store.has(key))) return;
      held.set(key, await store.get(key));
      await store.delete(key);
    });
  }
  if (held.size === 0) return [];
  const late = await usedBlobs([...held.keys()]);
  for (const [key, bytes] of held) {
    if (!late.has(key)) continue;
    await store.put(bytes);
    held.delete(key);
  }
  return [...held.keys()];
}

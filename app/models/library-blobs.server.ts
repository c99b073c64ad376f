// Which stored blobs are still in use. Blobs are shared: rendered assets, kit fonts and logos, photos
// inside design content, video outputs and reference frames all live in the same content-addressed
// store, so a file is only removed when nothing at all points at it.
import { prisma } from "../db.server.ts";
import { getBlobStore } from "../storage.server.ts";

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

/** SQLite table names that are safe to quote: letters, digits and underscores only. */
async function otherTables(): Promise<string[]> {
  try {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
    return rows.map((r) => r.name).filter((n) => /^\w+$/.test(n) && !KNOWN_TABLES.has(n) && !n.startsWith("sqlite_"));
  } catch {
    return []; // not SQLite: only the known tables are read
  }
}

/**
 * Tables added after this module was written (another feature's uploads, say) may hold blob keys
 * too; rather than risk deleting their files, any 64-hex string in any text column counts.
 */
async function otherTableRefs(): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const table of await otherTables()) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    for (const row of rows) for (const value of Object.values(row)) if (typeof value === "string") addRefs(refs, value, `row in ${table}`);
  }
  return refs;
}

/** What still uses this one blob (a label), or null. Targeted queries: cheap enough per re-rendered asset. */
export async function blobUser(key: string, opts: { ignoreAssetId?: string } = {}): Promise<string | null> {
  const ref = `sha256:${key}`;
  const [asset, font, logo, design, assetPhoto, video, kit, version] = await Promise.all([
    prisma.asset.findFirst({ where: { storageKey: key, supersededById: null, ...(opts.ignoreAssetId ? { id: { not: opts.ignoreAssetId } } : {}) }, select: { id: true } }),
    prisma.fontFile.findUnique({ where: { sha256: key }, select: { sha256: true } }),
    prisma.logoFile.findUnique({ where: { sha256: key }, select: { sha256: true } }),
    prisma.design.findFirst({ where: { content: { contains: ref } }, select: { id: true } }),
    prisma.asset.findFirst({ where: { OR: [{ content: { contains: ref } }, { options: { contains: ref } }] }, select: { id: true } }),
    prisma.videoJob.findFirst({ where: { outputs: { contains: key } }, select: { id: true } }),
    prisma.kit.findFirst({ where: { data: { contains: key } }, select: { slug: true } }),
    prisma.kitVersion.findFirst({ where: { data: { contains: key } }, select: { version: true } }),
  ]);
  if (asset) return `asset ${asset.id}`;
  if (font) return "font file";
  if (logo) return "logo file";
  if (design) return `photo in design ${design.id}`;
  if (assetPhoto) return `file named in asset ${assetPhoto.id}`;
  if (video) return `output of video job ${video.id}`;
  if (kit || version) return "kit file";
  for (const table of await otherTables()) {
    const cols = await prisma.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${table}")`);
    for (const col of cols.filter((c) => /^\w+$/.test(c.name) && /TEXT|CHAR|CLOB|^$/i.test(c.type))) {
      const hit = await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${table}" WHERE "${col.name}" LIKE ? LIMIT 1`, `%${key}%`);
      if (hit.length) return `row in ${table}`;
    }
  }
  return null;
}

// Removals of one key are serialised in this process, so two re-renders that replaced files with
// the same bytes cannot both decide the blob is unused while the other is recording it.
const locks = new Map<string, Promise<unknown>>();
export async function withBlobLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => {});
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}

/**
 * Deletes the blob when nothing uses it. The bytes are read first and the users checked again after
 * the delete: if another process recorded a row for the same bytes in between, the file is put back.
 */
export async function removeBlobIfUnused(key: string, opts: { ignoreAssetId?: string } = {}): Promise<{ removed: boolean; usedBy: string | null }> {
  return withBlobLock(key, async () => {
    const store = getBlobStore();
    const usedBy = await blobUser(key, opts);
    if (usedBy) return { removed: false, usedBy };
    if (!(await store.has(key))) return { removed: false, usedBy: null };
    const bytes = await store.get(key);
    await store.delete(key);
    const lateUser = await blobUser(key, opts);
    if (lateUser) {
      await store.put(bytes);
      return { removed: false, usedBy: lateUser };
    }
    return { removed: true, usedBy: null };
  });
}

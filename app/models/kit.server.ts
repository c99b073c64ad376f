// Brand kits in the database: every save bumps the version and keeps the full snapshot, so any
// version can be viewed and restored. Kit documents stored here always reference files by sha256.
import { prisma } from "../db.server.ts";
import { parseKit, type BrandKit } from "../lib/kit/schema.ts";
import { diffKits, summariseChanges } from "../lib/kit/diff.ts";

export class KitConflictError extends Error {
  constructor(
    public readonly slug: string,
    public readonly baseVersion: number,
    public readonly currentVersion: number,
  ) {
    super(
      `Kit "${slug}" was changed by someone else (you edited version ${baseVersion}, it is now at version ${currentVersion}). Review the latest version and apply your change again.`,
    );
    this.name = "KitConflictError";
  }
}

export class KitNotFoundError extends Error {
  constructor(public readonly slug: string) {
    super(`No brand kit "${slug}"`);
    this.name = "KitNotFoundError";
  }
}

const kitSelect = { id: true, slug: true, name: true, version: true, data: true, createdAt: true, updatedAt: true } as const;

function hydrate<T extends { data: string; slug: string }>(row: T) {
  return { ...row, kit: parseKit(JSON.parse(row.data), `kit ${row.slug}`) };
}

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return base || "kit";
}

async function uniqueSlug(name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await prisma.kit.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((k) => k.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function listKits() {
  const rows = await prisma.kit.findMany({ select: kitSelect, orderBy: { name: "asc" } });
  return rows.map(hydrate);
}

export async function countKits() {
  return prisma.kit.count();
}

export async function getKit(slug: string) {
  const row = await prisma.kit.findUnique({ where: { slug }, select: kitSelect });
  return row ? hydrate(row) : null;
}

export async function requireKit(slug: string) {
  const kit = await getKit(slug);
  if (!kit) throw new KitNotFoundError(slug);
  return kit;
}

/** Creates a kit at version 1 (the document must already be validated and its files stored). */
export async function createKit(doc: BrandKit, opts: { summary?: string } = {}) {
  const kit = parseKit(doc);
  const slug = await uniqueSlug(kit.name);
  const data = JSON.stringify(kit);
  return prisma.kit.create({
    data: {
      slug,
      name: kit.name,
      version: 1,
      data,
      versions: { create: { version: 1, data, summary: opts.summary ?? "Created" } },
    },
    select: { id: true, slug: true, version: true },
  });
}

/**
 * Saves a new version. `baseVersion` is the version the editor started from; when somebody saved in
 * between, the save is refused with KitConflictError instead of silently overwriting their change.
 */
export async function saveKit(slug: string, doc: BrandKit, opts: { baseVersion?: number; summary?: string } = {}) {
  const next = parseKit(doc);
  return prisma.$transaction(async (tx) => {
    const current = await tx.kit.findUnique({ where: { slug }, select: kitSelect });
    if (!current) throw new KitNotFoundError(slug);
    if (opts.baseVersion !== undefined && opts.baseVersion !== current.version) {
      throw new KitConflictError(slug, opts.baseVersion, current.version);
    }
    const changes = diffKits(JSON.parse(current.data), next);
    if (changes.length === 0) return { slug, version: current.version, changed: false };
    const version = current.version + 1;
    const data = JSON.stringify(next);
    // The version guard makes a concurrent writer's update match no row rather than overwrite.
    const updated = await tx.kit.updateMany({
      where: { id: current.id, version: current.version },
      data: { version, data, name: next.name },
    });
    if (updated.count !== 1) throw new KitConflictError(slug, current.version, current.version + 1);
    await tx.kitVersion.create({
      data: { kitId: current.id, version, data, summary: opts.summary ?? summariseChanges(changes) },
    });
    return { slug, version, changed: true };
  });
}

export async function duplicateKit(slug: string, name?: string) {
  const source = await requireKit(slug);
  return createKit({ ...source.kit, name: name?.trim() || `${source.kit.name} (copy)` }, { summary: `Duplicated from ${slug} v${source.version}` });
}

export async function deleteKit(slug: string) {
  const deleted = await prisma.kit.deleteMany({ where: { slug } });
  if (deleted.count === 0) throw new KitNotFoundError(slug);
}

export async function listVersions(slug: string) {
  const kit = await prisma.kit.findUnique({ where: { slug }, select: { id: true } });
  if (!kit) throw new KitNotFoundError(slug);
  return prisma.kitVersion.findMany({
    where: { kitId: kit.id },
    select: { version: true, summary: true, createdAt: true },
    orderBy: { version: "desc" },
  });
}

export async function getVersion(slug: string, version: number) {
  const row = await prisma.kitVersion.findFirst({
    where: { kit: { slug }, version },
    select: { version: true, data: true, summary: true, createdAt: true },
  });
  if (!row) return null;
  return { ...row, kit: parseKit(JSON.parse(row.data), `kit ${slug} v${version}`) };
}

/** Restoring copies an old snapshot forward as a new version; history is never rewritten. */
export async function restoreVersion(slug: string, version: number, opts: { baseVersion?: number } = {}) {
  const old = await getVersion(slug, version);
  if (!old) throw new KitNotFoundError(`${slug} v${version}`);
  return saveKit(slug, old.kit, { baseVersion: opts.baseVersion, summary: `Restored version ${version}` });
}

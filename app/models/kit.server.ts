// Brand kits in the database: every save bumps the version and keeps the full snapshot, so any
// version can be viewed and restored. Kit documents stored here always reference files by sha256.
import { designsChanged } from "../lib/templates/preview-memory.server.ts";
import { prisma } from "../db.server.ts";
import { parseKit, type BrandKit } from "../lib/kit/schema.ts";
import { diffKits, summariseChanges } from "../lib/kit/diff.ts";
import type { Scope } from "../lib/auth/scope.ts";
import { logActivity } from "./activity.server.ts";

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

/** A kit of the scope's workspace by slug: the only way routes find kits, so another workspace's never match. */
const bySlug = (scope: Scope, slug: string) => ({ workspaceId_slug: { workspaceId: scope.workspaceId, slug } });

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

async function uniqueSlug(scope: Scope, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await prisma.kit.findMany({ where: { workspaceId: scope.workspaceId, slug: { startsWith: base } }, select: { slug: true } })).map((k) => k.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function listKits(scope: Scope) {
  const rows = await prisma.kit.findMany({ where: { workspaceId: scope.workspaceId }, select: kitSelect, orderBy: { name: "asc" } });
  return rows.map(hydrate);
}

export async function countKits(scope: Scope) {
  return prisma.kit.count({ where: { workspaceId: scope.workspaceId } });
}

export async function getKit(scope: Scope, slug: string) {
  const row = await prisma.kit.findUnique({ where: bySlug(scope, slug), select: kitSelect });
  return row ? hydrate(row) : null;
}

export async function requireKit(scope: Scope, slug: string) {
  const kit = await getKit(scope, slug);
  if (!kit) throw new KitNotFoundError(slug);
  return kit;
}

/** Creates a kit at version 1 (the document must already be validated and its files stored). */
export async function createKit(scope: Scope, doc: BrandKit, opts: { summary?: string; action?: string } = {}) {
  const kit = parseKit(doc);
  const slug = await uniqueSlug(scope, kit.name);
  const data = JSON.stringify(kit);
  const summary = opts.summary ?? "Created";
  return prisma.$transaction(async (tx) => {
    const created = await tx.kit.create({
      data: {
        workspaceId: scope.workspaceId,
        slug,
        name: kit.name,
        version: 1,
        data,
        versions: { create: { version: 1, data, summary } },
      },
      select: { id: true, slug: true, version: true },
    });
    await logActivity(scope, { action: opts.action ?? "kit.create", subject: slug, summary: `${kit.name}: ${summary}` }, tx);
    return created;
  });
}

/**
 * Saves a new version. `baseVersion` is the version the editor started from; when somebody saved in
 * between, the save is refused with KitConflictError instead of silently overwriting their change.
 */
export async function saveKit(scope: Scope, slug: string, doc: BrandKit, opts: { baseVersion?: number; summary?: string; action?: string } = {}) {
  const next = parseKit(doc);
  return prisma.$transaction(async (tx) => {
    const current = await tx.kit.findUnique({ where: bySlug(scope, slug), select: kitSelect });
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
    const summary = opts.summary ?? summariseChanges(changes);
    await tx.kitVersion.create({ data: { kitId: current.id, version, data, summary } });
    await logActivity(scope, { action: opts.action ?? "kit.update", subject: slug, summary: `v${version}: ${summary}` }, tx);
    return { slug, version, changed: true };
  }).finally(designsChanged);
}

export async function duplicateKit(scope: Scope, slug: string, name?: string) {
  const source = await requireKit(scope, slug);
  return createKit(scope, { ...source.kit, name: name?.trim() || `${source.kit.name} (copy)` }, { summary: `Duplicated from ${slug} v${source.version}`, action: "kit.duplicate" });
}

export async function deleteKit(scope: Scope, slug: string) {
  await prisma.$transaction(async (tx) => {
    const deleted = await tx.kit.deleteMany({ where: { workspaceId: scope.workspaceId, slug } });
    if (deleted.count === 0) throw new KitNotFoundError(slug);
    await logActivity(scope, { action: "kit.delete", subject: slug, summary: `Deleted ${slug}` }, tx);
  }).finally(designsChanged);
}

export async function listVersions(scope: Scope, slug: string) {
  const kit = await prisma.kit.findUnique({ where: bySlug(scope, slug), select: { id: true } });
  if (!kit) throw new KitNotFoundError(slug);
  return prisma.kitVersion.findMany({
    where: { kitId: kit.id },
    select: { version: true, summary: true, createdAt: true },
    orderBy: { version: "desc" },
  });
}

export async function getVersion(scope: Scope, slug: string, version: number) {
  const row = await prisma.kitVersion.findFirst({
    where: { kit: { workspaceId: scope.workspaceId, slug }, version },
    select: { version: true, data: true, summary: true, createdAt: true },
  });
  if (!row) return null;
  return { ...row, kit: parseKit(JSON.parse(row.data), `kit ${slug} v${version}`) };
}

/**
 * A kit version by the kit's id, for background work (video clips, post-production) on rows that a
 * scoped caller created; routes use getVersion with a Scope.
 */
export async function getVersionOfKitId(kitId: string, version: number) {
  const row = await prisma.kitVersion.findFirst({ where: { kitId, version }, select: { version: true, data: true, kit: { select: { slug: true } } } });
  return row ? { version: row.version, slug: row.kit.slug, kit: parseKit(JSON.parse(row.data), `kit ${row.kit.slug} v${version}`) } : null;
}

/** Restoring copies an old snapshot forward as a new version; history is never rewritten. */
export async function restoreVersion(scope: Scope, slug: string, version: number, opts: { baseVersion?: number } = {}) {
  const old = await getVersion(scope, slug, version);
  if (!old) throw new KitNotFoundError(`${slug} v${version}`);
  return saveKit(scope, slug, old.kit, { baseVersion: opts.baseVersion, summary: `Restored version ${version}`, action: "kit.restore" });
}

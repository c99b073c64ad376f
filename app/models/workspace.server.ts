// Workspaces: a team's kits and everything made from them. The first one is created for the example kits
// (or by the first owner); owners can create more; the CLI acts as one, named by slug.
import { ValidationError } from "../lib/validation.ts";
import { authChanged } from "../lib/auth/auth-cache.server.ts";
import { prisma } from "../db.server.ts";
import { slugify } from "./kit.server.ts";
import type { Scope } from "../lib/auth/scope.ts";

export type Workspace = { id: string; slug: string; name: string };
const select = { id: true, slug: true, name: true } as const;

export class WorkspaceNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkspaceNotFoundError";
  }
}

async function uniqueWorkspaceSlug(name: string): Promise<string> {
  const base = slugify(name).replace(/^kit$/, "workspace");
  const taken = new Set((await prisma.workspace.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((w) => w.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function workspaceNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "give the workspace a name";
  if (trimmed.length > 80) return "use at most 80 characters";
  return null;
}

/** Creates a workspace; with `ownerId`, that user becomes its owner. */
export async function createWorkspace(name: string, opts: { ownerId?: string; slug?: string } = {}): Promise<Workspace> {
  const problem = workspaceNameProblem(name);
  if (problem) throw new ValidationError([{ path: "name", message: problem }], "Workspace");
  const slug = opts.slug ?? (await uniqueWorkspaceSlug(name));
  const ws = await prisma.workspace.create({
    data: { name: name.trim(), slug, ...(opts.ownerId ? { members: { create: { userId: opts.ownerId, role: "owner" } } } : {}) },
    select,
  });
  if (opts.ownerId) authChanged();
  return ws;
}

export async function getWorkspace(id: string): Promise<Workspace | null> {
  return prisma.workspace.findUnique({ where: { id }, select });
}

export async function countWorkspaces(): Promise<number> {
  return prisma.workspace.count();
}

export async function listWorkspaces(): Promise<(Workspace & { kits: number; members: number })[]> {
  const rows = await prisma.workspace.findMany({ select: { ...select, _count: { select: { kits: true, members: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map(({ _count, ...w }) => ({ ...w, kits: _count.kits, members: _count.members }));
}

export async function renameWorkspace(scope: Scope, name: string): Promise<Workspace> {
  const problem = workspaceNameProblem(name);
  if (problem) throw new ValidationError([{ path: "name", message: problem }], "Workspace");
  const ws = await prisma.workspace.update({ where: { id: scope.workspaceId }, data: { name: name.trim() }, select });
  authChanged(); // the top bar shows the name
  return ws;
}

/** The workspace the example kits go into on a new database: the oldest one, created when there is none. */
export async function firstWorkspace(): Promise<Workspace> {
  const existing = await prisma.workspace.findFirst({ select, orderBy: { createdAt: "asc" } });
  return existing ?? createWorkspace("My brands", { slug: "default" });
}

/**
 * The workspace the CLI acts as: `--workspace <slug>` (or MARQUE_WORKSPACE); without one, the only
 * workspace there is. Several and none named: an error that lists them.
 */
export async function cliWorkspace(slug: string | undefined): Promise<Scope & { workspace: Workspace }> {
  const all = await prisma.workspace.findMany({ select, orderBy: { createdAt: "asc" } });
  let ws: Workspace | undefined;
  if (slug) {
    ws = all.find((w) => w.slug === slug);
    if (!ws) throw new WorkspaceNotFoundError(`No workspace "${slug}". Workspaces: ${all.map((w) => w.slug).join(", ") || "none yet"}.`);
  } else if (all.length === 1) {
    ws = all[0];
  } else if (all.length === 0) {
    ws = await firstWorkspace();
  } else {
    throw new WorkspaceNotFoundError(`This database has ${all.length} workspaces; say which with --workspace <slug> (${all.map((w) => w.slug).join(", ")}).`);
  }
  if (!ws) throw new WorkspaceNotFoundError("No workspace");
  return { workspaceId: ws.id, userId: null, actor: "cli", workspace: ws };
}

// A signed-in user's workspaces: the ones they belong to, moving their session into another one, making
// a new one (they own it), renaming the current one. Each change goes into the activity log.
import { prisma } from "../db.server.ts";
import { isRole, type Role } from "../lib/auth/roles.ts";
import type { Scope } from "../lib/auth/scope.ts";
import { switchSessionWorkspace } from "../lib/auth/session.server.ts";
import { logActivity } from "./activity.server.ts";
import { createWorkspace, renameWorkspace } from "./workspace.server.ts";

export type MyWorkspace = { id: string; slug: string; name: string; role: Role; kits: number; members: number };

export async function listWorkspacesOf(userId: string): Promise<MyWorkspace[]> {
  const rows = await prisma.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true, _count: { select: { kits: true, members: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ role, workspace: { _count, ...w } }) => ({ ...w, role: isRole(role) ? role : "viewer", kits: _count.kits, members: _count.members }));
}

/** Moves the session into `workspaceId`; false when the user is not a member there (nothing changes). */
export async function switchWorkspace(session: { sessionId: string; userId: string }, workspaceId: string): Promise<boolean> {
  const member = await prisma.membership.findUnique({ where: { userId_workspaceId: { userId: session.userId, workspaceId } }, select: { role: true } });
  if (!member) return false;
  await switchSessionWorkspace(session.sessionId, workspaceId);
  return true;
}

/** A new workspace owned by the acting user. */
export async function createOwnWorkspace(actor: { userId: string; actor: string }, name: string) {
  const ws = await createWorkspace(name, { ownerId: actor.userId });
  await logActivity({ workspaceId: ws.id, userId: actor.userId, actor: actor.actor }, { action: "workspace.create", subject: ws.slug, summary: `Created the workspace "${ws.name}"` });
  return ws;
}

export async function renameWorkspaceAs(scope: Scope, name: string) {
  const before = await prisma.workspace.findUnique({ where: { id: scope.workspaceId }, select: { name: true } });
  const ws = await renameWorkspace(scope, name);
  if (before && before.name !== ws.name) await logActivity(scope, { action: "workspace.rename", subject: ws.slug, summary: `"${before.name}" → "${ws.name}"` });
  return ws;
}

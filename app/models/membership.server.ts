// A signed-in user's workspaces: the ones they belong to, moving their session into another one, making
// a new one (they own it), renaming the current one, leaving one. Each change goes into the activity log.
import { prisma } from "../db.server.ts";
import { isRole, type Role } from "../lib/auth/roles.ts";
import type { Scope } from "../lib/auth/scope.ts";
import { switchSessionWorkspace } from "../lib/auth/session.server.ts";
import { authChanged } from "../lib/auth/auth-cache.server.ts";
import { ValidationError } from "../lib/validation.ts";
import { LastOwnerError } from "./account.server.ts";
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

/**
 * The user leaves `workspaceId`: their membership ends, and their sessions that were in it (this browser's
 * among them) move to their oldest other workspace. Refused for a workspace's last owner
 * and for the user's only workspace (an account must belong somewhere to sign in). False when not a member.
 */
export async function leaveWorkspace(user: { userId: string; actor: string }, workspaceId: string): Promise<{ name: string; movedTo: string } | false> {
  const left = await prisma.$transaction(async (tx) => {
    const key = { userId_workspaceId: { userId: user.userId, workspaceId } };
    const m = await tx.membership.findUnique({ where: key, select: { role: true, workspace: { select: { name: true } } } });
    if (!m) return false;
    if (m.role === "owner" && (await tx.membership.count({ where: { workspaceId, role: "owner" } })) <= 1) throw new LastOwnerError();
    const next = await tx.membership.findFirst({ where: { userId: user.userId, workspaceId: { not: workspaceId } }, select: { workspaceId: true }, orderBy: { createdAt: "asc" } });
    if (!next) throw new ValidationError([{ path: "workspaceId", message: `"${m.workspace.name}" is your only workspace: create or join another before leaving it` }]);
    await tx.membership.delete({ where: key });
    await tx.session.updateMany({ where: { userId: user.userId, workspaceId }, data: { workspaceId: next.workspaceId } });
    await logActivity({ workspaceId, userId: user.userId, actor: user.actor }, { action: "member.leave", subject: user.actor, summary: `${user.actor} left the workspace` }, tx);
    return { name: m.workspace.name, movedTo: next.workspaceId };
  });
  authChanged();
  return left;
}

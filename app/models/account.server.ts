// Accounts: the first owner (first run), sign-in checks, members and their roles.
import { authChanged } from "../lib/auth/auth-cache.server.ts";
import { prisma } from "../db.server.ts";
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from "../lib/auth/password.server.ts";
import { isRole, type Role } from "../lib/auth/roles.ts";
import type { Scope } from "../lib/auth/scope.ts";
import { ValidationError } from "../lib/validation.ts";
import { logActivity } from "./activity.server.ts";
import { firstWorkspace, workspaceNameProblem } from "./workspace.server.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblem(email: string): string | null {
  const e = normaliseEmail(email);
  if (!e) return "enter an email address";
  if (e.length > 254 || !EMAIL.test(e)) return `"${email.trim().slice(0, 80)}" is not an email address`;
  return null;
}

export class FirstRunDoneError extends Error {
  constructor() {
    super("Marque is already set up: sign in, or ask an owner for an invitation.");
    this.name = "FirstRunDoneError";
  }
}

/**
 * First run: creates the owner account and makes them owner of the first workspace (the one holding the
 * example kits), renamed as they ask. Refused once any account exists, so it can't be replayed.
 */
export async function createFirstOwner(input: { email: string; password: string; name?: string; workspaceName: string }) {
  const problems = [
    { path: "email", message: emailProblem(input.email) },
    { path: "password", message: passwordProblem(input.password) },
    { path: "workspaceName", message: workspaceNameProblem(input.workspaceName) },
  ].filter((i): i is { path: string; message: string } => i.message !== null);
  if (problems.length) throw new ValidationError(problems);
  const passwordHash = await hashPassword(input.password);
  const ws = await firstWorkspace();
  const created = await prisma.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new FirstRunDoneError();
    const user = await tx.user.create({ data: { email: normaliseEmail(input.email), name: input.name?.trim() ?? "", passwordHash }, select: { id: true, email: true } });
    await tx.workspace.update({ where: { id: ws.id }, data: { name: input.workspaceName.trim() } });
    await tx.membership.create({ data: { userId: user.id, workspaceId: ws.id, role: "owner" } });
    await logActivity({ workspaceId: ws.id, userId: user.id, actor: user.email }, { action: "workspace.setup", subject: ws.slug, summary: "Created the owner account" }, tx);
    return { user, workspaceId: ws.id };
  });
  authChanged();
  return created;
}

/** The user when email and password match, else null; takes as long for an unknown email as for a known one. */
export async function verifyLogin(email: string, password: string): Promise<{ id: string; email: string } | null> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  return user && ok ? { id: user.id, email: user.email } : null;
}

/**
 * Sets a user's password and ends their sessions, all but `keepSessionId` (the browser that changed it).
 * Returns how many sessions ended. A password that breaks the rules is a ValidationError on `password`.
 */
export async function setPassword(userId: string, password: string, opts: { keepSessionId?: string } = {}): Promise<number> {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError([{ path: "password", message: problem }]);
  const passwordHash = await hashPassword(password);
  const ended = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return (await tx.session.deleteMany({ where: { userId, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) } })).count;
  });
  authChanged();
  return ended;
}

/** A signed-in user's own change: the current password first (a ValidationError on `current` when wrong). */
export async function changePassword(user: { userId: string; sessionId: string }, current: string, next: string): Promise<number> {
  const row = await prisma.user.findUnique({ where: { id: user.userId }, select: { passwordHash: true } });
  if (!row || !(await verifyPassword(current, row.passwordHash))) throw new ValidationError([{ path: "current", message: "that is not your current password" }]);
  if (current === next) throw new ValidationError([{ path: "password", message: "choose a password different from the current one" }]);
  return setPassword(user.userId, next, { keepSessionId: user.sessionId });
}

/** The workspace a fresh sign-in lands in: the user's oldest membership. */
export async function defaultWorkspaceOf(userId: string): Promise<string | null> {
  const m = await prisma.membership.findFirst({ where: { userId }, select: { workspaceId: true }, orderBy: { createdAt: "asc" } });
  return m?.workspaceId ?? null;
}

export async function listMembers(scope: Scope) {
  const rows = await prisma.membership.findMany({
    where: { workspaceId: scope.workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r.user, role: isRole(r.role) ? r.role : "viewer", since: r.createdAt }));
}

export class LastOwnerError extends Error {
  constructor() {
    super("A workspace needs at least one owner: make someone else an owner first.");
    this.name = "LastOwnerError";
  }
}

/** Changes a member's role (or removes them with role null); the last owner can be neither demoted nor removed. */
export async function setMemberRole(scope: Scope, userId: string, role: Role | null) {
  const changed = await prisma.$transaction(async (tx) => {
    const m = await tx.membership.findUnique({ where: { userId_workspaceId: { userId, workspaceId: scope.workspaceId } }, select: { role: true, user: { select: { email: true } } } });
    if (!m) return null;
    if (m.role === "owner" && role !== "owner") {
      const owners = await tx.membership.count({ where: { workspaceId: scope.workspaceId, role: "owner" } });
      if (owners <= 1) throw new LastOwnerError();
    }
    if (role === null) {
      await tx.membership.delete({ where: { userId_workspaceId: { userId, workspaceId: scope.workspaceId } } });
      await tx.session.deleteMany({ where: { userId, workspaceId: scope.workspaceId } });
      await logActivity(scope, { action: "member.remove", subject: m.user.email, summary: `Removed ${m.user.email}` }, tx);
    } else if (role !== m.role) {
      await tx.membership.update({ where: { userId_workspaceId: { userId, workspaceId: scope.workspaceId } }, data: { role } });
      await logActivity(scope, { action: "member.role", subject: m.user.email, summary: `${m.user.email}: ${m.role} → ${role}` }, tx);
    }
    return { email: m.user.email, role };
  });
  // Their next request (and every cached page of theirs) sees the new role or no access at once.
  authChanged();
  return changed;
}

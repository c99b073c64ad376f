// Invitations: a single-use link, valid for 7 days, that adds one person to a workspace with a role.
// Only the SHA-256 of the link's token is stored, so a copy of the database cannot be used to join.
import { authChanged } from "../lib/auth/auth-cache.server.ts";
import { randomBytes } from "node:crypto";
import { prisma } from "../db.server.ts";
import { hashPassword, passwordProblem } from "../lib/auth/password.server.ts";
import { isRole, type Role } from "../lib/auth/roles.ts";
import type { Scope } from "../lib/auth/scope.ts";
import { tokenHash } from "../lib/auth/session.server.ts";
import { ValidationError, type Issue } from "../lib/validation.ts";
import { logActivity } from "./activity.server.ts";
import { emailProblem, normaliseEmail } from "./account.server.ts";

export const INVITATION_DAYS = 7;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type InvitationStatus = "valid" | "expired" | "used" | "revoked";

type Row = { id: string; email: string; role: string; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null; createdAt: Date };

function statusOf(row: Pick<Row, "expiresAt" | "acceptedAt" | "revokedAt">, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

const CLOSED_MESSAGE: Record<Exclude<InvitationStatus, "valid"> | "unknown", string> = {
  used: "this invitation link has already been used; ask an owner of the workspace for a new one",
  revoked: "this invitation was withdrawn; ask an owner of the workspace for a new one",
  expired: `this invitation link has expired (links last ${INVITATION_DAYS} days); ask an owner of the workspace for a new one`,
  unknown: "this invitation link is not valid; check that it was copied whole",
};

/** The invitation cannot be accepted: unknown, used, revoked or expired. */
export class InvitationClosedError extends Error {
  constructor(public readonly status: Exclude<InvitationStatus, "valid"> | "unknown") {
    super(`invitation: ${CLOSED_MESSAGE[status]}`);
    this.name = "InvitationClosedError";
  }
}

function fail(issues: Issue[]): never {
  throw new ValidationError(issues);
}

/**
 * Invites `email` with `role`; returns the link's token once (it is not stored). A newer invitation for
 * the same address replaces a pending one. Owners only: the route enforces it.
 */
export async function createInvitation(scope: Scope, email: string, role: string) {
  const issues: Issue[] = [];
  const problem = emailProblem(email);
  if (problem) issues.push({ path: "email", message: problem });
  if (!isRole(role)) issues.push({ path: "role", message: `choose owner, editor or viewer (not "${String(role).slice(0, 20)}")` });
  if (issues.length) fail(issues);
  const address = normaliseEmail(email);
  const member = await prisma.membership.findFirst({ where: { workspaceId: scope.workspaceId, user: { email: address } }, select: { role: true } });
  if (member) fail([{ path: "email", message: `${address} is already a member of this workspace (${member.role})` }]);

  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  const created = await prisma.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { workspaceId: scope.workspaceId, email: address, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const inv = await tx.invitation.create({
      data: { workspaceId: scope.workspaceId, email: address, role, tokenHash: tokenHash(token), invitedById: scope.userId ?? null, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await logActivity(scope, { action: "invitation.create", subject: address, summary: `Invited ${address} as ${role}` }, tx);
    return inv;
  });
  return { ...created, token, path: `/invite/${token}` };
}

/** The workspace's invitations, newest first, each with its status. */
export async function listInvitations(scope: Scope, take = 50) {
  const rows = await prisma.invitation.findMany({
    where: { workspaceId: scope.workspaceId },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const now = new Date();
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt, createdAt: r.createdAt, status: statusOf(r, now) }));
}

/** Withdraws a pending invitation of this workspace; null when there is none by that id (or it was used). */
export async function revokeInvitation(scope: Scope, id: string) {
  const inv = await prisma.invitation.findFirst({ where: { id, workspaceId: scope.workspaceId }, select: { id: true, email: true } });
  if (!inv) return null;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return null;
    await logActivity(scope, { action: "invitation.revoke", subject: inv.email, summary: `Withdrew the invitation for ${inv.email}` }, tx);
    return { id: inv.id, email: inv.email };
  });
}

export type InspectedInvitation =
  | { status: "unknown" }
  | { status: InvitationStatus; id: string; email: string; role: Role; workspace: { id: string; name: string }; expiresAt: Date; accountExists: boolean };

/** What a link holder may see: the workspace, the role, the address it was sent to, and whether it still works. */
export async function inspectInvitation(token: string): Promise<InspectedInvitation> {
  if (!TOKEN.test(token)) return { status: "unknown" };
  const inv = await prisma.invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { id: true, name: true } } },
  });
  if (!inv || !isRole(inv.role)) return { status: "unknown" };
  const accountExists = (await prisma.user.count({ where: { email: inv.email } })) > 0;
  return { status: statusOf(inv), id: inv.id, email: inv.email, role: inv.role, workspace: inv.workspace, expiresAt: inv.expiresAt, accountExists };
}

export type AcceptAs = { userId: string } | { password: string; name?: string };

/**
 * Accepts the invitation: as a new account (password, optional name; the address is the invited one) or
 * as an existing signed-in user with the invited address. Single use: the invitation is claimed by a
 * conditional update inside the transaction, so of two concurrent accepts exactly one succeeds.
 */
export async function acceptInvitation(token: string, as: AcceptAs) {
  if (!TOKEN.test(token)) throw new InvitationClosedError("unknown");
  const inv = await prisma.invitation.findUnique({ where: { tokenHash: tokenHash(token) }, select: { id: true, email: true, role: true, workspaceId: true, expiresAt: true, acceptedAt: true, revokedAt: true } });
  if (!inv || !isRole(inv.role)) throw new InvitationClosedError("unknown");
  const status = statusOf(inv);
  if (status !== "valid") throw new InvitationClosedError(status);

  let passwordHash: string | null = null;
  if ("password" in as) {
    const problem = passwordProblem(as.password);
    if (problem) fail([{ path: "password", message: problem }]);
    if ((as.name ?? "").trim().length > 80) fail([{ path: "name", message: "use at most 80 characters" }]);
    passwordHash = await hashPassword(as.password);
  }

  const now = new Date();
  const accepted = await prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (claimed.count === 0) {
      const again = await tx.invitation.findUnique({ where: { id: inv.id }, select: { expiresAt: true, acceptedAt: true, revokedAt: true } });
      const state = again ? statusOf(again, now) : "unknown";
      // Still "valid" only when a concurrent accept claimed it a moment ago and has not committed yet.
      throw new InvitationClosedError(state === "valid" ? "used" : state);
    }
    let user: { id: string; email: string };
    if ("userId" in as) {
      const found = await tx.user.findUnique({ where: { id: as.userId }, select: { id: true, email: true } });
      if (!found) throw new InvitationClosedError("unknown");
      if (found.email !== inv.email) fail([{ path: "email", message: `this invitation is for ${inv.email}, and you are signed in as ${found.email}; sign out and open the link again` }]);
      const member = await tx.membership.findUnique({ where: { userId_workspaceId: { userId: found.id, workspaceId: inv.workspaceId } }, select: { role: true } });
      if (member) fail([{ path: "email", message: `${found.email} is already a member of this workspace (${member.role})` }]);
      user = found;
    } else {
      if (await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } })) {
        fail([{ path: "email", message: `an account for ${inv.email} already exists; sign in as ${inv.email} and open the link again` }]);
      }
      user = await tx.user.create({ data: { email: inv.email, name: (as.name ?? "").trim(), passwordHash: passwordHash ?? "" }, select: { id: true, email: true } });
    }
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedById: user.id } });
    await tx.membership.create({ data: { userId: user.id, workspaceId: inv.workspaceId, role: inv.role } });
    await logActivity({ workspaceId: inv.workspaceId, userId: user.id, actor: user.email }, { action: "member.join", subject: user.email, summary: `Joined as ${inv.role} by invitation` }, tx);
    return { userId: user.id, email: user.email, workspaceId: inv.workspaceId, role: inv.role as Role };
  });
  authChanged(); // a signed-in member who joins sees the new workspace at once
  return accepted;
}

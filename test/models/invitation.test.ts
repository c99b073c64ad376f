// Invitations on a real database: only the token's hash is stored, links expire, are single use even
// when two people accept at once, can be withdrawn, and every refusal names the field.
import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { ValidationError } from "~/lib/validation.ts";
import { verifyLogin } from "~/models/account.server.ts";
import { acceptInvitation, createInvitation, inspectInvitation, InvitationClosedError, listInvitations, revokeInvitation } from "~/models/invitation.server.ts";
import { makeMember, makeWorkspace } from "../support/auth.ts";

const PASSWORD = "tidal basin marigold";

async function ownerScope() {
  const ws = await makeWorkspace("Harbour Group");
  const owner = await makeMember(ws, "owner");
  return { ws, owner, scope: owner.scope };
}

function issuesOf(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof ValidationError ? e.issues : e),
  );
}

test("an invitation stores only the SHA-256 of its token and lasts 7 days", async () => {
  const { scope } = await ownerScope();
  const inv = await createInvitation(scope, " New.Person@Example.com ", "editor");
  expect(inv.token).toMatch(/^[\w-]{43}$/);
  expect(inv.path).toBe(`/invite/${inv.token}`);
  expect(inv.email).toBe("new.person@example.com");
  const row = await prisma.invitation.findUniqueOrThrow({ where: { id: inv.id } });
  expect(row.tokenHash).toBe(createHash("sha256").update(inv.token).digest("hex"));
  expect(JSON.stringify(row)).not.toContain(inv.token);
  expect(Math.abs(row.expiresAt.getTime() - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
  expect(row.invitedById).toBe(scope.userId);
  expect(await inspectInvitation(inv.token)).toMatchObject({ status: "valid", email: "new.person@example.com", role: "editor", workspace: { name: "Harbour Group" }, accountExists: false });
});

test("bad input names the field: email, role, and an address that is already a member", async () => {
  const { scope, owner } = await ownerScope();
  expect(await issuesOf(createInvitation(scope, "nope", "editor"))).toEqual([{ path: "email", message: '"nope" is not an email address' }]);
  expect(await issuesOf(createInvitation(scope, "a@example.com", "admin"))).toEqual([{ path: "role", message: 'choose owner, editor or viewer (not "admin")' }]);
  expect(await issuesOf(createInvitation(scope, owner.email, "viewer"))).toEqual([{ path: "email", message: `${owner.email} is already a member of this workspace (owner)` }]);
});

test("accepting as a new account: the person can sign in, has the role, and the link is used up", async () => {
  const { scope, ws } = await ownerScope();
  const inv = await createInvitation(scope, "ed@example.com", "editor");
  const joined = await acceptInvitation(inv.token, { password: PASSWORD, name: " Ed " });
  expect(joined).toMatchObject({ email: "ed@example.com", workspaceId: ws.workspaceId, role: "editor" });
  expect(await verifyLogin("ed@example.com", PASSWORD)).toMatchObject({ id: joined.userId });
  expect(await prisma.membership.findUnique({ where: { userId_workspaceId: { userId: joined.userId, workspaceId: ws.workspaceId } }, select: { role: true } })).toEqual({ role: "editor" });
  expect(await prisma.user.findUnique({ where: { id: joined.userId }, select: { name: true } })).toEqual({ name: "Ed" });
  expect(await inspectInvitation(inv.token)).toMatchObject({ status: "used" });
  await expect(acceptInvitation(inv.token, { password: PASSWORD })).rejects.toMatchObject({ status: "used", message: expect.stringMatching(/^invitation: .*already been used/) });
  const log = await prisma.activity.findMany({ where: { workspaceId: ws.workspaceId }, select: { action: true, actor: true }, orderBy: { createdAt: "asc" } });
  expect(log.map((l) => l.action)).toEqual(["invitation.create", "member.join"]);
  expect(log[1]?.actor).toBe("ed@example.com");
});

test("two concurrent accepts of one link: exactly one account and one membership", async () => {
  const { scope, ws } = await ownerScope();
  const inv = await createInvitation(scope, "race@example.com", "viewer");
  const results = await Promise.allSettled([acceptInvitation(inv.token, { password: PASSWORD }), acceptInvitation(inv.token, { password: "another long password" })]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const rejected = results.find((r) => r.status === "rejected");
  expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(InvitationClosedError);
  expect(await prisma.user.count({ where: { email: "race@example.com" } })).toBe(1);
  expect(await prisma.membership.count({ where: { workspaceId: ws.workspaceId, user: { email: "race@example.com" } } })).toBe(1);
});

test("an expired link cannot be accepted", async () => {
  const { scope } = await ownerScope();
  const inv = await createInvitation(scope, "late@example.com", "editor");
  await prisma.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await inspectInvitation(inv.token)).status).toBe("expired");
  await expect(acceptInvitation(inv.token, { password: PASSWORD })).rejects.toMatchObject({ status: "expired", message: expect.stringMatching(/expired \(links last 7 days\)/) });
  expect(await prisma.user.count({ where: { email: "late@example.com" } })).toBe(0);
});

test("a withdrawn link cannot be accepted; withdrawing works once and only within the workspace", async () => {
  const { scope } = await ownerScope();
  const other = await ownerScope();
  const inv = await createInvitation(scope, "gone@example.com", "editor");
  expect(await revokeInvitation(other.scope, inv.id)).toBeNull(); // another workspace's owner
  expect(await revokeInvitation(scope, inv.id)).toEqual({ id: inv.id, email: "gone@example.com" });
  expect(await revokeInvitation(scope, inv.id)).toBeNull();
  expect((await inspectInvitation(inv.token)).status).toBe("revoked");
  await expect(acceptInvitation(inv.token, { password: PASSWORD })).rejects.toMatchObject({ status: "revoked" });
  expect((await listInvitations(scope)).map((i) => [i.email, i.status])).toEqual([["gone@example.com", "revoked"]]);
});

test("a new invitation for the same address replaces the pending one", async () => {
  const { scope } = await ownerScope();
  const first = await createInvitation(scope, "twice@example.com", "viewer");
  const second = await createInvitation(scope, "twice@example.com", "editor");
  expect((await inspectInvitation(first.token)).status).toBe("revoked");
  expect(await inspectInvitation(second.token)).toMatchObject({ status: "valid", role: "editor" });
});

test("unknown and malformed tokens are unknown", async () => {
  expect(await inspectInvitation("A".repeat(43))).toEqual({ status: "unknown" });
  expect(await inspectInvitation("../../etc/passwd")).toEqual({ status: "unknown" });
  await expect(acceptInvitation("A".repeat(43), { password: PASSWORD })).rejects.toMatchObject({ status: "unknown" });
});

test("a new account's password is checked (field named) before the link is used", async () => {
  const { scope } = await ownerScope();
  const inv = await createInvitation(scope, "short@example.com", "editor");
  expect(await issuesOf(acceptInvitation(inv.token, { password: "short" }))).toEqual([{ path: "password", message: "use at least 10 characters" }]);
  expect((await inspectInvitation(inv.token)).status).toBe("valid");
});

test("an existing user joins with their own account, only when the invitation is for their address", async () => {
  const { scope, ws } = await ownerScope();
  const elsewhere = await makeMember(await makeWorkspace(), "owner", "pat@example.com");
  const stranger = await makeMember(await makeWorkspace(), "owner", "stranger@example.com");
  const inv = await createInvitation(scope, "pat@example.com", "viewer");
  expect(await inspectInvitation(inv.token)).toMatchObject({ status: "valid", accountExists: true });
  // Setting a password for an address that has an account is refused: sign in instead.
  expect(await issuesOf(acceptInvitation(inv.token, { password: PASSWORD }))).toEqual([{ path: "email", message: "an account for pat@example.com already exists; sign in as pat@example.com and open the link again" }]);
  expect(await issuesOf(acceptInvitation(inv.token, { userId: stranger.id }))).toEqual([
    { path: "email", message: "this invitation is for pat@example.com, and you are signed in as stranger@example.com; sign out and open the link again" },
  ]);
  expect((await inspectInvitation(inv.token)).status).toBe("valid"); // refusals roll back the claim
  const joined = await acceptInvitation(inv.token, { userId: elsewhere.id });
  expect(joined).toMatchObject({ userId: elsewhere.id, workspaceId: ws.workspaceId, role: "viewer" });
  expect(await prisma.membership.count({ where: { userId: elsewhere.id } })).toBe(2);
});

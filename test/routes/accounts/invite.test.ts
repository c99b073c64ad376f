// The invitation routes: owners create and withdraw links on the settings page; the link page shows
// the workspace and role, makes an account or joins a signed-in one, and is rate limited.
import { beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { getAuth } from "~/lib/auth/guard.server.ts";
import { resetRateLimits } from "~/lib/auth/rate-limit.server.ts";
import { createInvitation } from "~/models/invitation.server.ts";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token.tsx";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings._index.tsx";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

const PASSWORD = "tidal basin marigold";
type SettingsAnswer = { error: string | null; fields: Record<string, string>; notice?: string; invited?: { email: string; role: string; url: string } };
type InvitePage = { status: string; workspace: string; role: string; email: string; signedInAs: string | null; accountExists: boolean };

beforeEach(() => resetRateLimits());

function settings(member: TestMember, form: Record<string, string>) {
  return settle<SettingsAnswer>(settingsAction({ request: asMember(member, "/settings", { form }), params: {}, ...ctx }));
}
function page(token: string, member: Pick<TestMember, "cookie"> | null = null) {
  return settle<InvitePage>(inviteLoader({ request: asMember(member, `/invite/${token}`), params: { token }, ...ctx }));
}
function accept(token: string, form: Record<string, string>, member: Pick<TestMember, "cookie"> | null = null) {
  return settle<{ error: string | null; fields: Record<string, string> }>(inviteAction({ request: asMember(member, `/invite/${token}`, { form }), params: { token }, ...ctx }));
}
const tokenOf = (url: string) => url.split("/invite/")[1] ?? "";

test("an owner creates a link on the settings page: the full URL is shown once and the invitation is pending", async () => {
  const ws = await makeWorkspace("Harbour Group");
  const owner = await makeMember(ws, "owner");
  const r = await settings(owner, { intent: "invite", email: "ed@example.com", role: "editor" });
  expect(r.status).toBe(200);
  expect(r.data.invited).toMatchObject({ email: "ed@example.com", role: "editor", url: expect.stringMatching(/^http:\/\/marque\.test\/invite\/[\w-]{43}$/) });
  const view = await settle<{ invitations: { email: string; status: string }[] }>(settingsLoader({ request: asMember(owner, "/settings"), params: {}, ...ctx }));
  expect(view.data.invitations.map((i) => [i.email, i.status])).toEqual([["ed@example.com", "valid"]]);
  expect(JSON.stringify(view.data)).not.toContain(tokenOf(r.data.invited?.url ?? "")); // listed without the link
  const bad = await settings(owner, { intent: "invite", email: "nope", role: "editor" });
  expect(bad.status).toBe(400);
  expect(bad.data.fields.email).toMatch(/not an email address/);
});

test("only owners create and withdraw invitations; editors and viewers get 403 and see none", async () => {
  const ws = await makeWorkspace();
  const owner = await makeMember(ws, "owner");
  const inv = await createInvitation(owner.scope, "someone@example.com", "viewer");
  for (const role of ["editor", "viewer"] as const) {
    const member = await makeMember(ws, role);
    expect((await settings(member, { intent: "invite", email: "x@example.com", role: "owner" })).status, role).toBe(403);
    const revoke = await settings(member, { intent: "revoke", id: inv.id });
    expect(revoke.status).toBe(403);
    expect(revoke.text).toMatch(/Only a workspace owner/);
    const view = await settle<{ invitations: unknown[]; members: unknown[] }>(settingsLoader({ request: asMember(member, "/settings"), params: {}, ...ctx }));
    expect(view.data.invitations).toEqual([]);
    expect(view.data.members.length).toBeGreaterThanOrEqual(2);
  }
  expect(await prisma.invitation.count({ where: { workspaceId: ws.workspaceId } })).toBe(1);
  const revoked = await settings(owner, { intent: "revoke", id: inv.id });
  expect(revoked.data.notice).toMatch(/withdrawn/);
  expect((await page(inv.token)).status).toBe(410);
  // Another workspace's invitation id is not found.
  const other = await createInvitation((await makeMember(await makeWorkspace(), "owner")).scope, "o@example.com", "viewer");
  expect((await settings(owner, { intent: "revoke", id: other.id })).status).toBe(404);
});

test("the link page shows the workspace and role; an unknown link is 404, a used one 410", async () => {
  const ws = await makeWorkspace("Corner Café");
  const owner = await makeMember(ws, "owner");
  const inv = await createInvitation(owner.scope, "new@example.com", "editor");
  const r = await page(inv.token);
  expect(r.status).toBe(200);
  expect(r.data).toMatchObject({ status: "valid", workspace: "Corner Café", role: "editor", email: "new@example.com", signedInAs: null, accountExists: false });
  expect((await page("A".repeat(43))).status).toBe(404);
  expect((await page("short")).status).toBe(404);
  expect((await accept("A".repeat(43), { password: PASSWORD, confirm: PASSWORD })).status).toBe(404);
});

test("a new person sets a password, is signed in as editor of the workspace, and the link is used up", async () => {
  const ws = await makeWorkspace("Corner Café");
  const owner = await makeMember(ws, "owner");
  const inv = await createInvitation(owner.scope, "new@example.com", "editor");
  const mismatch = await accept(inv.token, { password: PASSWORD, confirm: "something else entirely" });
  expect(mismatch.data.fields).toEqual({ confirm: "the two passwords are not the same" });
  const short = await accept(inv.token, { password: "short", confirm: "short" });
  expect(short.data.fields).toEqual({ password: "use at least 10 characters" });

  const r = await accept(inv.token, { password: PASSWORD, confirm: PASSWORD, name: "Nia" });
  expect(r.status).toBe(302);
  expect(r.location).toBe("/kits");
  const cookie = (r.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
  expect(await getAuth(asMember({ cookie }, "/kits"))).toMatchObject({ role: "editor", workspaceId: ws.workspaceId, user: { email: "new@example.com", name: "Nia" } });
  const again = await accept(inv.token, { password: PASSWORD, confirm: PASSWORD });
  expect(again.status).toBe(410);
  expect(again.data.error).toMatch(/already been used/);
  expect((await page(inv.token)).data.status).toBe("used");
});

test("a signed-in person with the invited address joins with one click and lands in the new workspace", async () => {
  const home = await makeWorkspace("Home");
  const pat = await makeMember(home, "owner", "pat@example.com");
  const ws = await makeWorkspace("Client");
  const owner = await makeMember(ws, "owner");
  const inv = await createInvitation(owner.scope, "pat@example.com", "viewer");
  expect((await page(inv.token, pat)).data).toMatchObject({ signedInAs: "pat@example.com", accountExists: true });
  const r = await accept(inv.token, { intent: "join" }, pat);
  expect(r.location).toBe("/kits");
  expect(await getAuth(asMember(pat, "/kits"))).toMatchObject({ workspaceId: ws.workspaceId, role: "viewer" });

  const other = await createInvitation(owner.scope, "someone-else@example.com", "editor");
  const wrong = await accept(other.token, { intent: "join" }, pat);
  expect(wrong.status).toBe(400);
  expect(wrong.data.fields.email).toMatch(/this invitation is for someone-else@example.com/);
});

test("accepting from another site is refused", async () => {
  const owner = await makeMember(await makeWorkspace(), "owner");
  const inv = await createInvitation(owner.scope, "csrf@example.com", "editor");
  const req = asMember(null, `/invite/${inv.token}`, { form: { password: PASSWORD, confirm: PASSWORD }, headers: { Origin: "https://evil.example" } });
  expect((await settle(inviteAction({ request: req, params: { token: inv.token }, ...ctx }))).status).toBe(403);
  expect((await page(inv.token)).data.status).toBe("valid");
});

test("attempts on one link are rate limited: the 11th within 15 minutes gets 429 with Retry-After", async () => {
  const owner = await makeMember(await makeWorkspace(), "owner");
  const inv = await createInvitation(owner.scope, "slow@example.com", "editor");
  for (let i = 0; i < 10; i++) expect((await accept(inv.token, { password: PASSWORD, confirm: `no ${i}` })).status).toBe(400);
  const r = await accept(inv.token, { password: PASSWORD, confirm: PASSWORD });
  expect(r.status).toBe(429);
  expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(await prisma.user.count({ where: { email: "slow@example.com" } })).toBe(0);
});

test("guessing links is capped overall: after 60 page views in a minute the link page answers 429", async () => {
  for (let i = 0; i < 60; i++) expect((await page(`${"B".repeat(40)}${String(i).padStart(3, "0")}`)).status).toBe(404);
  const r = await page("C".repeat(43));
  expect(r.status).toBe(429);
  expect(r.headers.get("Retry-After")).toMatch(/^\d+$/);
});

test("an owner can create at most 30 invitations an hour per workspace", async () => {
  const owner = await makeMember(await makeWorkspace(), "owner");
  for (let i = 0; i < 30; i++) expect((await settings(owner, { intent: "invite", email: `p${i}@example.com`, role: "viewer" })).status).toBe(200);
  const r = await settings(owner, { intent: "invite", email: "p31@example.com", role: "viewer" });
  expect(r.status).toBe(429);
  expect(r.data.error).toMatch(/^Too many invitations from this workspace/);
  expect(r.headers.get("Retry-After")).toMatch(/^\d+$/);
});

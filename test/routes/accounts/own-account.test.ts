// A member's own account through its routes: changing the password (the current one first, rate-limited,
// other browsers signed out, this one kept) and leaving a workspace (never as its last owner, never the
// only one; logged; sessions that were in it move to another of theirs).
import { beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { getAuth } from "~/lib/auth/guard.server.ts";
import { resetRateLimits } from "~/lib/auth/rate-limit.server.ts";
import { createSession } from "~/lib/auth/session.server.ts";
import { verifyLogin } from "~/models/account.server.ts";
import { listActivity } from "~/models/activity.server.ts";
import { action as accountAction, loader as accountLoader } from "~/routes/account.tsx";
import { action as workspacesAction } from "~/routes/workspaces.tsx";
import { asMember, BASE, makeMember, makeWorkspace, type TestMember } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

type Answer = { error: string | null; fields: Record<string, string>; notice?: string | null };
const PASSWORD = "correct horse battery";

beforeEach(() => resetRateLimits());

function account(member: Pick<TestMember, "cookie">, form: Record<string, string>) {
  return settle<Answer>(accountAction({ request: asMember(member, "/account", { form: { intent: "password", ...form } }), params: {}, ...ctx }));
}
function workspaces(member: Pick<TestMember, "cookie">, form: Record<string, string>) {
  return settle<Answer>(workspacesAction({ request: asMember(member, "/workspaces", { form }), params: {}, ...ctx }));
}
async function secondBrowser(member: TestMember) {
  return { cookie: (await createSession(new Request(BASE), member.id, member.scope.workspaceId)).split(";")[0] ?? "" };
}

test("a password change needs the current password; it signs out the other browsers and keeps this one", async () => {
  const ws = await makeWorkspace();
  const ed = await makeMember(ws, "editor");
  const other = await secondBrowser(ed);
  expect((await settle<{ email: string }>(accountLoader({ request: asMember(ed, "/account"), params: {}, ...ctx }))).data.email).toBe(ed.email);

  const wrong = await account(ed, { current: "not my password", password: "a brand new passphrase", confirm: "a brand new passphrase" });
  expect(wrong.status).toBe(400);
  expect(wrong.data.fields.current).toBe("that is not your current password");
  const short = await account(ed, { current: PASSWORD, password: "short", confirm: "short" });
  expect(short.status).toBe(400);
  expect(short.data.fields.password).toMatch(/10/);
  const mismatch = await account(ed, { current: PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase!" });
  expect(mismatch.data.fields.confirm).toBe("the two new passwords differ");
  expect(await verifyLogin(ed.email, PASSWORD)).not.toBeNull(); // nothing changed so far
  expect(await getAuth(asMember(other, "/kits"))).not.toBeNull();

  const done = await account(ed, { current: PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase" });
  expect(done.status).toBe(200);
  expect(done.data.notice).toBe("Your password was changed. 1 other browser was signed out.");
  expect(await verifyLogin(ed.email, PASSWORD)).toBeNull();
  expect(await verifyLogin(ed.email, "a brand new passphrase")).not.toBeNull();
  expect(await getAuth(asMember(other, "/kits"))).toBeNull();
  expect((await getAuth(asMember(ed, "/kits")))?.userId).toBe(ed.id);
});

test("guessing the current password is limited like signing in: five wrong, then 429 with Retry-After", async () => {
  const ws = await makeWorkspace();
  const ed = await makeMember(ws, "editor");
  for (let i = 0; i < 5; i++) expect((await account(ed, { current: `guess ${i}`, password: "a brand new passphrase", confirm: "a brand new passphrase" })).status).toBe(400);
  const limited = await account(ed, { current: PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase" });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(await verifyLogin(ed.email, PASSWORD)).not.toBeNull();
});

test("leaving a workspace: refused for the last owner and for your only workspace; otherwise logged, and your sessions move", async () => {
  const home = await makeWorkspace();
  const ed = await makeMember(home, "editor");
  const only = await workspaces(ed, { intent: "leave", workspaceId: home.workspaceId });
  expect(only.status).toBe(400);
  expect(only.data.error).toMatch(/is your only workspace/);

  const client = await makeWorkspace("Client brand");
  const owner = await makeMember(client, "owner");
  await prisma.membership.create({ data: { userId: ed.id, workspaceId: client.workspaceId, role: "editor", createdAt: new Date(Date.now() + 1000) } });
  // This browser is in the client's workspace when the editor leaves it.
  await prisma.session.updateMany({ where: { userId: ed.id }, data: { workspaceId: client.workspaceId } });
  expect((await getAuth(asMember(ed, "/kits")))?.workspaceId).toBe(client.workspaceId);

  const left = await workspaces(ed, { intent: "leave", workspaceId: client.workspaceId });
  expect(left.status).toBe(200);
  expect(left.data.notice).toBe("You left Client brand.");
  expect(await prisma.membership.count({ where: { userId: ed.id, workspaceId: client.workspaceId } })).toBe(0);
  expect((await getAuth(asMember(ed, "/kits")))?.workspaceId).toBe(home.workspaceId);
  expect((await listActivity(owner.scope))[0]).toMatchObject({ action: "member.leave", actor: ed.email });
  expect((await workspaces(ed, { intent: "leave", workspaceId: client.workspaceId })).status).toBe(404);

  // The client's only owner, also a member elsewhere, still cannot leave it ownerless.
  await prisma.membership.create({ data: { userId: owner.id, workspaceId: home.workspaceId, role: "viewer" } });
  const lastOwner = await workspaces(owner, { intent: "leave", workspaceId: client.workspaceId });
  expect(lastOwner.status).toBe(409);
  expect(lastOwner.data.error).toMatch(/last owner/);
  expect(await prisma.membership.count({ where: { userId: owner.id, workspaceId: client.workspaceId } })).toBe(1);
});

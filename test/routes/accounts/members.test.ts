// Members and workspaces through their routes: owners change roles and remove people (never the last
// owner), a removed member's sessions there end, switching goes only into your own workspaces, and
// the activity page shows who did what.
import { beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { getAuth } from "~/lib/auth/guard.server.ts";
import { resetRateLimits } from "~/lib/auth/rate-limit.server.ts";
import { createSession } from "~/lib/auth/session.server.ts";
import { listMembers } from "~/models/account.server.ts";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings._index.tsx";
import { loader as activityLoader } from "~/routes/settings.activity.tsx";
import { action as workspacesAction, loader as workspacesLoader } from "~/routes/workspaces.tsx";
import { asMember, BASE, makeMember, makeWorkspace, type TestMember } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

type Answer = { error: string | null; fields: Record<string, string>; notice?: string };

beforeEach(() => resetRateLimits());

function settings(member: TestMember, form: Record<string, string>) {
  return settle<Answer>(settingsAction({ request: asMember(member, "/settings", { form }), params: {}, ...ctx }));
}
function workspaces(member: Pick<TestMember, "cookie">, form: Record<string, string>) {
  return settle<{ fields: Record<string, string> }>(workspacesAction({ request: asMember(member, "/workspaces", { form }), params: {}, ...ctx }));
}

test("an owner changes a member's role; the change is in the activity log", async () => {
  const ws = await makeWorkspace();
  const owner = await makeMember(ws, "owner");
  const ed = await makeMember(ws, "editor");
  const r = await settings(owner, { intent: "role", userId: ed.id, role: "viewer" });
  expect(r.data.notice).toBe(`${ed.email} is now viewer.`);
  expect((await listMembers(ws)).find((m) => m.id === ed.id)?.role).toBe("viewer");
  expect((await getAuth(asMember(ed, "/kits")))?.role).toBe("viewer"); // takes effect on their next request
  const bad = await settings(owner, { intent: "role", userId: ed.id, role: "admin" });
  expect(bad.status).toBe(400);
  expect(bad.data.error).toMatch(/^role: /);
  expect((await settings(owner, { intent: "role", userId: "nobody", role: "viewer" })).status).toBe(404);

  const log = await settle<{ entries: { actor: string; action: string; summary: string; createdAt: string }[] }>(activityLoader({ request: asMember(ed, "/settings/activity"), params: {}, ...ctx }));
  expect(log.data.entries[0]).toMatchObject({ actor: owner.email, action: "member.role", summary: `${ed.email}: editor → viewer`, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
});

test("the last owner can be neither demoted nor removed; with a second owner they can step down", async () => {
  const ws = await makeWorkspace();
  const owner = await makeMember(ws, "owner");
  const r = await settings(owner, { intent: "role", userId: owner.id, role: "editor" });
  expect(r.status).toBe(409);
  expect(r.data.error).toBe("A workspace needs at least one owner: make someone else an owner first.");
  expect((await settings(owner, { intent: "remove", userId: owner.id })).data.error).toMatch(/cannot remove yourself/);
  const second = await makeMember(ws, "owner");
  expect((await settings(owner, { intent: "role", userId: owner.id, role: "editor" })).status).toBe(200);
  expect((await settings(owner, { intent: "role", userId: second.id, role: "viewer" })).status).toBe(403); // now an editor
});

test("removing a member ends their sessions in that workspace, not their sessions elsewhere", async () => {
  const ws = await makeWorkspace("Agency");
  const owner = await makeMember(ws, "owner");
  const ed = await makeMember(ws, "editor");
  const home = await makeWorkspace("Ed's own");
  await prisma.membership.create({ data: { userId: ed.id, workspaceId: home.workspaceId, role: "owner" } });
  const homeCookie = ((await createSession(new Request(BASE), ed.id, home.workspaceId)).split(";")[0] ?? "");

  const r = await settings(owner, { intent: "remove", userId: ed.id });
  expect(r.data.notice).toBe(`${ed.email} was removed and signed out of this workspace.`);
  expect(await getAuth(asMember(ed, "/kits"))).toBeNull();
  expect((await settle(settingsLoader({ request: asMember(ed, "/settings"), params: {}, ...ctx }))).location).toBe("/login?redirectTo=%2Fsettings");
  expect(await getAuth(asMember({ cookie: homeCookie }, "/kits"))).toMatchObject({ workspaceId: home.workspaceId, role: "owner" });
  expect((await listMembers(ws)).map((m) => m.id)).toEqual([owner.id]);
  expect((await prisma.activity.findFirst({ where: { workspaceId: ws.workspaceId, action: "member.remove" }, select: { actor: true } }))?.actor).toBe(owner.email);
});

test("editors and viewers see the members read-only and cannot change roles, remove or rename", async () => {
  const ws = await makeWorkspace("Read Only");
  const owner = await makeMember(ws, "owner");
  for (const role of ["editor", "viewer"] as const) {
    const member = await makeMember(ws, role);
    const view = await settle<{ me: { role: string }; members: { email: string; role: string }[] }>(settingsLoader({ request: asMember(member, "/settings"), params: {}, ...ctx }));
    expect(view.data.me.role).toBe(role);
    expect(view.data.members.map((m) => m.email)).toContain(owner.email);
    const forms: Record<string, string>[] = [{ intent: "role", userId: owner.id, role: "viewer" }, { intent: "remove", userId: owner.id }, { intent: "rename", name: "Mine now" }];
    for (const form of forms) {
      const r = await settings(member, form);
      expect(r.status, `${role} ${form.intent}`).toBe(403);
    }
  }
  expect((await listMembers(ws)).find((m) => m.id === owner.id)?.role).toBe("owner");
  expect((await prisma.workspace.findUniqueOrThrow({ where: { id: ws.workspaceId } })).name).toBe("Read Only");
});

test("an owner renames the workspace; a blank name is refused by field", async () => {
  const ws = await makeWorkspace("Old Name");
  const owner = await makeMember(ws, "owner");
  expect((await settings(owner, { intent: "rename", name: "  " })).data.fields).toEqual({ name: "give the workspace a name" });
  expect((await settings(owner, { intent: "rename", name: "New Name" })).data.notice).toBe("The workspace is now called New Name.");
  expect((await getAuth(asMember(owner, "/kits")))?.workspace.name).toBe("New Name");
  expect(await prisma.activity.findFirst({ where: { workspaceId: ws.workspaceId, action: "workspace.rename" }, select: { summary: true } })).toEqual({ summary: '"Old Name" → "New Name"' });
});

test("switching workspace: into one of yours works; into someone else's is 404 and nothing changes", async () => {
  const a = await makeWorkspace("A");
  const b = await makeWorkspace("B");
  const foreign = await makeWorkspace("Foreign");
  const me = await makeMember(a, "editor");
  await prisma.membership.create({ data: { userId: me.id, workspaceId: b.workspaceId, role: "viewer" } });
  const list = await settle<{ current: string; workspaces: { name: string; role: string }[] }>(workspacesLoader({ request: asMember(me, "/workspaces"), params: {}, ...ctx }));
  expect(list.data.workspaces.map((w) => [w.name, w.role])).toEqual([["A", "editor"], ["B", "viewer"]]);
  expect(list.data.current).toBe(a.workspaceId);

  const r = await workspaces(me, { intent: "switch", workspaceId: b.workspaceId });
  expect(r.location).toBe("/kits");
  expect(await getAuth(asMember(me, "/kits"))).toMatchObject({ workspaceId: b.workspaceId, role: "viewer" });

  for (const workspaceId of [foreign.workspaceId, "no-such-workspace"]) {
    expect((await workspaces(me, { intent: "switch", workspaceId })).status).toBe(404);
    expect((await getAuth(asMember(me, "/kits")))?.workspaceId).toBe(b.workspaceId);
  }
  const csrf = asMember(me, "/workspaces", { form: { intent: "switch", workspaceId: a.workspaceId }, headers: { Origin: "https://evil.example" } });
  expect((await settle(workspacesAction({ request: csrf, params: {}, ...ctx }))).status).toBe(403);
});

test("any member can make a new workspace: they own it and work in it", async () => {
  const ws = await makeWorkspace();
  const viewer = await makeMember(ws, "viewer");
  expect((await workspaces(viewer, { intent: "create", name: "" })).data.fields).toEqual({ name: "give the workspace a name" });
  const r = await workspaces(viewer, { intent: "create", name: "Side Project" });
  expect(r.location).toBe("/kits");
  const auth = await getAuth(asMember(viewer, "/kits"));
  expect(auth).toMatchObject({ role: "owner", workspace: { name: "Side Project", slug: "side-project" } });
  expect((await listMembers(auth!)).map((m) => [m.email, m.role])).toEqual([[viewer.email, "owner"]]);
});

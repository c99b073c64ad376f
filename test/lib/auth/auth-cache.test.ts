// The few seconds' memory of signed-in sessions: a repeat request is answered without the database, and
// every change made through the app (logout, role change, removal, workspace switch) is seen at once.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/db.server.ts";
import { getAuth, requireUser } from "~/lib/auth/guard.server.ts";
import { destroySession } from "~/lib/auth/session.server.ts";
import { setMemberRole } from "~/models/account.server.ts";
import { asMember, makeMember, makeWorkspace } from "../../support/auth.ts";

beforeAll(() => {
  process.env.MARQUE_SHORT_MEMORY_MS = "5000";
});
afterAll(() => {
  delete process.env.MARQUE_SHORT_MEMORY_MS;
});

test("a repeat request is answered from memory; a role change, a removal and a logout are seen at once", async () => {
  const ws = await makeWorkspace();
  const owner = await makeMember(ws, "owner");
  const ed = await makeMember(ws, "editor");
  expect((await getAuth(asMember(ed, "/kits")))?.role).toBe("editor");

  const spy = vi.spyOn(prisma.session, "findUnique");
  expect((await getAuth(asMember(ed, "/kits")))?.role).toBe("editor");
  expect(spy).not.toHaveBeenCalled();

  await setMemberRole(owner.scope, ed.id, "viewer");
  expect((await getAuth(asMember(ed, "/kits")))?.role).toBe("viewer");
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();

  await setMemberRole(owner.scope, ed.id, null);
  expect(await getAuth(asMember(ed, "/kits"))).toBeNull();

  await destroySession(asMember(owner, "/logout", { method: "POST" }));
  const r = await requireUser(asMember(owner, "/kits")).catch((e: unknown) => e);
  expect(r instanceof Response && r.status).toBe(302);
});

test("a remembered session past its expiry is not used", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    const ws = await makeWorkspace();
    const v = await makeMember(ws, "viewer");
    expect(await getAuth(asMember(v, "/kits"))).not.toBeNull();
    vi.setSystemTime(Date.now() + 31 * 86_400_000);
    expect(await getAuth(asMember(v, "/kits"))).toBeNull();
  } finally {
    vi.useRealTimers();
  }
});

// The activity log: every kit change (create, save, restore, duplicate, delete) writes one entry naming the
// actor, in the same transaction as the change; a refused or empty save writes none.
import { afterEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { listActivity } from "~/models/activity.server.ts";
import { createKit, deleteKit, duplicateKit, getKit, KitConflictError, restoreVersion, saveKit } from "~/models/kit.server.ts";
import { makeKit } from "../factories/kit.ts";
import { makeMember, makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace("Activity Co");
const editor = await makeMember(ws, "editor", "ana@example.com");

const entries = async (subject: string) => (await listActivity(editor.scope, { subject })).reverse().map(({ actor, action, subject, summary }) => ({ actor, action, subject, summary }));

afterEach(async () => {
  await prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS "refuse_activity"');
});

test("create, save, restore and delete each log who did what, with a summary", async () => {
  const { slug } = await createKit(editor.scope, makeKit("Logged Bakery"));
  await saveKit(editor.scope, slug, makeKit("Logged Bakery", (k) => (k.palette.primary.color = "#aa3300")), { baseVersion: 1 });
  await restoreVersion(editor.scope, slug, 1);
  await deleteKit(editor.scope, slug);
  const log = await entries(slug);
  expect(log).toEqual([
    { actor: "ana@example.com", action: "kit.create", subject: slug, summary: "Logged Bakery: Created" },
    { actor: "ana@example.com", action: "kit.update", subject: slug, summary: expect.stringMatching(/^v2: .*palette\.primary\.color.*#aa3300/) },
    { actor: "ana@example.com", action: "kit.restore", subject: slug, summary: "v3: Restored version 1" },
    { actor: "ana@example.com", action: "kit.delete", subject: slug, summary: `Deleted ${slug}` },
  ]);
  const rows = await prisma.activity.findMany({ where: { subject: slug }, select: { userId: true, workspaceId: true } });
  expect(rows.every((r) => r.userId === editor.id && r.workspaceId === ws.workspaceId)).toBe(true);
});

test("a duplicate is logged on the copy, and the CLI or a job without a user is named by its actor", async () => {
  const cli = { workspaceId: ws.workspaceId, userId: null, actor: "cli" };
  const { slug } = await createKit(cli, makeKit("Copied Bakery"));
  const copy = await duplicateKit(editor.scope, slug);
  expect(await entries(slug)).toEqual([{ actor: "cli", action: "kit.create", subject: slug, summary: "Copied Bakery: Created" }]);
  expect(await entries(copy.slug)).toEqual([{ actor: "ana@example.com", action: "kit.duplicate", subject: copy.slug, summary: `Copied Bakery (copy): Duplicated from ${slug} v1` }]);
  const system = { workspaceId: ws.workspaceId };
  await saveKit(system, slug, makeKit("Copied Bakery", (k) => (k.voice.tagline = "Fresh daily")));
  expect((await entries(slug)).at(-1)).toMatchObject({ actor: "system", action: "kit.update" });
});

test("a refused stale save and a save that changes nothing write no entry", async () => {
  const { slug } = await createKit(editor.scope, makeKit("Quiet Bakery"));
  await saveKit(editor.scope, slug, makeKit("Quiet Bakery", (k) => (k.voice.tagline = "first")), { baseVersion: 1 });
  await expect(saveKit(editor.scope, slug, makeKit("Quiet Bakery", (k) => (k.voice.tagline = "second")), { baseVersion: 1 })).rejects.toBeInstanceOf(KitConflictError);
  await expect(restoreVersion(editor.scope, slug, 1, { baseVersion: 1 })).rejects.toBeInstanceOf(KitConflictError);
  expect(await saveKit(editor.scope, slug, makeKit("Quiet Bakery", (k) => (k.voice.tagline = "first")))).toMatchObject({ changed: false });
  expect((await entries(slug)).map((e) => e.action)).toEqual(["kit.create", "kit.update"]);
});

test("the entry is written in the change's transaction: when it cannot be written, the change is rolled back", async () => {
  const { slug } = await createKit(editor.scope, makeKit("Atomic Bakery"));
  await saveKit(editor.scope, slug, makeKit("Atomic Bakery", (k) => (k.voice.tagline = "kept")));
  // The log refuses every write (Prisma reports the trigger's abort as a constraint failure of activity.create()).
  await prisma.$executeRawUnsafe(`CREATE TRIGGER "refuse_activity" BEFORE INSERT ON "Activity" BEGIN SELECT RAISE(ABORT, 'activity log unavailable'); END`);
  const refused = /activity\.create\(\)/;
  await expect(createKit(editor.scope, makeKit("Never Bakery"))).rejects.toThrow(refused);
  expect(await getKit(editor.scope, "never-bakery")).toBeNull();
  await expect(saveKit(editor.scope, slug, makeKit("Atomic Bakery", (k) => (k.voice.tagline = "lost")))).rejects.toThrow(refused);
  await expect(restoreVersion(editor.scope, slug, 1)).rejects.toThrow(refused);
  await expect(deleteKit(editor.scope, slug)).rejects.toThrow(refused);
  const kit = await getKit(editor.scope, slug);
  expect(kit).toMatchObject({ version: 2 });
  expect(kit?.kit.voice.tagline).toBe("kept");
  expect(await prisma.kitVersion.count({ where: { kitId: kit?.id } })).toBe(2);
  await prisma.$executeRawUnsafe('DROP TRIGGER "refuse_activity"');
  expect((await entries(slug)).map((e) => e.action)).toEqual(["kit.create", "kit.update"]);
});

test("each workspace sees only its own log", async () => {
  const other = await makeWorkspace("Quiet Co");
  await createKit(other, makeKit("Elsewhere Bakery"));
  expect((await listActivity(other)).map((e) => e.subject)).toEqual(["elsewhere-bakery"]);
  expect((await listActivity(ws)).some((e) => e.subject === "elsewhere-bakery")).toBe(false);
});

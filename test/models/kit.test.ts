import { expect, test } from "vitest";
import { createKit, deleteKit, duplicateKit, getKit, getVersion, listKits, listVersions, restoreVersion, saveKit, slugify, KitConflictError } from "~/models/kit.server.ts";
import { makeKit } from "../factories/kit.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

test("slugs are readable and unique", async () => {
  expect(slugify("Harbour & Vine Bistro")).toBe("harbour-and-vine-bistro");
  expect(slugify("Café Crème!")).toBe("cafe-creme");
  const a = await createKit(ws, makeKit("Slug Test"));
  const b = await createKit(ws, makeKit("Slug Test"));
  expect([a.slug, b.slug]).toEqual(["slug-test", "slug-test-2"]);
});

test("every save bumps the version and keeps the previous full snapshot", async () => {
  const { slug } = await createKit(ws, makeKit("Versioned"));
  const next = makeKit("Versioned", (k) => (k.palette.primary.color = "#aa3300"));
  const saved = await saveKit(ws, slug, next, { baseVersion: 1 });
  expect(saved).toMatchObject({ version: 2, changed: true });
  const versions = await listVersions(ws, slug);
  expect(versions.map((v) => v.version)).toEqual([2, 1]);
  expect(versions[0]?.summary).toContain("palette.primary.color");
  expect(versions[0]?.summary).toContain("#aa3300");
  expect((await getVersion(ws, slug, 1))?.kit.palette.primary.color).toBe("#2f4b7c");
  expect((await getKit(ws, slug))?.kit.palette.primary.color).toBe("#aa3300");
});

test("saving an unchanged kit does not create a version", async () => {
  const { slug } = await createKit(ws, makeKit("Unchanged"));
  const r = await saveKit(ws, slug, makeKit("Unchanged"));
  expect(r).toMatchObject({ version: 1, changed: false });
  expect(await listVersions(ws, slug)).toHaveLength(1);
});

test("restore copies an old version forward as a new version", async () => {
  const { slug } = await createKit(ws, makeKit("Restorable"));
  await saveKit(ws, slug, makeKit("Restorable", (k) => (k.voice.tagline = "New words")));
  const restored = await restoreVersion(ws, slug, 1);
  expect(restored.version).toBe(3);
  const now = await getKit(ws, slug);
  expect(now?.kit.voice.tagline).toBe("");
  expect((await listVersions(ws, slug))[0]?.summary).toBe("Restored version 1");
});

test("a save based on an old version is refused and changes nothing", async () => {
  const { slug } = await createKit(ws, makeKit("Contested"));
  await saveKit(ws, slug, makeKit("Contested", (k) => (k.voice.tagline = "first editor")), { baseVersion: 1 });
  await expect(saveKit(ws, slug, makeKit("Contested", (k) => (k.voice.tagline = "second editor")), { baseVersion: 1 })).rejects.toBeInstanceOf(KitConflictError);
  const now = await getKit(ws, slug);
  expect(now?.version).toBe(2);
  expect(now?.kit.voice.tagline).toBe("first editor");
});

test("duplicate makes an independent kit; delete removes kit and history", async () => {
  const { slug } = await createKit(ws, makeKit("Original"));
  const copy = await duplicateKit(ws, slug);
  expect(copy.slug).toBe("original-copy");
  await saveKit(ws, copy.slug, makeKit("Original (copy)", (k) => (k.palette.accent.color = "#00ff00")));
  expect((await getKit(ws, slug))?.kit.palette.accent.color).toBe("#e07a5f");
  await deleteKit(ws, slug);
  expect(await getKit(ws, slug)).toBeNull();
  expect((await listKits(ws)).some((k) => k.slug === copy.slug)).toBe(true);
  await expect(listVersions(ws, slug)).rejects.toThrow(/No brand kit "original"/);
});

// `library check`: orphan files and rows with missing files are found; repair removes the orphan,
// renders the missing file again when it can and deletes the row when it cannot. Fonts, logos,
// video outputs, design photos and other tables' files are never taken for orphans.
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { checkLibrary } from "~/models/library-check.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { exampleKit, exportedPost, type TestKit } from "../lib/rerender/fixtures.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

let kit: TestKit;
beforeAll(async () => {
  kit = await exampleKit(ws, "harbour-and-vine");
});

test("check reports an orphan file and missing files without changing anything; repair fixes both", async () => {
  const store = getBlobStore();
  const kept = await exportedPost(ws, kit, "Still here");
  const lost = await exportedPost(ws, kit, "File gone");
  // A file recorded without a design or content (as a bulk row once was): nothing to render it from.
  const bare = await recordAsset({ kitId: kit.id, kitVersion: 1, templateId: "instagram-post", format: "link-card", contentHash: "b".repeat(64), bytes: new TextEncoder().encode("bare file"), mime: "image/png" });
  const orphan = await store.put(new TextEncoder().encode("left behind by a crash"));
  // Blobs that are not assets but are in use: a video job's outputs and a photo in a design.
  const video = await store.put(new TextEncoder().encode("pretend mp4"));
  const reference = await store.put(new TextEncoder().encode("pretend reference frame"));
  await prisma.videoJob.create({ data: { kitId: kit.id, kitVersion: 1, brief: "{}", prompt: "p", provider: "local", status: "completed", outputs: JSON.stringify({ video: `sha256:${video}`, reference: `sha256:${reference}` }) } });
  const photo = await store.put(new TextEncoder().encode("pretend photo"));
  await prisma.design.update({ where: { id: kept.design.id }, data: { content: JSON.stringify({ ...kept.design.content, photo: `sha256:${photo}` }) } });
  await store.delete(lost.asset.storageKey);
  await store.delete(bare.storageKey);

  const report = await checkLibrary();
  expect(report.orphans.map((o) => o.key)).toEqual([orphan]);
  expect(report.orphans[0]).toMatchObject({ bytes: 22, action: "none" });
  expect(report.missing.map((m) => [m.kind, m.id, m.action]).sort()).toEqual([["asset", bare.id, "none"], ["asset", lost.asset.id, "none"]].sort());
  expect(report.clean).toBe(false);
  expect(await store.has(orphan)).toBe(true);

  const repaired = await checkLibrary({ repair: true });
  expect(repaired.orphans).toEqual([expect.objectContaining({ key: orphan, action: "removed" })]);
  const byId = new Map(repaired.missing.map((m) => [m.id, m]));
  // Same kit version, deterministic render: the very same file comes back under the same row.
  expect(byId.get(lost.asset.id)).toMatchObject({ action: "restored" });
  expect(byId.get(bare.id)).toMatchObject({ action: "deleted", detail: expect.stringMatching(/no saved design and no content/) });
  expect(repaired.clean).toBe(true);
  expect(await store.has(orphan)).toBe(false);
  expect(await store.has(lost.asset.storageKey)).toBe(true);
  expect(await prisma.asset.findUnique({ where: { id: bare.id } })).toBeNull();

  const after = await checkLibrary();
  expect([after.orphans, after.missing, after.clean]).toEqual([[], [], true]);
  for (const key of [video, reference, photo, kept.asset.storageKey]) expect(await store.has(key)).toBe(true);
  // The kit's fonts and logos are all still there.
  const files = [...Object.values(kit.kit.logos), ...kit.kit.typography.heading.files, ...kit.kit.typography.body.files].flatMap((f) => (f && typeof f === "object" && "src" in f ? [f.src.slice(7)] : []));
  expect(files.length).toBeGreaterThan(4);
  for (const key of files) expect(await store.has(key)).toBe(true);
});

test("a file named only in a table this module does not know is not an orphan", async () => {
  const store = getBlobStore();
  const key = await store.put(new TextEncoder().encode("someone else's upload"));
  await prisma.$executeRawUnsafe('CREATE TABLE "FutureUpload" ("id" TEXT PRIMARY KEY, "ref" TEXT)');
  await prisma.$executeRawUnsafe('INSERT INTO "FutureUpload" ("id", "ref") VALUES (?, ?)', "u1", `sha256:${key}`);
  const report = await checkLibrary({ repair: true });
  expect(report.orphans.map((o) => o.key)).not.toContain(key);
  expect(await store.has(key)).toBe(true);
});

test("a missing file whose asset cannot be rendered (kit file gone too) is reported and its row kept", async () => {
  const other = await exampleKit(ws, "pulse-cycle-studio");
  const { asset } = await exportedPost(ws, other, "No logo");
  const store = getBlobStore();
  await store.delete(asset.storageKey);
  const logo = other.kit.logos.mark?.src.slice(7) ?? "";
  await store.delete(logo);
  // A kit change, so the kit is loaded afresh (and finds its logo gone).
  const { changePrimary } = await import("../lib/rerender/fixtures.ts");
  await changePrimary(ws, other.slug, "#101010");
  const report = await checkLibrary({ repair: true });
  const entry = report.missing.find((m) => m.id === asset.id);
  expect(entry).toMatchObject({ action: "failed", detail: expect.stringMatching(/logos\.mark\.src: stored file .* is missing.*row kept/) });
  expect(report.missing.find((m) => m.kind === "logo")).toMatchObject({ key: logo, action: "none" });
  expect(report.clean).toBe(false);
  expect(await prisma.asset.findUnique({ where: { id: asset.id }, select: { id: true } })).not.toBeNull();
});

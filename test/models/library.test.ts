// The library listing: filters by kit, template, format, kind and stale; deletes take the file (and a
// video's still, and history rows) with them but keep bytes something else still uses.
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { recordAsset } from "~/models/asset.server.ts";
import {
  countStaleAssets,
  deleteLibraryItem,
  getLibraryItem,
  libraryFacets,
  listLibrary,
  readLibraryFile,
  rememberAssetSource,
  rememberAssetThumbnail,
  staleAssetIds,
} from "~/models/library.server.ts";
import { rerenderAsset } from "~/lib/rerender/rerender-asset.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { changePrimary, exampleKit, exportedPost, type TestKit } from "../lib/rerender/fixtures.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

let harbour: TestKit;
let wild: TestKit;
beforeAll(async () => {
  harbour = await exampleKit(ws, "harbour-and-vine");
  wild = await exampleKit(ws, "wild-stem-florals");
});

const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();

test("filters by kit, template, format, kind and stale; newest first with a total", async () => {
  const square = await exportedPost(ws, harbour, "Square one", { formatId: "ig-square" });
  const card = await exportedPost(ws, harbour, "Link one");
  const pdf = await exportedPost(ws, wild, "Bouquet PDF", { output: "pdf" });
  const video = await recordAsset({ kitId: wild.id, kitVersion: 1, templateId: "video", format: "reel-vertical", contentHash: "c".repeat(64), bytes: new TextEncoder().encode("pretend mp4"), mime: "video/mp4" });

  const all = await listLibrary(ws);
  expect(all.total).toBe(4);
  expect(all.items.map((i) => i.id)).toEqual([video.id, pdf.asset.id, card.asset.id, square.asset.id]);
  expect(ids(await listLibrary(ws, { kitId: harbour.id }))).toEqual([square.asset.id, card.asset.id].sort());
  expect(ids(await listLibrary(ws, { format: "ig-square" }))).toEqual([square.asset.id]);
  expect(ids(await listLibrary(ws, { templateId: "video" }))).toEqual([video.id]);
  expect(ids(await listLibrary(ws, { kind: "video" }))).toEqual([video.id]);
  expect((await listLibrary(ws, { kind: "static" })).total).toBe(3);
  expect(await listLibrary(ws, { take: 2, skip: 1 })).toMatchObject({ total: 4, items: [{ id: pdf.asset.id }, { id: card.asset.id }] });
  expect(await getLibraryItem(ws, pdf.asset.id)).toMatchObject({ kind: "static", output: "pdf", title: "Bouquet PDF", kitSlug: wild.slug, stale: false });
  expect(await getLibraryItem(ws, video.id)).toMatchObject({ kind: "video", output: "mp4", mime: "video/mp4" });

  await changePrimary(ws, wild.slug, "#994455");
  expect(ids(await listLibrary(ws, { stale: true }))).toEqual([pdf.asset.id, video.id].sort());
  expect(ids(await listLibrary(ws, { stale: false, kitId: harbour.id }))).toEqual([square.asset.id, card.asset.id].sort());
  // Videos are counted stale but are not in a re-render's plan (they are made again on the video page).
  expect(await countStaleAssets(ws, wild.id)).toBe(1);
  expect(await staleAssetIds(ws)).toEqual([pdf.asset.id]);

  const facets = await libraryFacets(ws);
  expect(facets.templates).toEqual(["instagram-post", "video"]);
  expect(facets.formats).toEqual(["ig-square", "link-card", "reel-vertical"]);
  expect(facets.kits.map((k) => k.slug)).toEqual([harbour.slug, wild.slug].sort());
});

test("deleting an asset removes its file, its history rows and a video's still, but keeps shared bytes", async () => {
  const store = getBlobStore();
  const { asset } = await exportedPost(ws, harbour, "Delete me");
  await changePrimary(ws, harbour.slug, "#203040");
  const { newAssetId } = await rerenderAsset(asset.id);
  const current = await getLibraryItem(ws, newAssetId);
  await expect(deleteLibraryItem(ws, asset.id)).rejects.toThrow(/^id: this is an earlier version/);
  expect(await deleteLibraryItem(ws, newAssetId)).toEqual({ filesRemoved: 1 });
  expect(await store.has(current?.storageKey ?? "")).toBe(false);
  expect(await prisma.asset.count({ where: { id: { in: [asset.id, newAssetId] } } })).toBe(0);
  expect(await deleteLibraryItem(ws, newAssetId)).toBeNull();

  const bytes = new TextEncoder().encode("video bytes");
  const still = await store.put(new TextEncoder().encode("video still"));
  const video = await recordAsset({ kitId: harbour.id, kitVersion: 2, templateId: "video", format: "reel-vertical", contentHash: "d".repeat(64), bytes, mime: "video/mp4" });
  await rememberAssetThumbnail(video.id, still);
  expect(await getLibraryItem(ws, video.id)).toMatchObject({ thumbnailKey: still });
  // Same bytes recorded as another asset: that one keeps the file alive.
  const twin = await recordAsset({ kitId: harbour.id, kitVersion: 2, templateId: "video", format: "reel-horizontal", contentHash: "d".repeat(64), bytes, mime: "video/mp4" });
  expect(await deleteLibraryItem(ws, video.id)).toEqual({ filesRemoved: 1 });
  expect(await store.has(still)).toBe(false);
  expect((await readLibraryFile(ws, twin.id))?.bytes.toString()).toBe("video bytes");
});

test("rememberAssetSource keeps the first source only and names bad fields", async () => {
  const { asset, design } = await exportedPost(ws, harbour, "Source kept");
  await rememberAssetSource(asset.id, { content: design.content, output: "png", page: 0, name: "Source kept" });
  await rememberAssetSource(asset.id, { content: { headline: "Other" }, output: "pdf" });
  const row = await prisma.asset.findUnique({ where: { id: asset.id }, select: { content: true, output: true, options: true } });
  expect([JSON.parse(row?.content ?? "{}").headline, row?.output, JSON.parse(row?.options ?? "{}")]).toEqual(["Source kept", "png", { page: 0, name: "Source kept" }]);
  await expect(rememberAssetSource(asset.id, { content: {}, output: "gif" as "png" })).rejects.toThrow(/^output:/);
  await expect(rememberAssetThumbnail(asset.id, "nope")).rejects.toThrow(/^thumbnail:/);
});

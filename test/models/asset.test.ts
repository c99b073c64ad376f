// Asset records: bytes in blob storage plus a row; stale after a kit save; deletes leave no orphans.
import { expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { createKit, saveKit, getKit } from "~/models/kit.server.ts";
import { deleteAsset, getAsset, listAssets, readAsset, recordAsset } from "~/models/asset.server.ts";
import { getBlobStore, sha256 } from "~/storage.server.ts";
import { makeKit } from "../factories/kit.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

const HASH = "a".repeat(64);

async function kitRow(name: string) {
  const { slug } = await createKit(ws, makeKit(name));
  const kit = await getKit(ws, slug);
  if (!kit) throw new Error("kit not created");
  return kit;
}

test("recording an asset stores the bytes by sha256 and writes the row", async () => {
  const kit = await kitRow("Asset Bakery");
  const bytes = new TextEncoder().encode("pretend PNG bytes 1");
  const asset = await recordAsset({ kitId: kit.id, kitVersion: kit.version, templateId: "flyer", format: "a5", contentHash: HASH, bytes, mime: "image/png" });
  expect(asset).toMatchObject({ kitId: kit.id, kitVersion: 1, templateId: "flyer", format: "a5", storageKey: sha256(bytes), bytes: bytes.length, mime: "image/png", stale: false, kitSlug: kit.slug });
  expect(await getBlobStore().has(asset.storageKey)).toBe(true);
  const read = await readAsset(ws, asset.id);
  expect(read && Buffer.compare(read.bytes, Buffer.from(bytes))).toBe(0);
});

test("recording the same file again returns the same asset instead of a duplicate row", async () => {
  const kit = await kitRow("Asset Twice");
  const bytes = new TextEncoder().encode("same bytes");
  const input = { kitId: kit.id, kitVersion: 1, templateId: "flyer", format: "a5", contentHash: HASH, bytes, mime: "image/png" };
  const [a, b] = await Promise.all([recordAsset(input), recordAsset(input)]);
  expect(a.id).toBe(b.id);
  expect(await prisma.asset.count({ where: { kitId: kit.id } })).toBe(1);
});

test("bad hashes and versions are refused with the field named", async () => {
  const kit = await kitRow("Asset Bad");
  const base = { kitId: kit.id, kitVersion: 1, templateId: "t", format: "a4", bytes: new Uint8Array([1]), mime: "image/png" };
  await expect(recordAsset({ ...base, contentHash: "nope" })).rejects.toThrow(/^contentHash:/);
  await expect(recordAsset({ ...base, contentHash: HASH, kitVersion: 0 })).rejects.toThrow(/^kitVersion:/);
});

test("assets become stale after the kit is saved, and the stale filter runs per kit", async () => {
  const kit = await kitRow("Asset Stale");
  const other = await kitRow("Asset Fresh");
  const old = await recordAsset({ kitId: kit.id, kitVersion: kit.version, templateId: "post", format: "ig-square", contentHash: HASH, bytes: new Uint8Array([1, 2, 3]), mime: "image/png" });
  const fresh = await recordAsset({ kitId: other.id, kitVersion: other.version, templateId: "post", format: "ig-square", contentHash: HASH, bytes: new Uint8Array([4, 5, 6]), mime: "image/png" });
  expect(old.stale).toBe(false);
  await saveKit(ws, kit.slug, { ...kit.kit, palette: { ...kit.kit.palette, primary: { ...kit.kit.palette.primary, color: "#aa2200" } } });
  const now = await recordAsset({ kitId: kit.id, kitVersion: 2, templateId: "post", format: "ig-square", contentHash: HASH, bytes: new Uint8Array([7, 8, 9]), mime: "image/png" });

  expect((await getAsset(ws, old.id))?.stale).toBe(true);
  expect((await getAsset(ws, old.id))?.currentKitVersion).toBe(2);
  expect(now.stale).toBe(false);
  const stale = await listAssets(ws, { stale: true });
  expect(stale.map((a) => a.id)).toContain(old.id);
  expect(stale.map((a) => a.id)).not.toContain(fresh.id);
  expect(stale.map((a) => a.id)).not.toContain(now.id);
  expect((await listAssets(ws, { kitId: kit.id, stale: false })).map((a) => a.id)).toEqual([now.id]);
  expect((await listAssets(ws, { kitId: kit.id })).map((a) => a.id).sort()).toEqual([old.id, now.id].sort());
  expect((await listAssets(ws, { templateId: "post", format: "ig-square", kitId: other.id })).map((a) => a.id)).toEqual([fresh.id]);
});

test("deleting an asset removes its blob, but keeps a blob another asset still uses", async () => {
  const kit = await kitRow("Asset Delete");
  const shared = new TextEncoder().encode("shared bytes");
  const own = new TextEncoder().encode("own bytes");
  const base = { kitId: kit.id, kitVersion: 1, templateId: "card", contentHash: HASH, mime: "application/pdf" };
  const a = await recordAsset({ ...base, format: "card-eu", bytes: shared });
  const b = await recordAsset({ ...base, format: "card-us", bytes: shared });
  const c = await recordAsset({ ...base, format: "a6", bytes: own });
  expect(a.storageKey).toBe(b.storageKey);

  expect(await deleteAsset(ws, c.id)).toEqual({ deleted: true, blobRemoved: true });
  expect(await getBlobStore().has(c.storageKey)).toBe(false);

  expect(await deleteAsset(ws, a.id)).toEqual({ deleted: true, blobRemoved: false });
  expect(await getBlobStore().has(b.storageKey)).toBe(true);
  expect((await readAsset(ws, b.id))?.bytes.toString()).toBe("shared bytes");

  expect(await deleteAsset(ws, b.id)).toEqual({ deleted: true, blobRemoved: true });
  expect(await getBlobStore().has(b.storageKey)).toBe(false);
  expect(await deleteAsset(ws, b.id)).toEqual({ deleted: false, blobRemoved: false });
  expect(await getAsset(ws, b.id)).toBeNull();
});

test("a blob that is also a kit logo file is kept when its asset is deleted", async () => {
  const kit = await kitRow("Asset Logo Share");
  const bytes = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>");
  const key = await getBlobStore().put(bytes);
  await prisma.logoFile.create({ data: { sha256: key, mime: "image/svg+xml", width: 10, height: 10, bytes: bytes.length, originalName: "logo.svg" } });
  const asset = await recordAsset({ kitId: kit.id, kitVersion: 1, templateId: "t", format: "a4", contentHash: HASH, bytes, mime: "image/svg+xml" });
  expect(await deleteAsset(ws, asset.id)).toEqual({ deleted: true, blobRemoved: false });
  expect(await getBlobStore().has(key)).toBe(true);
});

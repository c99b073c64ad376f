// One asset re-rendered: the right assets turn stale, the new file carries the new kit, the new row
// is recorded before the old file goes, and nothing is lost when the asset cannot be re-rendered.
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { assetHistory, getLibraryItem, listLibrary, rememberAssetSource, staleCounts } from "~/models/library.server.ts";
import { latestVersionOf, rerenderAsset, type RerenderStep } from "~/lib/rerender/rerender-asset.server.ts";
import { RerenderError } from "~/lib/rerender/source.server.ts";
import { renderDesign } from "~/lib/templates/render-design.server.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { assetRow, changePrimary, exampleKit, exportedPost, freshKit, type TestKit } from "./fixtures.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

let harbour: TestKit;
let pulse: TestKit;
beforeAll(async () => {
  harbour = await exampleKit(ws, "harbour-and-vine");
  pulse = await exampleKit(ws, "pulse-cycle-studio");
});

async function pixel(bytes: Uint8Array, x: number, y: number): Promise<string> {
  const { data } = await sharp(bytes).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  return `#${[data[0], data[1], data[2]].map((v) => (v ?? 0).toString(16).padStart(2, "0")).join("")}`;
}

test("a kit change turns that kit's assets stale; a re-render records a new version and removes the old file only after", async () => {
  const a = await exportedPost(ws, harbour, "Oysters on Friday");
  const b = await exportedPost(ws, harbour, "Brunch by the water");
  const other = await exportedPost(ws, pulse, "Spin at six");
  expect(await pixel(a.bytes, 1150, 600)).toBe("#17324d");

  const version = await changePrimary(ws, harbour.slug, "#6a1b4d");
  expect(version).toBe(2);
  const stale = (await listLibrary(ws, { stale: true })).items.map((i) => i.id);
  expect(stale.sort()).toEqual([a.asset.id, b.asset.id].sort());
  expect(stale).not.toContain(other.asset.id);
  expect(await staleCounts(ws)).toEqual([expect.objectContaining({ slug: harbour.slug, version: 2, staleAssets: 2, staleVideos: 0 })]);

  const store = getBlobStore();
  const seen: RerenderStep[] = [];
  const outcome = await rerenderAsset(a.asset.id, {
    async onStep(step, ids) {
      seen.push(step);
      // At every stage before the end the old file is still there.
      expect(await store.has(a.asset.storageKey)).toBe(true);
      const old = await assetRow(a.asset.id);
      if (step === "rendered" || step === "stored") {
        // Nothing recorded yet: the old row is live and the only version.
        expect(ids.newAssetId).toBeUndefined();
        expect(old?.supersededById).toBeNull();
        expect(await prisma.asset.count({ where: { kitId: harbour.id, kitVersion: 2 } })).toBe(0);
      }
      if (step === "recorded") {
        // New row and superseded old row appear together, before the old file is removed.
        expect(old?.supersededById).toBe(ids.newAssetId);
        const fresh = await assetRow(ids.newAssetId ?? "");
        expect(fresh?.kitVersion).toBe(2);
        expect(await store.has(fresh?.storageKey ?? "")).toBe(true);
      }
    },
  });
  expect(seen).toEqual(["rendered", "stored", "recorded"]);
  expect(outcome).toMatchObject({ assetId: a.asset.id, status: "rerendered", oldFileRemoved: true });
  expect(await store.has(a.asset.storageKey)).toBe(false);

  const fresh = await getLibraryItem(ws, outcome.newAssetId);
  expect(fresh).toMatchObject({ kitVersion: 2, currentKitVersion: 2, stale: false, templateId: "instagram-post", format: "link-card", output: "png", designId: a.design.id, title: "Oysters on Friday" });
  const file = await store.get(fresh?.storageKey ?? "");
  expect(await pixel(file, 1150, 600)).toBe("#6a1b4d");
  // The new row keeps what it was made from, so a later re-render does not need the design.
  const row = await assetRow(outcome.newAssetId);
  expect(JSON.parse(row?.content ?? "null")).toMatchObject({ headline: "Oysters on Friday" });
  expect([row?.output, JSON.parse(row?.options ?? "{}")]).toEqual(["png", { page: 0, name: "Oysters on Friday" }]);

  // The old row is history: not listed, reachable from the new one, and resolves to it.
  expect(await getLibraryItem(ws, a.asset.id)).toBeNull();
  expect((await assetHistory(outcome.newAssetId)).map((h) => [h.id, h.kitVersion])).toEqual([[a.asset.id, 1]]);
  expect(await latestVersionOf(a.asset.id)).toBe(outcome.newAssetId);
  expect(await rerenderAsset(a.asset.id)).toMatchObject({ status: "already", newAssetId: outcome.newAssetId });
  expect((await listLibrary(ws, { stale: true })).items.map((i) => i.id)).toEqual([b.asset.id]);
});

test("a design edited after its export is not re-rendered with the new words: the old asset stays as it was", async () => {
  const kit = await exampleKit(ws, "wild-stem-florals");
  const { asset, design } = await exportedPost(ws, kit, "Peonies are in");
  await prisma.design.update({ where: { id: design.id }, data: { content: JSON.stringify({ ...design.content, headline: "Tulips now" }) } });
  await changePrimary(ws, kit.slug, "#335522");
  const error = await rerenderAsset(asset.id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RerenderError);
  expect((error as RerenderError).reason).toMatch(/design was edited after this file was made/);
  expect(await assetRow(asset.id)).toMatchObject({ supersededById: null, kitVersion: 1 });
  expect(await getBlobStore().has(asset.storageKey)).toBe(true);
});

test("a file with its source kept re-renders from that snapshot even after the design is deleted", async () => {
  const kit = await freshKit(ws, harbour.slug);
  const { asset, design } = await exportedPost(ws, kit, "Crab season");
  await rememberAssetSource(asset.id, { content: design.content, output: "png", page: 0, name: "Crab season" });
  await prisma.design.delete({ where: { id: design.id } });
  await changePrimary(ws, kit.slug, "#0b4f6c");
  const outcome = await rerenderAsset(asset.id);
  const fresh = await getLibraryItem(ws, outcome.newAssetId);
  expect(fresh).toMatchObject({ designId: null, stale: false, title: "Crab season" });
  expect(await pixel(await getBlobStore().get(fresh?.storageKey ?? ""), 1150, 600)).toBe("#0b4f6c");
});

test("legacy rows: the page of a multi-page raster is found by matching the old render, the bleed of a PDF from its trim box", async () => {
  const kit = await exampleKit(ws, "harbour-and-vine");
  const menu = getTemplate("menu");
  const content = structuredClone(menu.sample) as { sections: { items: unknown[] }[] };
  // Enough dishes for a second page.
  for (const s of content.sections) s.items = [...s.items, ...s.items, ...s.items];
  const { createDesign } = await import("~/models/design.server.ts");
  const design = await createDesign(ws, { kitId: kit.id, templateId: "menu", name: "Long menu", content, formats: ["a4"] });
  const base = { kit, templateId: "menu", content: design.content, formatId: "a4", name: design.name };
  const page0 = await renderDesign({ ...base, output: "png", page: 0 });
  expect(page0.pages).toBeGreaterThan(1);
  const page1 = await renderDesign({ ...base, output: "png", page: 1 });
  const pdf = await renderDesign({ ...base, output: "pdf", bleed: true });
  const record = (out: typeof page0) => recordAsset({ kitId: kit.id, kitVersion: 1, designId: design.id, templateId: "menu", format: "a4", contentHash: out.contentHash, bytes: out.bytes, mime: out.mime });
  const [p1, bleedPdf] = [await record(page1), await record(pdf)];
  await changePrimary(ws, kit.slug, "#222222");

  const second = await rerenderAsset(p1.id);
  expect(JSON.parse((await assetRow(second.newAssetId))?.options ?? "{}")).toMatchObject({ page: 1 });
  const third = await rerenderAsset(bleedPdf.id);
  const row = await assetRow(third.newAssetId);
  expect([row?.output, JSON.parse(row?.options ?? "{}").bleed]).toEqual(["pdf", true]);
  expect((await getBlobStore().get(row?.storageKey ?? "")).toString("latin1")).toMatch(/\/TrimBox \[22\.677 22\.677/);
});

test("an asset recorded with its source and no design (a bulk CSV row) re-renders after a kit change", async () => {
  const kit = await freshKit(ws, harbour.slug);
  const post = getTemplate("instagram-post");
  const content = { ...(post.sample as Record<string, unknown>), headline: "Row 7: oysters" };
  const out = await renderDesign({ kit, templateId: post.id, content, formatId: "link-card", output: "png" });
  const asset = await recordAsset({ kitId: kit.id, kitVersion: kit.version, designId: null, templateId: post.id, format: "link-card", contentHash: out.contentHash, bytes: out.bytes, mime: out.mime, source: { content, output: "png", page: 0, name: "Row 7" } });
  expect(await pixel(out.bytes, 1150, 600)).not.toBe("#aa2211");
  await changePrimary(ws, kit.slug, "#aa2211");
  const outcome = await rerenderAsset(asset.id);
  const fresh = await getLibraryItem(ws, outcome.newAssetId);
  expect(fresh).toMatchObject({ designId: null, stale: false });
  expect(await pixel(await getBlobStore().get(fresh?.storageKey ?? ""), 1150, 600)).toBe("#aa2211");
});

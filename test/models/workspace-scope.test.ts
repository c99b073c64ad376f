// Workspaces see only their own data: two workspaces each hold a kit with the SAME slug, and every scoped
// read, list, update and delete made with the other workspace's scope finds nothing and changes nothing.
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { cancelRerenderJob, createRerenderJob, findRerenderJob, latestRerenderJob, listRerenderJobs } from "~/lib/rerender/job.server.ts";
import { deleteAsset, getAsset, listAssets, readAsset, recordAsset, type Asset } from "~/models/asset.server.ts";
import { createDesign, deleteDesign, DesignNotFoundError, DesignValidationError, getDesign, listDesigns, updateDesign, type Design } from "~/models/design.server.ts";
import { countKits, createKit, deleteKit, getKit, getVersion, KitNotFoundError, listKits, listVersions, saveKit } from "~/models/kit.server.ts";
import { deleteLibraryItem, getLibraryItem, libraryFacets, listLibrary, readLibraryFile, staleAssetIds, staleCounts } from "~/models/library.server.ts";
import { createVideoBrief, deleteVideoBrief, exampleBrief, getVideoBrief, listVideoBriefs, updateVideoBrief } from "~/models/video-brief.server.ts";
import { createVideoJob, findVideoJob, getVideoJob } from "~/models/video-job.server.ts";
import { createVideoRender, findVideoRender } from "~/models/video-render.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { makeKit } from "../factories/kit.ts";
import { makeWorkspace, type TestWorkspace } from "../support/auth.ts";

const SLUG = "corner-bakery";
let a: TestWorkspace;
let b: TestWorkspace;
let kitA: NonNullable<Awaited<ReturnType<typeof getKit>>>;
let kitB: NonNullable<Awaited<ReturnType<typeof getKit>>>;
let designA: Design;
let assetA: Asset;

beforeAll(async () => {
  a = await makeWorkspace("Alpha Group");
  b = await makeWorkspace("Beta Group");
  await createKit(a, makeKit("Corner Bakery", (k) => (k.palette.primary.color = "#aa0000")));
  await createKit(b, makeKit("Corner Bakery", (k) => (k.palette.primary.color = "#0000aa")));
  kitA = (await getKit(a, SLUG))!;
  kitB = (await getKit(b, SLUG))!;
  designA = await createDesign(a, { kitId: kitA.id, templateId: "menu", name: "Alpha menu" });
  assetA = await recordAsset({ kitId: kitA.id, kitVersion: 1, designId: designA.id, templateId: "menu", format: "a4", contentHash: "a".repeat(64), bytes: new TextEncoder().encode("alpha pdf"), mime: "application/pdf" });
});

test("the same slug in two workspaces is two kits; each scope finds its own", async () => {
  expect(kitA.slug).toBe(SLUG);
  expect(kitB.slug).toBe(SLUG);
  expect(kitA.id).not.toBe(kitB.id);
  expect(kitA.kit.palette.primary.color).toBe("#aa0000");
  expect(kitB.kit.palette.primary.color).toBe("#0000aa");
  expect((await listKits(b)).map((k) => k.id)).toEqual([kitB.id]);
  expect(await countKits(b)).toBe(1);
});

test("saving, restoring and deleting by slug touch only the scope's kit", async () => {
  const saved = await saveKit(b, SLUG, { ...kitB.kit, voice: { ...kitB.kit.voice, tagline: "Beta bakes" } });
  expect(saved).toMatchObject({ version: 2, changed: true });
  expect((await getKit(a, SLUG))?.version).toBe(1);
  expect((await getKit(a, SLUG))?.kit.voice.tagline).toBe("");
  expect((await listVersions(a, SLUG)).map((v) => v.version)).toEqual([1]);
  expect(await getVersion(a, SLUG, 2)).toBeNull();
  expect((await getVersion(b, SLUG, 2))?.kit.voice.tagline).toBe("Beta bakes");
  // A kit only workspace A has is unknown to B.
  const only = await createKit(a, makeKit("Alpha Only"));
  await expect(saveKit(b, only.slug, makeKit("Alpha Only", (k) => (k.voice.tagline = "hijacked")))).rejects.toBeInstanceOf(KitNotFoundError);
  await expect(deleteKit(b, only.slug)).rejects.toBeInstanceOf(KitNotFoundError);
  expect((await getKit(a, only.slug))?.kit.voice.tagline).toBe("");
});

test("designs: another workspace cannot read, list, update or delete them, nor use its kit", async () => {
  expect(await getDesign(b, designA.id)).toBeNull();
  expect(await listDesigns(b)).toEqual([]);
  expect(await listDesigns(b, { kitId: kitA.id })).toEqual([]);
  await expect(updateDesign(b, designA.id, { name: "Renamed by B" })).rejects.toBeInstanceOf(DesignNotFoundError);
  expect(await deleteDesign(b, designA.id)).toBe(false);
  expect(await getDesign(a, designA.id)).toMatchObject({ id: designA.id, name: "Alpha menu", version: 1 });

  const refused = await createDesign(b, { kitId: kitA.id, templateId: "menu" }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(DesignValidationError);
  expect((refused as DesignValidationError).errors).toEqual({ kitId: "unknown brand kit" });
  // Nor can B move its own design onto A's kit.
  const designB = await createDesign(b, { kitId: kitB.id, templateId: "menu", name: "Beta menu" });
  const moved = await updateDesign(b, designB.id, { kitId: kitA.id }).catch((e: unknown) => e);
  expect((moved as DesignValidationError).errors).toEqual({ kitId: "unknown brand kit" });
  expect((await getDesign(b, designB.id))?.kitId).toBe(kitB.id);
  expect((await listDesigns(b)).map((d) => d.id)).toEqual([designB.id]);
  expect((await listDesigns(a)).map((d) => d.id)).toEqual([designA.id]);
});

test("assets and the library: another workspace sees none of them and deletes nothing", async () => {
  const assetB = await recordAsset({ kitId: kitB.id, kitVersion: 1, templateId: "menu", format: "a4", contentHash: "b".repeat(64), bytes: new TextEncoder().encode("beta pdf"), mime: "application/pdf" });
  expect(await getAsset(b, assetA.id)).toBeNull();
  expect(await readAsset(b, assetA.id)).toBeNull();
  expect((await listAssets(b)).map((x) => x.id)).toEqual([assetB.id]);
  expect(await listAssets(b, { kitId: kitA.id })).toEqual([]);
  expect(await getLibraryItem(b, assetA.id)).toBeNull();
  expect(await readLibraryFile(b, assetA.id)).toBeNull();
  expect(await listLibrary(b)).toMatchObject({ total: 1, items: [{ id: assetB.id }] });
  expect(await listLibrary(b, { kitId: kitA.id })).toEqual({ items: [], total: 0 });
  expect((await libraryFacets(b)).kits.map((k) => k.id)).toEqual([kitB.id]);

  expect(await deleteAsset(b, assetA.id)).toEqual({ deleted: false, blobRemoved: false });
  expect(await deleteLibraryItem(b, assetA.id)).toBeNull();
  expect((await getLibraryItem(a, assetA.id))?.id).toBe(assetA.id);
  expect(await getBlobStore().has(assetA.storageKey)).toBe(true);
  expect((await readAsset(a, assetA.id))?.bytes.toString()).toBe("alpha pdf");
});

test("video briefs, jobs and renders belong to their kit's workspace", async () => {
  const example = (await exampleBrief("product-visualisation"))!.brief;
  const briefA = await createVideoBrief(a, SLUG, example);
  expect(briefA.kitId).toBe(kitA.id);
  // B names the same slug and gets a brief on its own kit.
  const briefB = await createVideoBrief(b, SLUG, { ...example, title: "Beta brief" });
  expect(briefB.kitId).toBe(kitB.id);
  expect(await getVideoBrief(b, briefA.id)).toBeNull();
  expect((await listVideoBriefs(b)).map((x) => x.id)).toEqual([briefB.id]);
  expect(await listVideoBriefs(b, { kitId: kitA.id })).toEqual([]);
  expect(await updateVideoBrief(b, briefA.id, { ...example, title: "Overwritten by B" })).toBeNull();
  expect(await deleteVideoBrief(b, briefA.id)).toBe(false);
  expect((await getVideoBrief(a, briefA.id))?.title).toBe(example.title);

  const job = await createVideoJob({ kitId: kitA.id, kitVersion: 1, brief: example, prompt: "Bread on a board.", provider: "local", seconds: 4, size: "720x1280" });
  expect(await findVideoJob(b, job.id)).toBeNull();
  expect((await findVideoJob(a, job.id))?.id).toBe(job.id);
  expect((await getVideoJob(job.id))?.id).toBe(job.id); // the worker's unscoped lookup

  const render = await createVideoRender({ briefId: briefA.id, provider: "local", jobIds: [job.id] });
  expect(await findVideoRender(b, render.id)).toBeNull();
  expect((await findVideoRender(a, render.id))?.id).toBe(render.id);
});

test("re-render jobs: planned from the workspace's own stale assets, invisible to the other", async () => {
  // A's asset was made at v1 and a save makes it stale; B's asset is stale too (B saved its kit above).
  await saveKit(a, SLUG, { ...kitA.kit, palette: { ...kitA.kit.palette, primary: { ...kitA.kit.palette.primary, color: "#cc1111" } } });
  expect(await staleAssetIds(a)).toEqual([assetA.id]);
  expect((await staleCounts(a)).map((s) => [s.slug, s.staleAssets])).toEqual([[SLUG, 1]]);
  expect(await staleAssetIds(b, kitA.id)).toEqual([]);
  const planned = await createRerenderJob(a);
  expect(planned?.job).toMatchObject({ status: "queued", total: 1 });
  const id = planned?.job.id ?? "";
  expect(await findRerenderJob(b, id)).toBeNull();
  expect(await latestRerenderJob(b)).toBeNull();
  expect(await listRerenderJobs(b)).toEqual([]);
  expect(await cancelRerenderJob(b, id)).toBe(false);
  expect((await findRerenderJob(a, id))?.status).toBe("queued");
  // B's own job plans only B's assets, even with A's job queued.
  const planB = await createRerenderJob(b);
  expect(planB?.created).toBe(true);
  expect(planB?.job.assetIds).toHaveLength(1);
  expect(planB?.job.assetIds).not.toContain(assetA.id);
  expect(await cancelRerenderJob(a, id)).toBe(true);
  expect(await cancelRerenderJob(b, planB?.job.id ?? "")).toBe(true);
});

test("deleting one workspace's kit leaves the other's kit of the same slug and everything made from it", async () => {
  await deleteKit(b, SLUG);
  expect(await getKit(b, SLUG)).toBeNull();
  expect((await getKit(a, SLUG))?.id).toBe(kitA.id);
  expect(await getDesign(a, designA.id)).not.toBeNull();
  expect(await getAsset(a, assetA.id)).not.toBeNull();
  expect(await prisma.design.count({ where: { kit: { workspaceId: b.workspaceId } } })).toBe(0);
});

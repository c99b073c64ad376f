// Recording replacements: several assets per transaction, twins share one new row, a swap into an
// asset deleted meanwhile leaves no row and no file behind.
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { commitReplacements, storeReplacement } from "~/lib/rerender/record.server.ts";
import { prepareRerender, settleRerender, type PreparedRerender } from "~/lib/rerender/rerender-asset.server.ts";
import { createRerenderJob } from "~/lib/rerender/job.server.ts";
import { runRerenderJob } from "~/lib/rerender/runner.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { assetRow, changePrimary, exampleKit, exportedPost, freshKit, type TestKit } from "./fixtures.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { renderDesign } from "~/lib/templates/render-design.server.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

let kit: TestKit;
beforeAll(async () => {
  kit = await exampleKit(ws, "harbour-and-vine");
});

async function prepared(id: string): Promise<PreparedRerender> {
  const p = await prepareRerender(id);
  if (!("replacement" in p)) throw new Error("expected a replacement");
  return p;
}

test("one transaction records several replacements; an asset deleted meanwhile gets no new row and no stray file", async () => {
  const a = await exportedPost(ws, kit, "Group one");
  const b = await exportedPost(ws, kit, "Group two");
  const c = await exportedPost(ws, kit, "Deleted meanwhile");
  await changePrimary(ws, kit.slug, "#336699");
  const [pa, pb, pc] = [await prepared(a.asset.id), await prepared(b.asset.id), await prepared(c.asset.id)];
  for (const p of [pa, pb, pc]) await storeReplacement(p.replacement);
  await prisma.asset.delete({ where: { id: c.asset.id } });

  const results = await commitReplacements([pa.replacement, pb.replacement, pc.replacement]);
  expect(results.map((r) => (r instanceof Error ? r.message : r.status))).toEqual(["replaced", "replaced", "lost"]);
  const outcomes = [await settleRerender(pa, results[0] as Error), await settleRerender(pb, results[1] as Error)];
  for (const [i, o] of outcomes.entries()) {
    const old = [a, b][i];
    expect((await assetRow(old?.asset.id ?? ""))?.supersededById).toBe(o.newAssetId);
    expect(await assetRow(o.newAssetId)).toMatchObject({ kitVersion: 2, supersededById: null });
  }
  await expect(settleRerender(pc, results[2] as Error)).rejects.toThrow(/deleted while it was being re-rendered/);
  expect(await prisma.asset.count({ where: { storageKey: pc.replacement.key } })).toBe(0);
  expect(await getBlobStore().has(pc.replacement.key)).toBe(false);
});

test("two stale rows that render to the same file are both replaced by one new row", async () => {
  const k = await exampleKit(ws, "wild-stem-florals");
  const first = await exportedPost(ws, k, "Twins");
  await changePrimary(ws, k.slug, "#aa3355");
  // The same design exported again at v2: a second row, current now, stale after the next change.
  const v2 = await freshKit(ws, k.slug);
  const out = await renderDesign({ kit: v2, templateId: "instagram-post", content: first.design.content, formatId: "link-card", output: "png", name: first.design.name });
  const second = await recordAsset({ kitId: v2.id, kitVersion: v2.version, designId: first.design.id, templateId: "instagram-post", format: "link-card", contentHash: out.contentHash, bytes: out.bytes, mime: out.mime });
  await changePrimary(ws, k.slug, "#118844");
  const planned = await createRerenderJob(ws, { kitId: k.id });
  expect(planned?.job.total).toBe(2);
  const job = await runRerenderJob(planned?.job.id ?? "");
  expect(job).toMatchObject({ status: "completed", done: 2, failed: 0 });
  const [r1, r2] = [await assetRow(first.asset.id), await assetRow(second.id)];
  expect(r1?.supersededById).toBeTruthy();
  expect(r1?.supersededById).toBe(r2?.supersededById);
  expect(await prisma.asset.count({ where: { kitId: k.id, supersededById: null } })).toBe(1);
  for (const key of [first.asset.storageKey, second.storageKey]) expect(await getBlobStore().has(key)).toBe(false);
});

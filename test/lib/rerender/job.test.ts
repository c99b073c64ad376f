// The batch: every stale asset re-rendered at bounded concurrency, progress persisted, one failure
// recorded with its reason while the others go on, and a job whose runner died resumed where it stopped.
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { checkLibrary } from "~/models/library-check.server.ts";
import { listLibrary } from "~/models/library.server.ts";
import { rerenderAsset } from "~/lib/rerender/rerender-asset.server.ts";
import { cancelRerenderJob, claimRerenderJob, createRerenderJob, getRerenderJob, LEASE_MS, saveRerenderProgress } from "~/lib/rerender/job.server.ts";
import { resumeRerenderJobs, runRerenderJob, startRerender } from "~/lib/rerender/runner.server.ts";
import { assetRow, changePrimary, exampleKit, exportedPost, type TestKit } from "./fixtures.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

let harbour: TestKit;
let pulse: TestKit;
beforeAll(async () => {
  harbour = await exampleKit(ws, "harbour-and-vine");
  pulse = await exampleKit(ws, "pulse-cycle-studio");
});

test("a batch where one asset fails mid-way loses nothing, reports that one with its reason and re-renders the rest", async () => {
  const made = [];
  for (const h of ["Mussels", "Chowder", "Sea bass", "Scallops", "Lobster roll"]) made.push(await exportedPost(ws, harbour, h));
  const spin = await exportedPost(ws, pulse, "Ride at dawn");
  // A genuine failure in the middle: the third design's content no longer passes its template.
  const broken = made[2] as (typeof made)[number];
  await prisma.design.update({ where: { id: broken.design.id }, data: { content: JSON.stringify({ ...broken.design.content, headline: "" }) } });
  // And one whose kit cannot be loaded: the pulse kit's logo file is gone from storage.
  await changePrimary(ws, harbour.slug, "#2b2d42");
  await changePrimary(ws, pulse.slug, "#ff0066");
  const logoKey = pulse.kit.logos.primary?.src.slice(7) ?? "";
  expect(Object.values(harbour.kit.logos).some((l) => typeof l === "object" && l.src.endsWith(logoKey))).toBe(false);
  await getBlobStore().delete(logoKey);

  const planned = await createRerenderJob(ws);
  expect(planned?.job).toMatchObject({ status: "queued", total: 6, done: 0 });
  const job = await runRerenderJob(planned?.job.id ?? "");
  expect(job).toMatchObject({ status: "completed", total: 6, done: 6, failed: 2 });
  const byAsset = new Map(job?.results.map((r) => [r.assetId, r]));
  expect(byAsset.get(broken.asset.id)).toMatchObject({ status: "failed", reason: expect.stringMatching(/no longer valid: .*headline: write a headline/) });
  expect(byAsset.get(spin.asset.id)).toMatchObject({ status: "failed", reason: expect.stringMatching(/stored file .* is missing/) });

  const store = getBlobStore();
  for (const m of made) {
    const row = await assetRow(m.asset.id);
    if (m === broken) {
      // Untouched: still live, still stale, file still there.
      expect(row).toMatchObject({ supersededById: null, kitVersion: 1 });
      expect(await store.has(m.asset.storageKey)).toBe(true);
      continue;
    }
    const result = byAsset.get(m.asset.id);
    expect(result?.status).toBe("ok");
    expect(row?.supersededById).toBe(result?.newAssetId);
    expect(await store.has(m.asset.storageKey)).toBe(false);
    const fresh = await assetRow(result?.newAssetId ?? "");
    expect(fresh?.kitVersion).toBe(2);
    expect(await store.has(fresh?.storageKey ?? "")).toBe(true);
  }
  expect(await assetRow(spin.asset.id)).toMatchObject({ supersededById: null });
  expect(await store.has(spin.asset.storageKey)).toBe(true);
  expect((await listLibrary(ws, { stale: true })).items.map((i) => i.id).sort()).toEqual([broken.asset.id, spin.asset.id].sort());

  // No file without a row, no live row without its file; the removed logo is the only gap.
  const check = await checkLibrary();
  expect(check.orphans).toEqual([]);
  expect(check.missing.map((m) => [m.kind, m.key])).toEqual([["logo", logoKey]]);
  // Progress is in the database, not only in memory.
  expect(await getRerenderJob(job?.id ?? "")).toMatchObject({ done: 6, failed: 2, status: "completed" });
});

test("at most two assets render at once", async () => {
  const kit = await exampleKit(ws, "wild-stem-florals");
  for (const h of ["Ranunculus", "Dahlias", "Sweet peas", "Anemones", "Roses", "Tulips"]) await exportedPost(ws, kit, h);
  await changePrimary(ws, kit.slug, "#8a2be2");
  const planned = await createRerenderJob(ws, { kitId: kit.id });
  const done = await runRerenderJob(planned?.job.id ?? "", { concurrency: 2 });
  expect(done).toMatchObject({ status: "completed", total: 6, done: 6, failed: 0 });
  // Each result's render interval [end - duration, end]: count how many overlap at any start.
  const spans = (done?.results ?? []).map((r) => [(r.renderedAt ?? 0) - (r.renderMs ?? 0), r.renderedAt ?? 0] as const);
  expect(spans.every(([s, e]) => e > s && s > 0)).toBe(true);
  // Never more than two at once. The times are whole milliseconds, so each interval is trimmed by 1 ms at
  // both ends before counting: one worker finishing and starting its next asset within the same
  // millisecond is not a third render. (Renders now take a few ms, too short to prove "exactly two" from
  // these stamps; the re-render benchmark measures the parallel speed-up.)
  const trimmed = spans.map(([s, e]) => [s + 1, e - 1] as const).filter(([s, e]) => e > s);
  const overlap = Math.max(0, ...trimmed.map(([start]) => trimmed.filter(([s, e]) => s <= start && e > start).length));
  expect(overlap).toBeLessThanOrEqual(2);
});

test("a second start while a job runs returns that job; nothing stale means no job", async () => {
  expect(await createRerenderJob(ws, { kitId: harbour.id })).not.toBeNull(); // the broken asset from the first test
  const again = await createRerenderJob(ws);
  expect(again?.created).toBe(false);
  await cancelRerenderJob(ws, again?.job.id ?? "");
  const kit = await exampleKit(ws, "pulse-cycle-studio");
  expect(await createRerenderJob(ws, { kitId: kit.id })).toBeNull();
});

test("a job whose runner died is resumed where it stopped, without doing an asset twice", async () => {
  const kit = await exampleKit(ws, "harbour-and-vine");
  const made = [];
  for (const h of ["Bread", "Butter", "Jam"]) made.push(await exportedPost(ws, kit, h));
  await changePrimary(ws, kit.slug, "#114477");
  const planned = await createRerenderJob(ws, { kitId: kit.id });
  const id = planned?.job.id ?? "";
  // A runner took the job, finished the first asset, recorded it, then the process died.
  expect(await claimRerenderJob(id)).toBe(true);
  const first = await rerenderAsset(made[0]?.asset.id ?? "");
  await saveRerenderProgress(id, [{ assetId: first.assetId, status: "ok", newAssetId: first.newAssetId, ms: 1 }]);
  // While its lease is fresh nobody else takes it.
  expect(await resumeRerenderJobs()).toEqual([]);
  await prisma.rerenderJob.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - LEASE_MS - 1000) } });
  expect(await resumeRerenderJobs()).toEqual([id]);
  const job = await runRerenderJob(id);
  expect(job).toMatchObject({ status: "completed", total: 3, done: 3, failed: 0 });
  // The first result is the one recorded before the crash; each asset appears once.
  expect(job?.results[0]).toMatchObject({ assetId: made[0]?.asset.id, ms: 1 });
  expect(job?.results.map((r) => r.assetId).sort()).toEqual(made.map((m) => m.asset.id).sort());
  for (const m of made) expect((await assetRow(m.asset.id))?.supersededById).not.toBeNull();
});

test("startRerender runs in the background and the stored progress reaches the end", async () => {
  const kit = await exampleKit(ws, "wild-stem-florals");
  await exportedPost(ws, kit, "Lilac");
  await changePrimary(ws, kit.slug, "#553311");
  const started = await startRerender(ws, { kitId: kit.id });
  expect(started?.created).toBe(true);
  let job = await getRerenderJob(started?.job.id ?? "");
  for (let i = 0; i < 200 && job?.status !== "completed"; i++) {
    await new Promise((r) => setTimeout(r, 25));
    job = await getRerenderJob(started?.job.id ?? "");
  }
  expect(job).toMatchObject({ status: "completed", total: 1, done: 1, failed: 0 });
  expect(job?.finishedAt).toBeInstanceOf(Date);
});

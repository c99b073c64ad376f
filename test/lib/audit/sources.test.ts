// Stored things the audit can open: a video job's thumbnail, a blob by key, a saved design (with its
// text contrast), each against its own kit unless another is named; and the errors for each.
import sharp from "sharp";
import { expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { runAudit } from "~/lib/audit/sources.server.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { createDesign } from "~/models/design.server.ts";
import { createVideoJob } from "~/models/video-job.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { exampleKit } from "../../models/design-fixtures.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

const harbour = await exampleKit(ws, "harbour-and-vine");
const thumbnail = await sharp({ create: { width: 72, height: 128, channels: 3, background: harbour.kit.palette.accent.color } }).png().toBuffer();

test("a video job's thumbnail is audited against the job's kit; a job without one says so", async () => {
  const job = await createVideoJob({ kitId: harbour.id, kitVersion: harbour.version, brief: {}, prompt: "A slow push-in on grilled fish.", provider: "local", seconds: 4, size: "720x1280" });
  await expect(runAudit(ws, { source: { videoJobId: job.id } })).rejects.toThrow(`videoJobId: video job "${job.id}" has no thumbnail yet (status: queued)`);
  const key = await getBlobStore().put(thumbnail);
  await prisma.videoJob.update({ where: { id: job.id }, data: { outputs: JSON.stringify({ thumbnail: `sha256:${key}` }) } });
  const report = await runAudit(ws, { source: { videoJobId: job.id } });
  expect(report.kit.slug).toBe(harbour.slug);
  expect(report.file.name).toBe(`video-${job.id}-thumbnail`);
  expect(report.colours[0]).toMatchObject({ hex: harbour.kit.palette.accent.color, nearest: { role: "accent" }, deltaE: 0 });
});

test("a blob is audited by its key when something in the workspace uses it, and needs a kit named", async () => {
  const bytes = await sharp({ create: { width: 40, height: 40, channels: 3, background: harbour.kit.palette.primary.color } }).png().toBuffer();
  const asset = await recordAsset({ kitId: harbour.id, kitVersion: harbour.version, templateId: "upload", format: "png", contentHash: "b".repeat(64), bytes, mime: "image/png" });
  const key = asset.storageKey;
  await expect(runAudit(ws, { source: { blobKey: key } })).rejects.toThrow("kit: choose the brand kit to audit against");
  const report = await runAudit(ws, { source: { blobKey: `sha256:${key}` }, kitSlug: harbour.slug });
  expect(report.score).toBe(1);
  await expect(runAudit(ws, { source: { blobKey: "../../etc/passwd" }, kitSlug: harbour.slug })).rejects.toThrow("blobKey: expected a sha256 key");
  // Referenced here but gone from storage.
  await getBlobStore().delete(key);
  await expect(runAudit(ws, { source: { blobKey: key }, kitSlug: harbour.slug })).rejects.toThrow(`blobKey: stored file ${key.slice(0, 12)}… is missing`);
});

test("a blob nothing in the workspace uses is refused, even when another workspace uses it", async () => {
  const stray = await getBlobStore().put(new TextEncoder().encode("someone's upload"));
  await expect(runAudit(ws, { source: { blobKey: stray }, kitSlug: harbour.slug })).rejects.toThrow(`blobKey: no file "${stray.slice(0, 12)}…" in this workspace`);
  const other = await makeWorkspace();
  const theirs = await exampleKit(other, "wild-stem-florals");
  const bytes = await sharp({ create: { width: 40, height: 40, channels: 3, background: theirs.kit.palette.primary.color } }).png().toBuffer();
  const asset = await recordAsset({ kitId: theirs.id, kitVersion: theirs.version, templateId: "upload", format: "png", contentHash: "c".repeat(64), bytes, mime: "image/png" });
  expect((await runAudit(other, { source: { blobKey: asset.storageKey }, kitSlug: theirs.slug })).score).toBe(1);
  await expect(runAudit(ws, { source: { blobKey: asset.storageKey }, kitSlug: harbour.slug })).rejects.toThrow(`blobKey: no file "${asset.storageKey.slice(0, 12)}…" in this workspace`);
  // Nor is another workspace's asset opened by its id.
  await expect(runAudit(ws, { source: { assetId: asset.id }, kitSlug: harbour.slug })).rejects.toThrow(`assetId: no asset "${asset.id}"`);
});

test("a saved design is drawn in its kit and checked for colour and text contrast; a wrong format is named", async () => {
  const design = await createDesign(ws, { kitId: harbour.id, templateId: "instagram-post", name: "Long lunch post" });
  const report = await runAudit(ws, { source: { designId: design.id } });
  expect(report.file.name).toBe("Long-lunch-post-ig-square.png");
  expect(report.score).toBeGreaterThanOrEqual(0.95);
  expect(report.contrast?.templateId).toBe("instagram-post");
  expect(report.contrast?.texts.map((t) => t.field)).toEqual(expect.arrayContaining(["headline", "cta"]));
  const against = await runAudit(ws, { source: { designId: design.id }, kitSlug: "nope" }).catch((e: Error) => e.message);
  expect(against).toBe('kit: no brand kit "nope"');
  await expect(runAudit(ws, { source: { designId: design.id, formatId: "a4" } })).rejects.toThrow(/formatId: "a4" is not a format of/);
  await expect(runAudit(ws, { source: { designId: "missing" } })).rejects.toThrow('designId: no design "missing"');
});

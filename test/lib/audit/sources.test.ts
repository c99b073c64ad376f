// Stored things the audit can open: a video job's thumbnail, a blob by key, a saved design (with its
// text contrast), each against its own kit unless another is named; and the errors for each.
import sharp from "sharp";
import { expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { runAudit } from "~/lib/audit/sources.server.ts";
import { createDesign } from "~/models/design.server.ts";
import { createVideoJob } from "~/models/video-job.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { exampleKit } from "../../models/design-fixtures.ts";

const harbour = await exampleKit("harbour-and-vine");
const thumbnail = await sharp({ create: { width: 72, height: 128, channels: 3, background: harbour.kit.palette.accent.color } }).png().toBuffer();

test("a video job's thumbnail is audited against the job's kit; a job without one says so", async () => {
  const job = await createVideoJob({ kitId: harbour.id, kitVersion: harbour.version, brief: {}, prompt: "A slow push-in on grilled fish.", provider: "local", seconds: 4, size: "720x1280" });
  await expect(runAudit({ source: { videoJobId: job.id } })).rejects.toThrow(`videoJobId: video job "${job.id}" has no thumbnail yet (status: queued)`);
  const key = await getBlobStore().put(thumbnail);
  await prisma.videoJob.update({ where: { id: job.id }, data: { outputs: JSON.stringify({ thumbnail: `sha256:${key}` }) } });
  const report = await runAudit({ source: { videoJobId: job.id } });
  expect(report.kit.slug).toBe(harbour.slug);
  expect(report.file.name).toBe(`video-${job.id}-thumbnail`);
  expect(report.colours[0]).toMatchObject({ hex: harbour.kit.palette.accent.color, nearest: { role: "accent" }, deltaE: 0 });
});

test("a blob is audited by its key, and needs a kit named", async () => {
  const key = await getBlobStore().put(thumbnail);
  await expect(runAudit({ source: { blobKey: key } })).rejects.toThrow("kit: choose the brand kit to audit against");
  const report = await runAudit({ source: { blobKey: `sha256:${key}` }, kitSlug: harbour.slug });
  expect(report.score).toBe(1);
  await expect(runAudit({ source: { blobKey: "../../etc/passwd" }, kitSlug: harbour.slug })).rejects.toThrow("blobKey: expected a sha256 key");
  await expect(runAudit({ source: { blobKey: "f".repeat(64) }, kitSlug: harbour.slug })).rejects.toThrow("blobKey: stored file ffffffffffff… is missing");
});

test("a saved design is drawn in its kit and checked for colour and text contrast; a wrong format is named", async () => {
  const design = await createDesign({ kitId: harbour.id, templateId: "instagram-post", name: "Long lunch post" });
  const report = await runAudit({ source: { designId: design.id } });
  expect(report.file.name).toBe("Long-lunch-post-ig-square.png");
  expect(report.score).toBeGreaterThanOrEqual(0.95);
  expect(report.contrast?.templateId).toBe("instagram-post");
  expect(report.contrast?.texts.map((t) => t.field)).toEqual(expect.arrayContaining(["headline", "cta"]));
  const against = await runAudit({ source: { designId: design.id }, kitSlug: "nope" }).catch((e: Error) => e.message);
  expect(against).toBe('kit: no brand kit "nope"');
  await expect(runAudit({ source: { designId: design.id, formatId: "a4" } })).rejects.toThrow(/formatId: "a4" is not a format of/);
  await expect(runAudit({ source: { designId: "missing" } })).rejects.toThrow('designId: no design "missing"');
});

// The offline animatic provider with the npm ffmpeg, real fonts and a real database: size, length, the
// kit's colours in decoded frames, progress, and what a restart does (poll -> lost, worker redraws).
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { extractFrame, probeMedia, resolveFfmpeg } from "~/lib/video/ffmpeg.server.ts";
import { holdDurations, zoomsOut } from "~/lib/video/animatic.server.ts";
import { clipFromJob, createLocalProvider, readClipBrief, type ClipBrief } from "~/lib/video/providers/local.server.ts";
import { getVideoProvider } from "~/lib/video/providers/registry.server.ts";
import { isVideoProviderError, type VideoPollResult, type VideoProvider } from "~/lib/video/providers/types.ts";
import { VideoWorker } from "~/lib/video/worker.server.ts";
import { createVideoJob, getVideoJob } from "~/models/video-job.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { deltaE, exampleBrief, meanColour, rawPixels, storeExampleKit, useNpmFfmpeg } from "../../support/video-frames.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

const work = mkdtempSync(path.join(os.tmpdir(), "marque-local-"));
let pulse: Awaited<ReturnType<typeof storeExampleKit>>;

beforeAll(async () => {
  useNpmFfmpeg();
  pulse = await storeExampleKit(ws, "pulse-cycle-studio");
});
beforeEach(async () => {
  await prisma.videoJob.deleteMany();
});

async function pollUntilDone(provider: VideoProvider, remoteId: string, seen: VideoPollResult[] = []) {
  for (;;) {
    const r = await provider.poll(remoteId);
    seen.push(r);
    if (r.status === "completed" || r.status === "failed") return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function jobFor(snapshot: unknown, seconds: number, size = "720x1280") {
  return createVideoJob({ kitId: pulse.id, kitVersion: pulse.version, brief: snapshot, prompt: "a prompt", provider: "local", model: "local-animatic", seconds, size });
}

test("ffmpeg comes from FFMPEG_PATH: the npm build here, so tests need no system package", () => {
  const resolved = resolveFfmpeg();
  expect(resolved.source).toBe("env");
  expect(resolved.path).toContain("@ffmpeg-installer");
});

test("a 3-shot brief becomes a 720x1280 H.264 animatic of exactly 12 s, in the kit's background colour", async () => {
  const brief = exampleBrief("product-visualisation");
  expect(brief.shots.map((s) => s.seconds)).toEqual([4, 4, 4]);
  const snapshot: ClipBrief = { brief, clip: { index: 0, count: 1, shots: [0, 1, 2] } };
  const job = await jobFor(snapshot, 12);
  const provider = createLocalProvider();
  const started = Date.now();
  const { remoteId } = await provider.start({ jobId: job.id, prompt: job.prompt, model: job.model, seconds: 12, size: "720x1280" });
  const seen: VideoPollResult[] = [];
  const done = await pollUntilDone(provider, remoteId, seen);
  const elapsed = Date.now() - started;
  expect(done).toEqual({ status: "completed", progress: 100 });
  const progress = seen.map((s) => s.progress);
  expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes backwards
  const files = await provider.download(remoteId);
  console.info(`local animatic: 3 shots, 12 s, 720x1280 in ${elapsed} ms (${files.video.length} bytes)`);

  const file = path.join(work, "product.mp4");
  writeFileSync(file, files.video);
  const info = await probeMedia(file);
  expect({ w: info.width, h: info.height, codec: info.videoCodec, pix: info.pixelFormat, audio: info.hasAudio }).toEqual({ w: 720, h: 1280, codec: "h264", pix: "yuv420p", audio: false });
  expect(Math.abs(info.duration - 12)).toBeLessThanOrEqual(0.1);
  expect(files.video.toString("latin1", 4, 8)).toBe("ftyp");

  // Middle of shot 1: the side margin is plain kit background even at the push-in's tightest.
  const frame = await rawPixels(await extractFrame(file, 2));
  expect(frame.width).toBe(720);
  const margin = meanColour(frame, 6, 300, 20, 700);
  expect(deltaE(margin, pulse.kit.palette.background.color)).toBeLessThanOrEqual(3);
  // The caption bar of shot 3 (it has the voiceover line) is the kit's primary colour.
  const shot3 = await rawPixels(await extractFrame(file, 10));
  expect(deltaE(meanColour(shot3, 646, 1080, 18, 100), pulse.kit.palette.primary.color)).toBeLessThanOrEqual(3);

  const thumb = await sharp(files.thumbnail!).metadata();
  expect([thumb.format, thumb.width, thumb.height]).toEqual(["jpeg", 720, 1280]);
  // The provider forgets a clip once it has been handed over.
  await expect(provider.poll(remoteId)).rejects.toMatchObject({ kind: "lost" });
}, 180_000);

test("a landscape clip longer than its shots holds the last shot to the clip's length", async () => {
  const brief = exampleBrief("style-exploration");
  const total = brief.shots.reduce((t, s) => t + s.seconds, 0);
  const job = await jobFor({ brief, clip: { index: 0, count: 1, shots: [0, 1] } }, total + 4, "640x360");
  const provider = createLocalProvider();
  const { remoteId } = await provider.start({ jobId: job.id, prompt: "p", model: "m", seconds: total + 4, size: "640x360" });
  expect(await pollUntilDone(provider, remoteId)).toMatchObject({ status: "completed" });
  const file = path.join(work, "landscape.mp4");
  writeFileSync(file, (await provider.download(remoteId)).video);
  const info = await probeMedia(file);
  expect([info.width, info.height]).toEqual([640, 360]);
  expect(Math.abs(info.duration - (total + 4))).toBeLessThanOrEqual(0.1);
  const frame = await rawPixels(await extractFrame(file, total + 3));
  // Below the camera note in the left column: plain background, even at the end of an 8 s push-in.
  expect(deltaE(meanColour(frame, 30, 285, 70, 30), pulse.kit.palette.background.color)).toBeLessThanOrEqual(3);
}, 120_000);

test("poll on an id it does not know (after a restart) reports lost, so the worker can draw it again", async () => {
  const before = createLocalProvider();
  expect(before.restartSafe).toBe(true);
  const error = await createLocalProvider().poll("local_2f1c0e0a-0000-4000-8000-000000000000").catch((e: unknown) => e);
  expect(isVideoProviderError(error) && error.kind).toBe("lost");
  await expect(before.download("local_unknown")).rejects.toMatchObject({ kind: "lost" });
});

test("the worker runs a local job to completion and stores the MP4 and thumbnail", async () => {
  const brief = exampleBrief("style-exploration");
  const job = await jobFor({ brief, clip: { index: 0, count: 1, shots: [0, 1] } }, 8, "360x640");
  const worker = new VideoWorker({ resolveProvider: () => createLocalProvider(), poll: { initialMs: 50, maxMs: 200, factor: 1.5, jitter: 0 }, idleScanMs: 50 }).start();
  try {
    await worker.idle();
  } finally {
    await worker.stop();
  }
  const done = await getVideoJob(job.id);
  expect(done?.status).toBe("completed");
  const video = await getBlobStore().get(done!.outputs.video!.slice(7));
  const file = path.join(work, "worker.mp4");
  writeFileSync(file, video);
  const info = await probeMedia(file);
  expect([info.width, info.height, Math.round(info.duration)]).toEqual([360, 640, 8]);
  expect(done?.outputs.thumbnail).toMatch(/^sha256:/);
}, 120_000);

test("a restart mid-render: the new process's provider has lost the clip and the worker requeues and redraws it", async () => {
  const brief = exampleBrief("style-exploration");
  const job = await jobFor({ brief, clip: { index: 0, count: 1, shots: [0, 1] } }, 8, "360x640");
  // The previous process started it and stored the remote id, then died.
  await prisma.videoJob.update({ where: { id: job.id }, data: { status: "in_progress", remoteId: "local_from-the-previous-process" } });
  const provider = createLocalProvider();
  const worker = new VideoWorker({ resolveProvider: () => provider, poll: { initialMs: 50, maxMs: 200, factor: 1.5, jitter: 0 }, idleScanMs: 50 }).start();
  try {
    await worker.idle();
  } finally {
    await worker.stop();
  }
  const done = await getVideoJob(job.id);
  expect(done?.status).toBe("completed");
  expect(done?.remoteId).not.toBe("local_from-the-previous-process");
}, 120_000);

test("cancel stops a render in progress: the clip is gone and the render slot is free again", async () => {
  const brief = exampleBrief("product-visualisation");
  const job = await jobFor({ brief, clip: { index: 0, count: 1, shots: [0, 1, 2] } }, 12);
  const provider = createLocalProvider();
  const { remoteId } = await provider.start({ jobId: job.id, prompt: "p", model: "m", seconds: 12, size: "720x1280" });
  while ((await provider.poll(remoteId)).status === "queued") await new Promise((resolve) => setTimeout(resolve, 10));
  await provider.cancel(remoteId);
  await expect(provider.poll(remoteId)).rejects.toMatchObject({ kind: "lost" });
  for (let i = 0; i < 500 && provider.active > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(provider.active).toBe(0);
}, 60_000);

test("renders queue one at a time: the second clip waits as queued until the first is done", async () => {
  const brief = exampleBrief("style-exploration");
  const provider = createLocalProvider();
  const jobs = await Promise.all([0, 1].map(() => jobFor({ brief, clip: { index: 0, count: 1, shots: [0] } }, 4, "160x284")));
  const [a, b] = await Promise.all(jobs.map((j) => provider.start({ jobId: j.id, prompt: "p", model: "m", seconds: 4, size: "160x284" })));
  let sawWaiting = false;
  for (;;) {
    const [pa, pb] = await Promise.all([provider.poll(a!.remoteId), provider.poll(b!.remoteId)]);
    expect(provider.active).toBeLessThanOrEqual(1);
    if (pa.status === "in_progress" && pb.status === "queued") sawWaiting = true;
    if (pa.status === "completed" && pb.status === "completed") break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(sawWaiting).toBe(true);
}, 60_000);

test("an odd size or a job whose brief is not a brief fails with a reason, not a crash", async () => {
  const provider = createLocalProvider();
  const odd = await jobFor({ brief: exampleBrief("style-exploration"), clip: { index: 0, count: 1, shots: [0] } }, 4, "721x1280");
  const a = await provider.start({ jobId: odd.id, prompt: "p", model: "m", seconds: 4, size: "721x1280" });
  expect(await pollUntilDone(provider, a.remoteId)).toMatchObject({ status: "failed", error: expect.stringContaining("even width and height") });
  const junk = await jobFor({ hello: "world" }, 4);
  const b = await provider.start({ jobId: junk.id, prompt: "p", model: "m", seconds: 4, size: "720x1280" });
  expect(await pollUntilDone(provider, b.remoteId)).toMatchObject({ status: "failed", error: expect.stringContaining("cannot be drawn as an animatic") });
});

test("clip snapshots: a ClipBrief picks its shots; a bare brief draws them all; bad shot indices are named", async () => {
  const brief = exampleBrief("product-visualisation");
  expect(readClipBrief({ brief, clip: { index: 1, count: 2, shots: [2] } }).shots).toEqual([2]);
  expect(readClipBrief(brief).shots).toEqual([0, 1, 2]);
  expect(() => readClipBrief({ brief, clip: { index: 0, count: 1, shots: [7] } })).toThrow(/clip.shots: there is no shot 7/);
  const job = await jobFor(brief, 12);
  const clip = await clipFromJob({ jobId: job.id, prompt: "", model: "", seconds: 12, size: "720x1280" });
  expect(clip.kit.name).toBe(pulse.kit.name);
});

test("hold times: the last shot fills the clip, shots past its end are cut; pull-backs zoom out", () => {
  expect(holdDurations([4, 4], 12)).toEqual([4, 8]);
  expect(holdDurations([4, 4, 4], 6)).toEqual([4, 2, 0]);
  expect(holdDurations([3.5], 4)).toEqual([4]);
  expect(zoomsOut("slow pull-back")).toBe(true);
  expect(zoomsOut("slow push-in")).toBe(false);
});

test("the registry knows the local provider", () => {
  expect(getVideoProvider("local").name).toBe("local");
});

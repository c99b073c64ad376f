// The generate glue with the local provider end to end: brief -> jobs (reference frame on the first) ->
// animatics -> joined, end card -> an asset recorded with the kit version; and the UI's three-step path.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { probeMedia, runFfmpeg } from "~/lib/video/ffmpeg.server.ts";
import { registerVideoProvider } from "~/lib/video/providers/registry.server.ts";
import type { VideoProvider } from "~/lib/video/providers/types.ts";
import { finishVideo, generateVideo, queueVideo, waitForVideo, type GenerateProgress } from "~/lib/video/generate.server.ts";
import { ensureVideoWorker, stopVideoWorker } from "~/lib/video/worker.server.ts";
import { getAsset, readAsset } from "~/models/asset.server.ts";
import { saveKit } from "~/models/kit.server.ts";
import { getVideoJob } from "~/models/video-job.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { exampleBriefJson, storeExampleKit, useNpmFfmpeg } from "../../support/video-frames.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

const work = mkdtempSync(path.join(os.tmpdir(), "marque-generate-"));
let kit: Awaited<ReturnType<typeof storeExampleKit>>;

beforeAll(async () => {
  useNpmFfmpeg();
  kit = await storeExampleKit(ws, "wild-stem-florals");
  ensureVideoWorker({ poll: { initialMs: 100, maxMs: 500, factor: 1.5, jitter: 0 }, idleScanMs: 100 });
});
afterAll(async () => {
  await stopVideoWorker();
});

test("a two-clip brief becomes one branded MP4: shots + end card, recorded as an asset of the kit version", async () => {
  const progress: GenerateProgress[] = [];
  const started = Date.now();
  const result = await generateVideo(ws, { kitSlug: kit.slug, brief: exampleBriefJson("multi-shot-story"), size: "640x360", endCard: { cta: "Order flowers", seconds: 2 }, onProgress: (p) => progress.push(p) });
  console.info(`generate: 5 shots, 2 clips, 640x360, 22 s in ${Date.now() - started} ms`);
  expect(result.queued.jobIds).toHaveLength(2);
  expect(result.queued.compiled.clips.map((c) => c.params.seconds)).toEqual([12, 8]);
  expect([result.width, result.height, result.endCard]).toEqual([640, 360, "template"]);
  expect(Math.abs(result.seconds - 22)).toBeLessThanOrEqual(0.1);
  const fractions = progress.map((p) => p.fraction);
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  expect(progress.at(-1)).toMatchObject({ stage: "store", fraction: 1 });

  const file = path.join(work, "story.mp4");
  writeFileSync(file, result.bytes);
  const info = await probeMedia(file);
  expect([info.width, info.height, info.videoCodec]).toEqual([640, 360, "h264"]);

  expect(result.asset).toMatchObject({ kitId: kit.id, kitVersion: 1, templateId: "video", format: "reel-horizontal", mime: "video/mp4", bytes: result.bytes.length, stale: false });
  expect((await readAsset(ws, result.asset.id))?.bytes.equals(result.bytes)).toBe(true);
  const thumb = await sharp(await getBlobStore().get(result.thumbnailKey)).metadata();
  expect([thumb.format, thumb.width, thumb.height]).toEqual(["jpeg", 640, 360]);

  // The first clip starts from the brand opening frame, at the video's exact size; the second continues.
  const [first, second] = await Promise.all(result.queued.jobIds.map((id) => getVideoJob(id)));
  expect(first?.outputs.reference).toBe(`sha256:${result.queued.referenceKey}`);
  const ref = await sharp(await getBlobStore().get(result.queued.referenceKey!)).metadata();
  expect([ref.format, ref.width, ref.height]).toEqual(["png", 640, 360]);
  expect(second?.outputs.reference).toBeUndefined();
  expect(second?.brief).toMatchObject({ clip: { index: 1, count: 2, shots: [3, 4] } });

  // A new kit version makes the video stale, like any other asset.
  await saveKit(ws, kit.slug, { ...kit.kit, palette: { ...kit.kit.palette, primary: { ...kit.kit.palette.primary, color: "#5a2a4d" } } });
  expect((await getAsset(ws, result.asset.id))?.stale).toBe(true);
}, 240_000);

test("queue, wait and finish separately (the UI's path), here without an end card", async () => {
  const queued = await queueVideo(ws, { kitSlug: kit.slug, brief: exampleBriefJson("style-exploration"), size: "360x640", reference: false });
  expect(queued).toMatchObject({ provider: "local", model: "local-animatic", size: "360x640", referenceKey: null });
  const seen: number[] = [];
  await waitForVideo(queued.jobIds, { onProgress: (f) => seen.push(f) });
  expect(seen.at(-1)).toBe(1);
  const done = await finishVideo(queued.jobIds, { endCard: false, logoBug: true });
  expect([done.width, done.height, done.endCard]).toEqual([360, 640, null]);
  expect(Math.abs(done.seconds - 8)).toBeLessThanOrEqual(0.1);
  expect(done.asset.kitVersion).toBe(queued.kit.version);
}, 120_000);

test("bad input is refused before anything is queued: the brief's field, an unknown provider, an unknown kit", async () => {
  const brief = exampleBriefJson("style-exploration") as { shots: { seconds: number }[] };
  const broken = { ...brief, shots: [{ ...brief.shots[0], seconds: 13 }] };
  await expect(queueVideo(ws, { kitSlug: kit.slug, brief: broken, briefSource: "wreath.json" })).rejects.toThrow(/wreath\.json: shots\.0\.seconds: 13 s is longer than a clip can be/);
  await expect(queueVideo(ws, { kitSlug: kit.slug, brief, provider: "pixar" })).rejects.toThrow(/Unknown video provider "pixar" \(known: local, openai\)/);
  await expect(queueVideo(ws, { kitSlug: "no-such-kit", brief })).rejects.toThrow(/No brand kit "no-such-kit"/);
});

/** A provider shaped like a remote service: clips of the length asked for (4/8/12 s), with sound. */
function remoteStyleProvider(): VideoProvider {
  const made = new Map<string, Buffer>();
  return {
    name: "remote-style",
    restartSafe: false,
    async start(input) {
      const file = path.join(work, `${input.jobId}.mp4`);
      await runFfmpeg([
        "-y", "-loglevel", "error",
        "-f", "lavfi", "-i", `testsrc2=size=${input.size}:rate=24:duration=${input.seconds}`,
        "-f", "lavfi", "-i", `sine=frequency=330:duration=${input.seconds}`,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file,
      ]);
      made.set(input.jobId, readFileSync(file));
      return { remoteId: input.jobId };
    },
    async poll() {
      return { status: "completed", progress: 100 };
    },
    async download(remoteId) {
      return { video: made.get(remoteId)! };
    },
    async cancel() {},
  };
}

test("any provider's clips get the same post-production: a padded 8 s clip is cut to its 6 s of shots, its sound kept", async () => {
  registerVideoProvider("remote-style", remoteStyleProvider);
  const brief = exampleBriefJson("style-exploration") as { shots: { seconds: number }[] };
  const shorter = { ...brief, shots: brief.shots.map((s) => ({ ...s, seconds: 3 })) };
  const result = await generateVideo(ws, { kitSlug: kit.slug, brief: shorter, provider: "remote-style", model: "any-model", size: "360x640", endCard: { seconds: 2 } });
  expect(result.queued.compiled.clips[0]?.params.seconds).toBe(8);
  expect(result.queued.model).toBe("any-model");
  const file = path.join(work, "remote.mp4");
  writeFileSync(file, result.bytes);
  const info = await probeMedia(file);
  expect(info.hasAudio).toBe(true);
  expect(Math.abs(info.duration - 8)).toBeLessThanOrEqual(0.1);
  expect(result.asset.kitVersion).toBe((await getVideoJob(result.queued.jobIds[0]!))!.kitVersion);
}, 120_000);

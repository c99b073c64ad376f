import sharp from "sharp";
import { beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { FieldError } from "~/lib/errors.ts";
import { createKit } from "~/models/kit.server.ts";
import {
  claimNextQueuedVideoJob,
  completeVideoJob,
  createVideoJob,
  failVideoJob,
  getVideoJob,
  listInFlightVideoJobs,
  listVideoJobs,
  markVideoJobCancelled,
  markVideoJobStarted,
  setVideoJobProgress,
  sniffImageMime,
  type NewVideoJob,
} from "~/models/video-job.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { makeKit } from "../factories/kit.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

let kitId: string;
const SHA = `sha256:${"a".repeat(64)}`;

beforeEach(async () => {
  await prisma.videoJob.deleteMany();
  kitId = (await createKit(ws, makeKit(`Jobs ${Math.random().toString(36).slice(2, 8)}`))).id;
});

function input(patch: Partial<NewVideoJob> = {}): NewVideoJob {
  return { kitId, kitVersion: 1, brief: { title: "Tart" }, prompt: "A lemon tart.", provider: "openai", model: "m", seconds: 8, size: "1280x720", ...patch };
}

async function fieldOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FieldError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a FieldError");
}

test("a new job is queued with its parameters, brief snapshot and stored reference frame", async () => {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).png().toBuffer();
  const job = await createVideoJob(input({ referenceImage: png }));
  expect(job).toMatchObject({ status: "queued", progress: 0, seconds: 8, size: "1280x720", remoteId: null, brief: { title: "Tart" } });
  expect(job.outputs.reference).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect((await getBlobStore().get(job.outputs.reference!.slice(7))).equals(png)).toBe(true);
  expect((await listVideoJobs({ kitId })).map((j) => j.id)).toEqual([job.id]);
});

test("bad job input is refused naming the field", async () => {
  expect(await fieldOf(createVideoJob(input({ size: "big" })))).toMatchObject({ field: "size", message: "size: WIDTHxHEIGHT, e.g. 720x1280" });
  expect(await fieldOf(createVideoJob(input({ prompt: "  " })))).toMatchObject({ field: "prompt" });
  expect(await fieldOf(createVideoJob(input({ provider: "Open AI" })))).toMatchObject({ field: "provider" });
  expect(await fieldOf(createVideoJob(input({ kitId: "missing" })))).toEqual({ field: "kitId", message: 'kitId: there is no kit with id "missing"' });
  expect(await fieldOf(createVideoJob(input({ referenceImage: Buffer.from("GIF89a....") })))).toMatchObject({ field: "referenceImage" });
});

test("image types are recognised by their first bytes", async () => {
  const jpeg = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#fff" } }).jpeg().toBuffer();
  const webp = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#fff" } }).webp().toBuffer();
  expect([sniffImageMime(jpeg), sniffImageMime(webp), sniffImageMime(Buffer.from("<svg/>"))]).toEqual(["image/jpeg", "image/webp", null]);
});

test("a queued job is claimed by exactly one of two racing claimers, oldest first", async () => {
  const first = await createVideoJob(input());
  await createVideoJob(input());
  const [a, b] = await Promise.all([claimNextQueuedVideoJob(), claimNextQueuedVideoJob()]);
  expect(new Set([a?.id, b?.id]).size).toBe(2);
  expect([a?.id, b?.id]).toContain(first.id);
  expect(await claimNextQueuedVideoJob()).toBeNull();
  expect((await listInFlightVideoJobs()).map((j) => j.status)).toEqual(["starting", "starting"]);
});

test("state changes only apply from the states they expect", async () => {
  const job = await createVideoJob(input());
  expect(await markVideoJobStarted(job.id, "video_1")).toBe(false); // not claimed yet
  await claimNextQueuedVideoJob();
  expect(await markVideoJobStarted(job.id, "video_1")).toBe(true);
  expect(await setVideoJobProgress(job.id, 40.4)).toBe(true);
  expect(await markVideoJobCancelled(job.id)).toEqual({ provider: "openai", remoteId: "video_1" });
  // A stale loop can no longer move a cancelled job.
  expect(await setVideoJobProgress(job.id, 90)).toBe(false);
  expect(await completeVideoJob(job.id, { video: SHA })).toBe(false);
  expect(await failVideoJob(job.id, "late")).toBe(false);
  expect(await markVideoJobCancelled(job.id)).toBeNull();
  expect(await getVideoJob(job.id)).toMatchObject({ status: "cancelled", progress: 40, remoteId: "video_1", error: null, outputs: {} });
});

test("a completed job keeps its output references", async () => {
  const job = await createVideoJob(input());
  await claimNextQueuedVideoJob();
  await markVideoJobStarted(job.id, "video_2");
  expect(await completeVideoJob(job.id, { video: SHA, thumbnail: SHA })).toBe(true);
  expect(await getVideoJob(job.id)).toMatchObject({ status: "completed", progress: 100, outputs: { video: SHA, thumbnail: SHA } });
});

// The durable job runner end to end: real SQLite, real blob store, the real SDK against the fake service.
import sharp from "sharp";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createVideoJob, getVideoJob, type NewVideoJob } from "~/models/video-job.server.ts";
import { createKit } from "~/models/kit.server.ts";
import { AbortedError, type Sleep } from "~/lib/video/providers/backoff.ts";
import { createOpenAIProvider } from "~/lib/video/providers/openai.server.ts";
import { POLICY_MESSAGE } from "~/lib/video/providers/openai-errors.ts";
import { getVideoProvider, registerVideoProvider } from "~/lib/video/providers/registry.server.ts";
import { VideoProviderError, type VideoProvider } from "~/lib/video/providers/types.ts";
import { cancelVideoJob, enqueueVideoJob, ensureVideoWorker, stopVideoWorker, VideoWorker, type VideoJobEvent, type VideoWorkerOptions } from "~/lib/video/worker.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { prisma } from "~/db.server.ts";
import { makeKit } from "../../factories/kit.ts";
import { startFakeVideosServer, TINY_MP4, TINY_THUMBNAIL, type FakeVideosServer } from "../../support/fake-videos-server.ts";
import { createMemoryVideoProvider } from "../../support/memory-video-provider.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

let server: FakeVideosServer;
let kitId: string;
let providerWaits: number[];
let workers: VideoWorker[];

beforeEach(async () => {
  // Test files share one database: start each test with no jobs, so no worker resumes another test's.
  await prisma.videoJob.deleteMany();
  server = await startFakeVideosServer({ pollsToComplete: 4 });
  kitId = (await createKit(ws, makeKit(`Harbour ${Math.random().toString(36).slice(2, 8)}`))).id;
  providerWaits = [];
  workers = [];
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await server.close();
});

function openai() {
  return createOpenAIProvider({ apiKey: server.apiKey, baseURL: server.baseURL, sleep: async (ms) => void providerWaits.push(ms), random: () => 0 });
}

/** Returns at once, recording each wait (but still stops when the worker stops). */
function instantSleep(record: number[] = []): Sleep {
  return async (ms, signal) => {
    record.push(ms);
    if (signal?.aborted) throw new AbortedError();
  };
}

/** Never returns until aborted; `entered` resolves the first time a wait begins. */
function hangingSleep() {
  let enter!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const sleep: Sleep = (_ms, signal) =>
    new Promise((_resolve, reject) => {
      enter();
      signal?.addEventListener("abort", () => reject(new AbortedError()), { once: true });
    });
  return { sleep, entered };
}

function worker(providers: Record<string, VideoProvider>, options: VideoWorkerOptions = {}) {
  const w = new VideoWorker({
    resolveProvider: (name) => {
      const p = providers[name];
      if (!p) throw new VideoProviderError("config", `no provider ${name} in this test`);
      return p;
    },
    sleep: instantSleep(),
    random: () => 0,
    idleScanMs: 50,
    ...options,
  });
  workers.push(w);
  return w;
}

function job(patch: Partial<NewVideoJob> = {}) {
  return createVideoJob({
    kitId,
    kitVersion: 1,
    brief: { title: "Flat white" },
    prompt: "A flat white on a harbour-navy counter, morning light.",
    provider: "openai",
    model: "studio-video-1",
    seconds: 4,
    size: "720x1280",
    ...patch,
  });
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a job runs from queued to completed, recording progress and filing the MP4 and thumbnail", async () => {
  const reference = await sharp({ create: { width: 720, height: 1280, channels: 3, background: "#1e3a5f" } }).png().toBuffer();
  const created = await job({ referenceImage: reference });
  const pollWaits: number[] = [];
  const w = worker({ openai: openai() }, { sleep: instantSleep(pollWaits) });
  const events: VideoJobEvent[] = [];
  w.subscribe((e) => events.push(e));
  w.start();
  await w.idle();

  const done = await getVideoJob(created.id);
  expect(done).toMatchObject({ status: "completed", progress: 100, remoteId: "video_fake0001", error: null });
  expect(events.map((e) => [e.status, e.progress])).toEqual([
    ["in_progress", 0],
    ["in_progress", 25],
    ["in_progress", 50],
    ["in_progress", 75],
    ["completed", 100],
  ]);
  // Backoff between polls, 2 s growing by 1.5 (random 0: no jitter taken off).
  expect(pollWaits).toEqual([2000, 3000, 4500]);
  const store = getBlobStore();
  const video = await store.get(done!.outputs.video!.slice(7));
  expect(video.toString("latin1", 4, 8)).toBe("ftyp");
  expect(video.equals(TINY_MP4)).toBe(true);
  expect((await store.get(done!.outputs.thumbnail!.slice(7))).equals(TINY_THUMBNAIL)).toBe(true);
  expect(done!.outputs.reference).toBe(created.outputs.reference);
  expect(server.jobs.get("video_fake0001")?.reference?.bytes.equals(reference)).toBe(true);
  expect(server.creates).toBe(1);
});

test("a job the service fails ends failed with the plain message", async () => {
  server.failNextJob("moderation_blocked", "Your request was blocked by our moderation system.", 2);
  const created = await job();
  const w = worker({ openai: openai() }).start();
  await w.idle();
  const failed = await getVideoJob(created.id);
  expect(failed).toMatchObject({ status: "failed", error: POLICY_MESSAGE, progress: 25 });
  expect(failed?.outputs.video).toBeUndefined();
});

test("a 429 with retry-after during polling is waited out as asked, then the job completes", async () => {
  const created = await job();
  server.script("retrieve", { status: 429, headers: { "retry-after": "3" } }, 2);
  const w = worker({ openai: openai() }).start();
  await w.idle();
  expect((await getVideoJob(created.id))?.status).toBe("completed");
  expect(providerWaits).toEqual([3000, 3000]);
});

test("a 500 on create is retried once and makes one job", async () => {
  const created = await job();
  server.script("create", { status: 500 });
  const w = worker({ openai: openai() }).start();
  await w.idle();
  expect((await getVideoJob(created.id))?.status).toBe("completed");
  expect(server.createAttempts).toBe(2);
  expect(server.creates).toBe(1);
  expect(providerWaits).toEqual([1000]);
});

test("after a restart mid-poll the new worker resumes the stored remote job instead of creating another", async () => {
  const created = await job();
  const hang = hangingSleep();
  const first = worker({ openai: openai() }, { sleep: hang.sleep }).start();
  await hang.entered; // remote id stored, first poll done, now waiting
  const midway = await getVideoJob(created.id);
  expect(midway).toMatchObject({ status: "in_progress", remoteId: "video_fake0001", progress: 25 });
  await first.stop();
  expect((await getVideoJob(created.id))?.status).toBe("in_progress");

  const second = worker({ openai: createOpenAIProvider({ apiKey: server.apiKey, baseURL: server.baseURL }) }).start();
  await second.idle();
  expect(await getVideoJob(created.id)).toMatchObject({ status: "completed", remoteId: "video_fake0001" });
  expect(server.creates).toBe(1);
  expect(server.createAttempts).toBe(1);
  expect(server.requests.filter((r) => r.method === "GET" && r.path === "/v1/videos/video_fake0001")).toHaveLength(4);
});

test("a start interrupted by a crash is never re-sent to a paid service", async () => {
  const created = await job();
  await prisma.videoJob.update({ where: { id: created.id }, data: { status: "starting" } });
  const w = worker({ openai: openai() }).start();
  await w.idle();
  const failed = await getVideoJob(created.id);
  expect(failed?.status).toBe("failed");
  expect(failed?.error).toMatch(/may or may not have started .* not sent again/);
  expect(server.createAttempts).toBe(0);
});

test("a local-style provider whose start is free is simply started again after a crash", async () => {
  const memory = createMemoryVideoProvider();
  const created = await job({ provider: "memory", model: "" });
  await prisma.videoJob.update({ where: { id: created.id }, data: { status: "starting" } });
  const w = worker({ memory }).start();
  await w.idle();
  expect((await getVideoJob(created.id))?.status).toBe("completed");
  expect(memory.starts).toBe(1);
});

test("a local-style job whose work vanished with the old process is rendered again", async () => {
  const memory = createMemoryVideoProvider({ pollsToComplete: 3 });
  const created = await job({ provider: "memory", model: "" });
  const hang = hangingSleep();
  const first = worker({ memory }, { sleep: hang.sleep }).start();
  await hang.entered;
  await first.stop();
  const stale = await getVideoJob(created.id);
  memory.forget(stale!.remoteId!);
  const second = worker({ memory }).start();
  await second.idle();
  const done = await getVideoJob(created.id);
  expect(done?.status).toBe("completed");
  expect(done?.remoteId).not.toBe(stale?.remoteId);
  expect(memory.starts).toBe(2);
});

test("cancelling a running job deletes the remote job and the worker leaves it cancelled", async () => {
  const created = await job();
  const hang = hangingSleep();
  const w = worker({ openai: openai() }, { sleep: hang.sleep }).start();
  await hang.entered;
  expect(await w.cancel(created.id)).toEqual({ cancelled: true, remoteDeleted: true });
  expect(server.deleted).toEqual(["video_fake0001"]);
  await w.idle();
  expect((await getVideoJob(created.id))?.status).toBe("cancelled");
  expect(await w.cancel(created.id)).toEqual({ cancelled: false, remoteDeleted: null });
});

test("no more jobs run at once than the concurrency allows", async () => {
  const ids = [(await job()).id, (await job()).id, (await job()).id];
  const w = worker({ openai: openai() }, { concurrency: 2 }).start();
  await w.idle();
  for (const id of ids) expect((await getVideoJob(id))?.status).toBe("completed");
  expect(server.creates).toBe(3);
  expect(server.maxActive).toBe(2);
});

test("a job for an unknown provider fails with a message naming the known ones", async () => {
  const created = await job({ provider: "nowhere" });
  const w = worker({}, { resolveProvider: getVideoProvider }).start();
  await w.idle();
  expect(await getVideoJob(created.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/^Unknown video provider "nowhere" \(known: .*openai.*\)\.$/) });
});

test("a remote job that disappears fails the paid job with a plain message", async () => {
  const created = await job();
  const hang = hangingSleep();
  const first = worker({ openai: openai() }, { sleep: hang.sleep }).start();
  await hang.entered;
  await first.stop();
  server.jobs.delete("video_fake0001");
  const second = worker({ openai: openai() }).start();
  await second.idle();
  expect(await getVideoJob(created.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/no longer has this clip/) });
});

test("a job queued while the worker is idle is picked up when kicked", async () => {
  const w = worker({ openai: openai() }, { idleScanMs: 60_000 }).start();
  await w.idle();
  const created = await job();
  w.kick();
  await until(async () => (await getVideoJob(created.id))?.status === "completed", "the job to complete");
});

test("enqueueVideoJob starts the process's one worker lazily and the job runs on it", async () => {
  registerVideoProvider("openai", () => openai());
  try {
    const shared = ensureVideoWorker({ sleep: instantSleep(), random: () => 0, idleScanMs: 60_000 });
    expect(ensureVideoWorker()).toBe(shared);
    expect(shared.running).toBe(true);
    const queued = await enqueueVideoJob({ kitId, kitVersion: 1, brief: {}, prompt: "Steam over a cup.", provider: "openai", model: "m", seconds: 4, size: "720x1280" });
    await shared.idle();
    expect((await getVideoJob(queued.id))?.status).toBe("completed");
    expect(await cancelVideoJob(queued.id)).toEqual({ cancelled: false, remoteDeleted: null });
  } finally {
    await stopVideoWorker();
  }
});

test("a service outage while polling is waited out, since the clip is already paid for", async () => {
  const created = await job();
  const fragile = createOpenAIProvider({ apiKey: server.apiKey, baseURL: server.baseURL, maxAttempts: 1 });
  server.script("retrieve", { status: 503 }, 3);
  const w = worker({ openai: fragile }).start();
  await w.idle();
  expect((await getVideoJob(created.id))?.status).toBe("completed");
});

test("an outage that outlasts the allowed polls fails the job in plain words", async () => {
  const created = await job();
  const fragile = createOpenAIProvider({ apiKey: server.apiKey, baseURL: server.baseURL, maxAttempts: 1 });
  server.script("retrieve", { status: 503 }, 10);
  const w = worker({ openai: fragile }, { maxUnavailablePolls: 3 }).start();
  await w.idle();
  expect(await getVideoJob(created.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/having trouble \(HTTP 503\)/) });
});

test("a clip still unfinished at the deadline fails, measured on the injected clock", async () => {
  await server.close();
  server = await startFakeVideosServer({ pollsToComplete: 100 });
  const created = await job();
  let clock = 0;
  const w = worker({ openai: openai() }, { now: () => (clock += 60_000), pollTimeoutMs: 5 * 60_000 }).start();
  await w.idle();
  expect(await getVideoJob(created.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/still not ready after 5 minutes/) });
  expect(server.requests.filter((r) => r.method === "GET").length).toBeLessThan(10);
});

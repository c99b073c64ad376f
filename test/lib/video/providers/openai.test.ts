// The openai provider through the real SDK against a local /v1/videos server.
import sharp from "sharp";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createOpenAIProvider, type OpenAIProviderOptions } from "~/lib/video/providers/openai.server.ts";
import { POLICY_MESSAGE, QUOTA_MESSAGE } from "~/lib/video/providers/openai-errors.ts";
import { VideoProviderError, type VideoStartInput } from "~/lib/video/providers/types.ts";
import { startFakeVideosServer, TINY_MP4, type FakeVideosServer } from "../../../support/fake-videos-server.ts";

let server: FakeVideosServer;
let waits: number[];

beforeEach(async () => {
  server = await startFakeVideosServer({ models: ["studio-video-1"] });
  waits = [];
});
afterEach(async () => {
  await server.close();
});

function provider(options: OpenAIProviderOptions = {}) {
  return createOpenAIProvider({
    apiKey: server.apiKey,
    baseURL: server.baseURL,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
    ...options,
  });
}

const clip: VideoStartInput = { jobId: "job1", prompt: "A flat white on a harbour-navy counter.", model: "studio-video-1", seconds: 8, size: "720x1280" };

async function caught(promise: Promise<unknown>): Promise<VideoProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VideoProviderError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

test("start sends a multipart create with model, prompt, seconds, size and the reference frame", async () => {
  const png = await sharp({ create: { width: 720, height: 1280, channels: 3, background: "#1e3a5f" } }).png().toBuffer();
  const { remoteId } = await provider().start({ ...clip, referenceImage: { bytes: png, mime: "image/png" } });
  expect(remoteId).toBe("video_fake0001");
  expect(server.createForms[0]).toMatchObject({
    model: "studio-video-1",
    prompt: clip.prompt,
    seconds: "8",
    size: "720x1280",
    input_reference: { name: "reference.png", type: "image/png", size: png.length },
  });
  expect(server.jobs.get(remoteId)?.reference?.bytes.equals(png)).toBe(true);
  expect(server.requests[0]?.idempotencyKey).toBe("marque-video-job1");
});

test("poll follows the job from queued to completed and download returns an MP4 and a thumbnail", async () => {
  const p = provider();
  const { remoteId } = await p.start(clip);
  const seen = [];
  for (let i = 0; i < 4; i++) seen.push(await p.poll(remoteId));
  expect(seen.map((s) => [s.status, s.progress])).toEqual([
    ["in_progress", 25],
    ["in_progress", 50],
    ["in_progress", 75],
    ["completed", 100],
  ]);
  const files = await p.download(remoteId);
  expect(files.video.toString("latin1", 4, 8)).toBe("ftyp");
  expect(files.video.equals(TINY_MP4)).toBe(true);
  expect(files.thumbnail?.subarray(0, 2).toString("hex")).toBe("ffd8");
  expect(server.requests.filter((r) => r.path.includes("/content")).map((r) => r.path)).toEqual([
    `/v1/videos/${remoteId}/content?variant=video`,
    `/v1/videos/${remoteId}/content?variant=thumbnail`,
  ]);
});

test("a service without thumbnails still yields the video", async () => {
  await server.close();
  server = await startFakeVideosServer({ noThumbnails: true, pollsToComplete: 1 });
  const p = provider();
  const { remoteId } = await p.start(clip);
  expect((await p.poll(remoteId)).status).toBe("completed");
  const files = await p.download(remoteId);
  expect(files.thumbnail).toBeUndefined();
  expect(files.video.length).toBe(TINY_MP4.length);
});

test("a 429 with retry-after is waited out for exactly the time the header asks", async () => {
  const p = provider();
  const { remoteId } = await p.start(clip);
  server.script("retrieve", { status: 429, headers: { "retry-after": "2" }, body: { error: { message: "Rate limit reached", code: "rate_limit_exceeded" } } }, 2);
  server.script("retrieve", { status: 429, headers: { "retry-after-ms": "1500", "retry-after": "9" } });
  const result = await p.poll(remoteId);
  expect(result).toEqual({ status: "in_progress", progress: 25 });
  expect(waits).toEqual([2000, 2000, 1500]);
  expect(server.requests.filter((r) => r.method === "GET").map((r) => r.status)).toEqual([429, 429, 429, 200]);
});

test("a 500 is retried after a backoff delay, then succeeds", async () => {
  server.script("create", { status: 500 });
  const { remoteId } = await provider().start(clip);
  expect(remoteId).toBe("video_fake0001");
  expect(waits).toEqual([1000]);
  expect(server.createAttempts).toBe(2);
  expect(server.creates).toBe(1);
});

test("backoff doubles between retries and jitter only shortens the wait", async () => {
  const p = provider({ random: () => 1 });
  const { remoteId } = await p.start(clip);
  server.script("retrieve", { status: 503 }, 3);
  await p.poll(remoteId);
  // jitter 0.5 with random 1 halves each step of 1 s, 2 s, 4 s
  expect(waits).toEqual([500, 1000, 2000]);
});

test("5xx errors give up after the bounded number of attempts with a plain message", async () => {
  const p = provider({ maxAttempts: 3 });
  const { remoteId } = await p.start(clip);
  server.script("retrieve", { status: 502 }, 5);
  const error = await caught(p.poll(remoteId));
  expect(error.kind).toBe("unavailable");
  expect(error.message).toMatch(/having trouble \(HTTP 502\)/);
  expect(server.requests.filter((r) => r.method === "GET")).toHaveLength(3);
});

test("a Retry-After beyond the limit is not waited out", async () => {
  const p = provider({ maxRetryAfterMs: 10_000 });
  const { remoteId } = await p.start(clip);
  server.script("retrieve", { status: 429, headers: { "retry-after": "3600" } });
  const error = await caught(p.poll(remoteId));
  expect(error.kind).toBe("unavailable");
  expect(waits).toEqual([]);
});

test("a failed job reports a plain message for its code", async () => {
  const p = provider();
  server.failNextJob("moderation_blocked", "Your request was blocked by our moderation system.", 1);
  const { remoteId } = await p.start(clip);
  expect(await p.poll(remoteId)).toEqual({ status: "failed", progress: 0, error: POLICY_MESSAGE });
});

test("a failed job with an unknown code quotes the service's own words", async () => {
  const p = provider();
  server.failNextJob("weird_thing", "The hamster wheel stopped.", 1);
  const { remoteId } = await p.start(clip);
  const result = await p.poll(remoteId);
  expect(result.error).toBe("The video service could not make this clip: “The hamster wheel stopped.” (weird_thing).");
});

test("a wrong API key fails as configuration and never shows the key", async () => {
  const secret = "sk-proj-SECRETSECRET1234567890";
  const error = await caught(provider({ apiKey: secret }).start(clip));
  expect(error.kind).toBe("config");
  expect(error.message).toMatch(/OPENAI_API_KEY/);
  expect(error.message).not.toContain("SECRET");
  expect(JSON.stringify(error)).not.toContain("SECRET");
  expect(server.requests).toHaveLength(1);
});

test("an unknown model is reported as a MARQUE_VIDEO_MODEL problem", async () => {
  const error = await caught(provider().start({ ...clip, model: "no-such-model" }));
  expect(error.kind).toBe("config");
  expect(error.message).toMatch(/"no-such-model".*MARQUE_VIDEO_MODEL/);
});

test("a content-policy refusal at create is plain and not retried", async () => {
  server.script("create", { status: 400, body: { error: { message: "Your request was blocked by our moderation system.", code: "moderation_blocked", type: "invalid_request_error" } } });
  const error = await caught(provider().start(clip));
  expect(error).toMatchObject({ kind: "refused", message: POLICY_MESSAGE });
  expect(server.createAttempts).toBe(1);
});

test("a reference frame of the wrong size is explained in words", async () => {
  const png = await sharp({ create: { width: 640, height: 640, channels: 3, background: "#fff" } }).png().toBuffer();
  const error = await caught(provider().start({ ...clip, referenceImage: { bytes: png, mime: "image/png" } }));
  expect(error.kind).toBe("refused");
  expect(error.message).toMatch(/reference frame is not the same size as the video \(720x1280\)/);
});

test("running out of quota is not retried", async () => {
  server.script("create", { status: 429, headers: { "retry-after": "1" }, body: { error: { message: "You exceeded your current quota", code: "insufficient_quota" } } });
  const error = await caught(provider().start(clip));
  expect(error).toMatchObject({ kind: "quota", message: QUOTA_MESSAGE });
  expect(waits).toEqual([]);
});

test("a create whose connection drops is never sent twice", async () => {
  server.script("create", { drop: true });
  const error = await caught(provider().start(clip));
  expect(error.kind).toBe("uncertain");
  expect(error.message).toMatch(/may or may not have started/);
  expect(server.createAttempts).toBe(1);
});

test("a poll whose connection drops is retried", async () => {
  const p = provider();
  const { remoteId } = await p.start(clip);
  server.script("retrieve", { drop: true });
  expect((await p.poll(remoteId)).progress).toBe(25);
  expect(waits).toEqual([1000]);
});

test("clip lengths the contract does not offer are refused before any request", async () => {
  const error = await caught(provider().start({ ...clip, seconds: 5 }));
  expect(error.message).toBe("The video service makes clips of 4, 8, 12 seconds; this clip asks for 5.");
  expect(server.requests).toHaveLength(0);
});

test("cancel deletes the remote job, and a job already gone is fine", async () => {
  const p = provider();
  const { remoteId } = await p.start(clip);
  await p.cancel(remoteId);
  expect(server.deleted).toEqual([remoteId]);
  await p.cancel(remoteId);
  const error = await caught(p.poll(remoteId));
  expect(error.kind).toBe("lost");
});

test("without an API key the provider explains which settings it needs", () => {
  expect(() => createOpenAIProvider({ apiKey: "" })).toThrow(/OPENAI_API_KEY/);
});

test("a service message that echoes the API key is quoted with the key removed", async () => {
  server.script("create", { status: 400, body: { error: { message: `Bad header for key ${server.apiKey} (Bearer ${server.apiKey})`, code: "bad_header" } } });
  const error = await caught(provider().start(clip));
  expect(error.kind).toBe("refused");
  expect(error.message).toBe("The video service rejected the request: “Bad header for key [redacted] (Bearer [redacted])”.");
});

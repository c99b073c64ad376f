// The same brief through the `openai` provider: the real SDK against a local server that speaks the
// /v1/videos contract, then Marque's own post-production — the brand end card lands on the remote clip too.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { extractFrame, probeMedia, runFfmpeg } from "~/lib/video/ffmpeg.server.ts";
import { generateVideo } from "~/lib/video/generate.server.ts";
import { createOpenAIProvider } from "~/lib/video/providers/openai.server.ts";
import { registerVideoProvider } from "~/lib/video/providers/registry.server.ts";
import { ensureVideoWorker, stopVideoWorker } from "~/lib/video/worker.server.ts";
import { startFakeVideosServer, type FakeVideosServer } from "../../support/fake-videos-server.ts";
import { exampleBriefJson, deltaE, meanColour, rawPixels, storeExampleKit, useNpmFfmpeg } from "../../support/video-frames.ts";
import { makeWorkspace } from "../../support/auth.ts";

const ws = await makeWorkspace();

let server: FakeVideosServer;
const work = mkdtempSync(path.join(os.tmpdir(), "marque-openai-gen-"));

/** What a real service returns: an H.264 clip of the seconds and size asked for. */
async function serviceClip(job: { id: string; seconds: string; size: string }): Promise<Buffer> {
  const out = path.join(work, `${job.id}.mp4`);
  await runFfmpeg(["-y", "-f", "lavfi", "-i", `testsrc=size=${job.size}:rate=12:duration=${job.seconds}`, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out]);
  return readFileSync(out);
}
let kit: Awaited<ReturnType<typeof storeExampleKit>>;

beforeAll(async () => {
  useNpmFfmpeg();
  server = await startFakeVideosServer({ models: ["gateway-video-1"], pollsToComplete: 3, video: serviceClip });
  registerVideoProvider("openai", () => createOpenAIProvider({ apiKey: server.apiKey, baseURL: server.baseURL, sleep: async () => {} }));
  kit = await storeExampleKit(ws, "harbour-and-vine");
  ensureVideoWorker({ poll: { initialMs: 50, maxMs: 200, factor: 1.5, jitter: 0 }, idleScanMs: 100 });
});
afterAll(async () => {
  await stopVideoWorker();
  await server.close();
});

test("a brief generated through an OpenAI-compatible /v1/videos service gets the brand end card and is recorded as an asset", async () => {
  const result = await generateVideo(ws, { kitSlug: kit.slug, brief: exampleBriefJson("style-exploration"), provider: "openai", model: "gateway-video-1", size: "720x1280", endCard: { cta: "Book a table", seconds: 2 } });
  // One paid create per clip, with the compiled prompt, the configured model and the brand reference frame.
  expect(server.creates).toBe(result.queued.jobIds.length);
  const form = server.createForms[0]!;
  expect(form.model).toBe("gateway-video-1");
  expect(String(form.prompt)).toContain(kit.kit.palette.primary.name);
  expect(form.input_reference).toMatchObject({ type: "image/png" });

  const file = path.join(work, "reel.mp4");
  writeFileSync(file, result.bytes);
  const info = await probeMedia(file);
  expect([info.width, info.height, info.videoCodec]).toEqual([720, 1280, "h264"]);
  expect(result.endCard).toBe("template");
  expect(Math.abs(info.duration - result.seconds)).toBeLessThanOrEqual(0.1);
  const last = await rawPixels(await extractFrame(file, info.duration - 0.1));
  // The last frame is the brand end card (H.264 moves flat colours a little: ΔE00 ≤ 3).
  expect(deltaE(meanColour(last, 20, 20, 40, 40), kit.kit.palette.primary.color)).toBeLessThanOrEqual(3);
  expect(deltaE(meanColour(last, 20, last.height - 60, 40, 40), kit.kit.palette.primary.color)).toBeLessThanOrEqual(3);
  expect(result.asset).toMatchObject({ kitId: kit.id, kitVersion: kit.version, mime: "video/mp4" });
}, 180_000);

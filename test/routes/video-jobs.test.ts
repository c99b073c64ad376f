// Generate from the editor with the offline provider, follow the job's JSON to 100 %, fetch the files
// (byte ranges for seeking, conditional requests), and the ends that are not success: a failed clip's
// plain error and a cancel that stops the clip jobs.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { draftFromBrief, draftToFormEntries } from "~/lib/video/brief-form.ts";
import type { VideoBrief } from "~/lib/video/brief.ts";
import { probeMedia } from "~/lib/video/ffmpeg.server.ts";
import { registerVideoProvider } from "~/lib/video/providers/registry.server.ts";
import { VideoProviderError, type VideoProvider } from "~/lib/video/providers/types.ts";
import { settled, startRender, type RenderView } from "~/lib/video/studio-render.server.ts";
import { ensureVideoWorker, stopVideoWorker } from "~/lib/video/worker.server.ts";
import { getVideoJob } from "~/models/video-job.server.ts";
import { createVideoBrief } from "~/models/video-brief.server.ts";
import { listVideoRenders } from "~/models/video-render.server.ts";
import { action as editAction } from "~/routes/video.$briefId.tsx";
import { action as jobAction, loader as jobLoader } from "~/routes/video.jobs.$id.ts";
import { loader as fileLoader } from "~/routes/video.jobs.$id.$file.ts";
import { exampleBrief, storeExampleKit, useNpmFfmpeg } from "../support/video-frames.ts";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../support/auth.ts";

// Generating and cancelling renders is an editor's work.
let editor: TestMember;
let kit: Awaited<ReturnType<typeof storeExampleKit>>;
const work = mkdtempSync(path.join(os.tmpdir(), "marque-studio-"));
beforeAll(async () => {
  useNpmFfmpeg();
  const workspace = await makeWorkspace();
  editor = await makeMember(workspace, "editor");
  kit = await storeExampleKit(workspace, "harbour-and-vine");
  ensureVideoWorker({ poll: { initialMs: 100, maxMs: 400, factor: 1.5, jitter: 0 }, idleScanMs: 100 });
});
afterAll(async () => {
  await stopVideoWorker();
});

const ctx = { context: {} };

/** Two short shots (5 s) so the offline render stays quick; one clip. */
function shortBrief(): VideoBrief {
  const b = exampleBrief("product-visualisation");
  return { ...b, shots: b.shots.slice(0, 2).map((s) => ({ ...s, seconds: 2.5 })), props: b.props.map((p) => ({ ...p, shots: [0, 1] })), dialogue: [], sound: { effects: [], ambience: b.sound.ambience } };
}

async function jobJson(id: string): Promise<{ status: number; body: RenderView & { error: string | null } }> {
  const res = (await jobLoader({ request: asMember(editor, `/video/jobs/${id}`), params: { id }, ...ctx })) as Response;
  return { status: res.status, body: (await res.json()) as RenderView & { error: string | null } };
}

async function file(id: string, name: string, headers: Record<string, string> = {}) {
  return (await fileLoader({ request: asMember(editor, `/video/jobs/${id}/${name}`, { headers }), params: { id, file: name }, ...ctx })) as Response;
}

async function pollUntilDone(id: string, seen: number[]) {
  for (let i = 0; i < 600; i++) {
    const { body } = await jobJson(id);
    seen.push(body.progress);
    if (body.status === "completed" || body.status === "failed" || body.status === "cancelled") return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the job did not finish");
}

test("generate -> the job's JSON climbs to 100 % -> the MP4 streams with byte ranges", async () => {
  const saved = await createVideoBrief(editor.scope, kit.slug, shortBrief());
  const form = new FormData();
  for (const [k, v] of [...draftToFormEntries(draftFromBrief(saved.data)), ["intent", "generate"], ["provider", "local"], ["endCard", "on"], ["cta", "Book a table"], ["variant", ""]]) form.append(k!, v!);
  const res = (await editAction({ request: asMember(editor, `/video/${saved.id}`, { method: "POST", body: form }), params: { briefId: saved.id }, ...ctx })) as Response;
  expect(res.status).toBe(302);
  const id = /[?&]job=([a-z0-9]+)/.exec(res.headers.get("Location") ?? "")?.[1] ?? "";
  expect(res.headers.get("Location")).toBe(`/video/${saved.id}?job=${id}#job-${id}`);

  const seen: number[] = [];
  const done = await pollUntilDone(id, seen);
  expect(done.error).toBeNull();
  expect(done).toMatchObject({ status: "completed", progress: 100, stage: "Done", label: "Original", provider: "local", hasReference: true });
  expect(seen).toEqual([...seen].sort((a, b) => a - b)); // the bar never goes back
  expect(done.clips).toEqual([expect.objectContaining({ status: "completed", progress: 100, hasVideo: true })]);
  expect(done.video).toMatchObject({ width: 720, height: 1280, stale: false });
  expect(done.video!.seconds).toBeGreaterThan(5); // 5 s of shots plus the end card

  const full = await file(id, "video.mp4");
  expect(full.status).toBe(200);
  const bytes = Buffer.from(await full.arrayBuffer());
  expect(full.headers.get("Content-Type")).toBe("video/mp4");
  expect(full.headers.get("Accept-Ranges")).toBe("bytes");
  expect(Number(full.headers.get("Content-Length"))).toBe(bytes.length);
  expect(full.headers.get("Content-Disposition")).toBe('inline; filename="the-saturday-hand-tied-bouquet.mp4"');
  expect(bytes.toString("latin1", 4, 8)).toBe("ftyp");
  writeFileSync(path.join(work, "out.mp4"), bytes);
  const info = await probeMedia(path.join(work, "out.mp4"));
  expect([info.width, info.height, info.videoCodec]).toEqual([720, 1280, "h264"]);
  expect(Math.abs(info.duration - done.video!.seconds)).toBeLessThan(0.1);

  const part = await file(id, "video.mp4", { Range: "bytes=100-199" });
  expect(part.status).toBe(206);
  expect(part.headers.get("Content-Range")).toBe(`bytes 100-199/${bytes.length}`);
  expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  const tail = await file(id, "video.mp4", { Range: "bytes=-50" });
  expect(tail.headers.get("Content-Range")).toBe(`bytes ${bytes.length - 50}-${bytes.length - 1}/${bytes.length}`);
  const open = await file(id, "video.mp4", { Range: `bytes=${bytes.length - 10}-` });
  expect(Number(open.headers.get("Content-Length"))).toBe(10);
  const past = await file(id, "video.mp4", { Range: `bytes=${bytes.length}-` });
  expect(past.status).toBe(416);
  expect(past.headers.get("Content-Range")).toBe(`bytes */${bytes.length}`);
  const cached = await file(id, "video.mp4", { "If-None-Match": full.headers.get("ETag") ?? "" });
  expect(cached.status).toBe(304);
  const download = await fileLoader({ request: asMember(editor, `/video/jobs/${id}/video.mp4?download=1`), params: { id, file: "video.mp4" }, ...ctx }) as Response;
  expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename=/);

  const thumb = await file(id, "thumbnail.jpg");
  expect(thumb.headers.get("Content-Type")).toBe("image/jpeg");
  expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ format: "jpeg", width: 720, height: 1280 });
  const ref = await file(id, "reference.png");
  expect(await sharp(Buffer.from(await ref.arrayBuffer())).metadata()).toMatchObject({ format: "png", width: 720, height: 1280 });
  const clip = await file(id, "clip-1.mp4");
  expect(clip.headers.get("Content-Disposition")).toBe('inline; filename="the-saturday-hand-tied-bouquet-clip-1.mp4"');
  expect((await file(id, "clip-2.mp4")).status).toBe(404);
  const unknown = await file(id, "../../etc/passwd");
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toMatch(/There is no file/);
  expect((await jobJson("nope")).status).toBe(404);
}, 240_000);

test("a variant is generated from the saved brief and carries its label; cancel stops its clips", async () => {
  const saved = await createVideoBrief(editor.scope, kit.slug, shortBrief());
  const form0 = new FormData();
  for (const [k, v] of [...draftToFormEntries(draftFromBrief(saved.data)), ["intent", "generate"], ["provider", "local"], ["variant", "0"]]) form0.append(k!, v!);
  const res0 = (await editAction({ request: asMember(editor, `/video/${saved.id}`, { method: "POST", body: form0 }), params: { briefId: saved.id }, ...ctx })) as Response;
  expect(res0.status).toBe(302);
  const [render] = await listVideoRenders({ briefId: saved.id });
  if (!render) throw new Error("no render was queued");
  expect(render).toMatchObject({ label: "Golden hour", options: { endCard: false, logoBug: false } });
  const job = await getVideoJob(render.jobIds[0]!);
  expect((job?.brief as { brief: VideoBrief }).brief.lighting).toMatch(/^golden hour/);
  expect(job?.prompt).toMatch(/golden hour, low warm sun/i);
  // Cancel through the route, as the job card's form does without JavaScript.
  const form = new FormData();
  form.set("intent", "cancel");
  const res = (await jobAction({ request: asMember(editor, `/video/jobs/${render.id}`, { method: "POST", body: form }), params: { id: render.id }, ...ctx })) as Response;
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe(`/video/${saved.id}#job-${render.id}`);
  await settled(render.id);
  const { body } = await jobJson(render.id);
  expect(body).toMatchObject({ status: "cancelled", stage: "Cancelled" });
  expect((await getVideoJob(render.jobIds[0]!))?.status).toBe("cancelled");
  // A second cancel (with JavaScript) says plainly that there is nothing left to stop.
  form.set("_fetch", "1");
  const again = (await jobAction({ request: asMember(editor, `/video/jobs/${render.id}`, { method: "POST", body: form }), params: { id: render.id }, ...ctx })) as Response;
  expect(again.status).toBe(409);
  expect(((await again.json()) as { error: string }).error).toBe("This job is already cancelled and cannot be cancelled.");
});

test("a clip the provider fails ends the job with the provider's plain reason", async () => {
  const failing: VideoProvider = {
    name: "failing",
    restartSafe: true,
    start: async (input) => ({ remoteId: `f-${input.jobId}` }),
    poll: async () => ({ status: "failed", progress: 30, error: "The renderer ran out of ink." }),
    download: async () => {
      throw new VideoProviderError("bad_output", "nothing to download");
    },
    cancel: async () => {},
  };
  registerVideoProvider("failing", () => failing);
  const saved = await createVideoBrief(editor.scope, kit.slug, shortBrief());
  const render = await startRender(editor.scope, { briefId: saved.id, brief: saved.brief!, provider: "failing", model: "memory-model" });
  await settled(render.id);
  const { body } = await jobJson(render.id);
  expect(body).toMatchObject({ status: "failed", stage: "Failed", error: "The clip failed: The renderer ran out of ink." });
  expect((await listVideoRenders({ briefId: saved.id }))[0]?.status).toBe("failed");
  const video = await file(render.id, "video.mp4");
  expect(video.status).toBe(404);
  expect(await video.text()).toBe("The video is not finished yet.");
});

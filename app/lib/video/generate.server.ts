// From kit + brief to a finished, branded video: compile the prompt, draw the reference frame, queue one
// durable job per clip, wait for them, then post-produce (trim, join, logo bug, end card) and record the
// MP4 as an asset of the kit version it was made from. Three steps, so a UI can queue, show the jobs'
// progress, and finish later from the job ids alone: queueVideo → waitForVideo → finishVideo.
import type { Scope } from "../auth/scope.ts";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { getEnv } from "../../env.server.ts";
import { recordAsset, type Asset } from "../../models/asset.server.ts";
import { getVersionOfKitId, requireKit } from "../../models/kit.server.ts";
import { getVideoJob, type VideoJob } from "../../models/video-job.server.ts";
import { prisma } from "../../db.server.ts";
import { getBlobStore, type BlobStore } from "../../storage.server.ts";
import { prepareKit } from "../templates/context.server.ts";
import { parseBrief } from "./brief.ts";
import { compileBrief, type CompiledBrief } from "./compile.ts";
import { extractFrame } from "./ffmpeg.server.ts";
import { finalSeconds, postProduce, renderEndCard, renderLogoBug, renderReferenceFrame, type EndCardContent } from "./post.server.ts";
import { readClipBrief, type ClipBrief } from "./providers/local.server.ts";
import { getVideoProvider } from "./providers/registry.server.ts";
import { cancelVideoJob, enqueueVideoJob } from "./worker.server.ts";

export const LOCAL_MODEL = "local-animatic";
export const VIDEO_TEMPLATE_ID = "video";

export class VideoGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VideoGenerationError";
  }
}

export type GenerateProgress = { stage: "queue" | "clips" | "post" | "store"; /** 0..1 over the whole run */ fraction: number; message: string };

export type QueueVideoInput = {
  kitSlug: string;
  /** A brief document; validated here (errors name the field). */
  brief: unknown;
  /** Where the brief came from, for error messages ("brief.json"). */
  briefSource?: string;
  provider?: string;
  /** Default: "local-animatic" for the local provider, MARQUE_VIDEO_MODEL for others. */
  model?: string;
  /** "WIDTHxHEIGHT"; default from the brief's aspect (720x1280 or 1280x720). */
  size?: string;
  /** Give the first clip the brand opening frame to start from (default true). */
  reference?: boolean;
};

export type QueuedVideo = { jobIds: string[]; compiled: CompiledBrief; kit: { id: string; slug: string; version: number }; size: string; provider: string; model: string; referenceKey: string | null };

/** Compiles the brief, draws the reference frame and queues one job per clip (the worker starts them). */
export async function queueVideo(scope: Scope, input: QueueVideoInput): Promise<QueuedVideo> {
  const brief = parseBrief(input.brief, input.briefSource);
  const provider = input.provider ?? "local";
  getVideoProvider(provider); // unknown name or missing key: fail before anything is queued
  const model = input.model?.trim() || (provider === "local" ? LOCAL_MODEL : (getEnv().MARQUE_VIDEO_MODEL ?? ""));
  const kit = await requireKit(scope, input.kitSlug);
  const compiled = compileBrief(brief, kit.kit, { model, size: input.size });
  const size = compiled.clips[0]?.params.size ?? "720x1280";
  const [w, h] = size.split("x").map(Number) as [number, number];
  let reference: Buffer | null = null;
  if (input.reference !== false) reference = await renderReferenceFrame(await prepareKit(kit.kit), { width: w, height: h });
  const jobIds: string[] = [];
  for (const [index, clip] of compiled.clips.entries()) {
    const snapshot: ClipBrief = { brief, clip: { index, count: compiled.clips.length, shots: clip.shots } };
    const job = await enqueueVideoJob({
      kitId: kit.id,
      kitVersion: kit.version,
      brief: snapshot,
      prompt: clip.prompt,
      provider,
      model,
      seconds: clip.params.seconds,
      size,
      // Only the first clip starts from the opening frame; later clips continue the story.
      ...(reference && index === 0 ? { referenceImage: reference } : {}),
    });
    jobIds.push(job.id);
  }
  const referenceKey = reference ? createHash("sha256").update(reference).digest("hex") : null;
  return { jobIds, compiled, kit: { id: kit.id, slug: kit.slug, version: kit.version }, size, provider, model, referenceKey };
}

/** Waits until every job completed; when one fails or is cancelled, cancels the rest and throws its reason. */
export async function waitForVideo(jobIds: string[], o: { onProgress?: (fraction: number, jobs: VideoJob[]) => void; signal?: AbortSignal; pollMs?: number } = {}): Promise<VideoJob[]> {
  for (;;) {
    const jobs = await Promise.all(jobIds.map(async (id) => (await getVideoJob(id)) ?? Promise.reject(new VideoGenerationError(`video job ${id} no longer exists`))));
    const bad = jobs.findIndex((j) => j.status === "failed" || j.status === "cancelled");
    if (bad >= 0) {
      await Promise.allSettled(jobs.filter((j) => j.status !== "completed").map((j) => cancelVideoJob(j.id)));
      const job = jobs[bad];
      const what = jobIds.length > 1 ? `Clip ${bad + 1} of ${jobIds.length}` : "The clip";
      throw new VideoGenerationError(job?.status === "cancelled" ? `${what} was cancelled.` : `${what} failed: ${job?.error ?? "no reason given"}`);
    }
    o.onProgress?.(jobs.reduce((t, j) => t + (j.status === "completed" ? 100 : j.progress), 0) / (100 * jobs.length), jobs);
    if (jobs.every((j) => j.status === "completed")) return jobs;
    // Stopping the wait leaves the jobs running (a shutdown must not cancel them); cancel them with cancelVideoJob.
    if (o.signal?.aborted) throw new VideoGenerationError("Stopped waiting for the clips; they carry on in the background.");
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 200));
  }
}

export type FinishOptions = {
  /** false: no end card. Default: the kit's tagline, no call to action, 2.5 s. */
  endCard?: false | (EndCardContent & { seconds?: number });
  logoBug?: boolean;
  fps?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  store?: BlobStore;
};

export type FinishedVideo = {
  asset: Asset;
  bytes: Buffer;
  thumbnailKey: string;
  width: number;
  height: number;
  seconds: number;
  endCard: "template" | "built-in" | null;
};

/** Post-produces completed jobs (in the given order) into one MP4, stored and recorded as an asset. */
export async function finishVideo(jobIds: string[], o: FinishOptions = {}): Promise<FinishedVideo> {
  const store = o.store ?? getBlobStore();
  const jobs: VideoJob[] = [];
  for (const id of jobIds) {
    const job = await getVideoJob(id);
    if (!job) throw new VideoGenerationError(`video job ${id} does not exist`);
    if (job.status !== "completed" || !job.outputs.video) throw new VideoGenerationError(`video job ${id} is ${job.status}, not completed`);
    jobs.push(job);
  }
  const first = jobs[0];
  if (!first) throw new VideoGenerationError("no video jobs to finish");
  if (jobs.some((j) => j.kitId !== first.kitId || j.kitVersion !== first.kitVersion || j.size !== first.size)) {
    throw new VideoGenerationError("the clips were made with different kits or sizes and cannot be joined");
  }
  const version = await getVersionOfKitId(first.kitId, first.kitVersion);
  if (!version) throw new VideoGenerationError(`the kit version ${first.kitVersion} these clips were made with no longer exists`);
  const prepared = await prepareKit(version.kit);
  const [width, height] = first.size.split("x").map(Number) as [number, number];
  const size = { width, height };
  const clipBriefs = jobs.map((j) => readClipBrief(j.brief));

  const dir = await mkdtemp(path.join(os.tmpdir(), "marque-video-"));
  try {
    const clips = await Promise.all(
      jobs.map(async (job, i) => {
        const file = path.join(dir, `clip-${i}.mp4`);
        await writeFile(file, await store.get((job.outputs.video ?? "").slice("sha256:".length)));
        const { brief, shots } = clipBriefs[i] ?? { brief: null, shots: [] };
        const shotSeconds = shots.reduce((t, s) => t + (brief?.shots[s]?.seconds ?? 0), 0);
        return { file, seconds: Math.min(job.seconds, shotSeconds || job.seconds) };
      }),
    );
    const cardOpts = o.endCard === false ? null : (o.endCard ?? {});
    const card = cardOpts ? await renderEndCard(prepared, size, cardOpts) : null;
    const bug = o.logoBug ? await renderLogoBug(prepared, size) : null;
    const out = path.join(dir, "final.mp4");
    const info = await postProduce(clips, out, {
      ...size,
      workDir: dir,
      fps: o.fps,
      ...(card && cardOpts ? { endCard: { png: card.png, seconds: cardOpts.seconds ?? 2.5 } } : {}),
      ...(bug ? { logoBug: bug } : {}),
      signal: o.signal,
      onProgress: o.onProgress,
    });
    const bytes = await readFile(out);
    const firstBrief = clipBriefs[0];
    const firstShot = firstBrief?.brief.shots[firstBrief.shots[0] ?? 0]?.seconds ?? 1;
    const still = await extractFrame(out, Math.min(firstShot / 2, finalSeconds(clips) / 2));
    const thumbnailKey = await store.put(await sharp(still).jpeg({ quality: 82 }).toBuffer());
    const canonical = JSON.stringify({ jobs: jobs.map((j) => ({ brief: j.brief, prompt: j.prompt, provider: j.provider, model: j.model })), size: first.size, endCard: cardOpts, logoBug: Boolean(bug) });
    const asset = await recordAsset({
      kitId: first.kitId,
      kitVersion: first.kitVersion,
      templateId: VIDEO_TEMPLATE_ID,
      format: height >= width ? "reel-vertical" : "reel-horizontal",
      contentHash: createHash("sha256").update(canonical).digest("hex"),
      bytes,
      mime: "video/mp4",
    });
    return { asset, bytes, thumbnailKey, width: info.width, height: info.height, seconds: info.duration, endCard: card?.source ?? null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type GenerateInput = QueueVideoInput &
  Omit<FinishOptions, "onProgress"> & {
    onProgress?: (p: GenerateProgress) => void;
    /** Cancel the clip jobs when `signal` aborts (a CLI run that was interrupted), instead of leaving them running. */
    cancelOnAbort?: boolean;
  };
export type GeneratedVideo = FinishedVideo & { queued: QueuedVideo };

/** The whole run: queue, wait, finish; progress goes 0 → 0.05 (queued) → 0.85 (clips) → 1 (stored). */
export async function generateVideo(scope: Scope, input: GenerateInput): Promise<GeneratedVideo> {
  const report = (p: GenerateProgress) => input.onProgress?.({ ...p, fraction: Math.round(p.fraction * 1000) / 1000 });
  report({ stage: "queue", fraction: 0, message: "Compiling the prompt" });
  const queued = await queueVideo(scope, input);
  const clips = queued.jobIds.length;
  report({ stage: "clips", fraction: 0.05, message: `Making ${clips} clip${clips > 1 ? "s" : ""} with ${queued.provider}` });
  try {
    await waitForVideo(queued.jobIds, { signal: input.signal, onProgress: (f) => report({ stage: "clips", fraction: 0.05 + 0.8 * f, message: `Making ${clips} clip${clips > 1 ? "s" : ""} with ${queued.provider}` }) });
  } catch (error) {
    if (input.signal?.aborted && input.cancelOnAbort) {
      await Promise.allSettled(queued.jobIds.map((id) => cancelVideoJob(id)));
      throw new VideoGenerationError("Stopped: the unfinished clips were cancelled.");
    }
    throw error;
  }
  report({ stage: "post", fraction: 0.85, message: "Adding the end card" });
  const finished = await finishVideo(queued.jobIds, { ...input, onProgress: (f) => report({ stage: "post", fraction: 0.85 + 0.13 * f, message: "Adding the end card" }) });
  report({ stage: "store", fraction: 1, message: "Done" });
  return { ...finished, queued };
}

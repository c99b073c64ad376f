// The `local` provider (default, offline): an animatic. Each shot becomes a storyboard frame drawn by the
// render engine in the kit's colours and fonts, held for the shot's seconds with a slow push-in, and the
// clip is encoded to H.264 by ffmpeg. start() returns at once and renders in the background; renders live
// in memory, so after a restart poll() says "lost" and the worker starts the job again (restartSafe).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "../../../db.server.ts";
import { getVersionOfKitId } from "../../../models/kit.server.ts";
import { getVideoJob } from "../../../models/video-job.server.ts";
import { errorMessage } from "../../errors.ts";
import type { ResolveOptions } from "../../kit/files.server.ts";
import type { BrandKit } from "../../kit/schema.ts";
import { parseBrief, type VideoBrief } from "../brief.ts";
import { renderAnimatic, type AnimaticOptions } from "../animatic.server.ts";
import { SIZE_PATTERN, VideoProviderError, type VideoDownload, type VideoPollResult, type VideoProvider, type VideoStartInput } from "./types.ts";

/** What the generate glue stores as a job's brief: the whole brief, and which of its shots this clip shows. */
export const ClipBriefSchema = z.object({
  brief: z.unknown(),
  clip: z.object({
    index: z.number().int().min(0),
    count: z.number().int().min(1),
    shots: z.array(z.number().int().min(0)).min(1),
  }),
});
export type ClipBrief = { brief: VideoBrief; clip: { index: number; count: number; shots: number[] } };

/** The clip to draw: kit, brief and the brief's shot indices, in order. */
export type LocalClip = { kit: BrandKit; brief: VideoBrief; shots: number[]; files?: ResolveOptions };

/**
 * Reads a job's brief snapshot: a ClipBrief, or a bare brief (then every shot is drawn, cut at the clip's
 * length). Throws a `refused` VideoProviderError naming what is wrong.
 */
export function readClipBrief(snapshot: unknown): { brief: VideoBrief; shots: number[] } {
  try {
    const wrapped = ClipBriefSchema.safeParse(snapshot);
    if (wrapped.success) {
      const brief = parseBrief(wrapped.data.brief);
      const bad = wrapped.data.clip.shots.find((i) => i >= brief.shots.length);
      if (bad !== undefined) throw new Error(`clip.shots: there is no shot ${bad} (the brief has ${brief.shots.length})`);
      return { brief, shots: wrapped.data.clip.shots };
    }
    const brief = parseBrief(snapshot);
    return { brief, shots: brief.shots.map((_, i) => i) };
  } catch (error) {
    throw new VideoProviderError("refused", `This job's brief cannot be drawn as an animatic: ${errorMessage(error).slice(0, 400)}`);
  }
}

/** Default clip lookup: the job row's brief snapshot and the kit exactly as it was at the job's kit version. */
export async function clipFromJob(input: VideoStartInput): Promise<LocalClip> {
  const job = await getVideoJob(input.jobId);
  if (!job) throw new VideoProviderError("refused", `There is no video job "${input.jobId.slice(0, 40)}" to draw.`);
  const version = await getVersionOfKitId(job.kitId, job.kitVersion);
  if (!version) throw new VideoProviderError("refused", `The brand kit this job was made with (version ${job.kitVersion}) no longer exists.`);
  return { kit: version.kit, ...readClipBrief(job.brief) };
}

export type LocalProviderOptions = AnimaticOptions & {
  resolveClip?: (input: VideoStartInput) => Promise<LocalClip>;
  /** Renders at once; the rest wait as `queued` (the machine's cores are shared). Default 1. */
  concurrency?: number;
  /** Finished renders nobody downloaded are dropped after this long. Default 30 minutes. */
  keepMs?: number;
};

type Work = VideoPollResult & { abort: AbortController; result?: VideoDownload; doneAt?: number };

export function createLocalProvider(options: LocalProviderOptions = {}): VideoProvider & { readonly active: number } {
  const resolveClip = options.resolveClip ?? clipFromJob;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const keepMs = options.keepMs ?? 30 * 60_000;
  const work = new Map<string, Work>();
  const waiting: (() => void)[] = [];
  let running = 0;

  // A released slot passes straight to the next waiter, so a new start can never jump the queue.
  const slot = async () => {
    if (running < concurrency) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [id, w] of work) if (w.doneAt !== undefined && now - w.doneAt > keepMs) work.delete(id);
  };

  async function render(remoteId: string, input: VideoStartInput, w: Work) {
    const signal = w.abort.signal;
    let holding = false;
    try {
      const size = SIZE_PATTERN.exec(input.size);
      if (!size) throw new VideoProviderError("refused", `The size "${input.size.slice(0, 20)}" is not WIDTHxHEIGHT.`);
      const clip = await resolveClip(input);
      await slot();
      holding = true;
      signal.throwIfAborted();
      w.status = "in_progress";
      const result = await renderAnimatic(
        { ...clip, width: Number(size[1]), height: Number(size[2]), seconds: input.seconds },
        { ...options, signal, onProgress: (p) => (w.progress = Math.min(99, Math.round(p * 100))) },
      );
      if (signal.aborted) return;
      Object.assign(w, { status: "completed", progress: 100, result, doneAt: Date.now() });
    } catch (error) {
      if (signal.aborted) return;
      const message = error instanceof VideoProviderError ? error.message : `The animatic could not be made: ${errorMessage(error).slice(0, 500)}`;
      Object.assign(w, { status: "failed", error: message, doneAt: Date.now() });
    } finally {
      if (holding) release();
      if (signal.aborted) work.delete(remoteId);
    }
  }

  return {
    name: "local",
    restartSafe: true,
    // Renders take seconds: poll often so progress bars move and the result shows promptly.
    pollPolicy: { initialMs: 250, maxMs: 1000, factor: 1.5, jitter: 0.1 },
    get active() {
      return running;
    },
    async start(input) {
      sweep();
      const remoteId = `local_${randomUUID()}`;
      const w: Work = { status: "queued", progress: 0, abort: new AbortController() };
      work.set(remoteId, w);
      void render(remoteId, input, w);
      return { remoteId };
    },
    async poll(remoteId) {
      const w = work.get(remoteId);
      if (!w) throw new VideoProviderError("lost", "The offline renderer no longer has this clip (Marque restarted); it will be drawn again.");
      return { status: w.status, progress: w.progress, ...(w.error ? { error: w.error } : {}) };
    },
    async download(remoteId) {
      const w = work.get(remoteId);
      if (!w) throw new VideoProviderError("lost", "The offline renderer no longer has this clip; it will be drawn again.");
      if (w.status !== "completed" || !w.result) throw new VideoProviderError("bad_output", "The animatic is not finished yet.");
      work.delete(remoteId); // the worker stores it; keeping a copy here would only hold memory
      return w.result;
    },
    async cancel(remoteId) {
      const w = work.get(remoteId);
      if (!w) return;
      w.abort.abort();
      work.delete(remoteId);
    },
  };
}

// One video job from claim to outcome: start (the remote id is stored before any poll), poll with backoff,
// download into the blob store. Every write is conditional, so a cancel or a newer worker always wins.
import { errorMessage } from "../errors.ts";
import {
  completeVideoJob,
  failVideoJob,
  markVideoJobStarted,
  requeueVideoJob,
  setVideoJobProgress,
  sniffImageMime,
  type VideoJob,
  type VideoJobOutputs,
  type VideoJobStatus,
} from "../../models/video-job.server.ts";
import type { BlobStore } from "../../storage.server.ts";
import { backoffDelay, isAborted, type BackoffPolicy, type Sleep } from "./providers/backoff.ts";
import { redactSecrets } from "./providers/openai-errors.ts";
import { isVideoProviderError, VideoProviderError, type ReferenceImage, type VideoPollResult, type VideoProvider } from "./providers/types.ts";

export type VideoJobEvent = { id: string; status: VideoJobStatus; progress: number; error?: string };

export type JobRunContext = {
  provider: VideoProvider;
  store: BlobStore;
  wait: Sleep;
  now: () => number;
  random: () => number;
  pollPolicy: BackoffPolicy;
  pollTimeoutMs: number;
  maxUnavailablePolls: number;
  emit: (event: VideoJobEvent) => void;
  /** Fires on stop or cancel: polling ends, the row stays as it is. */
  signal: AbortSignal;
};

/** Runs a claimed (`starting`) or resumed (`in_progress` with a remote id) job to its end; never throws for job failures. */
export async function runVideoJob(job: VideoJob, ctx: JobRunContext): Promise<void> {
  const { provider, signal, emit } = ctx;
  const fail = async (message: string, progress = job.progress) => {
    if (await failVideoJob(job.id, message)) emit({ id: job.id, status: "failed", progress, error: message });
  };
  try {
    let remoteId = job.remoteId;
    if (!remoteId) {
      // No signal here: a create aborted halfway may still start (and bill) a clip nobody follows.
      const started = await provider.start({
        jobId: job.id,
        prompt: job.prompt,
        model: job.model,
        seconds: job.seconds,
        size: job.size,
        referenceImage: await reference(job.outputs, ctx.store),
      });
      if (!(await markVideoJobStarted(job.id, started.remoteId))) {
        await provider.cancel(started.remoteId).catch(() => {}); // cancelled while starting
        return;
      }
      remoteId = started.remoteId;
      emit({ id: job.id, status: "in_progress", progress: 0 });
    }
    const result = await pollUntilDone(job, remoteId, ctx);
    if (result.status === "failed") return await fail(result.error ?? "The video service could not make this clip and gave no reason.", result.progress);
    const files = await provider.download(remoteId, { signal });
    const outputs: VideoJobOutputs = { ...job.outputs, video: `sha256:${await ctx.store.put(files.video)}` };
    if (files.thumbnail) outputs.thumbnail = `sha256:${await ctx.store.put(files.thumbnail)}`;
    if (await completeVideoJob(job.id, outputs)) emit({ id: job.id, status: "completed", progress: 100 });
  } catch (error) {
    if (isAborted(error) || signal.aborted) return; // stopped or cancelled: the row already says what it should
    if (isVideoProviderError(error) && error.kind === "lost" && provider.restartSafe) {
      if (await requeueVideoJob(job.id)) emit({ id: job.id, status: "queued", progress: 0 });
      return;
    }
    if (!isVideoProviderError(error)) console.error(`Video job ${job.id} failed unexpectedly`, error);
    await fail(isVideoProviderError(error) ? error.message : unexpectedMessage(error));
  }
}

async function pollUntilDone(job: VideoJob, remoteId: string, ctx: JobRunContext): Promise<VideoPollResult> {
  const deadline = ctx.now() + ctx.pollTimeoutMs;
  let last = job.progress;
  let unreachable = 0;
  for (let attempt = 0; ; attempt++) {
    let result: VideoPollResult | null = null;
    try {
      result = await ctx.provider.poll(remoteId, { signal: ctx.signal });
      unreachable = 0;
    } catch (error) {
      // The clip is paid for and still running remotely: an outage is waited out, up to a point.
      if (!(isVideoProviderError(error) && error.kind === "unavailable") || ++unreachable >= ctx.maxUnavailablePolls) throw error;
    }
    if (result?.status === "completed" || result?.status === "failed") return result;
    if (result && result.progress !== last && (await setVideoJobProgress(job.id, result.progress))) {
      last = result.progress;
      ctx.emit({ id: job.id, status: "in_progress", progress: last });
    }
    if (ctx.now() >= deadline) {
      const minutes = Math.round(ctx.pollTimeoutMs / 60_000);
      throw new VideoProviderError("unavailable", `The clip was still not ready after ${minutes} minutes, so Marque stopped waiting. The service may finish it later; start it again to try anew.`);
    }
    await ctx.wait(backoffDelay(attempt, ctx.provider.pollPolicy ?? ctx.pollPolicy, ctx.random), ctx.signal);
  }
}

async function reference(outputs: VideoJobOutputs, store: BlobStore): Promise<ReferenceImage | undefined> {
  if (!outputs.reference) return undefined;
  const bytes = await store.get(outputs.reference.slice("sha256:".length));
  const mime = sniffImageMime(bytes);
  if (!mime) throw new VideoProviderError("refused", "The stored reference frame is not a PNG, JPEG or WebP image.");
  return { bytes, mime };
}

function unexpectedMessage(error: unknown) {
  const detail = redactSecrets(errorMessage(error), [process.env.OPENAI_API_KEY]).slice(0, 300);
  return `Something went wrong inside Marque while making this clip (${detail}). Try again; if it keeps happening, tell whoever runs Marque.`;
}

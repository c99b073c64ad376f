// The in-process video job runner: claims queued jobs (at most `concurrency` at once), starts each with its
// provider, stores the remote id before the first poll, polls with backoff, files the outputs in the blob
// store. On start it resumes what a previous process left in flight, so a restart never pays twice.
// One worker per process; several processes need a lease or a real queue (see design notes, pg-boss).
import { errorMessage } from "../errors.ts";
import {
  claimNextQueuedVideoJob,
  completeVideoJob,
  countQueuedVideoJobs,
  createVideoJob,
  failVideoJob,
  getVideoJob,
  listInFlightVideoJobs,
  markVideoJobCancelled,
  markVideoJobStarted,
  requeueVideoJob,
  setVideoJobProgress,
  sniffImageMime,
  type NewVideoJob,
  type VideoJob,
  type VideoJobOutputs,
  type VideoJobStatus,
} from "../../models/video-job.server.ts";
import { getBlobStore, type BlobStore } from "../../storage.server.ts";
import { backoffDelay, isAborted, sleep as realSleep, type BackoffPolicy, type Sleep } from "./providers/backoff.ts";
import { redactSecrets } from "./providers/openai-errors.ts";
import { getVideoProvider } from "./providers/registry.server.ts";
import { isVideoProviderError, VideoProviderError, type ReferenceImage, type VideoPollResult, type VideoProvider } from "./providers/types.ts";

export type VideoJobEvent = { id: string; status: VideoJobStatus; progress: number; error?: string };

export type VideoWorkerOptions = {
  resolveProvider?: (name: string) => VideoProvider;
  concurrency?: number;
  /** Waits between polls; tests pass one that records and returns at once. */
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  poll?: BackoffPolicy;
  /** Give up waiting for one clip after this long (the service may still finish it). */
  pollTimeoutMs?: number;
  /** Consecutive polls the service may be unreachable before the job fails. */
  maxUnavailablePolls?: number;
  /** How often an idle worker looks for jobs queued by another process (the CLI). */
  idleScanMs?: number;
  store?: BlobStore;
};

export const DEFAULT_POLL: BackoffPolicy = { initialMs: 2000, maxMs: 20_000, factor: 1.5, jitter: 0.2 };

export class VideoWorker {
  private readonly resolveProvider: (name: string) => VideoProvider;
  private readonly concurrency: number;
  private readonly wait: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly pollPolicy: BackoffPolicy;
  private readonly pollTimeoutMs: number;
  private readonly maxUnavailablePolls: number;
  private readonly idleScanMs: number;
  private readonly store: BlobStore;
  private readonly listeners = new Set<(event: VideoJobEvent) => void>();
  private readonly active = new Map<string, { cancel: AbortController; task: Promise<void> }>();
  private resumeQueue: VideoJob[] = [];
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private kicked = false;
  /** Set once recovery and the first claim round are done, and while a claim round runs. */
  private settled = false;
  private claiming = false;

  constructor(options: VideoWorkerOptions = {}) {
    this.resolveProvider = options.resolveProvider ?? getVideoProvider;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.wait = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.pollPolicy = options.poll ?? DEFAULT_POLL;
    this.pollTimeoutMs = options.pollTimeoutMs ?? 60 * 60_000;
    this.maxUnavailablePolls = Math.max(1, options.maxUnavailablePolls ?? 20);
    this.idleScanMs = options.idleScanMs ?? 5000;
    this.store = options.store ?? getBlobStore();
  }

  get running() {
    return this.loop !== null;
  }

  /** Starts the loop (idempotent): first resumes jobs left in flight, then takes queued ones. */
  start(): this {
    if (this.loop) return this;
    this.stopping = new AbortController();
    this.settled = false;
    this.loop = this.run();
    return this;
  }

  /** Stops taking work and abandons polls in progress; jobs keep their state and resume on the next start. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping.abort();
    this.wakeUp?.();
    await this.loop;
    await Promise.allSettled([...this.active.values()].map((a) => a.task));
    this.loop = null;
  }

  /** Wakes an idle worker: a job was queued. */
  kick() {
    this.kicked = true;
    this.wakeUp?.();
  }

  subscribe(listener: (event: VideoJobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once nothing is running, resuming or queued (for tests and the CLI). */
  async idle(checkEveryMs = 10): Promise<void> {
    for (;;) {
      const quiet = this.settled && !this.claiming && this.active.size === 0 && this.resumeQueue.length === 0;
      if (quiet && (await countQueuedVideoJobs()) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, checkEveryMs));
    }
  }

  /**
   * Cancels a job: marks it cancelled, stops its loop, and deletes the remote job. `remoteDeleted` is null
   * when there was no remote job yet, false when the service refused (it may then still finish and bill).
   */
  async cancel(jobId: string): Promise<{ cancelled: boolean; remoteDeleted: boolean | null }> {
    const row = await markVideoJobCancelled(jobId);
    if (!row) return { cancelled: false, remoteDeleted: null };
    this.active.get(jobId)?.cancel.abort();
    this.emit({ id: jobId, status: "cancelled", progress: 0 });
    if (!row.remoteId) return { cancelled: true, remoteDeleted: null };
    try {
      await this.resolveProvider(row.provider).cancel(row.remoteId);
      return { cancelled: true, remoteDeleted: true };
    } catch {
      return { cancelled: true, remoteDeleted: false };
    }
  }

  private emit(event: VideoJobEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed event stream) must not stop the job.
      }
    }
  }

  private async run() {
    try {
      await this.recover();
    } catch (error) {
      console.error("Video worker: could not read jobs left in flight", error);
    }
    while (!this.stopping.signal.aborted) {
      this.kicked = false;
      this.claiming = true;
      try {
        while (this.active.size < this.concurrency && !this.stopping.signal.aborted) {
          const job = await this.next();
          if (!job) break;
          this.launch(job);
        }
      } catch (error) {
        console.error("Video worker: could not claim a job", error);
      } finally {
        this.claiming = false;
        this.settled = true;
      }
      // A kick that came while claiming means there may be more: look again without waiting.
      if (this.kicked || this.stopping.signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.idleScanMs);
        timer.unref?.();
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private async next(): Promise<VideoJob | null> {
    while (this.resumeQueue.length) {
      const queued = this.resumeQueue.shift();
      // Re-read: it may have been cancelled while it waited for a slot.
      const job = queued && (await getVideoJob(queued.id));
      if (job?.status === "in_progress" && job.remoteId) return job;
    }
    return claimNextQueuedVideoJob();
  }

  /** Jobs a previous process left: in_progress ones are polled again; interrupted starts are never re-sent to a paid service. */
  private async recover() {
    for (const job of await listInFlightVideoJobs()) {
      if (this.active.has(job.id)) continue;
      if (job.status === "in_progress" && job.remoteId) {
        this.resumeQueue.push(job);
        continue;
      }
      let restartSafe = false;
      try {
        restartSafe = this.resolveProvider(job.provider).restartSafe;
      } catch {
        // unknown or unconfigured provider: treat as paid
      }
      if (restartSafe) await requeueVideoJob(job.id);
      else {
        const message =
          "Marque stopped while sending this clip to the video service, so it may or may not have started (and been billed). It was not sent again automatically: check your provider's dashboard, then start it again if needed.";
        if (await failVideoJob(job.id, message)) this.emit({ id: job.id, status: "failed", progress: job.progress, error: message });
      }
    }
  }

  private launch(job: VideoJob) {
    const cancel = new AbortController();
    const task = this.runJob(job, cancel.signal)
      .catch((error: unknown) => console.error(`Video worker: job ${job.id} crashed`, error))
      .finally(() => {
        this.active.delete(job.id);
        this.kick();
      });
    this.active.set(job.id, { cancel, task });
  }

  private async runJob(job: VideoJob, cancelled: AbortSignal) {
    const signal = AbortSignal.any([cancelled, this.stopping.signal]);
    let provider: VideoProvider | null = null;
    try {
      provider = this.resolveProvider(job.provider);
      let remoteId = job.remoteId;
      if (!remoteId) {
        // No signal here: a create aborted halfway may still start (and bill) a clip nobody follows.
        const started = await provider.start({
          jobId: job.id,
          prompt: job.prompt,
          model: job.model,
          seconds: job.seconds,
          size: job.size,
          referenceImage: await this.reference(job.outputs),
        });
        if (!(await markVideoJobStarted(job.id, started.remoteId))) {
          await provider.cancel(started.remoteId).catch(() => {}); // cancelled while starting
          return;
        }
        remoteId = started.remoteId;
        this.emit({ id: job.id, status: "in_progress", progress: 0 });
      }
      const result = await this.pollUntilDone(job, provider, remoteId, signal);
      if (result.status === "failed") {
        const message = result.error ?? "The video service could not make this clip and gave no reason.";
        if (await failVideoJob(job.id, message)) this.emit({ id: job.id, status: "failed", progress: result.progress, error: message });
        return;
      }
      const files = await provider.download(remoteId, { signal });
      const outputs: VideoJobOutputs = { ...job.outputs, video: `sha256:${await this.store.put(files.video)}` };
      if (files.thumbnail) outputs.thumbnail = `sha256:${await this.store.put(files.thumbnail)}`;
      if (await completeVideoJob(job.id, outputs)) this.emit({ id: job.id, status: "completed", progress: 100 });
    } catch (error) {
      if (isAborted(error) || signal.aborted) return; // stopped or cancelled: the row already says what it should
      if (isVideoProviderError(error) && error.kind === "lost" && provider?.restartSafe) {
        if (await requeueVideoJob(job.id)) this.emit({ id: job.id, status: "queued", progress: 0 });
        return;
      }
      const message = isVideoProviderError(error) ? error.message : unexpectedMessage(error);
      if (!isVideoProviderError(error)) console.error(`Video worker: job ${job.id} failed unexpectedly`, error);
      if (await failVideoJob(job.id, message)) this.emit({ id: job.id, status: "failed", progress: job.progress, error: message });
    }
  }

  private async pollUntilDone(job: VideoJob, provider: VideoProvider, remoteId: string, signal: AbortSignal): Promise<VideoPollResult> {
    const deadline = this.now() + this.pollTimeoutMs;
    let last = job.progress;
    let unreachable = 0;
    for (let attempt = 0; ; attempt++) {
      let result: VideoPollResult | null = null;
      try {
        result = await provider.poll(remoteId, { signal });
        unreachable = 0;
      } catch (error) {
        // The clip is paid for and still running remotely: an outage is waited out, up to a point.
        if (!(isVideoProviderError(error) && error.kind === "unavailable") || ++unreachable >= this.maxUnavailablePolls) throw error;
      }
      if (result?.status === "completed" || result?.status === "failed") return result;
      if (result && result.progress !== last && (await setVideoJobProgress(job.id, result.progress))) {
        last = result.progress;
        this.emit({ id: job.id, status: "in_progress", progress: last });
      }
      if (this.now() >= deadline) {
        const minutes = Math.round(this.pollTimeoutMs / 60_000);
        throw new VideoProviderError("unavailable", `The clip was still not ready after ${minutes} minutes, so Marque stopped waiting. The service may finish it later; start it again to try anew.`);
      }
      await this.wait(backoffDelay(attempt, this.pollPolicy, this.random), signal);
    }
  }

  private async reference(outputs: VideoJobOutputs): Promise<ReferenceImage | undefined> {
    if (!outputs.reference) return undefined;
    const bytes = await this.store.get(outputs.reference.slice("sha256:".length));
    const mime = sniffImageMime(bytes);
    if (!mime) throw new VideoProviderError("refused", "The stored reference frame is not a PNG, JPEG or WebP image.");
    return { bytes, mime };
  }
}

function unexpectedMessage(error: unknown) {
  return `Something went wrong inside Marque while making this clip (${redactSecrets(errorMessage(error), [process.env.OPENAI_API_KEY]).slice(0, 300)}). Try again; if it keeps happening, tell whoever runs Marque.`;
}

declare global {
  // eslint-disable-next-line no-var
  var __marqueVideoWorker: VideoWorker | undefined;
}

/**
 * The process's worker, created and started on first call (kept on globalThis across Vite reloads).
 * `options` apply only when this call creates it.
 */
export function ensureVideoWorker(options?: VideoWorkerOptions): VideoWorker {
  return (globalThis.__marqueVideoWorker ??= new VideoWorker(options)).start();
}

/** Stops the process's worker (shutdown, tests). */
export async function stopVideoWorker() {
  const worker = globalThis.__marqueVideoWorker;
  globalThis.__marqueVideoWorker = undefined;
  await worker?.stop();
}

/** Queues a job and wakes the worker. */
export async function enqueueVideoJob(input: NewVideoJob): Promise<VideoJob> {
  const job = await createVideoJob(input);
  ensureVideoWorker().kick();
  return job;
}

export async function cancelVideoJob(jobId: string) {
  return ensureVideoWorker().cancel(jobId);
}

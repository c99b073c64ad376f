// The in-process video job runner: claims queued jobs (at most `concurrency` at once), starts each with its
// provider, stores the remote id before the first poll, polls with backoff, files the outputs in the blob
// store. On start it resumes what a previous process left in flight, so a restart never pays twice.
// One worker per process; several processes need a lease or a real queue (see design notes, pg-boss).
import { errorMessage } from "../errors.ts";
import {
  claimNextQueuedVideoJob,
  countQueuedVideoJobs,
  createVideoJob,
  failVideoJob,
  getVideoJob,
  listInFlightVideoJobs,
  markVideoJobCancelled,
  requeueVideoJob,
  type NewVideoJob,
  type VideoJob,
} from "../../models/video-job.server.ts";
import { getBlobStore, type BlobStore } from "../../storage.server.ts";
import { runVideoJob, type VideoJobEvent } from "./job-run.server.ts";
import { sleep as realSleep, type BackoffPolicy, type Sleep } from "./providers/backoff.ts";
import { getVideoProvider } from "./providers/registry.server.ts";
import { isVideoProviderError, type VideoProvider } from "./providers/types.ts";

export type { VideoJobEvent } from "./job-run.server.ts";

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
    this.resumeQueue = []; // recovery re-reads the database
    this.loop = this.run();
    return this;
  }

  /**
   * Stops taking work and abandons polls in progress; jobs keep their state and resume on the next start.
   * A create already sent is awaited (at most the SDK timeout) so its remote id is stored, not lost.
   */
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
    let provider: VideoProvider;
    try {
      provider = this.resolveProvider(job.provider);
    } catch (error) {
      const message = isVideoProviderError(error) ? error.message : `Video provider "${job.provider}" could not be set up: ${errorMessage(error)}`;
      if (await failVideoJob(job.id, message)) this.emit({ id: job.id, status: "failed", progress: job.progress, error: message });
      return;
    }
    await runVideoJob(job, {
      provider,
      store: this.store,
      wait: this.wait,
      now: this.now,
      random: this.random,
      pollPolicy: this.pollPolicy,
      pollTimeoutMs: this.pollTimeoutMs,
      maxUnavailablePolls: this.maxUnavailablePolls,
      emit: (event) => this.emit(event),
      signal: AbortSignal.any([cancelled, this.stopping.signal]),
    });
  }
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

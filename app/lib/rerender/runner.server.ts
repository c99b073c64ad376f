// Runs a re-render job: a pool of (by default) two workers over the assets still to do, one result
// per asset, progress written as it goes (coalesced: at most one write in flight), the lease renewed
// while it runs. One asset failing is recorded with its reason and the others go on.
import { errorMessage } from "../errors.ts";
import { rerenderAsset } from "./rerender-asset.server.ts";
import { RerenderError } from "./source.server.ts";
import {
  abandonedRerenderJobs,
  claimRerenderJob,
  createRerenderJob,
  finishRerenderJob,
  getRerenderJob,
  saveRerenderProgress,
  type RerenderJob,
  type RerenderResult,
} from "./job.server.ts";

export const DEFAULT_CONCURRENCY = 2;
const HEARTBEAT_MS = 5_000;

export interface RunOptions {
  concurrency?: number;
  /** After each asset, with the results so far (the CLI prints progress from it). */
  onResult?: (result: RerenderResult, results: readonly RerenderResult[], total: number) => void;
}

const running = new Map<string, Promise<RerenderJob | null>>();

async function rerenderOne(assetId: string): Promise<RerenderResult> {
  const started = performance.now();
  try {
    const outcome = await rerenderAsset(assetId);
    return { assetId, status: "ok", newAssetId: outcome.newAssetId, ms: Math.round(performance.now() - started), at: Date.now() };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    if (error instanceof RerenderError) return { assetId, status: error.kind === "gone" ? "skipped" : "failed", reason: error.reason, ms, at: Date.now() };
    return { assetId, status: "failed", reason: errorMessage(error), ms, at: Date.now() };
  }
}

async function execute(job: RerenderJob, opts: RunOptions): Promise<RerenderJob | null> {
  const results = [...job.results];
  const finished = new Set(results.map((r) => r.assetId));
  const queue = job.assetIds.filter((id) => !finished.has(id));
  let stop = false;

  // Progress writes are serialised; a write that finds another in flight just marks the state dirty.
  let writing: Promise<void> | null = null;
  let dirty = false;
  const flush = async (): Promise<void> => {
    if (writing) {
      dirty = true;
      return writing;
    }
    writing = (async () => {
      do {
        dirty = false;
        const status = await saveRerenderProgress(job.id, results);
        if (status !== "running") stop = true;
      } while (dirty);
    })().finally(() => (writing = null));
    return writing;
  };
  const heartbeat = setInterval(() => void flush().catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref?.();

  const worker = async () => {
    for (let id = queue.shift(); id !== undefined && !stop; id = queue.shift()) {
      const result = await rerenderOne(id);
      results.push(result);
      opts.onResult?.(result, results, job.total);
      await flush();
    }
  };
  try {
    const size = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, 8));
    await Promise.all(Array.from({ length: size }, worker));
    await flush();
    await finishRerenderJob(job.id, { status: "completed" });
  } catch (error) {
    await finishRerenderJob(job.id, { status: "failed", error: errorMessage(error) });
  } finally {
    clearInterval(heartbeat);
  }
  return getRerenderJob(job.id);
}

/**
 * Runs the job in this process until it ends and returns it. When this process already runs it, the
 * same promise is returned; when another live process holds it, the job as stored now.
 */
export function runRerenderJob(id: string, opts: RunOptions = {}): Promise<RerenderJob | null> {
  const existing = running.get(id);
  if (existing) return existing;
  const run = (async () => {
    if (!(await claimRerenderJob(id))) return getRerenderJob(id);
    const job = await getRerenderJob(id);
    return job ? execute(job, opts) : null;
  })().finally(() => running.delete(id));
  running.set(id, run);
  return run;
}

/** Plans a job over the stale assets and starts it in the background (the web app's button). */
export async function startRerender(scope: { kitId?: string } = {}): Promise<{ job: RerenderJob; created: boolean } | null> {
  const planned = await createRerenderJob(scope);
  if (planned?.created) void runRerenderJob(planned.job.id).catch(() => {});
  return planned;
}

/** Picks up jobs whose runner died (restart, crash); cheap to call from any loader. */
export async function resumeRerenderJobs(): Promise<string[]> {
  const jobs = await abandonedRerenderJobs();
  const resumed = jobs.filter((j) => !running.has(j.id)).map((j) => j.id);
  for (const id of resumed) void runRerenderJob(id).catch(() => {});
  return resumed;
}

/** True while this process is running the job. */
export function isRunningHere(id: string): boolean {
  return running.has(id);
}

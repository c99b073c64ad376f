// Runs a re-render job: a pool of (by default) two render workers over the assets still to do, a
// recorder committing their replacements several per transaction, one result per asset, progress
// written as it goes, the lease renewed while it runs, replaced files removed once recorded. One
// asset failing is recorded with its reason and the others go on.
import type { Scope } from "../auth/scope.ts";
import { prisma } from "../../db.server.ts";
import { errorMessage } from "../errors.ts";
import { ProgressWriter, ReplacedFiles } from "./batch-state.server.ts";
import { storeReplacement } from "./record.server.ts";
import { Recorder } from "./recorder.server.ts";
import { prepareRerender, settleRerender } from "./rerender-asset.server.ts";
import { RerenderError, sourceRows, type SourceRow } from "./source.server.ts";
import {
  abandonedRerenderJobs,
  claimRerenderJob,
  createRerenderJob,
  finishRerenderJob,
  getRerenderJob,
  type RerenderJob,
  type RerenderResult,
} from "./job.server.ts";

export const DEFAULT_CONCURRENCY = 2;
const HEARTBEAT_MS = 5_000;
/** Recorded but not yet committed replacements a worker may leave behind before it waits. */
const MAX_UNCOMMITTED = 24;
/** Asset rows read ahead per query. */
const READ_AHEAD = 32;

export interface RunOptions {
  /** Renders at once (default 2). */
  concurrency?: number;
  /** After each asset, with the results so far (the CLI prints progress from it). */
  onResult?: (result: RerenderResult, results: readonly RerenderResult[], total: number) => void;
}

const running = new Map<string, Promise<RerenderJob | null>>();

function failure(assetId: string, error: unknown, ms: number): RerenderResult {
  const at = Date.now();
  if (error instanceof RerenderError) return { assetId, status: error.kind === "gone" ? "skipped" : "failed", reason: error.reason, ms, at };
  return { assetId, status: "failed", reason: errorMessage(error), ms, at };
}

async function execute(job: RerenderJob, opts: RunOptions): Promise<RerenderJob | null> {
  const results = [...job.results];
  const finished = new Set(results.map((r) => r.assetId));
  const queue = job.assetIds.filter((id) => !finished.has(id));
  const progress = new ProgressWriter(job.id, results);
  const files = new ReplacedFiles();
  const recorder = new Recorder();
  const uncommitted = new Set<Promise<void>>();
  const heartbeat = setInterval(() => void progress.now().catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref?.();

  const done = async (result: RerenderResult) => {
    results.push(result);
    opts.onResult?.(result, results, job.total);
    await progress.maybe();
  };
  // A resumed job: files replaced before the crash may not have been removed yet.
  const earlier = results.filter((r) => r.status === "ok").map((r) => r.assetId);
  if (earlier.length) {
    const rows = await prisma.asset.findMany({ where: { id: { in: earlier }, supersededById: { not: null } }, select: { storageKey: true, bytes: true } });
    for (const row of rows) await files.add({ key: row.storageKey, bytes: row.bytes });
  }

  // Rows are read ahead in chunks; a chunk is read once even when both workers reach it together.
  const ahead = new Map<string, Promise<Map<string, SourceRow>>>();
  const rowOf = async (id: string): Promise<SourceRow | undefined> => {
    if (!ahead.has(id)) {
      const chunk = [id, ...queue.slice(0, READ_AHEAD - 1)];
      const read = sourceRows(chunk);
      for (const c of chunk) ahead.set(c, read);
    }
    const rows = await ahead.get(id);
    ahead.delete(id);
    return rows?.get(id);
  };

  // Workers render and store; the recorder commits their replacements in groups while they go on.
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined && progress.status === "running"; id = queue.shift()) {
      const started = performance.now();
      let prepared: Awaited<ReturnType<typeof prepareRerender>>;
      try {
        prepared = await prepareRerender(id, await rowOf(id));
        if ("replacement" in prepared) await storeReplacement(prepared.replacement);
      } catch (error) {
        await done(failure(id, error, Math.round(performance.now() - started)));
        continue;
      }
      if (!("replacement" in prepared)) {
        await done({ assetId: id, status: "ok", newAssetId: prepared.newAssetId, ms: 0, at: Date.now() });
        continue;
      }
      const renderedAt = Date.now();
      const renderMs = Math.round(performance.now() - started);
      const ready = prepared;
      const settled: Promise<void> = recorder
        .submit(ready.replacement)
        .then((result) => settleRerender(ready, result))
        .then(async (outcome) => {
          if (outcome.oldFile) await files.add(outcome.oldFile);
          await done({ assetId: id, status: "ok", newAssetId: outcome.newAssetId, ms: Math.round(performance.now() - started), at: Date.now(), renderMs, renderedAt });
        })
        .catch((error: unknown) => done(failure(id, error, Math.round(performance.now() - started))))
        .finally(() => uncommitted.delete(settled));
      uncommitted.add(settled);
      while (uncommitted.size >= MAX_UNCOMMITTED) await Promise.race(uncommitted);
    }
  };
  try {
    const size = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, 8));
    await Promise.all(Array.from({ length: size }, worker));
    await recorder.flush();
    await Promise.all(uncommitted);
    await files.flush();
    await progress.now();
    await finishRerenderJob(job.id, { status: "completed" });
  } catch (error) {
    await recorder.flush().catch(() => {});
    await files.flush();
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
export async function startRerender(scope: Scope, opts: { kitId?: string } = {}): Promise<{ job: RerenderJob; created: boolean } | null> {
  const planned = await createRerenderJob(scope, opts);
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

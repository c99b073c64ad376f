// Render slots: at most `concurrency` renders run at once in this process, later ones wait in a FIFO
// queue. Previews (one per keystroke, one per gallery card) take a bounded place in that queue and are
// refused with a BusyError when it is full, so a burst queues or is turned away instead of holding
// hundreds of rasters in memory at once; exports and background jobs wait for a slot however long the
// queue is (they limit their own concurrency, and a refused export would lose the user's click).
import os from "node:os";
import { z } from "zod";

/** The pool is full: answer 503 with Retry-After (design-response.server.ts `badRequest` does). */
export class BusyError extends Error {
  constructor(
    message: string,
    /** Whole seconds after which a retry is likely to find room. */
    public readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "BusyError";
  }
}

export interface RenderPoolOptions {
  /** Renders running at once (at least 1). */
  concurrency: number;
  /** Bounded tasks that may wait for a slot; one more is refused (0: refuse whenever every slot is busy). */
  queueLimit: number;
}

export interface RunOptions {
  /** Wait for a slot even when the queue is full (exports, batch jobs, the CLI). Default: refuse with BusyError. */
  wait?: boolean;
}

export interface RenderPoolStats {
  concurrency: number;
  queueLimit: number;
  active: number;
  queued: number;
  completed: number;
  rejected: number;
  /** Moving average of a task's run time, ms (seeds the Retry-After estimate). */
  averageMs: number;
}

export interface RenderPool {
  run<T>(task: () => Promise<T>, options?: RunOptions): Promise<T>;
  stats(): RenderPoolStats;
}

export function createRenderPool({ concurrency, queueLimit }: RenderPoolOptions): RenderPool {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`render pool: concurrency must be a whole number from 1 (got ${concurrency})`);
  if (!Number.isInteger(queueLimit) || queueLimit < 0) throw new Error(`render pool: queueLimit must be a whole number from 0 (got ${queueLimit})`);
  const waiting: { start: () => void; bounded: boolean }[] = [];
  let active = 0;
  let boundedWaiting = 0;
  let completed = 0;
  let rejected = 0;
  let averageMs = 250; // a typical preview on a small machine, until real renders say otherwise

  function next() {
    while (active < concurrency) {
      const entry = waiting.shift();
      if (!entry) return;
      if (entry.bounded) boundedWaiting--;
      entry.start();
    }
  }

  function retryAfter(): number {
    // Time for everything ahead of a new request to drain through the slots.
    const seconds = Math.ceil(((waiting.length + active) * averageMs) / concurrency / 1000);
    return Math.min(30, Math.max(1, seconds));
  }

  async function execute<T>(task: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      // `await` inside the try: a task that throws synchronously still frees its slot.
      return await task();
    } finally {
      averageMs = averageMs * 0.8 + (performance.now() - t0) * 0.2;
      completed++;
      active--;
      next();
    }
  }

  return {
    run<T>(task: () => Promise<T>, options: RunOptions = {}): Promise<T> {
      if (active < concurrency && waiting.length === 0) {
        active++;
        return execute(task);
      }
      const bounded = !options.wait;
      if (bounded && boundedWaiting >= queueLimit) {
        rejected++;
        const seconds = retryAfter();
        return Promise.reject(new BusyError(`The server is busy drawing other previews (${active} running, ${waiting.length} waiting); try again in ${seconds} s.`, seconds));
      }
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          bounded,
          start: () => {
            active++;
            execute(task).then(resolve, reject);
          },
        });
        if (bounded) boundedWaiting++;
      });
    },
    stats: () => ({ concurrency, queueLimit, active, queued: waiting.length, completed, rejected, averageMs: Math.round(averageMs) }),
  };
}

const PoolEnv = z.object({
  MARQUE_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  MARQUE_RENDER_QUEUE: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** Default slots: one per CPU, at most 8 (each render holds a raster; more cores than that rarely pay). */
export function defaultConcurrency(): number {
  return Math.min(8, Math.max(1, os.availableParallelism()));
}

/** Pool size from MARQUE_RENDER_CONCURRENCY and MARQUE_RENDER_QUEUE (empty means unset), with defaults. */
export function renderPoolOptionsFromEnv(env: Record<string, string | undefined> = process.env): RenderPoolOptions {
  const raw = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in PoolEnv.shape && v !== undefined && v !== ""));
  const parsed = PoolEnv.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return { concurrency: parsed.data.MARQUE_RENDER_CONCURRENCY ?? defaultConcurrency(), queueLimit: parsed.data.MARQUE_RENDER_QUEUE ?? 32 };
}

let shared: RenderPool | undefined;

/** The process's render pool, sized from the environment on first use. */
export function renderPool(): RenderPool {
  shared ??= createRenderPool(renderPoolOptionsFromEnv());
  return shared;
}

/** For tests: replace the process's pool (undefined: size it from the environment again on next use). */
export function setRenderPool(pool: RenderPool | undefined): void {
  shared = pool;
}

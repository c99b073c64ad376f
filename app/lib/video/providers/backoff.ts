// Waiting between attempts: exponential backoff with jitter, the server's Retry-After when it sends one,
// and an abortable sleep that tests replace with a recording one.

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export type BackoffPolicy = {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Share of each delay that is randomised (0: none, 1: anywhere from 0 to the full delay). */
  jitter: number;
};

/** Thrown by `sleep` when its signal fires; callers treat it as "stop now", not as a failure. */
export class AbortedError extends Error {
  constructor() {
    super("Stopped");
    this.name = "AbortedError";
  }
}

export function isAborted(error: unknown): boolean {
  return error instanceof AbortedError || (error instanceof Error && error.name === "APIUserAbortError");
}

export function throwIfAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw new AbortedError();
}

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * Delay before retry number `attempt` (0-based): initial × factor^attempt, capped, then reduced by a
 * random share so that many clients backing off together spread out ("equal jitter").
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.factor, Math.max(0, attempt)));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(base * (1 - jitter * random()));
}

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds, an OpenAI extension) first, then
 * `retry-after` as seconds or an HTTP date. Null when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined | null, now: number = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const after = headers.get("retry-after");
  if (after === null || after.trim() === "") return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Math.ceil(Number(after) * 1000);
  const date = Date.parse(after);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

// Timing and memory helpers for the benchmarks: order statistics over samples, the memory of a process
// tree read from /proc (RSS, or PSS so pages shared between Chromium's processes count once), and their
// whole-number command-line flags.
import { readdirSync, readFileSync } from "node:fs";

export interface Stats {
  n: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function stats(samples: readonly number[]): Stats {
  return {
    n: samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    mean: samples.reduce((a, b) => a + b, 0) / (samples.length || 1),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

export async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(entry));
      map.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

/** PIDs of a process's descendants (not the process itself). */
export function descendants(pid: number): number[] {
  const map = children();
  const out: number[] = [];
  const stack = [...(map.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop() as number;
    out.push(p);
    stack.push(...(map.get(p) ?? []));
  }
  return out;
}

/** Proportional set size of a process in bytes (0 when it is gone). */
export function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the summed PSS of a process tree; `during(fn)` samples only while fn runs, so reading /proc
 * (a few ms per Chromium process) never lands inside another measurement. Returns the peak.
 */
export function treePssSampler(rootPid: number, everyMs = 100) {
  let peak = 0;
  // The process list is read once per window (a scan of /proc is the costly part); Chromium's processes
  // for a warm page do not change between calls.
  let pids: number[] = [];
  const tick = () => {
    const total = pids.reduce((sum, p) => sum + pssBytes(p), 0);
    peak = Math.max(peak, total);
  };
  return {
    async during<T>(fn: () => Promise<T>): Promise<T> {
      pids = descendants(rootPid);
      const timer = setInterval(tick, everyMs);
      try {
        return await fn();
      } finally {
        clearInterval(timer);
        pids = descendants(rootPid);
        tick();
      }
    },
    get peak() {
      return peak;
    },
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux: /proc times are in 10 ms ticks

/** CPU time (user + system) used so far by a process's descendants, in ms (10 ms resolution). */
export function treeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of descendants(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the name: state(0) ppid(1) … utime(11) stime(12).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * TICK_MS;
}

export const MB = 1024 * 1024;

/** `--name=N` from the command line, a whole number from 1, else `fallback`. */
export function intFlag(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const v = hit ? Number(hit.split("=")[1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number from 1`);
  return v;
}

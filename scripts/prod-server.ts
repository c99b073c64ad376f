// The production server as `npm start` runs it (server.js on the built app, NODE_ENV=production, its
// malloc settings) on a free loopback port with a throwaway database and data folder, for the e2e tests and
// the load benchmark; and its RSS, read from /proc every 50 ms, so a load phase can report its peak.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** A line of /proc/<pid>/status in bytes (VmRSS: now; VmHWM: the peak since start), or 0 when gone. */
export function procStatusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ProdServer {
  baseUrl: string;
  pid: number;
  /** The throwaway folder holding the database and the data directory. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Peak RSS while `fn` runs, sampled every 50 ms. */
  peakRssDuring<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number }>;
  /** Whatever the server printed (for a failure report). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Migrates a fresh database and loads the example kits (scripts/setup.ts; with `build`, building the app
 * first when sources are newer than build/), runs `seedScript` against it when given (a script printing
 * `SEED <json>` as a line), then starts the server and waits until it answers.
 */
export async function startProdServer<S = undefined>(opts: { build?: boolean; seedScript?: string; name?: string } = {}): Promise<{ server: ProdServer; seed: S }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `marque-${opts.name ?? "server"}-`));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "marque.db")}`,
    MARQUE_DATA_DIR: path.join(dir, "data"),
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    // As `npm start` runs the server (see package.json).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
    MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? "131072",
  };
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  execFileSync(process.execPath, [tsx, "scripts/setup.ts", ...(opts.build ? ["--build"] : [])], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  let seed = undefined as S;
  if (opts.seedScript) {
    const seedOut = execFileSync(process.execPath, [tsx, opts.seedScript], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const seedLine = seedOut.split("\n").find((l) => l.startsWith("SEED "));
    if (!seedLine) throw new Error(`${opts.seedScript} printed no SEED line:\n${seedOut}`);
    seed = JSON.parse(seedLine.slice(5)) as S;
  }

  const child: ChildProcess = spawn(process.execPath, ["server.js"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output = (output + String(d)).slice(-20_000)));
  child.stderr?.on("data", (d) => (output = (output + String(d)).slice(-20_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      // /login answers (a page, or a redirect to /setup before the first account) once the app is up.
      if ((await fetch(`${baseUrl}/login`, { redirect: "manual" })).status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid as number;
  const server: ProdServer = {
    baseUrl,
    pid,
    dir,
    env,
    async peakRssDuring(fn) {
      let peak = procStatusBytes(pid, "VmRSS");
      const timer = setInterval(() => (peak = Math.max(peak, procStatusBytes(pid, "VmRSS"))), 50);
      try {
        const value = await fn();
        return { value, peakRss: Math.max(peak, procStatusBytes(pid, "VmRSS")) };
      } finally {
        clearInterval(timer);
      }
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return { server, seed };
}

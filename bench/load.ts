// Load benchmark: autocannon on loopback against the production build (server.js, as `npm start`),
// signed in as the owner: requests per second and p50/p99 latency at 32 connections for the kit list,
// a kit page, the template gallery and the preview endpoint (one URL again and again: the server's
// preview cache; and new content on every request: a render each), with the server's peak RSS. Then a
// burst of 200 simultaneous uncached previews: every request must get an answer (200, or 503 with
// Retry-After from the render pool) and RSS must stay under 600 MB. Targets: cached preview p99 < 50 ms;
// burst peak RSS < 600 MB with nothing dropped.
//   npx tsx bench/load.ts [--duration=10] [--connections=32] [--burst=200]      (or: npm run bench -- load)
// MARQUE_RENDER_CONCURRENCY / MARQUE_RENDER_QUEUE pass through to the server. Results: bench/out/load.json.
import http from "node:http";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import autocannon, { type Result } from "autocannon";
import { ROOT } from "./lib/designs.ts";
import { intFlag, MB, percentile } from "./lib/measure.ts";
import { procStatusBytes, startProdServer } from "../scripts/prod-server.ts";

const DURATION = intFlag("duration", 10);
const CONNECTIONS = intFlag("connections", 32);
const BURST = intFlag("burst", 200);
const CACHED_P99_MS = 50;
const BURST_RSS_MB = 600;
const log = (line: string) => process.stderr.write(`${line}\n`);

// autocannon 8 keeps every response body as a string (PipelinedRequestsQueue.addBody: `req.body += data`),
// so each 60 KB PNG is decoded as UTF-8: 93% of the load generator's CPU on cached previews (profiled),
// taken from the server on a 2-core machine and counted as its latency. No case here reads a body (the
// cold case's onResponse looks at status and headers only), so bodies are counted, not kept; a request
// still ends when its last byte arrives. The cached case also runs once with the stock client, for the record.
const BodyQueue = createRequire(import.meta.url)("autocannon/lib/pipelinedRequestsQueue.js") as { prototype: { addBody(data: Buffer): void } };
const stockAddBody = BodyQueue.prototype.addBody;
const keepBodies = (keep: boolean) => {
  BodyQueue.prototype.addBody = keep ? stockAddBody : () => {};
};
keepBodies(false);

interface Seed {
  cookie: string;
  designId: string;
  kitSlug: string;
  formatId: string;
  sample: Record<string, unknown>;
}

log(`load bench: ${CONNECTIONS} connections × ${DURATION} s per case, burst of ${BURST}; ${os.cpus().length} CPUs, load ${(os.loadavg()[0] ?? 0).toFixed(1)}`);
const { server, seed } = await startProdServer<Seed>({ build: true, seedScript: "bench/lib/load-seed.ts", name: "bench-load" });
const headers = { Cookie: seed.cookie };
const previewPath = (headline: string) =>
  `/designs/${seed.designId}/preview?format=${seed.formatId}&c=${Buffer.from(JSON.stringify({ ...seed.sample, headline })).toString("base64url")}`;
let unique = 0;
const coldPath = () => previewPath(`Lunch on the terrace, table ${++unique} (${process.pid})`);

/** One request, answered or failed, with its status, Retry-After and time (fresh connection each). */
function once(url: string): Promise<{ status: number; retryAfter: string | null; ms: number; error?: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false, timeout: 120_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] ?? null, ms: performance.now() - t0 }));
      res.on("error", (e) => resolve({ status: 0, retryAfter: null, ms: performance.now() - t0, error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out after 120 s")));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: 0, retryAfter: null, ms: performance.now() - t0, error: e.code ?? e.message }));
  });
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];

async function load(name: string, opts: { path?: string; cold?: boolean; target?: { p99: number }; stockClient?: boolean }) {
  // Warm: the route's code, the kit's fonts, and (for the cached case) the preview itself.
  for (let i = 0; i < 3; i++) {
    const r = await once(`${server.baseUrl}${opts.cold ? coldPath() : opts.path}`);
    if (r.status !== 200) throw new Error(`${name}: warm-up request answered ${r.status || r.error} (is the seeded session accepted?)\n${server.output().slice(-3000)}`);
  }
  let busyWithoutRetryAfter = 0;
  keepBodies(opts.stockClient ?? false);
  const { value: result, peakRss } = await server.peakRssDuring<Result>(() =>
    autocannon({
      url: server.baseUrl,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: 60,
      headers,
      requests: [
        opts.cold
          ? {
              method: "GET",
              setupRequest: (req) => ({ ...req, path: coldPath() }),
              onResponse: (status, _body, _ctx, h) => {
                if (status === 503 && !h["retry-after"]) busyWithoutRetryAfter++;
              },
            }
          : { method: "GET", path: opts.path },
      ],
    }),
  );
  keepBodies(false);
  const p99 = result.latency.p99;
  const met = opts.target ? p99 < opts.target.p99 && result.non2xx === 0 && result.errors === 0 : null;
  const codes = Object.entries(result.statusCodeStats).map(([c, s]) => `${c}×${s.count}`).join(" ");
  log(`  ${name}: ${codes}${busyWithoutRetryAfter ? `, ${busyWithoutRetryAfter} 503s without Retry-After` : ""}`);
  rows.push({
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts + busyWithoutRetryAfter,
    peakRssMb: peakRss / MB,
    target: opts.target ? `p99 < ${opts.target.p99} ms, all 2xx` : "—",
    met,
  });
}

let burst: { ok: number; busy: number; busyWithoutRetryAfter: number; other: number; dropped: number; errors: string[]; p50: number; p99: number; max: number; peakRssMb: number; met: boolean } | undefined;
try {
  log(`server pid ${server.pid} at ${server.baseUrl}; RSS after start ${(procStatusBytes(server.pid, "VmRSS") / MB).toFixed(0)} MB`);
  await load("kit list /kits", { path: "/kits" });
  await load(`kit page /kits/${seed.kitSlug}`, { path: `/kits/${seed.kitSlug}` });
  await load("template gallery /templates", { path: "/templates" });
  await load("preview, cached (one URL)", { path: previewPath("Cached headline"), target: { p99: CACHED_P99_MS } });
  await load("preview, cached, stock autocannon (decodes each PNG as text)", { path: previewPath("Cached headline"), stockClient: true });
  await load("preview, cold (new content each)", { cold: true });

  // The burst: every request on its own connection, all sent at once.
  await new Promise((r) => setTimeout(r, 1000));
  const { value: answers, peakRss } = await server.peakRssDuring(() => Promise.all(Array.from({ length: BURST }, () => once(`${server.baseUrl}${coldPath()}`))));
  const times = answers.filter((a) => a.status).map((a) => a.ms);
  const dropped = answers.filter((a) => a.status === 0);
  const busy = answers.filter((a) => a.status === 503);
  const busyWithoutRetryAfter = busy.filter((a) => !a.retryAfter || !(Number(a.retryAfter) >= 1)).length;
  const ok = answers.filter((a) => a.status === 200).length;
  const other = answers.length - ok - busy.length - dropped.length;
  burst = {
    ok,
    busy: busy.length,
    busyWithoutRetryAfter,
    other,
    dropped: dropped.length,
    errors: [...new Set(dropped.map((d) => d.error ?? "?"))],
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: Math.max(...times),
    peakRssMb: peakRss / MB,
    met: dropped.length === 0 && other === 0 && busyWithoutRetryAfter === 0 && peakRss / MB < BURST_RSS_MB,
  };
} finally {
  const hwm = procStatusBytes(server.pid, "VmHWM") / MB;
  await server.stop();
  if (rows.length) printTable(hwm);
}

function printTable(hwmMb: number) {
  const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  const lines = [
    "| case | req/s | p50 ms | p99 ms | requests | non-2xx | errors | peak RSS MB | target | met |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows.map((r) => `| ${r.name} | ${fmt(r.rps, 1)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.requests} | ${r.non2xx} | ${r.errors} | ${fmt(r.peakRssMb)} | ${r.target} | ${r.met === null ? "" : r.met ? "met" : "MISSED"} |`),
  ];
  if (burst) {
    lines.push(
      `| burst: ${BURST} cold previews at once | — | ${fmt(burst.p50)} | ${fmt(burst.p99)} | ${BURST} | ${burst.busy} (503) | ${burst.dropped} dropped | ${fmt(burst.peakRssMb)} | RSS < ${BURST_RSS_MB} MB, none dropped | ${burst.met ? "met" : "MISSED"} |`,
    );
  }
  process.stdout.write(`\n${lines.join("\n")}\n`);
  if (burst) {
    process.stdout.write(
      `\nburst: ${burst.ok} × 200, ${burst.busy} × 503 (${burst.busyWithoutRetryAfter} without Retry-After), ${burst.other} other, ${burst.dropped} dropped${burst.errors.length ? ` (${burst.errors.join(", ")})` : ""}; slowest answer ${fmt(burst.max)} ms\n`,
    );
  }
  process.stdout.write(`server peak RSS over the whole run (VmHWM): ${fmt(hwmMb)} MB; render pool: MARQUE_RENDER_CONCURRENCY=${process.env.MARQUE_RENDER_CONCURRENCY ?? "(CPUs)"} MARQUE_RENDER_QUEUE=${process.env.MARQUE_RENDER_QUEUE ?? "(32)"}\n`);
  void mkdir(path.join(ROOT, "bench", "out"), { recursive: true }).then(() =>
    writeFile(path.join(ROOT, "bench", "out", "load.json"), JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, connections: CONNECTIONS, duration: DURATION, rows, burst, hwmMb }, null, 2)),
  );
}

// Timing and memory targets depend on the machine: they are reported above. A request that got no
// answer, a 503 without Retry-After or an unexpected status is a fault, and fails the run.
const faults = !burst || burst.dropped > 0 || burst.other > 0 || burst.busyWithoutRetryAfter > 0 || rows.some((r) => r.errors > 0 || (!r.name.includes("cold") && r.non2xx > 0));
process.exitCode = faults ? 1 : 0;

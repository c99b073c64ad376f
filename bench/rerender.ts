// Re-render benchmark: N stale assets (default 500) re-rendered by the batch job at concurrency 2,
// beside the time of rendering the same files one by one in the same run, so the batch's overhead
// (storage, rows, history, old-file removal, progress writes) shows as a ratio. Target: the batch's
// wall time ≤ 1.2 × the sum of the single renders.
//   npx tsx bench/rerender.ts [--assets=500] [--concurrency=2]      (or: npm run bench -- rerender)
// Runs against a throwaway database and data folder; other `--flags` (from bench/run.ts) are ignored.
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intFlag, MB, stats } from "./lib/measure.ts";

const N = intFlag("assets", 500);
/** Experiment: SQLite in WAL mode with synchronous=NORMAL (the app's database uses the default rollback journal). */
const WAL = process.argv.includes("--wal");
const CONCURRENCY = intFlag("concurrency", 2);
const here = path.dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), "marque-bench-rerender-"));
process.env.DATABASE_URL = `file:${path.join(work, "bench.db")}`;
process.env.MARQUE_DATA_DIR = path.join(work, "data");
process.env.NODE_ENV = "production";

const { ensureDatabase } = await import("../app/lib/bootstrap.server.ts");
await ensureDatabase();
const { prisma } = await import("../app/db.server.ts");
if (WAL) {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
}
const journal = ((await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode"))[0]?.journal_mode ?? "?").toString();
const { getKit, saveKit } = await import("../app/models/kit.server.ts");
const { createDesign } = await import("../app/models/design.server.ts");
const { recordAsset } = await import("../app/models/asset.server.ts");
const { renderDesign } = await import("../app/lib/templates/render-design.server.ts");
const { getTemplate } = await import("../app/lib/templates/registry.ts");
const { checkLibrary } = await import("../app/models/library-check.server.ts");
const { createRerenderJob } = await import("../app/lib/rerender/job.server.ts");
const { runRerenderJob } = await import("../app/lib/rerender/runner.server.ts");
const { getBlobStore } = await import("../app/storage.server.ts");
const { firstWorkspace } = await import("../app/models/workspace.server.ts");
// The seed put the example kits into the first workspace; the bench acts as it.
const scope = { workspaceId: (await firstWorkspace()).id, userId: null, actor: "bench" };

const FORMATS = ["ig-square", "ig-portrait", "link-card", "story"] as const;
const SLUG = "harbour-and-vine";
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Wall time, CPU time (user + system, all threads: sharp's too) and peak RSS while `fn` runs, RSS
 * sampled every 20 ms (the process's own maxRSS would include the setup).
 */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number; ms: number; cpuMs: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    const value = await fn();
    const cpu = process.cpuUsage(c0);
    return { value, peakRss: Math.max(peak, process.memoryUsage.rss()), ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

log(`rerender bench: ${N} assets, concurrency ${CONCURRENCY}; SQLite journal ${journal}; ${os.cpus().length} CPUs, load ${(os.loadavg()[0] ?? 0).toFixed(1)}`);
const sample = getTemplate("instagram-post").sample as Record<string, unknown>;
let kit = await getKit(scope, SLUG);
if (!kit) throw new Error(`example kit ${SLUG} was not seeded`);

// Setup: N saved designs, each exported once with kit v1 and recorded as the export route does.
const t0 = performance.now();
const jobs: { designId: string; name: string; formatId: string; content: unknown }[] = [];
for (let i = 0; i < N; i++) {
  const formatId = FORMATS[i % FORMATS.length] as string;
  const name = `Special no. ${i + 1}`;
  const design = await createDesign(scope, { kitId: kit.id, templateId: "instagram-post", name, content: { ...sample, headline: `${name}: grilled fish of the day with lemon and herbs` }, formats: [formatId] });
  const out = await renderDesign({ kit, templateId: "instagram-post", content: design.content, formatId, output: "png", name });
  await recordAsset({ kitId: kit.id, kitVersion: kit.version, designId: design.id, templateId: "instagram-post", format: formatId, contentHash: out.contentHash, bytes: out.bytes, mime: out.mime });
  jobs.push({ designId: design.id, name, formatId, content: design.content });
}
log(`setup: ${N} assets at v1 in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
await saveKit(scope, SLUG, { ...kit.kit, palette: { ...kit.kit.palette, primary: { ...kit.kit.palette.primary, color: "#5b1f3d" } } });
kit = await getKit(scope, SLUG);
if (!kit) throw new Error("kit vanished");
const current = kit;

/** The same renders the batch will make, one at a time, nothing stored. */
async function singles(label: string): Promise<{ samples: number[]; peakRss: number; cpuMs: number }> {
  for (const j of jobs.slice(0, 5)) await renderDesign({ kit: current, templateId: "instagram-post", content: j.content, formatId: j.formatId, output: "png", name: j.name });
  const samples: number[] = [];
  const { peakRss, cpuMs } = await withPeakRss(async () => {
    for (const j of jobs) {
      const s = performance.now();
      await renderDesign({ kit: current, templateId: "instagram-post", content: j.content, formatId: j.formatId, output: "png", name: j.name });
      samples.push(performance.now() - s);
    }
  });
  log(`single renders (${label}): sum ${(samples.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s`);
  return { samples, peakRss, cpuMs };
}

const before = await singles("before the batch");
const planned = await createRerenderJob(scope);
if (!planned || planned.job.total !== N) throw new Error(`expected ${N} stale assets, planned ${planned?.job.total ?? 0}`);
const batch = await withPeakRss(() => runRerenderJob(planned.job.id, { concurrency: CONCURRENCY }));
const job = batch.value;
if (!job || job.status !== "completed" || job.failed !== 0 || job.done !== N) throw new Error(`batch did not complete cleanly: ${JSON.stringify({ status: job?.status, done: job?.done, failed: job?.failed })}`);
log(`batch: ${(batch.ms / 1000).toFixed(2)} s`);
// The singles again, after the batch: the machine is shared, so its load may drift during the run.
const after = await singles("after the batch");

const check = await withPeakRss(() => checkLibrary());
const superseded = await prisma.asset.count({ where: { supersededById: { not: null } } });
const blobs = (await getBlobStore().list()).length;

const single = stats([...before.samples, ...after.samples]);
const singleSum = (before.samples.reduce((a, b) => a + b, 0) + after.samples.reduce((a, b) => a + b, 0)) / 2;
const perAsset = stats(job.results.map((r) => r.ms));
const perRender = stats(job.results.map((r) => r.renderMs ?? r.ms));
const result = {
  assets: N,
  concurrency: CONCURRENCY,
  journal,
  cpus: os.cpus().length,
  load: os.loadavg()[0],
  batch: { wallMs: batch.ms, assetsPerSecond: N / (batch.ms / 1000), peakRssBytes: batch.peakRss, perAssetMs: perAsset, renderAndStoreMs: perRender },
  single: { perAssetMs: single, sumMsBefore: before.samples.reduce((a, b) => a + b, 0), sumMsAfter: after.samples.reduce((a, b) => a + b, 0), peakRssBytes: Math.max(before.peakRss, after.peakRss) },
  ratio: batch.ms / singleSum,
  /** CPU time of the batch over the singles' (mean of both runs): the overhead with the machine's load taken out. */
  cpuRatio: batch.cpuMs / ((before.cpuMs + after.cpuMs) / 2),
  check: { ms: check.ms, orphans: check.value.orphans.length, missing: check.value.missing.length, blobs, superseded },
};
const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
process.stdout.write(
  [
    "",
    `Re-render of ${N} stale assets (Social post PNG: ig-square, ig-portrait, link-card, story) at concurrency ${CONCURRENCY}; SQLite journal ${journal}; load ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs`,
    `  batch wall time        ${(batch.ms / 1000).toFixed(2)} s   (${result.batch.assetsPerSecond.toFixed(1)} assets/s)`,
    `  batch peak RSS         ${(batch.peakRss / MB).toFixed(0)} MB`,
    `  per asset in the batch render + store median ${f(perRender.median)} ms, p95 ${f(perRender.p95)} ms; until recorded (group commit) median ${f(perAsset.median)} ms`,
    `  single renders         median ${f(single.median)} ms, p95 ${f(single.p95)} ms, sum ${(singleSum / 1000).toFixed(2)} s (mean of the runs before and after: ${(result.single.sumMsBefore / 1000).toFixed(2)} s / ${(result.single.sumMsAfter / 1000).toFixed(2)} s)`,
    `  single peak RSS        ${(result.single.peakRssBytes / MB).toFixed(0)} MB`,
    `  batch / sum of singles ${result.ratio.toFixed(2)}×   (target ≤ 1.20×: ${result.ratio <= 1.2 ? "met" : "NOT met"})`,
    `  CPU time, batch/singles ${result.cpuRatio.toFixed(2)}×   (${(batch.cpuMs / 1000).toFixed(1)} s vs ${((before.cpuMs + after.cpuMs) / 2000).toFixed(1)} s; user + system, all threads)`,
    `  library check after    ${f(check.ms)} ms over ${blobs} blobs: ${result.check.orphans} orphans, ${result.check.missing} missing; ${superseded} history rows`,
    "",
  ].join("\n"),
);
await mkdir(path.join(here, "out"), { recursive: true });
await writeFile(path.join(here, "out", "rerender.json"), JSON.stringify(result, null, 2));
await prisma.$disconnect();
rmSync(work, { recursive: true, force: true });
if (result.check.orphans || result.check.missing) process.exitCode = 1;

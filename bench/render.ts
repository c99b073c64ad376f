// Render benchmark: Marque's engine against its floor (bare sharp PNG encode of the same pixels) and
// against headless Chromium drawing equivalent HTML, in one run, with the targets as ratios.
//   npm run bench -- render [--n=30] [--warmup=5] [--batch=200] [--profile]
// Each case runs in its own child process (its peak RSS is its own); cases run one after another.
// --profile writes V8 CPU profiles of our cases to bench/out/prof/ (open in Chrome DevTools).
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intFlag, MB, type Stats } from "./lib/measure.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const N = intFlag("n", 30);
const WARM = intFlag("warmup", 5);
const BATCH = intFlag("batch", 200);
const PROFILE = process.argv.includes("--profile");
const OUT = path.join(here, "out");

/**
 * Both children run as plain JavaScript bundled by esbuild (as the app runs in production: compiled,
 * no TypeScript loader in the process, whose thread alone adds ~30 MB RSS, and no tsx name-keeping
 * wrappers around every function); tsx when esbuild is absent.
 */
async function bundle(name: string): Promise<string | undefined> {
  try {
    const { build } = await import("esbuild");
    const outfile = path.join(OUT, `${name}.mjs`);
    await build({ entryPoints: [path.join(here, "lib", `${name}.ts`)], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "warning" });
    return outfile;
  } catch (error) {
    process.stderr.write(`esbuild unavailable (${error instanceof Error ? error.message : String(error)}); running ${name} through tsx\n`);
    return undefined;
  }
}

/** Runs a child; `env` entries set to undefined are removed (an empty glibc tunable is not "unset"). */
function child(script: string, args: string[], opts: { profile?: boolean; env?: Record<string, string | undefined> } = {}): Promise<Record<string, unknown>> {
  const loader = [...(script.endsWith(".mjs") ? [] : ["--import", "tsx"]), "--expose-gc"];
  const file = path.isAbsolute(script) ? script : path.join(here, "lib", script);
  const node = [...loader, ...(opts.profile ? ["--cpu-prof", "--cpu-prof-dir", path.join(OUT, "prof")] : []), file, ...args];
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const p = spawn(process.execPath, node, { stdio: ["ignore", "pipe", "inherit"], env });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) return reject(new Error(`${path.basename(script)} ${args.join(" ")} exited with ${code}\n${out.slice(-2000)}`));
      resolve(JSON.parse(line.slice(7)) as Record<string, unknown>);
    });
  });
}

const load = os.loadavg()[0] ?? 0;
// Wall times on a shared machine follow its load; the CPU-time ratios below are the steadier reading.
process.stderr.write(`render bench: N=${N} timed after ${WARM} warm-up, batch ${BATCH} at concurrency 2; ${os.cpus().length} CPUs, load ${load.toFixed(1)}\n`);
await mkdir(OUT, { recursive: true });
const ours = (await bundle("render-child")) ?? "render-child.ts";
const compare = (await bundle("compare-child")) ?? "compare-child.ts";
// Alone, for peak RSS (and a second reading of our times), then the interleaved comparison.
const flyer = await child(ours, ["flyer", String(N), String(WARM)], { profile: PROFILE });
const menu = await child(ours, ["menu", String(N), String(WARM)], { profile: PROFILE });
// As `npm start` runs the server: at most 2 glibc malloc arenas (libvips' worker threads otherwise each
// keep one full of freed pixel buffers) and a fixed 128 KB mmap threshold (glibc otherwise raises it to
// the size of the last large block freed, a canvas or an encoded file, and keeps later blocks of that
// size in the arenas, fragmented); libvips' operation cache is off in the app itself (raster.server.ts).
const NPM_START_MALLOC = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" };
const batch = await child(ours, ["batch", String(N), String(WARM), String(BATCH)], { profile: PROFILE, env: NPM_START_MALLOC });
// The same batch with glibc's defaults, for comparison (a server started some other way).
const tuned = await child(ours, ["batch", String(N), String(WARM), String(BATCH)], { env: { MALLOC_ARENA_MAX: undefined, MALLOC_MMAP_THRESHOLD_: undefined } });
const cmp = await child(compare, [String(N), String(WARM), String(BATCH)]);
const chrome = { flyer: (cmp.flyer as { chromium: unknown }).chromium, menu: (cmp.menu as { chromium: unknown }).chromium, batch: cmp.batch, singlePeakPss: cmp.singlePeakPss, batchPeakPss: cmp.batchPeakPss, launchMs: cmp.launchMs };
const paired = { flyer: (cmp.flyer as { ours: unknown }).ours, floor: (cmp.flyer as { floor: unknown }).floor, menu: (cmp.menu as { ours: unknown }).ours };
type Cpu = { ours: S; floor?: S; chromium: S };
const cpu = { flyer: (cmp.flyer as { cpu: Cpu }).cpu, menu: (cmp.menu as { cpu: Cpu }).cpu };

type S = Stats & { wallMs?: number; perAssetWallMs?: number };
const s = (v: unknown) => v as S;
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const mb = (v: unknown) => `${(Number(v) / MB).toFixed(0)} MB`;
const cell = (x: S) => `${ms(x.median).padStart(6)} ${ms(x.p95).padStart(6)}`;

const rows: string[][] = [
  ["case", "ours med/p95 ms", "peak RSS", "floor med/p95 ms", "Chromium med/p95 ms", "Chromium peak PSS"],
  ["(a) flyer PNG 1080×1350", cell(s(paired.flyer)), mb(flyer.maxRss), cell(s(paired.floor)), cell(s(chrome.flyer)), mb(chrome.singlePeakPss)],
  ["(b) A4 menu PDF", cell(s(paired.menu)), mb(menu.maxRss), "—", cell(s(chrome.menu)), mb(chrome.singlePeakPss)],
  [`(c) ${BATCH} mixed, conc. 2`, cell(s(batch.ours)), mb(batch.maxRss), "—", cell(s(chrome.batch)), mb(chrome.batchPeakPss)],
  [`(c) same, glibc malloc defaults`, cell(s(tuned.ours)), mb(tuned.maxRss), "—", "", ""],
];
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" │ ")).join("\n");

const ratio = (a: number, b: number) => a / b;
const targets = [
  { what: "flyer PNG ÷ floor", value: ratio(s(paired.flyer).median, s(paired.floor).median), limit: 1.5, unit: "×" },
  { what: "  same, CPU time", value: ratio(cpu.flyer.ours.median, cpu.flyer.floor?.median ?? NaN), limit: 1.5, unit: "×" },
  { what: "flyer PNG ÷ Chromium screenshot", value: ratio(s(paired.flyer).median, s(chrome.flyer).median), limit: 1 / 3, unit: "×" },
  { what: "  same, CPU time", value: ratio(cpu.flyer.ours.median, cpu.flyer.chromium.median), limit: 1 / 3, unit: "×" },
  { what: "menu PDF ÷ Chromium page.pdf", value: ratio(s(paired.menu).median, s(chrome.menu).median), limit: 1 / 5, unit: "×" },
  { what: "  same, CPU time", value: ratio(cpu.menu.ours.median, cpu.menu.chromium.median), limit: 1 / 5, unit: "×" },
  { what: `${BATCH}-asset batch peak RSS`, value: Number(batch.maxRss) / MB, limit: 300, unit: " MB" },
  { what: `  same, glibc malloc defaults`, value: Number(tuned.maxRss) / MB, limit: 300, unit: " MB" },
];
const cpuLine = `CPU ms per asset, median (ours: all threads of our process; Chromium: all its processes): flyer ours ${ms(cpu.flyer.ours.median)}, floor ${ms(cpu.flyer.floor?.median ?? NaN)}, Chromium ${ms(cpu.flyer.chromium.median)}; menu ours ${ms(cpu.menu.ours.median)}, Chromium ${ms(cpu.menu.chromium.median)}`;
const verdicts = targets.map((t) => `${t.what.padEnd(34)} ${t.value.toFixed(t.unit === " MB" ? 0 : 3).padStart(7)}${t.unit}   target ${t.unit === " MB" ? "<" : "≤"} ${t.limit.toFixed(t.unit === " MB" ? 0 : 3)}${t.unit}   ${t.value <= t.limit ? "met" : "MISSED"}`);
const wall = `batch wall time: ours ${ms(s(batch.ours).wallMs ?? 0)} ms (${ms(s(batch.ours).perAssetWallMs ?? 0)} ms/asset), Chromium ${ms(s(chrome.batch).wallMs ?? 0)} ms (${ms(s(chrome.batch).perAssetWallMs ?? 0)} ms/asset); Chromium launch ${ms(Number(chrome.launchMs))} ms (not counted)`;

const alone = `ours measured alone (the peak-RSS runs): flyer ${ms(s(flyer.ours).median)} ms, menu ${ms(s(menu.ours).median)} ms median`;
process.stdout.write(`\n${table}\n\n${verdicts.join("\n")}\n${cpuLine}\n${wall}\n${alone}\nN=${N} per case (${WARM} warm-up); (a) and (b): ours, floor and Chromium timed in turn in one loop; outputs in bench/out/\n`);
await writeFile(path.join(OUT, "render-results.json"), JSON.stringify({ date: new Date().toISOString(), load, loadAfter: os.loadavg()[0], cpus: os.cpus().length, N, WARM, BATCH, paired, alone: { flyer, menu }, batch, tuned, chromium: cmp, targets }, null, 2));

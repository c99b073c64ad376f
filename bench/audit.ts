// Brand audit benchmark: a 4000×3000 photo-like JPEG (smooth gradients, texture and sensor-like
// noise, so it has tens of thousands of distinct colours) audited against an example kit. Target:
// under 1 s per audit on this machine, memory bounded (the photo is shrunk on load, never held whole).
// Also: the 10-page brand book rendered, then audited as a PDF.
//   npx tsx bench/audit.ts [--runs=7]      (or: npm run bench -- audit)
// The photo is made once into bench/out/ by a child process, so making it does not count toward RSS.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intFlag, MB, stats } from "./lib/measure.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const photo = path.join(here, "out", "audit-photo-4000x3000.jpg");
const W = 4000;
const H = 3000;

if (process.argv.includes("--make-photo")) {
  const sharp = (await import("sharp")).default;
  mkdirSync(path.dirname(photo), { recursive: true });
  // Sky-to-sea gradients, a warm sun glow and dark shapes: colour regions like a harbour photo.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fa7c9"/><stop offset="0.45" stop-color="#f1d3a8"/><stop offset="0.55" stop-color="#3c6e8f"/><stop offset="1" stop-color="#12324a"/></linearGradient>
    <radialGradient id="sun" cx="0.7" cy="0.42" r="0.35"><stop offset="0" stop-color="#ffd27a" stop-opacity="0.9"/><stop offset="1" stop-color="#ffd27a" stop-opacity="0"/></radialGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/><rect width="${W}" height="${H}" fill="url(#sun)"/>
    <path d="M0 ${H * 0.62} Q ${W * 0.3} ${H * 0.5} ${W * 0.55} ${H * 0.64} T ${W} ${H * 0.6} V ${H} H 0 Z" fill="#2b3a2f" opacity="0.85"/>
    <rect x="${W * 0.12}" y="${H * 0.48}" width="${W * 0.08}" height="${H * 0.1}" fill="#e8604c"/><rect x="${W * 0.3}" y="${H * 0.5}" width="${W * 0.06}" height="${H * 0.08}" fill="#f4ecdf"/></svg>`;
  const base = await sharp(Buffer.from(svg)).blur(6).raw().toBuffer({ resolveWithObject: true });
  const noise = await sharp({ create: { width: W, height: H, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 22 } } }).raw().toBuffer();
  await sharp(base.data, { raw: base.info })
    .removeAlpha()
    .composite([{ input: noise, raw: { width: W, height: H, channels: 3 }, blend: "soft-light" }])
    .jpeg({ quality: 88 })
    .toFile(photo);
  process.exit(0);
}

const RUNS = intFlag("runs", 7);
const log = (line: string) => process.stdout.write(`${line}\n`);

if (!existsSync(photo)) {
  log("making the 4000×3000 test photo (once)…");
  const r = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--make-photo"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("could not make the test photo");
}

/** Peak RSS while `fn` runs, sampled every 10 ms. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number; ms: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, peak: Math.max(peak, process.memoryUsage.rss()), ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

const { auditFile } = await import("../app/lib/audit/audit.server.ts");
const { renderBrandBook } = await import("../app/lib/brandbook/book.server.ts");
const { parseKit } = await import("../app/lib/kit/schema.ts");
const kitDir = path.join(here, "..", "brand-kits", "harbour-and-vine");
const kit = parseKit(JSON.parse(readFileSync(path.join(kitDir, "kit.json"), "utf8")));
const bytes = readFileSync(photo);
const opts = { maxBytes: 200 * 1024 * 1024, resolve: { baseDir: kitDir } };

log(`audit bench: ${W}×${H} JPEG (${(bytes.length / MB).toFixed(1)} MB), kit ${kit.name}; ${os.cpus().length} CPUs, load ${(os.loadavg()[0] ?? 0).toFixed(1)}`);
const baseline = process.memoryUsage.rss();
const cold = await withPeakRss(() => auditFile(bytes, "photo.jpg", kit, opts));
const times: number[] = [];
let peak = cold.peak;
for (let i = 0; i < RUNS; i++) {
  const run = await withPeakRss(() => auditFile(bytes, "photo.jpg", kit, opts));
  times.push(run.ms);
  peak = Math.max(peak, run.peak);
}
const s = stats(times);
const report = cold.value;
log(`  first audit (modules, sharp warm-up): ${cold.ms.toFixed(0)} ms`);
log(`  audit, ${RUNS} runs: median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, min ${s.min.toFixed(0)} ms  (target < 1000 ms: ${s.p95 < 1000 ? "met" : "MISSED"})`);
log(`  RSS: ${(baseline / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB (+${((peak - baseline) / MB).toFixed(0)} MB; the decoded photo alone would be ${((W * H * 3) / MB).toFixed(0)} MB)`);
log(`  result: score ${report.score.toFixed(3)}, ${report.colours.length} colours, sample ${report.sample.width}×${report.sample.height}, RGB bins of ${report.sample.binStep}`);

const book = await withPeakRss(() => renderBrandBook(kit, { resolve: { baseDir: kitDir } }));
const pdfAudit = await withPeakRss(() => auditFile(book.value.bytes, "book.pdf", kit, opts));
log(`  brand book: ${book.value.pages} pages in ${book.ms.toFixed(0)} ms (${(book.value.bytes.length / 1024).toFixed(0)} KB); audited as a PDF in ${pdfAudit.ms.toFixed(0)} ms (score ${pdfAudit.value.score.toFixed(3)}, peak RSS ${(pdfAudit.peak / MB).toFixed(0)} MB)`);

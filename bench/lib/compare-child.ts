// The comparison side of the render benchmark: Debian's headless Chromium driven by playwright-core,
// warm, one page reused (two for the batch at concurrency 2), drawing the equivalent HTML of the same
// designs: `setContent` then `screenshot` (PNG/JPEG) or `pdf`. For the flyer and the menu, our render,
// the floor (bare sharp encode of our final pixels) and Chromium are timed in turn within one loop, so
// a busy shared machine slows all three alike. HTML is generated before each timed call; Chromium's
// time is the browser's alone. Peak memory: summed PSS of the browser's processes, sampled.
// Prints `RESULT <json>` as its last line.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { getFormat, isPrint } from "../../app/lib/templates/formats.ts";
import { getTemplate, layoutTemplate } from "../../app/lib/templates/registry.ts";
import sharp from "sharp";
import { PRINT_DPI, preparedKit, renderDesign } from "../../app/lib/templates/render-design.server.ts";
import { benchKit, flyer, menu, mixed, ROOT, type BenchDesign } from "./designs.ts";
import { MB, stats, timeIt, treeCpuMs, treePssSampler } from "./measure.ts";
import { kitFontFaces, layoutsToHtml } from "./scene-html.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const [nArg = "30", warmArg = "5", batchArg = "200"] = process.argv.slice(2);
const N = Number(nArg);
const WARM = Number(warmArg);
const OUT = path.join(ROOT, "bench", "out");
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const kit = await benchKit();
const prepared = await preparedKit(kit);
const faces = await kitFontFaces(kit.kit, { baseDir: kit.baseDir });

interface Job {
  html: string;
  width: number;
  height: number;
  design: BenchDesign;
}

/** The design laid out by our engine, written as HTML at the pixel size our export would have. */
async function job(d: BenchDesign): Promise<Job> {
  const layouts = await layoutTemplate(getTemplate(d.templateId), d.content, prepared, d.formatId);
  const format = getFormat(d.formatId);
  const zoom = d.output !== "pdf" && isPrint(format) && format.widthMm ? PRINT_DPI / 96 : 1;
  return { html: layoutsToHtml(d.output === "pdf" ? layouts : layouts.slice(0, 1), faces, { zoom }), width: Math.round(format.width * zoom), height: Math.round(format.height * zoom), design: d };
}

async function draw(page: Page, j: Job): Promise<Buffer> {
  const vp = page.viewportSize();
  if (vp?.width !== j.width || vp.height !== j.height) await page.setViewportSize({ width: j.width, height: j.height });
  await page.setContent(j.html, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (j.design.output === "pdf") return page.pdf({ preferCSSPageSize: true, printBackground: true });
  // Playwright screenshots PNG or JPEG; WebP/AVIF equivalents are taken as PNG.
  return j.design.output === "jpeg" ? page.screenshot({ type: "jpeg", quality: 90 }) : page.screenshot({ type: "png" });
}

const ours = (d: BenchDesign) => renderDesign({ kit, templateId: d.templateId, content: d.content, formatId: d.formatId, output: d.output, bleed: d.bleed });

// Collect garbage between measurements (run with --expose-gc): otherwise the decoded screenshots of
// one Chromium call are collected during the next timed render of ours, and counted against it.
const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  gc?.();
  return new Promise((r) => setTimeout(r, 30));
};

/** Ours, the floor (when `floor`) and Chromium, in turn, on the same designs. */
async function interleaved(page: Page, make: (i: number) => BenchDesign, floor: boolean, memory: ReturnType<typeof treePssSampler>) {
  const encode = async (png: Buffer) => {
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    return () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).png({ compressionLevel: 6 }).toBuffer();
  };
  for (let i = 0; i < WARM; i++) {
    const d = make(10_000 + i);
    const mine = await ours(d);
    if (floor) await (await encode(mine.bytes))();
    await draw(page, await job(d));
  }
  const t = { ours: [] as number[], floor: [] as number[], chromium: [] as number[] };
  // CPU time as well as wall time: on a shared, busy machine the CPU each renderer spends is the
  // steadier measure. Ours: this process (all threads, libvips' included). Chromium: its processes,
  // read before the call and after the call plus the settle pause (work it finishes in the background),
  // plus this process's CPU during the call.
  const cpu = { ours: [] as number[], floor: [] as number[], chromium: [] as number[] };
  const ownCpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = { ours: Buffer.alloc(0) as Buffer, chromium: Buffer.alloc(0) as Buffer };
  for (let i = 0; i < N; i++) {
    const d = make(i);
    const j = await job(d);
    // A short untimed pause before each timed call: Chromium's processes finish their background work
    // (and ours its GC) instead of stealing one of the two shared cores from the next measurement.
    await settle();
    let c0 = ownCpu();
    const mine = await timeIt(() => ours(d));
    cpu.ours.push(ownCpu() - c0);
    t.ours.push(mine.ms);
    if (floor) {
      // Decoded outside the timing: the floor is the encode of the same final pixels only.
      const again = await encode(mine.value.bytes);
      await settle();
      c0 = ownCpu();
      t.floor.push((await timeIt(again)).ms);
      cpu.floor.push(ownCpu() - c0);
    }
    await settle();
    // Chromium's CPU includes what this process spends driving it (sending HTML, decoding the reply).
    const b0 = treeCpuMs(process.pid);
    const n0 = ownCpu();
    const theirs = await memory.during(() => timeIt(() => draw(page, j)));
    const n1 = ownCpu();
    await settle();
    cpu.chromium.push(treeCpuMs(process.pid) - b0 + (n1 - n0));
    t.chromium.push(theirs.ms);
    last = { ours: mine.value.bytes, chromium: theirs.value };
  }
  return {
    ours: stats(t.ours),
    floor: floor ? stats(t.floor) : undefined,
    chromium: stats(t.chromium),
    cpu: { ours: stats(cpu.ours), floor: floor ? stats(cpu.floor) : undefined, chromium: stats(cpu.chromium) },
    last,
  };
}

const launchTimer = performance.now();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
const context = await browser.newContext({ deviceScaleFactor: 1 });
const launchMs = performance.now() - launchTimer;
const result: Record<string, unknown> = { launchMs, version: browser.version() };
await mkdir(OUT, { recursive: true });
try {
  const memory = treePssSampler(process.pid);
  const page = await context.newPage();
  const f = await interleaved(page, flyer, true, memory);
  await writeFile(path.join(OUT, "chromium-flyer.png"), f.last.chromium);
  await writeFile(path.join(OUT, "ours-flyer.png"), f.last.ours);
  result.flyer = { ours: f.ours, floor: f.floor, chromium: f.chromium, cpu: f.cpu };
  const m = await interleaved(page, menu, false, memory);
  await writeFile(path.join(OUT, "chromium-menu.pdf"), m.last.chromium);
  await writeFile(path.join(OUT, "ours-menu.pdf"), m.last.ours);
  result.menu = { ours: m.ours, chromium: m.chromium, cpu: m.cpu };
  result.singlePeakPss = memory.peak;

  // The batch: two pages, a shared queue, each asset timed on its own page.
  const second = await context.newPage();
  const designs = mixed(Number(batchArg));
  const pairs = [...new Map(designs.map((d) => [`${d.templateId}/${d.formatId}/${d.output}`, d])).values()];
  for (const d of pairs) for (const p of [page, second]) await draw(p, await job(d));
  // Every page's HTML is written first (V8 keeps the shared @font-face text once), so the wall time is the browser's.
  const jobs: Job[] = [];
  for (const d of designs) jobs.push(await job(d));
  const batchMemory = treePssSampler(process.pid, 250);
  const samples: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await batchMemory.during(() =>
    Promise.all(
      [page, second].map(async (p) => {
        while (next < jobs.length) {
          const j = jobs[next++] as Job;
          samples.push((await timeIt(() => draw(p, j))).ms);
        }
      }),
    ),
  );
  const wall = performance.now() - t0;
  result.batch = { ...stats(samples), wallMs: wall, perAssetWallMs: wall / designs.length };
  result.batchPeakPss = batchMemory.peak;
} finally {
  await browser.close();
}
process.stderr.write(`chromium ${String(result.version)}: launched in ${launchMs.toFixed(0)} ms; peak PSS ${(Number(result.batchPeakPss) / MB).toFixed(0)} MB\n`);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);

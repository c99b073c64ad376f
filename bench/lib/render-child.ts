// One case of the render benchmark alone in its own process, so its peak RSS is its own (the timed
// comparison with the floor and Chromium is compare-child.ts):
//   flyer — the portrait flyer PNG;  menu — the A4 menu PDF;
//   batch — N mixed assets through the render service at concurrency 2.
// Prints `RESULT <json>` as its last line. BENCH_SHARP_CACHE=off turns libvips' operation cache off
// (the "tuned" batch row: renders never repeat an input, so that cache only holds dead pixels).
import sharp from "sharp";
import { mapLimit } from "../../app/lib/bulk/rows.server.ts";
import { renderDesign, type RenderedDesign } from "../../app/lib/templates/render-design.server.ts";
import { benchKit, flyer, menu, mixed, type BenchDesign } from "./designs.ts";
import { stats, timeIt } from "./measure.ts";

const [mode = "flyer", nArg = "30", warmArg = "5", batchArg = "200"] = process.argv.slice(2);
const N = Number(nArg);
const WARM = Number(warmArg);

if (process.env.BENCH_SHARP_CACHE === "off") sharp.cache(false);
const kit = await benchKit();
const render = (d: BenchDesign) => renderDesign({ kit, templateId: d.templateId, content: d.content, formatId: d.formatId, output: d.output, bleed: d.bleed });

async function series(make: (i: number) => BenchDesign): Promise<{ samples: number[]; last: RenderedDesign }> {
  let last: RenderedDesign | undefined;
  for (let i = 0; i < WARM; i++) last = await render(make(10_000 + i));
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    // The design (sample content with a numbered title) is made outside the timing, as in compare-child.
    const design = make(i);
    const r = await timeIt(() => render(design));
    samples.push(r.ms);
    last = r.value;
  }
  if (!last) throw new Error("nothing rendered");
  return { samples, last };
}

const result: Record<string, unknown> = { mode };

if (mode === "flyer") {
  const { samples, last } = await series(flyer);
  result.ours = { ...stats(samples), width: last.width, height: last.height, bytes: last.bytes.length };
} else if (mode === "menu") {
  const { samples, last } = await series(menu);
  result.ours = { ...stats(samples), pages: last.pages, bytes: last.bytes.length };
} else if (mode === "batch") {
  const designs = mixed(Number(batchArg));
  // Warm every template/format pair once (module, font and first-render costs), then the timed run.
  const pairs = [...new Map(designs.map((d) => [`${d.templateId}/${d.formatId}/${d.output}`, d])).values()];
  for (const d of pairs) await render({ ...d, content: structuredClone(d.content) });
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const samples = await mapLimit(designs, 2, async (d) => (await timeIt(() => render(d))).ms);
  const wall = performance.now() - t0;
  clearInterval(sampler);
  result.ours = { ...stats(samples), wallMs: wall, perAssetWallMs: wall / designs.length, sampledRssPeak: rssPeak };
}

result.maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);

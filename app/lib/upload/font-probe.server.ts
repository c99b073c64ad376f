// Reads an untrusted font in a worker thread with its own heap limit and a deadline. fontkit trusts
// counts inside layout tables: a GSUB filled with 0xff made it allocate until the process died
// (4 GB, a minute of GC). In a worker that costs a refused upload, not the server.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";

const FactsSchema = z.object({
  family: z.string(),
  subfamily: z.string(),
  postscriptName: z.string(),
  usWeightClass: z.number().nullable(),
  italicFlag: z.boolean(),
  italicAngle: z.number(),
  noEmbedding: z.boolean(),
  glyphCount: z.number(),
  locaEntries: z.number().nullable(),
  hMetrics: z.number().nullable(),
  sampleWidth: z.number(),
  pdfBytes: z.number(),
});

const ProbeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("font"), facts: FactsSchema }),
  z.object({ kind: z.literal("collection"), faces: z.array(z.string()) }),
  z.object({ kind: z.literal("error"), stage: z.enum(["open", "names", "glyphs", "pdf"]), message: z.string() }),
  z.object({ kind: z.literal("limit"), reason: z.enum(["memory", "time"]) }),
]);

export type FontFacts = z.infer<typeof FactsSchema>;
export type FontProbe = z.infer<typeof ProbeSchema>;

export const SAMPLE_TEXT = "Hamburgefonstiv 0123456789 The quick brown fox";

// Plain JavaScript, evaluated in the worker: no TypeScript loader exists there, and fontkit's CommonJS
// build is broken, so the ES modules are imported by absolute URL.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  let stage = "open";
  try {
    const fontkit = await import(workerData.fontkitUrl);
    const PDFDocument = (await import(workerData.pdfkitUrl)).default;
    const buffer = Buffer.from(workerData.bytes);
    const font = fontkit.create(buffer);
    if (Array.isArray(font.fonts)) {
      parentPort.postMessage({ kind: "collection", faces: font.fonts.map((f) => String(f.fullName || f.postscriptName || "?")) });
      return;
    }
    stage = "names";
    const os2 = font["OS/2"];
    const head = font.head;
    const facts = {
      family: String(font.getName("preferredFamily", "en") || font.familyName || ""),
      subfamily: String(font.getName("preferredSubfamily", "en") || font.subfamilyName || ""),
      postscriptName: String(font.postscriptName || ""),
      usWeightClass: os2 ? Number(os2.usWeightClass) : null,
      italicFlag: Boolean((os2 && os2.fsSelection && (os2.fsSelection.italic || os2.fsSelection.oblique)) || (head && head.macStyle && head.macStyle.italic)),
      italicAngle: Number(font.italicAngle) || 0,
      noEmbedding: Boolean(os2 && os2.fsType && os2.fsType.noEmbedding),
      glyphCount: Number(font.numGlyphs),
      locaEntries: font.directory.tables.loca ? font.loca.offsets.length : null,
      hMetrics: font.hhea ? Number(font.hhea.numberOfMetrics) : null,
      sampleWidth: 0,
      pdfBytes: 0,
    };
    stage = "glyphs";
    const run = font.layout(workerData.sample);
    for (const glyph of run.glyphs) void glyph.path.commands.length;
    facts.sampleWidth = Number(run.advanceWidth) || 0;
    stage = "pdf";
    facts.pdfBytes = await new Promise((resolve, reject) => {
      const doc = new PDFDocument({ size: [300, 100], margin: 10 });
      let size = 0;
      doc.on("data", (chunk) => { size += chunk.length; });
      doc.on("error", reject);
      doc.on("end", () => resolve(size));
      doc.registerFont("upload", buffer);
      doc.font("upload").fontSize(14).text(workerData.sample);
      doc.end();
    });
    parentPort.postMessage({ kind: "font", facts });
  } catch (error) {
    parentPort.postMessage({ kind: "error", stage, message: String((error && error.message) || error).split("\\n")[0].slice(0, 200) });
  }
})();
`;

let moduleUrls: { fontkitUrl: string; pdfkitUrl: string } | undefined;

/** Opens the font, reads its facts, lays out and outlines sample text and embeds it in a PDF. */
export async function probeFont(bytes: Uint8Array, opts: { maxHeapMb?: number; timeoutMs?: number } = {}): Promise<FontProbe> {
  moduleUrls ??= { fontkitUrl: esmEntry("fontkit"), pdfkitUrl: esmEntry("pdfkit") };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { ...moduleUrls, bytes, sample: SAMPLE_TEXT },
    resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 256, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  return new Promise<FontProbe>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ kind: "limit", reason: "time" });
    }, opts.timeoutMs ?? 20_000);
    const finish = (result: FontProbe | Error) => {
      clearTimeout(timer);
      void worker.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    worker.once("message", (message: unknown) => {
      const parsed = ProbeSchema.safeParse(message);
      finish(parsed.success ? parsed.data : new Error(`font probe sent an unexpected message: ${parsed.error.message}`));
    });
    worker.once("error", (error: Error & { code?: string }) => {
      finish(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "limit", reason: "memory" } : error);
    });
    worker.once("exit", (code) => finish(new Error(`font probe exited with code ${code} before answering`)));
  });
}

/** file: URL of a package's Node ES module entry, found from its CommonJS entry's package root. */
function esmEntry(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; exports?: unknown };
      if (pkg.name === name) {
        const exports = pkg.exports as Record<string, { node?: { import?: string } } | undefined> & { node?: { import?: string } };
        const entry = exports["."]?.node?.import ?? exports.node?.import;
        if (!entry) throw new Error(`${name} has no Node ES module entry`);
        return pathToFileURL(path.join(dir, entry)).href;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root of ${name}`);
    dir = parent;
  }
}

// Brand audit of a file somebody else made: its dominant colours (OKLab k-means from
// kit/dominant-colours.ts) each matched to the nearest kit colour by CIEDE2000, the on-brand score,
// and for PDFs the fonts it sets text in against the kit's. Images are shrunk on load and PDFs
// drawn small, so a 12-megapixel photo or a long brochure costs a bounded amount of memory.
import sharp, { type Sharp } from "sharp";
import { getEnv } from "../../env.server.ts";
import { dominantColours } from "../kit/dominant-colours.ts";
import type { ResolveOptions } from "../kit/files.server.ts";
import type { BrandKit } from "../kit/schema.ts";
import { kitFonts } from "../templates/context.server.ts";
import { UploadError, assertMaxBytes } from "../upload/errors.ts";
import { inspectImage } from "../upload/image.server.ts";
import { sanitizeSvg } from "../upload/svg-sanitize.ts";
import { BLEND_RULE, DELTA_E, NEUTRAL_RULE, judgeColours, type ColourVerdict } from "./classify.ts";
import type { DesignAudit } from "./design.server.ts";
import { judgeFonts, kitFaces, listPdfFonts, type FontReport } from "./pdf-fonts.server.ts";
import { MAX_PDF_PAGES, PAGE_RASTER_SIDE, readPdfPages } from "./pdf-pages.server.ts";
import { countPixels, mergeSamples, poolColours, sampleImage, type PixelSample } from "./sample.server.ts";

/** Clustering for audits: more clusters than a logo palette, merged only within ΔE00 1 (the "same colour" limit), so a warn-distance colour is not averaged into the kit colour beside it. */
const CLUSTERS = { count: 12, mergeDeltaE: 1, minShare: 0.004 } as const;

export type AuditReport = {
  /** Images: width/height in px. PDFs: the first page in pt. */
  file: { name: string; kind: "image" | "pdf"; mime: string; bytes: number; width: number; height: number };
  kit: { name: string; slug?: string; version?: number };
  thresholds: typeof DELTA_E;
  neutralRule: string;
  /** When a small colour counts as the anti-aliased edge of two kit colours. */
  blendRule: string;
  /** Share of the image's colour mass on brand, 0–1 (the on-brand rows of `colours` added up). */
  score: number;
  chromaticScore: number | null;
  neutralShare: number;
  /** Dominant colours, largest first, each with its nearest kit colour. */
  colours: ColourVerdict[];
  /** The colours that are not on brand, largest first. */
  offBrand: ColourVerdict[];
  /** The sample the colours come from: size in px, pixels counted as the colours they anti-alias, the RGB bin side photos were pooled at. */
  sample: { width: number; height: number; pixels: number; blends: number; binStep: number };
  /** PDFs: page count, pages read, each page's score. */
  pages?: { count: number; read: number; scores: { page: number; score: number }[] };
  fonts?: FontReport;
  /** Marque designs: every text layer's contrast against what is beneath it. */
  contrast?: DesignAudit;
  notes: string[];
};

export type AuditOptions = {
  /** Kit slug and version, for the report header. */
  kitRef?: { slug?: string; version?: number };
  maxBytes?: number;
  maxPixels?: number;
  maxPages?: number;
  /** How the kit's font files are resolved (CLI kits read from a folder). */
  resolve?: ResolveOptions;
};

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-");

/** Audits a PNG, JPEG, WebP, SVG or PDF against the kit. Throws UploadError naming the file when refused. */
export async function auditFile(bytes: Uint8Array, fileName: string, kit: BrandKit, opts: AuditOptions = {}): Promise<AuditReport> {
  const env = getEnv();
  const maxBytes = opts.maxBytes ?? env.MARQUE_MAX_UPLOAD_BYTES;
  const maxPixels = opts.maxPixels ?? env.MARQUE_MAX_IMAGE_PIXELS;
  assertMaxBytes(bytes, maxBytes, fileName);
  if (bytes.length === 0) throw new UploadError(fileName, "the file is empty");
  const kitInfo = { name: kit.name, ...opts.kitRef };
  if (isPdf(bytes)) return auditPdf(bytes, fileName, kit, kitInfo, opts);

  const info = await inspectImage(bytes, { fileName, maxBytes, maxPixels });
  let input: Sharp;
  if (info.mime === "image/svg+xml") {
    const clean = sanitizeSvg(bytes, { fileName, maxBytes });
    const density = Math.min(2400, Math.max(1, (72 * 512) / Math.max(clean.width, clean.height)));
    input = sharp(Buffer.from(clean.svg), { density, limitInputPixels: maxPixels });
  } else {
    input = sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" });
  }
  const sample = await sampleImage(input).catch((error: unknown) => {
    throw new UploadError(fileName, `the image cannot be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`, { cause: error });
  });
  if (sample.pixels === 0) throw new UploadError(fileName, "the image is fully transparent; there are no colours to audit");
  const notes = sample.binStep > 1 ? [`Photo-like image: its colours were pooled into ${sample.binStep}-level RGB bins before clustering (each bin keeps its pixels' mean colour).`] : [];
  return {
    file: { name: fileName, kind: "image", mime: info.mime, bytes: bytes.length, width: info.width, height: info.height },
    kit: kitInfo,
    ...judgeSample(sample, kit),
    notes,
  };
}

function judgeSample(sample: PixelSample, kit: BrandKit) {
  const swatches = dominantColours(sample.counts, CLUSTERS);
  const judgement = judgeColours(swatches, kit);
  return {
    thresholds: DELTA_E,
    neutralRule: NEUTRAL_RULE,
    blendRule: BLEND_RULE,
    ...judgement,
    sample: { width: sample.width, height: sample.height, pixels: sample.pixels, blends: sample.blends, binStep: sample.binStep },
  };
}

async function auditPdf(bytes: Uint8Array, fileName: string, kit: BrandKit, kitInfo: AuditReport["kit"], opts: AuditOptions): Promise<AuditReport> {
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const reading = await readPdfPages(bytes, { fileName, maxPages });
  const [used, registry] = await Promise.all([listPdfFonts(bytes, { fileName, maxPages }), kitFonts(kit, opts.resolve)]);
  if (!reading.pages.length) throw new UploadError(fileName, "the PDF has no pages");
  const samples = reading.pages.map((p) => countPixels(p.rgba, p.width, p.height));
  const scores = samples.map((s, i) => ({ page: reading.pages[i]!.page, score: judgeSample(poolColours(s), kit).score }));
  const whole = poolColours(mergeSamples(samples));
  const first = reading.pages[0]!;
  const notes: string[] = [];
  if (reading.pageCount > reading.pages.length) notes.push(`Only the first ${reading.pages.length} of ${reading.pageCount} pages were audited.`);
  notes.push(`Pages were drawn at ${PAGE_RASTER_SIDE} px on their long side for the colour sample.`);
  if (reading.trimmed) notes.push("Only the area inside the TrimBox was sampled: bleed, slug and crop marks are left out.");
  const fonts = judgeFonts(used, kitFaces(kit, registry));
  if (!used.length) notes.push("No text in a font was found: the pages may be scanned images or outlined text.");
  return {
    file: { name: fileName, kind: "pdf", mime: "application/pdf", bytes: bytes.length, width: Math.round(first.widthPt), height: Math.round(first.heightPt) },
    kit: kitInfo,
    ...judgeSample(whole, kit),
    pages: { count: reading.pageCount, read: reading.pages.length, scores },
    fonts,
    notes,
  };
}

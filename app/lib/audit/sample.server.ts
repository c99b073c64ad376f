// Turns an image (any size) into the colour counts the k-means in kit/dominant-colours.ts clusters:
// sharp shrinks it on load to at most SAMPLE_SIDE px (a 12-megapixel JPEG never sits in memory
// whole), anti-aliased edge pixels are given back to the colours they blend, and a photo's tens of
// thousands of distinct colours are pooled into bins, because the clustering's cost grows with the
// number of distinct colours, not of pixels.
import type { Sharp } from "sharp";

/** Long side of the sample: 256 px holds ~49k pixels, so a 0.5% share is still ~250 pixels. */
export const SAMPLE_SIDE = 256;
/** More distinct colours than this are pooled into RGB bins (each bin becomes its pixels' mean colour). */
export const MAX_DISTINCT = 4096;

export type PixelSample = {
  /** 0xRRGGBB -> number of opaque pixels. */
  counts: Map<number, number>;
  width: number;
  height: number;
  /** Opaque pixels counted. */
  pixels: number;
  /** Pixels counted as the colour they are an anti-aliased blend of (see countPixels). */
  blends: number;
  /** Side of the RGB bins colours were pooled into (1 = exact colours). */
  binStep: number;
};

/** Shrinks to the sample size with a nearest-neighbour kernel, so flat design colours stay pure. */
export async function sampleImage(input: Sharp): Promise<PixelSample> {
  const { data, info } = await input
    .ensureAlpha()
    .resize(SAMPLE_SIDE, SAMPLE_SIDE, { fit: "inside", kernel: "nearest", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return poolColours(countPixels(data, info.width, info.height));
}

// Opposite neighbours (dx, dy): a pixel on an edge has one side of the edge on each.
const PAIRS = [
  [-1, 0, 1, 0],
  [0, -1, 0, 1],
  [-1, -1, 1, 1],
  [1, -1, -1, 1],
] as const;
/** Two neighbours must differ by this much (RGB distance) for the pixel between them to be an edge. */
const EDGE_MIN = 32;

/**
 * Counts RGBA pixels (alpha < 128 is skipped). A pixel that sits on the straight RGB line between two
 * opposite neighbours that differ clearly (an anti-aliased edge of text or a shape) is counted as the
 * nearer of the two: otherwise every edge of a flat design would show up as off-brand in-between
 * colours. Thin strokes keep their colour (their neighbours are both background, not two sides).
 */
export function countPixels(rgba: Uint8Array, width: number, height: number): PixelSample {
  const counts = new Map<number, number>();
  const opaque = (i: number) => rgba[i + 3]! >= 128;
  let pixels = 0;
  let blends = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (!opaque(i)) continue;
      pixels++;
      let rgb = (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
      if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
        const side = edgeSide(rgba, i, width);
        if (side !== undefined) {
          rgb = side;
          blends++;
        }
      }
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
  }
  return { counts, width, height, pixels, blends, binStep: 1 };
}

/** The colour (0xRRGGBB) of the nearer side when pixel `i` blends two opposite neighbours, else undefined. */
function edgeSide(rgba: Uint8Array, i: number, width: number): number | undefined {
  const pr = rgba[i]!, pg = rgba[i + 1]!, pb = rgba[i + 2]!;
  let best: number | undefined;
  let bestResidual = Infinity;
  for (const [ax, ay, bx, by] of PAIRS) {
    const a = i + (ay * width + ax) * 4;
    const b = i + (by * width + bx) * 4;
    if (rgba[a + 3]! < 128 || rgba[b + 3]! < 128) continue;
    const dr = rgba[b]! - rgba[a]!, dg = rgba[b + 1]! - rgba[a + 1]!, db = rgba[b + 2]! - rgba[a + 2]!;
    const span2 = dr * dr + dg * dg + db * db;
    if (span2 < EDGE_MIN * EDGE_MIN) continue;
    const t = ((pr - rgba[a]!) * dr + (pg - rgba[a + 1]!) * dg + (pb - rgba[a + 2]!) * db) / span2;
    if (t <= 0.02 || t >= 0.98) continue;
    const rr = pr - (rgba[a]! + t * dr), rg = pg - (rgba[a + 1]! + t * dg), rb = pb - (rgba[a + 2]! + t * db);
    const residual = Math.sqrt(rr * rr + rg * rg + rb * rb);
    // Off the line by more than a little: a colour of its own, not a mix of these two.
    if (residual > Math.max(6, 0.06 * Math.sqrt(span2)) || residual >= bestResidual) continue;
    bestResidual = residual;
    const j = t < 0.5 ? a : b;
    best = (rgba[j]! << 16) | (rgba[j + 1]! << 8) | rgba[j + 2]!;
  }
  return best;
}

/** The sample with at most MAX_DISTINCT colours (coarser bins until it fits); unchanged when it already does. */
export function poolColours(sample: PixelSample): PixelSample {
  if (sample.counts.size <= MAX_DISTINCT) return sample;
  for (let step = 4; ; step *= 2) {
    const counts = pool(sample.counts, step);
    if (counts.size <= MAX_DISTINCT || step >= 32) return { ...sample, counts, binStep: step };
  }
}

/** Pools colours into RGB bins of side `step`; each bin stands for its pixels' mean colour, so means stay exact. */
function pool(exact: Map<number, number>, step: number): Map<number, number> {
  const binOf = (rgb: number) => (Math.floor(((rgb >> 16) & 255) / step) << 16) | (Math.floor(((rgb >> 8) & 255) / step) << 8) | Math.floor((rgb & 255) / step);
  const sums = new Map<number, [number, number, number, number]>();
  for (const [rgb, n] of exact) {
    const bin = binOf(rgb);
    const s = sums.get(bin) ?? [0, 0, 0, 0];
    s[0] += ((rgb >> 16) & 255) * n;
    s[1] += ((rgb >> 8) & 255) * n;
    s[2] += (rgb & 255) * n;
    s[3] += n;
    sums.set(bin, s);
  }
  const out = new Map<number, number>();
  for (const [, [r, g, b, n]] of sums) {
    const rep = (Math.round(r / n) << 16) | (Math.round(g / n) << 8) | Math.round(b / n);
    out.set(rep, (out.get(rep) ?? 0) + n);
  }
  return out;
}

/** Several exact samples (a PDF's pages) as one, before pooling. */
export function mergeSamples(samples: readonly PixelSample[]): PixelSample {
  const counts = new Map<number, number>();
  for (const s of samples) for (const [rgb, n] of s.counts) counts.set(rgb, (counts.get(rgb) ?? 0) + n);
  const first = samples[0];
  const total = (key: "pixels" | "blends") => samples.reduce((n, s) => n + s[key], 0);
  return { counts, width: first?.width ?? 0, height: first?.height ?? 0, pixels: total("pixels"), blends: total("blends"), binStep: 1 };
}

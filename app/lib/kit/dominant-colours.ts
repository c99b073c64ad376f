// Dominant colours of an image: weighted k-means in OKLab (distances there track what people see)
// over the distinct pixel colours. The start is deterministic (heaviest colour first, then whichever
// adds most weight × distance²), so one image always gives one palette.
import { clampRgb, converter, differenceCiede2000, formatHex } from "culori";

export type Swatch = { hex: string; share: number };
type Lab = { l: number; a: number; b: number };
type Sample = Lab & { weight: number; rgb: number };
type Cluster = Lab & { weight: number; members: Sample[] };

const toOklab = converter("oklab");
const ciede2000 = differenceCiede2000();

export type DominantOptions = {
  /** At most this many colours come back. */
  count: number;
  /** Clusters closer than this CIEDE2000 distance are one colour. */
  mergeDeltaE?: number;
  /** Clusters with less of the image than this are folded into their neighbours. */
  minShare?: number;
};

/**
 * `pixels` maps 0xRRGGBB to how many opaque pixels have that colour; shares are of these. `core`, when
 * given, holds the pixels whose neighbours are the same colour: in a flat logo these are the shapes
 * without their anti-aliased edges, so colours are found from them and the edges cannot form a
 * blended in-between colour of their own. Edges still count toward the shares of the nearest colour.
 */
export function dominantColours(pixels: Map<number, number>, opts: DominantOptions & { core?: Map<number, number> }): Swatch[] {
  const all = toSamples(pixels);
  const total = all.reduce((sum, s) => sum + s.weight, 0);
  if (!all.length || total <= 0) return [];
  const core = opts.core ? toSamples(opts.core) : [];
  const flat = core.reduce((sum, s) => sum + s.weight, 0) >= 0.5 * total;
  const mergeDeltaE = opts.mergeDeltaE ?? 5;
  const minShare = opts.minShare ?? 0.01;

  const clusters = cluster(flat ? core : all, opts.count, mergeDeltaE, flat ? minShare / 2 : minShare);
  let swatches = clusters.map((c) => ({ ...c, hex: representative(c) }));
  if (flat) {
    // Colours from the core, shares from every pixel: edges go to the nearest core colour. A colour
    // left with a speck once edges are counted is dropped and its pixels reassigned.
    let weights = assign(all, swatches);
    const kept = swatches.filter((_, i) => weights[i]!.weight / total >= minShare);
    if (kept.length && kept.length < swatches.length) weights = assign(all, (swatches = kept));
    swatches = swatches.map((s, i) => ({ ...s, weight: weights[i]!.weight }));
  }
  return swatches
    .map((s) => ({ hex: s.hex, share: s.weight / total }))
    .sort((x, y) => y.share - x.share || (x.hex < y.hex ? -1 : 1));
}

function toSamples(pixels: Map<number, number>): Sample[] {
  return [...pixels].map(([rgb, weight]) => ({ ...labOf(rgb), weight, rgb }));
}

function cluster(samples: Sample[], count: number, mergeDeltaE: number, minShare: number): Cluster[] {
  const total = samples.reduce((sum, s) => sum + s.weight, 0);
  let clusters = lloyd(samples, initialCentres(samples, Math.min(samples.length, count + 2)));
  while (mergeClosest(clusters, mergeDeltaE)) clusters = lloyd(samples, clusters);
  // Fold away specks (anti-aliasing, JPEG noise), then anything beyond the requested count.
  for (;;) {
    const smallest = clusters.reduce((min, c) => (c.weight < min.weight ? c : min), clusters[0]!);
    const tooMany = clusters.length > Math.max(1, count);
    if (clusters.length <= 1 || (!tooMany && smallest.weight / total >= minShare)) break;
    clusters = lloyd(samples, clusters.filter((c) => c !== smallest));
  }
  return clusters;
}

/** Weights of `samples` nearest to each centre (centres unchanged), in the centres' order. */
function assign(samples: Sample[], centres: Lab[]): { weight: number }[] {
  const out = centres.map(() => ({ weight: 0 }));
  for (const s of samples) out[nearest(s, centres)]!.weight += s.weight;
  return out;
}

function labOf(rgb: number): Lab {
  const lab = toOklab({ mode: "rgb", r: ((rgb >> 16) & 255) / 255, g: ((rgb >> 8) & 255) / 255, b: (rgb & 255) / 255 });
  return { l: lab.l, a: lab.a, b: lab.b };
}

const distance2 = (x: Lab, y: Lab) => (x.l - y.l) ** 2 + (x.a - y.a) ** 2 + (x.b - y.b) ** 2;

/** Greedy weighted farthest-point start over coarse OKLab bins, so mass matters more than strays. */
function initialCentres(samples: Sample[], k: number): Lab[] {
  const bins = new Map<string, Lab & { weight: number }>();
  for (const s of samples) {
    const key = `${Math.round(s.l * 20)},${Math.round(s.a * 20)},${Math.round(s.b * 20)}`;
    const bin = bins.get(key) ?? { l: 0, a: 0, b: 0, weight: 0 };
    bin.l += s.l * s.weight;
    bin.a += s.a * s.weight;
    bin.b += s.b * s.weight;
    bin.weight += s.weight;
    bins.set(key, bin);
  }
  const candidates = [...bins.values()].map((b) => ({ l: b.l / b.weight, a: b.a / b.weight, b: b.b / b.weight, weight: b.weight }));
  const centres: Lab[] = [candidates.reduce((best, c) => (c.weight > best.weight ? c : best), candidates[0]!)];
  while (centres.length < k) {
    let best: Lab | undefined;
    let bestScore = 1e-9;
    for (const c of candidates) {
      const score = c.weight * Math.min(...centres.map((centre) => distance2(c, centre)));
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    if (!best) break;
    centres.push(best);
  }
  return centres;
}

function lloyd(samples: Sample[], start: Lab[]): Cluster[] {
  let centres: Lab[] = start;
  let previous: number[] = [];
  for (let iteration = 0; iteration < 50; iteration++) {
    const assignment = samples.map((s) => nearest(s, centres));
    const clusters: Cluster[] = centres.map(() => ({ l: 0, a: 0, b: 0, weight: 0, members: [] }));
    samples.forEach((s, i) => {
      const c = clusters[assignment[i]!]!;
      c.l += s.l * s.weight;
      c.a += s.a * s.weight;
      c.b += s.b * s.weight;
      c.weight += s.weight;
      c.members.push(s);
    });
    const kept = clusters.filter((c) => c.weight > 0).map((c) => ({ ...c, l: c.l / c.weight, a: c.a / c.weight, b: c.b / c.weight }));
    const stable = assignment.length === previous.length && assignment.every((v, i) => v === previous[i]) && kept.length === centres.length;
    if (stable || iteration === 49) return kept;
    centres = kept;
    previous = kept.length === clusters.length ? assignment : [];
  }
  return [];
}

function nearest(s: Lab, centres: Lab[]): number {
  let index = 0;
  let best = Infinity;
  centres.forEach((c, i) => {
    const d = distance2(s, c);
    if (d < best) [best, index] = [d, i];
  });
  return index;
}

/** Merges the closest pair of clusters when they are within `threshold` ΔE00; false when none are. */
function mergeClosest(clusters: Cluster[], threshold: number): boolean {
  let pair: [number, number] | undefined;
  let best = threshold;
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const d = ciede2000({ mode: "oklab", ...clusters[i]! }, { mode: "oklab", ...clusters[j]! });
      if (d < best) [best, pair] = [d, [i, j]];
    }
  }
  if (!pair) return false;
  const [x, y] = [clusters[pair[0]]!, clusters[pair[1]]!];
  const weight = x.weight + y.weight;
  clusters[pair[0]] = {
    l: (x.l * x.weight + y.l * y.weight) / weight,
    a: (x.a * x.weight + y.a * y.weight) / weight,
    b: (x.b * x.weight + y.b * y.weight) / weight,
    weight,
    members: [...x.members, ...y.members],
  };
  clusters.splice(pair[1], 1);
  return true;
}

/**
 * The cluster's mean, except that a flat logo colour wins when it dominates its cluster and sits close
 * to the mean: then the brand's exact hex comes back instead of one nudged by anti-aliased edges.
 */
function representative(cluster: Cluster): string {
  const mean = formatHex(clampRgb({ mode: "oklab", l: cluster.l, a: cluster.a, b: cluster.b }));
  const mode = cluster.members.reduce((best, s) => (s.weight > best.weight ? s : best), cluster.members[0]!);
  const modeHex = `#${mode.rgb.toString(16).padStart(6, "0")}`;
  if (mode.weight >= 0.35 * cluster.weight && ciede2000(mean, modeHex) < 3) return modeHex;
  return mean;
}

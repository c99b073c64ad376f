// "Start from my logo": the dominant colours of an image, and a proposal of which palette role each
// could play, with a name for prompts and the reason in words, for the person to accept or change.
import { converter, formatHex, toGamut } from "culori";
import sharp from "sharp";
import { UploadError } from "../upload/errors.ts";
import { sniffImage } from "../upload/image.server.ts";
import { sanitizeSvg } from "../upload/svg-sanitize.ts";
import { nameColour } from "./colour-names.ts";
import { dominantColours, type Swatch } from "./dominant-colours.ts";
import { AA_TEXT, contrastRatio, deltaE2000, formatRatio, mix } from "./palette.ts";
import type { PaletteRole } from "./schema.ts";

export type { Swatch } from "./dominant-colours.ts";
export type RoleProposal = { color: string; name: string; reason: string };

/** Side of the thumbnail that is clustered: enough for shares to ±1%, small enough to be instant. */
const SAMPLE_SIDE = 96;

/**
 * 1–8 (default 6) dominant colours of a PNG/JPEG/WebP/SVG with their share of the opaque pixels,
 * largest first. Transparent pixels are ignored; near-identical colours (ΔE00 < 5) are one colour.
 */
export async function paletteFromImage(
  bytes: Uint8Array,
  opts: { count?: number; fileName?: string; maxPixels?: number } = {},
): Promise<{ colours: Swatch[] }> {
  const fileName = opts.fileName ?? "image";
  const count = Math.min(8, Math.max(1, Math.round(opts.count ?? 6)));
  const { counts, core } = await opaquePixels(bytes, fileName, opts.maxPixels ?? 40_000_000);
  if (counts.size === 0) throw new UploadError(fileName, "the image is fully transparent; there are no colours to read");
  return { colours: dominantColours(counts, { count, core }) };
}

/** Colour counts of the opaque pixels, and of those whose four neighbours share their colour. */
async function opaquePixels(bytes: Uint8Array, fileName: string, maxPixels: number): Promise<{ counts: Map<number, number>; core: Map<number, number> }> {
  const mime = sniffImage(bytes);
  if (!mime) throw new UploadError(fileName, "not a PNG, JPEG, WebP or SVG image");
  let input: ReturnType<typeof sharp>;
  if (mime === "image/svg+xml") {
    // Rasterise the sanitised copy, at a density that gives a few hundred pixels whatever the viewBox.
    const clean = sanitizeSvg(bytes, { fileName });
    const density = Math.min(2400, Math.max(1, (72 * 384) / Math.max(clean.width, clean.height)));
    input = sharp(Buffer.from(clean.svg), { density, limitInputPixels: maxPixels });
  } else {
    input = sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" }).rotate();
  }
  let data: Buffer;
  let info: { width: number; height: number };
  try {
    // Nearest neighbour keeps flat logo colours pure: no blended in-between colours at the edges.
    ({ data, info } = await input
      .ensureAlpha()
      .resize(SAMPLE_SIDE, SAMPLE_SIDE, { fit: "inside", kernel: "nearest", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true }));
  } catch (error) {
    throw new UploadError(fileName, `the image cannot be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`, { cause: error });
  }
  const counts = new Map<number, number>();
  const core = new Map<number, number>();
  const at = (x: number, y: number) => (y * info.width + x) * 4;
  const rgbAt = (i: number) => (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = at(x, y);
      if (data[i + 3]! < 128) continue;
      const rgb = rgbAt(i);
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
      const inside = x > 0 && y > 0 && x < info.width - 1 && y < info.height - 1;
      const same = inside && [at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1)].every((j) => data[j + 3]! >= 128 && rgbAt(j) === rgb);
      if (same) core.set(rgb, (core.get(rgb) ?? 0) + 1);
    }
  }
  return { counts, core };
}

const toOklch = converter("oklch");
const toSrgb = toGamut("rgb", "oklch", null);
const lch = (hex: string) => {
  const c = toOklch(hex);
  return { l: c?.l ?? 0, c: c?.c ?? 0, h: c?.h ?? 0 };
};
const percent = (share: number) => `${Math.round(share * 100)}%`;
const oklchHex = (l: number, c: number, h: number) => formatHex(toSrgb({ mode: "oklch", l: Math.min(1, Math.max(0, l)), c, h }));
const proposal = (color: string, reason: string): RoleProposal => ({ color, name: nameColour(color), reason });

/** Large enough to count as one of the logo's own colours rather than a detail. */
const LARGE_SHARE = 0.1;
/** OKLCH chroma above which a colour reads as a colour rather than a grey. */
const CHROMATIC = 0.04;

/**
 * Proposes palette roles from extracted colours. Every role gets a colour; roles the image cannot
 * supply are derived (and the reason says so). Deterministic: the same colours give the same proposal.
 */
export function proposeRoles(colours: Swatch[]): Partial<Record<PaletteRole, RoleProposal>> {
  const out: Partial<Record<PaletteRole, RoleProposal>> = {};
  const used = new Set<string>();
  const free = (s: Swatch) => ![...used].some((hex) => deltaE2000(hex, s.hex) < 10);

  const lights = colours.filter((s) => s.share >= LARGE_SHARE && lch(s.hex).l >= 0.85);
  const light = lights.sort((x, y) => lch(y.hex).l - lch(x.hex).l)[0];
  const background = light?.hex ?? "#ffffff";
  out.background = light
    ? proposal(light.hex, `the lightest large colour in the image (${percent(light.share)} of it)`)
    : proposal("#ffffff", "no light colour covers much of the image; white keeps text readable");
  used.add(background);

  const chromatic = colours
    .filter((s) => s.hex !== background && lch(s.hex).c >= CHROMATIC)
    .sort((x, y) => lch(y.hex).c * Math.sqrt(y.share) - lch(x.hex).c * Math.sqrt(x.share));
  const primarySwatch = chromatic[0] ?? colours.filter((s) => s.hex !== background).sort((x, y) => y.share - x.share)[0];
  const primary = primarySwatch?.hex ?? "#1f2937";
  out.primary = primarySwatch
    ? proposal(primary, chromatic[0] ? `the strongest colour with a large share (${percent(primarySwatch.share)} of the image)` : "the image has no strong colour; its main non-background colour")
    : proposal(primary, "the image has no colour besides the background; a neutral slate");
  used.add(primary);

  const readable = colours
    .filter((s) => contrastRatio(s.hex, background) >= AA_TEXT)
    .sort((x, y) => lch(x.hex).l - lch(y.hex).l)[0];
  const p = lch(primary);
  const text = readable?.hex ?? oklchHex(0.22, Math.min(p.c, 0.03), p.h);
  out.text = readable
    ? proposal(text, `the darkest colour in the image, ${formatRatio(contrastRatio(text, background))} on the background`)
    : proposal(text, `no colour in the image reaches ${AA_TEXT}:1 on the background; near-black tinted toward the primary`);

  const accentSwatch = chromatic.find((s) => {
    if (!free(s) || lch(s.hex).c < 0.06) return false;
    const hueGap = Math.abs(((lch(s.hex).h - p.h + 540) % 360) - 180);
    return hueGap >= 30 || deltaE2000(s.hex, primary) >= 20;
  });
  const accent = accentSwatch?.hex ?? oklchHex(0.68, Math.max(0.12, p.c), (p.h + 150) % 360);
  out.accent = accentSwatch
    ? proposal(accent, `a second strong colour, clearly apart from the primary (${percent(accentSwatch.share)} of the image)`)
    : proposal(accent, "the image has one strong colour; a contrasting hue derived from the primary");
  used.add(accent);
  used.add(text);

  const secondarySwatch = colours.filter((s) => s.hex !== background && free(s)).sort((x, y) => y.share - x.share)[0];
  const secondary = secondarySwatch?.hex ?? oklchHex(p.l < 0.6 ? p.l + 0.25 : p.l - 0.25, p.c * 0.7, p.h);
  out.secondary = secondarySwatch
    ? proposal(secondary, `the next largest colour (${percent(secondarySwatch.share)} of the image)`)
    : proposal(secondary, `the primary ${p.l < 0.6 ? "lightened" : "darkened"}: the image has no further colour`);

  const bg = lch(background);
  const surfaceHue = bg.c >= 0.008 ? bg.h : p.h;
  const surface = oklchHex(bg.l >= 0.5 ? bg.l - 0.035 : bg.l + 0.05, Math.max(bg.c, 0.008), surfaceHue);
  out.surface = proposal(surface, `the background stepped ${bg.l >= 0.5 ? "darker" : "lighter"} for cards and panels`);

  // Muted text: as far toward the background as it can go while still reading at AA_TEXT on it.
  let muted = text;
  for (let t = 0.6; t > 0; t -= 0.05) {
    const candidate = mix(text, background, t);
    if (contrastRatio(candidate, background) >= AA_TEXT && contrastRatio(candidate, surface) >= AA_TEXT) {
      muted = candidate;
      break;
    }
  }
  out.muted = proposal(muted, `the text colour softened toward the background, still ${formatRatio(contrastRatio(muted, background))} on it`);
  return distinctNames(out);
}

/** Two different colours must not share a prompt name: the later one becomes "lighter …"/"darker …". */
function distinctNames(roles: Partial<Record<PaletteRole, RoleProposal>>): Partial<Record<PaletteRole, RoleProposal>> {
  const owners = new Map<string, string>();
  for (const role of ["background", "primary", "text", "accent", "secondary", "surface", "muted"] as const) {
    const entry = roles[role];
    if (!entry) continue;
    const owner = owners.get(entry.name);
    if (owner && owner !== entry.color) {
      const renamed = `${lch(entry.color).l > lch(owner).l ? "lighter" : "darker"} ${entry.name}`;
      entry.name = owners.has(renamed) && owners.get(renamed) !== entry.color ? `${renamed} (${entry.color})` : renamed;
    }
    if (!owners.has(entry.name)) owners.set(entry.name, entry.color);
  }
  return roles;
}

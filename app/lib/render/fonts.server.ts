// Font registry: brand font bytes per (role, weight, style), parsed once per process (cached by
// sha256), nearest-weight matching, Inter when a role has no file, and Noto fallbacks (Arabic,
// Hebrew, Japanese/CJK, monochrome emoji) for glyphs the brand font lacks. Fonts come only from the
// kit or npm packages, never from the system.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";
import type { Font } from "fontkit";
import { TYPE_ROLES, type TypeRole } from "../kit/schema.ts";
import { FontFace } from "./font-face.ts";
import type { FontSpec } from "./scene.ts";

export type FontStyle = "normal" | "italic";

export interface FaceBytes {
  role: TypeRole;
  weight: number;
  style: FontStyle;
  bytes: Uint8Array;
  /** Names the origin in errors, e.g. "typography.heading.files.0.src". */
  source?: string;
}

export class FontError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = "FontError";
  }
}

const parsed = new Map<string, FontFace>();

/** Parses font bytes once per process; the same bytes always return the same FontFace. */
export function loadFace(bytes: Uint8Array, weight: number, style: FontStyle, source: string): FontFace {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const key = `${sha256}/${weight}/${style}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  // A face parsed under another weight label reuses the fontkit object (the label only drives matching).
  const sibling = [...parsed.values()].find((f) => f.info.sha256 === sha256);
  const font = sibling?.font ?? parseFont(bytes, source);
  const face = new FontFace(font, bytes, { sha256, weight, style, source });
  parsed.set(key, face);
  return face;
}

function parseFont(bytes: Uint8Array, source: string): Font {
  const magic = Buffer.from(bytes.subarray(0, 4)).toString("latin1");
  if (magic === "wOF2") throw new FontError(source, "WOFF2 fonts must be converted to TTF/OTF on upload");
  if (magic === "ttcf") throw new FontError(source, "font collections (.ttc) are not supported; upload one face");
  let font: ReturnType<typeof fontkit.create>;
  try {
    font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new FontError(source, `not a readable TTF/OTF/WOFF font (${(error as Error).message})`);
  }
  if (!("layout" in font) || typeof font.layout !== "function") throw new FontError(source, "not a single font face");
  if (font.unitsPerEm <= 0 || font.numGlyphs < 2) throw new FontError(source, "the font has no usable glyphs");
  return font;
}

// ---- bundled npm fonts ------------------------------------------------------------------------

const requireFromHere = createRequire(import.meta.url);
const WEIGHT_NAMES: Record<number, string> = {
  100: "Thin",
  200: "ExtraLight",
  300: "Light",
  400: "Regular",
  500: "Medium",
  600: "SemiBold",
  700: "Bold",
  800: "ExtraBold",
  900: "Black",
};

interface BundledFamily {
  pkg: string;
  file: string; // "Inter" -> Inter_400Regular.ttf
  weights: number[];
  italics: boolean;
}

const ALL_WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900];
export const BUNDLED = {
  inter: { pkg: "@expo-google-fonts/inter", file: "Inter", weights: ALL_WEIGHTS, italics: true },
  arabic: { pkg: "@expo-google-fonts/noto-sans-arabic", file: "NotoSansArabic", weights: ALL_WEIGHTS, italics: false },
  hebrew: { pkg: "@expo-google-fonts/noto-sans-hebrew", file: "NotoSansHebrew", weights: ALL_WEIGHTS, italics: false },
  cjk: { pkg: "@expo-google-fonts/noto-sans-jp", file: "NotoSansJP", weights: ALL_WEIGHTS, italics: false },
  emoji: { pkg: "@expo-google-fonts/noto-emoji", file: "NotoEmoji", weights: [300, 400, 500, 600, 700], italics: false },
} satisfies Record<string, BundledFamily>;

const packageDirs = new Map<string, string>();
function packageDir(pkg: string): string {
  let dir = packageDirs.get(pkg);
  if (!dir) {
    dir = path.dirname(requireFromHere.resolve(`${pkg}/package.json`));
    packageDirs.set(pkg, dir);
  }
  return dir;
}

const bundledFaces = new Map<string, FontFace>();

/** A bundled face at the nearest available weight (italic only where the family has it). */
export function bundledFace(family: BundledFamily, weight: number, style: FontStyle): FontFace {
  const w = nearestWeight(family.weights, weight);
  const italic = style === "italic" && family.italics;
  const dirName = `${w}${WEIGHT_NAMES[w]}${italic ? "_Italic" : ""}`;
  const rel = `${dirName}/${family.file}_${dirName}.ttf`;
  // Memoised by file: reading and hashing the 5 MB CJK font on every lookup would dominate layout.
  const key = `${family.pkg}/${rel}`;
  const known = bundledFaces.get(key);
  if (known) return known;
  const file = path.join(packageDir(family.pkg), rel);
  const source = `npm:${family.pkg}/${rel}`;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new FontError(source, "bundled font file is missing; run npm ci");
  }
  const face = loadFace(bytes, w, italic ? "italic" : "normal", source);
  bundledFaces.set(key, face);
  return face;
}

/** CSS font-matching order for weights: the best available weight for `wanted`. */
export function nearestWeight(available: readonly number[], wanted: number): number {
  const rank = (w: number): number => {
    if (w === wanted) return 0;
    if (wanted >= 400 && wanted <= 500) {
      if (w > wanted && w <= 500) return w - wanted;
      if (w < wanted) return 1000 + (wanted - w);
      return 2000 + (w - wanted);
    }
    if (wanted < 400) return w < wanted ? wanted - w : 1000 + (w - wanted);
    return w > wanted ? w - wanted : 1000 + (wanted - w);
  };
  let best = available[0];
  if (best === undefined) throw new Error("no weights to choose from");
  for (const w of available) if (rank(w) < rank(best)) best = w;
  return best;
}

// ---- registry ---------------------------------------------------------------------------------

export class FontRegistry {
  private readonly byRole = new Map<TypeRole, FontFace[]>();
  private readonly chains = new Map<string, FontFace[]>();

  constructor(faces: readonly FaceBytes[] = []) {
    for (const f of faces) {
      const source = f.source ?? `${f.role} ${f.weight} ${f.style}`;
      const face = loadFace(f.bytes, f.weight, f.style, source);
      const list = this.byRole.get(f.role) ?? [];
      list.push(face);
      this.byRole.set(f.role, list);
    }
  }

  /** The face for a role at the nearest weight; italic falls back to upright, no files to Inter. */
  face(spec: Pick<FontSpec, "role" | "weight" | "style">): FontFace {
    const faces = this.byRole.get(spec.role);
    if (!faces?.length) return bundledFace(BUNDLED.inter, spec.weight, spec.style);
    const sameStyle = faces.filter((f) => f.info.style === spec.style);
    const pool = sameStyle.length ? sameStyle : faces;
    const w = nearestWeight(
      pool.map((f) => f.info.weight),
      spec.weight,
    );
    const face = pool.find((f) => f.info.weight === w);
    if (!face) throw new Error("unreachable: matched weight has no face");
    return face;
  }

  /**
   * Faces to try, in order, for each character of text set in `spec`: the brand face, Inter (Latin,
   * Greek, Cyrillic the brand font may lack), then the Noto fallbacks at the nearest weight.
   */
  chain(spec: Pick<FontSpec, "role" | "weight" | "style">): FontFace[] {
    const key = `${spec.role}/${spec.weight}/${spec.style}`;
    let chain = this.chains.get(key);
    if (!chain) {
      const primary = this.face(spec);
      const inter = bundledFace(BUNDLED.inter, spec.weight, spec.style);
      chain = [primary, ...(inter === primary ? [] : [inter])];
      this.chains.set(key, chain);
    }
    return chain;
  }

  /** Noto fallbacks, loaded lazily: the CJK font alone is 5 MB per weight. */
  fallback(kind: "arabic" | "hebrew" | "cjk" | "emoji", weight: number): FontFace {
    return bundledFace(BUNDLED[kind], weight, "normal");
  }

  roles(): TypeRole[] {
    return TYPE_ROLES.filter((r) => this.byRole.has(r));
  }
}

/** A registry with no brand fonts: every role is set in Inter. */
export function defaultFontRegistry(): FontRegistry {
  return new FontRegistry();
}

interface KitTypography {
  heading: { files: { weight: number; style: FontStyle; src: string }[] };
  body: { files: { weight: number; style: FontStyle; src: string }[] };
  accent: { files: { weight: number; style: FontStyle; src: string }[] };
}

/**
 * Builds the registry for a kit's typography; `load` is the kit file resolver
 * (`(src, field) => resolveFileRef(src, field, opts)`), so fonts are read the same way as every kit file.
 */
export async function fontRegistryForKit(
  typography: KitTypography,
  load: (src: string, field: string) => Promise<Uint8Array>,
): Promise<FontRegistry> {
  const faces: FaceBytes[] = [];
  for (const role of TYPE_ROLES) {
    const files = typography[role].files;
    for (const [i, file] of files.entries()) {
      const source = `typography.${role}.files.${i}.src`;
      faces.push({ role, weight: file.weight, style: file.style, bytes: await load(file.src, source), source });
    }
  }
  return new FontRegistry(faces);
}

// One parsed font file with the caches every render shares: code point coverage, shaped runs
// (in font units, so shrink-to-fit re-measures without re-shaping) and glyph outlines for SVG.
import type { Font } from "fontkit";

/** One shaped glyph in font units; `codePoints` are the characters it stands for (empty for marks split off). */
export interface ShapedGlyph {
  id: number;
  advance: number;
  xOffset: number;
  yOffset: number;
  codePoints: number[];
}

export interface ShapedRun {
  glyphs: ShapedGlyph[];
  /** Sum of advances, font units. */
  advance: number;
}

export interface FaceInfo {
  /** Hex sha256 of the font bytes: the process-wide cache key. */
  sha256: string;
  weight: number;
  style: "normal" | "italic";
  /** Where the bytes came from, for error messages ("typography.heading.files.0.src", "npm:..."). */
  source: string;
}

const MAX_SHAPE_CACHE = 20_000;
const PATCHED = Symbol("marque.glyphCharacters");

type GlyphLike = { codePoints: number[] };
type GlyphSource = { getGlyph(id: number, characters?: number[]): GlyphLike; [PATCHED]?: true };

/**
 * fontkit caches one Glyph object per id carrying the characters of its FIRST request. When the
 * PDF subsetter pulls in a composite glyph's component (the period inside "…" or ":") it asks
 * without characters, and from then on every shaped "." in that face reported none: the PDF drew it
 * as an outline and its text lost the full stop. A request with characters now gets a view of the
 * cached glyph that carries those characters.
 */
function keepGlyphCharacters(font: Font): void {
  const source = font as unknown as GlyphSource;
  if (source[PATCHED]) return;
  const getGlyph = source.getGlyph.bind(source);
  source.getGlyph = (id, characters = []) => {
    const glyph = getGlyph(id, characters);
    if (!glyph || !characters.length || sameCodePoints(glyph.codePoints, characters)) return glyph;
    return Object.create(glyph, { codePoints: { value: characters, enumerable: true } }) as GlyphLike;
  };
  source[PATCHED] = true;
}

function sameCodePoints(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

export class FontFace {
  readonly id: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  /** Negative, as in the font's hhea table. */
  readonly descent: number;
  readonly postscriptName: string;
  readonly family: string;
  private readonly coverage = new Map<number, boolean>();
  private readonly shapes = new Map<string, ShapedRun>();
  private readonly paths = new Map<number, string>();
  private readonly advances = new Map<number, number>();

  constructor(
    readonly font: Font,
    readonly bytes: Uint8Array,
    readonly info: FaceInfo,
  ) {
    this.id = info.sha256.slice(0, 16);
    this.unitsPerEm = font.unitsPerEm;
    this.ascent = font.ascent;
    this.descent = font.descent;
    this.postscriptName = font.postscriptName ?? `font-${this.id}`;
    this.family = font.familyName ?? this.postscriptName;
    keepGlyphCharacters(font);
  }

  hasCodePoint(cp: number): boolean {
    let has = this.coverage.get(cp);
    if (has === undefined) {
      has = this.font.hasGlyphForCodePoint(cp);
      this.coverage.set(cp, has);
    }
    return has;
  }

  /** Shapes `text` (kerning, ligatures, contextual forms); glyphs come back in visual order. */
  shape(text: string, rtl: boolean, features: readonly string[] = []): ShapedRun {
    const key = `${rtl ? "r" : "l"}${features.join(",")}\u0000${text}`;
    const cached = this.shapes.get(key);
    if (cached) return cached;
    const run = this.font.layout(text, features.length ? [...features] : undefined, undefined, undefined, rtl ? "rtl" : "ltr");
    const glyphs: ShapedGlyph[] = run.glyphs.map((g, i) => {
      const p = run.positions[i];
      return {
        id: g.id,
        advance: p?.xAdvance ?? g.advanceWidth,
        xOffset: p?.xOffset ?? 0,
        yOffset: p?.yOffset ?? 0,
        codePoints: [...(g.codePoints ?? [])],
      };
    });
    const shaped = { glyphs, advance: glyphs.reduce((s, g) => s + g.advance, 0) };
    if (this.shapes.size >= MAX_SHAPE_CACHE) this.shapes.clear();
    this.shapes.set(key, shaped);
    return shaped;
  }

  /** SVG path data of a glyph in font units (y up), cached per glyph. */
  glyphPath(id: number): string {
    let d = this.paths.get(id);
    if (d === undefined) {
      d = this.font.getGlyph(id).path.toSVG();
      this.paths.set(id, d);
    }
    return d;
  }

  /** The glyph's own advance (hmtx), font units: what a PDF viewer advances by without adjustment. */
  glyphAdvance(id: number): number {
    let a = this.advances.get(id);
    if (a === undefined) {
      a = this.font.getGlyph(id).advanceWidth;
      this.advances.set(id, a);
    }
    return a;
  }
}

/** What layout needs from a font registry (implemented by FontRegistry in fonts.server.ts). */
export interface FontProvider {
  /** The face for a role at the nearest weight. */
  face(spec: { role: "heading" | "body" | "accent"; weight: number; style: "normal" | "italic" }): FontFace;
  /** Faces tried in order for each character: the brand face, then Inter. */
  chain(spec: { role: "heading" | "body" | "accent"; weight: number; style: "normal" | "italic" }): FontFace[];
  /** A script fallback at the nearest weight. */
  fallback(kind: "arabic" | "hebrew" | "cjk" | "emoji", weight: number): FontFace;
}

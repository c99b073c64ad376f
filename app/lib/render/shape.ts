// Turns a paragraph into breakable "atoms" (UAX #14 line-break opportunities), each split into
// pieces of one font and one bidi level, shaped once in font units. Font fallback happens here,
// per character: the brand face, Inter, then the Noto script fallbacks, so no .notdef box is drawn.
import bidiFactory from "bidi-js";
import LineBreaker from "linebreak";
import type { FontFace, FontProvider, ShapedRun } from "./font-face.ts";
import type { FontSpec } from "./scene.ts";

const bidi = bidiFactory();

export interface Piece {
  face: FontFace;
  text: string;
  level: number;
  isSpace: boolean;
  /** Cursive scripts (Arabic...) get no letter-spacing: it would break the joins. */
  cursive: boolean;
  run: ShapedRun;
}

export interface Atom {
  /** Content pieces then trailing-space pieces, logical order. */
  pieces: Piece[];
  /** Range of the content (without trailing spaces) in the paragraph, for re-shaping broken words. */
  start: number;
  end: number;
}

export interface Paragraph {
  text: string;
  baseLevel: number;
  atoms: Atom[];
  /** Internal: bidi levels and mirrored text, to re-itemize a sub-range. */
  levels: Uint8Array;
  shapedText: string;
}

export interface PrepContext {
  fonts: FontProvider;
  spec: Pick<FontSpec, "role" | "weight" | "style">;
  features?: readonly string[];
  /** Characters no font could draw (reported, never drawn as boxes). */
  missing: Set<string>;
}

const MARK = /^[\p{M}\u200c\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]$/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const EMOJI = /^\p{Emoji_Presentation}$/u;
const ARABIC = /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}]$/u;
const HEBREW = /^\p{Script=Hebrew}$/u;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u30fc]$/u;
const CURSIVE = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}]/u;
const SPACE = /\s/;

// The brand chain of a context, looked up once per context rather than once per character.
const chains = new WeakMap<PrepContext, readonly FontFace[]>();

function chainOf(ctx: PrepContext): readonly FontFace[] {
  let chain = chains.get(ctx);
  if (!chain) {
    chain = ctx.fonts.chain(ctx.spec);
    chains.set(ctx, chain);
  }
  return chain;
}

/** Picks the face for one character: brand chain first, then the script's Noto fallback, then any. */
function pickFace(ctx: PrepContext, ch: string, next: string | undefined): FontFace | null {
  const cp = ch.codePointAt(0) ?? 0;
  const weight = ctx.spec.weight;
  const emojiFirst = EMOJI.test(ch) || next === "\ufe0f";
  if (emojiFirst) {
    const emoji = ctx.fonts.fallback("emoji", weight);
    if (emoji.hasCodePoint(cp)) return emoji;
  }
  for (const face of chainOf(ctx)) if (face.hasCodePoint(cp)) return face;
  const order: ("arabic" | "hebrew" | "cjk" | "emoji")[] = ARABIC.test(ch)
    ? ["arabic"]
    : HEBREW.test(ch)
      ? ["hebrew"]
      : CJK.test(ch)
        ? ["cjk"]
        : ["emoji", "cjk", "arabic", "hebrew"];
  for (const kind of order) {
    const face = ctx.fonts.fallback(kind, weight);
    if (face.hasCodePoint(cp)) return face;
  }
  return null;
}

/** Itemizes text[start, end) into pieces of one face and one bidi level, shaped. */
export function buildPieces(
  ctx: PrepContext,
  para: Paragraph,
  start: number,
  end: number,
  isSpace: boolean,
  preferFace?: FontFace,
): Piece[] {
  const out: Piece[] = [];
  // `text` is what gets shaped (brackets mirrored in right-to-left runs), `orig` what the author wrote.
  let cur: { face: FontFace; level: number; text: string; orig: string } | null = null;
  const flush = () => {
    if (!cur || !cur.text) return;
    const rtl = cur.level % 2 === 1;
    const run = cur.face.shape(cur.text, rtl, ctx.features);
    const glyphs = run.glyphs.filter((g) => g.id !== 0);
    if (glyphs.length !== run.glyphs.length) {
      for (const ch of cur.text) if (!IGNORABLE.test(ch) && !cur.face.hasCodePoint(ch.codePointAt(0) ?? 0)) ctx.missing.add(ch);
    }
    let shaped = glyphs.length === run.glyphs.length ? run : { glyphs, advance: glyphs.reduce((s, g) => s + g.advance, 0) };
    if (cur.orig !== cur.text) {
      // Mirrored brackets keep their original characters for text extraction (mirroring is an involution).
      const unmirror = (c: number) => (bidi.getMirroredCharacter(String.fromCodePoint(c)) ?? String.fromCodePoint(c)).codePointAt(0) ?? c;
      shaped = { ...shaped, glyphs: shaped.glyphs.map((g) => ({ ...g, codePoints: g.codePoints.map(unmirror) })) };
    }
    out.push({ face: cur.face, text: cur.orig, level: cur.level, isSpace, cursive: CURSIVE.test(cur.text), run: shaped });
    cur = null;
  };
  const text = para.shapedText;
  let i = start;
  while (i < end) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    const level = para.levels[i] ?? para.baseLevel;
    let face: FontFace | null;
    if (cur && MARK.test(ch)) {
      face = cur.face; // marks, joiners and selectors stay with their base character
    } else if (isSpace && level % 2 === 1 && preferFace?.hasCodePoint(cp)) {
      // A right-to-left space joins the word before it, so an Arabic/Hebrew line stays one run and
      // a PDF keeps it as one string in reading order. Left-to-right spaces keep the brand's width.
      face = preferFace;
    } else {
      const nextCp = text.codePointAt(i + width);
      face = pickFace(ctx, ch, nextCp === undefined ? undefined : String.fromCodePoint(nextCp));
      if (!face) {
        if (!IGNORABLE.test(ch)) ctx.missing.add(ch);
        i += width;
        continue;
      }
    }
    if (!cur || cur.face !== face || cur.level !== level) {
      flush();
      cur = { face, level, text: "", orig: "" };
    }
    cur.text += ch;
    cur.orig += para.text.slice(i, i + width);
    i += width;
  }
  flush();
  return out;
}

// Prepared paragraphs per font provider (a kit's registry), by style and text: a template measures
// its copy before placing it, and a live preview or a bulk run lays the same labels out again and
// again. Paragraphs are never changed once prepared, so they are shared; the characters no font had
// are kept with them and reported to every caller.
const MAX_PREPARED = 4000;
const prepared = new WeakMap<FontProvider, Map<string, { paras: Paragraph[]; missing: string[] }>>();

/** Splits text into paragraphs of atoms; the expensive, size-independent part of layout. Do not modify the result. */
export function prepareParagraphs(ctx: PrepContext, text: string, direction: "auto" | "ltr" | "rtl"): Paragraph[] {
  let cache = prepared.get(ctx.fonts);
  if (!cache) {
    cache = new Map();
    prepared.set(ctx.fonts, cache);
  }
  const key = `${ctx.spec.role}/${ctx.spec.weight}/${ctx.spec.style}|${ctx.features?.join(",") ?? ""}|${direction}|${text}`;
  let entry = cache.get(key);
  if (!entry) {
    const own: PrepContext = { ...ctx, missing: new Set() };
    const paras = text
      .normalize("NFC")
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((p) => prepareParagraph(own, p.replace(/\t/g, " "), direction));
    entry = { paras, missing: [...own.missing] };
    if (cache.size >= MAX_PREPARED) cache.clear();
    cache.set(key, entry);
  }
  for (const ch of entry.missing) ctx.missing.add(ch);
  return entry.paras;
}

/**
 * Characters that can give a paragraph a level other than 0: right-to-left scripts (and the
 * unassigned code points the bidi algorithm treats as such), Arabic digits, RLM/ALM and the explicit
 * embeddings, overrides and isolates. Text without any, in a paragraph that is not forced
 * right-to-left, is all level 0, so the bidi pass (a quarter of a flyer's layout time) is skipped.
 */
const MAY_BE_RTL = /[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Bidi levels of a paragraph (one per UTF-16 unit) and its base level. */
export function paragraphLevels(text: string, direction: "auto" | "ltr" | "rtl"): { levels: Uint8Array; baseLevel: number } {
  if (direction !== "rtl" && !MAY_BE_RTL.test(text)) return { levels: new Uint8Array(text.length), baseLevel: 0 };
  const embedding = bidi.getEmbeddingLevels(text, direction === "auto" ? undefined : direction);
  return { levels: embedding.levels, baseLevel: embedding.paragraphs[0]?.level ?? (direction === "rtl" ? 1 : 0) };
}

function prepareParagraph(ctx: PrepContext, text: string, direction: "auto" | "ltr" | "rtl"): Paragraph {
  const { levels, baseLevel } = paragraphLevels(text, direction);
  let shapedText = text;
  // bidi-js 1.0.3 indexes this argument as the levels array, despite its README passing the whole result.
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  if (mirrored.size) {
    const chars = text.split("");
    for (const [index, ch] of mirrored) chars[index] = ch;
    shapedText = chars.join("");
  }
  const para: Paragraph = { text, baseLevel, atoms: [], levels, shapedText };
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const segEnd = bk.position;
    let contentEnd = segEnd;
    while (contentEnd > last && SPACE.test(text[contentEnd - 1] ?? "")) contentEnd--;
    const content = buildPieces(ctx, para, last, contentEnd, false);
    const pieces = [...content, ...buildPieces(ctx, para, contentEnd, segEnd, true, content[content.length - 1]?.face)];
    if (pieces.length) para.atoms.push({ pieces, start: last, end: contentEnd });
    last = segEnd;
  }
  return para;
}

/** Width of a piece in px at `size` with letter-spacing `spacing` px per glyph. */
export function pieceWidth(piece: Piece, size: number, spacing: number): number {
  const base = (piece.run.advance * size) / piece.face.unitsPerEm;
  if (!spacing || piece.cursive) return base;
  return base + spacing * piece.run.glyphs.filter((g) => g.advance !== 0).length;
}

/** Grapheme boundaries of a range, for breaking a word that is longer than the line. */
export function graphemeBounds(text: string, start: number, end: number): number[] {
  const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const bounds: number[] = [];
  for (const g of seg.segment(text.slice(start, end))) bounds.push(start + g.index + g.segment.length);
  return bounds;
}

// Draws laid-out glyph runs into a pdfkit document with our own positions (pdfkit's text() would
// lay the text out again). Fonts are embedded as subsets from the already-parsed fontkit objects,
// and each glyph's characters go into the ToUnicode map so the text stays extractable.
import type { FontFace } from "./font-face.ts";
import { cacheSubsetFile, type SubsetFont } from "./pdf-subset.server.ts";
import type { GlyphRun } from "./text-lines.ts";

/** The parts of pdfkit's EmbeddedFont this module writes to (pdfkit 0.20 internals). */
interface EmbeddedFont {
  id: string;
  ref(): unknown;
  subset: { includeGlyph(gid: number): number };
  unicode: (number[] | undefined)[];
  widths: (number | undefined)[];
}

interface PdfkitInternals {
  _font: EmbeddedFont | null;
  font(src: unknown, family: string): unknown;
  page: { fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

function isEmbeddedFont(value: unknown): value is EmbeddedFont & SubsetFont {
  return typeof value === "object" && value !== null && "subset" in value && "unicode" in value && "widths" in value && "id" in value && "embed" in value;
}

const num = (v: number) => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? "0" : r.toString();
};

export class PdfTextWriter {
  private readonly fonts = new Map<FontFace, EmbeddedFont>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private internals(): PdfkitInternals {
    return this.doc as unknown as PdfkitInternals;
  }

  /** The document's embedded font for a face: registered once, from the parsed fontkit object (no re-parse). */
  private embedded(face: FontFace): EmbeddedFont {
    let ef = this.fonts.get(face);
    if (!ef) {
      const doc = this.internals();
      doc.font(face.font, `marque-${face.id}`);
      const font = doc._font;
      if (!isEmbeddedFont(font)) throw new Error(`pdfkit did not embed ${face.postscriptName} as a subset font`);
      cacheSubsetFile(font, face.info.sha256);
      ef = font;
      this.fonts.set(face, ef);
    }
    return ef;
  }

  /**
   * One BT/ET block per run: Tm at the first glyph, then TJ with adjustments wherever our position
   * differs from the font's own advance (kerning, tracking, justification); a new Tm where a glyph
   * sits off the baseline (marks).
   */
  drawRun(run: GlyphRun): void {
    if (!run.glyphs.length) return;
    this.doc.fillColor(run.colour, run.opacity);
    // A glyph that stands for no character (a dot the shaper split off) has no ToUnicode entry to
    // give; as text it would extract as junk, so it is drawn as its outline instead.
    const text = run.glyphs.filter((g) => g.codePoints.length > 0);
    if (text.length) this.drawText(run, text);
    const k = run.size / run.face.unitsPerEm;
    for (const g of run.glyphs) {
      if (g.codePoints.length) continue;
      this.doc.save().transform(k, 0, 0, -k, g.x, g.y).path(run.face.glyphPath(g.id)).fill(run.colour).restore();
    }
  }

  private drawText(run: GlyphRun, glyphs: GlyphRun["glyphs"]): void {
    const doc = this.internals();
    const ef = this.embedded(run.face);
    doc.page.fonts[ef.id] = ef.ref();
    const size = run.size;
    const unitsToPdf = 1000 / run.face.unitsPerEm;
    const out: string[] = ["BT", `/${ef.id} ${num(size)} Tf`];
    let segment: string[] = [];
    let cursorX = Number.NaN;
    let cursorY = Number.NaN;
    const flush = () => {
      if (segment.length) out.push(`[${segment.join(" ")}] TJ`);
      segment = [];
    };
    for (const g of glyphs) {
      const gid = ef.subset.includeGlyph(g.id);
      const natural = run.face.glyphAdvance(g.id) * unitsToPdf;
      if (ef.widths[gid] == null) ef.widths[gid] = natural;
      if (ef.unicode[gid] == null) ef.unicode[gid] = g.codePoints;
      const hex = `0000${gid.toString(16)}`.slice(-4);
      if (Math.abs(g.y - cursorY) > 1e-6 || Number.isNaN(cursorX)) {
        flush();
        // The page CTM is y-down (pdfkit flips it); the text matrix flips glyphs back upright.
        out.push(`1 0 0 -1 ${num(g.x)} ${num(g.y)} Tm`);
      } else {
        const adjust = ((g.x - cursorX) * 1000) / size;
        if (Math.abs(adjust) > 0.05) segment.push(num(-adjust));
      }
      segment.push(`<${hex}>`);
      cursorX = g.x + (natural * size) / 1000;
      cursorY = g.y;
    }
    flush();
    out.push("ET");
    doc.addContent(out.join("\n"));
  }
}

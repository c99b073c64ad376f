// The fonts a PDF sets text in, held against the kit's: the exact font files (PostScript names read
// from the kit's own font files), the kit's families in another weight or style, or foreign fonts.
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { BrandKit, TypeRole } from "../kit/schema.ts";
import { TYPE_ROLES } from "../kit/schema.ts";
import type { FontRegistry } from "../render/fonts.server.ts";
import { MAX_PDF_PAGES, openPdf } from "./pdf-pages.server.ts";

export type PdfFontUse = {
  /** PostScript name without the subset tag ("PlayfairDisplay-Bold"). */
  name: string;
  /** As written in the file ("ABCDEF+PlayfairDisplay-Bold"). */
  baseFont: string;
  /** Font program type (TrueType, Type1, CIDFontType2…). */
  type: string;
  /** The font program is in the file; when false a printer or viewer substitutes one. */
  embedded: boolean;
  /** 1-based pages (of those read) that set text in it. */
  pages: number[];
};

type PdfFontObject = { name?: string; type?: string; missingFile?: boolean };
const isFontObject = (v: unknown): v is PdfFontObject => typeof v === "object" && v !== null && "name" in v;

/**
 * The fonts the first `maxPages` pages set text in, from their operator lists. The document is opened
 * without pdfjs's standard-font substitutes, so a font that is only referenced reports a missing file.
 */
export async function listPdfFonts(bytes: Uint8Array, opts: { fileName: string; maxPages?: number }): Promise<PdfFontUse[]> {
  const doc = await openPdf(bytes, opts.fileName, { standardFonts: false });
  try {
    const fonts = new Map<string, PdfFontUse>();
    for (let n = 1; n <= Math.min(doc.numPages, opts.maxPages ?? MAX_PDF_PAGES); n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const id = (ops.argsArray[i] as unknown[] | undefined)?.[0];
        if (typeof id !== "string" || !page.commonObjs.has(id)) return;
        const font: unknown = page.commonObjs.get(id);
        if (!isFontObject(font) || !font.name) return;
        const use = fonts.get(font.name) ?? {
          name: font.name.replace(/^[A-Z]{6}\+/, ""),
          baseFont: font.name,
          type: font.type ?? "unknown",
          embedded: font.missingFile !== true,
          pages: [],
        };
        if (!use.pages.includes(n)) use.pages.push(n);
        fonts.set(font.name, use);
      });
      page.cleanup();
    }
    return [...fonts.values()].sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await doc.destroy();
  }
}

export type KitFace = { role: TypeRole; family: string; postscriptName?: string };

export type FontStatus = "kit-file" | "kit-family" | "not-in-kit";
export type FontVerdict = PdfFontUse & {
  status: FontStatus;
  /** Kit roles whose family (or file) this font is. */
  roles: TypeRole[];
};

export type FontReport = {
  used: FontVerdict[];
  kit: { role: TypeRole; family: string; files: string[] }[];
  /** Fonts that are none of the kit's families. */
  foreign: FontVerdict[];
  /** Fonts referenced but not embedded: the printer substitutes them. */
  notEmbedded: FontVerdict[];
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const STYLE_WORDS = /^(regular|roman|book|normal|thin|hairline|extralight|ultralight|light|medium|semibold|demibold|bold|extrabold|ultrabold|black|heavy|italic|oblique|it|condensed|expanded|mt|ps|display|text|variable|vf)*$/;

/** Does the PostScript name belong to the family ("PlayfairDisplay-BoldItalic" is Playfair Display)? */
export function isFamily(postscriptName: string, family: string): boolean {
  const ps = norm(postscriptName.replace(/^[A-Z]{6}\+/, "").split(/[-,]/)[0] ?? "");
  const fam = norm(family);
  if (!fam || !ps.startsWith(fam)) return false;
  const rest = norm(postscriptName.replace(/^[A-Z]{6}\+/, "")).slice(fam.length);
  return ps === fam || STYLE_WORDS.test(rest);
}

/** Pure: classes each used font against the kit's faces. */
export function judgeFonts(used: readonly PdfFontUse[], kitFaces: readonly KitFace[]): FontReport {
  const verdicts = used.map((font): FontVerdict => {
    const files = kitFaces.filter((k) => k.postscriptName && k.postscriptName === font.name);
    if (files.length) return { ...font, status: "kit-file", roles: unique(files.map((k) => k.role)) };
    const family = kitFaces.filter((k) => isFamily(font.name, k.family));
    if (family.length) return { ...font, status: "kit-family", roles: unique(family.map((k) => k.role)) };
    return { ...font, status: "not-in-kit", roles: [] };
  });
  const kit = TYPE_ROLES.map((role) => {
    const faces = kitFaces.filter((k) => k.role === role);
    return { role, family: faces[0]?.family ?? "", files: faces.flatMap((k) => (k.postscriptName ? [k.postscriptName] : [])) };
  });
  return {
    used: verdicts,
    kit,
    foreign: verdicts.filter((v) => v.status === "not-in-kit"),
    notEmbedded: verdicts.filter((v) => !v.embedded),
  };
}

/** The kit's faces with the PostScript names of its font files (a role without files: its family only). */
export function kitFaces(kit: BrandKit, fonts: FontRegistry): KitFace[] {
  return TYPE_ROLES.flatMap((role) => {
    const { family, files } = kit.typography[role];
    if (!files.length) return [{ role, family }];
    return files.map((file) => ({ role, family, postscriptName: fonts.face({ role, weight: file.weight, style: file.style }).postscriptName }));
  });
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

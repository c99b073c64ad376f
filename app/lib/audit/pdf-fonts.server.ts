// The fonts a PDF sets text in, held against the kit's: the exact font files (PostScript names read
// from the kit's own font files), the kit's families in another weight or style, or foreign fonts.
import type { BrandKit, TypeRole } from "../kit/schema.ts";
import { TYPE_ROLES } from "../kit/schema.ts";
import type { FontRegistry } from "../render/fonts.server.ts";
import type { PdfFontUse } from "./pdf-pages.server.ts";

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

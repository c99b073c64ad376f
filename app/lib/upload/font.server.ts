// Uploaded font files: checked byte by byte (container, table directory, required tables), read with
// fontkit for family/weight/style, WOFF2 converted to TTF/OTF (pdfkit's subsetter cannot read WOFF2),
// and finally embedded in a throwaway PDF so a font pdfkit chokes on fails now, not at export time.
// Everything that parses font tables runs in a worker with a heap limit (font-probe.server.ts).
import { createRequire } from "node:module";
import { UploadError, assertMaxBytes, leadingBytes } from "./errors.ts";
import { probeFont, type FontFacts } from "./font-probe.server.ts";
import { checkSfntStructure, checkWoffStructure, sfntFormat } from "./font-structure.ts";

export type FontFormat = "ttf" | "otf" | "woff";
export type ParsedFont = {
  family: string;
  subfamily: string;
  weight: number;
  style: "normal" | "italic";
  format: FontFormat;
  /** The bytes to store: the upload itself, or the TTF/OTF converted from a WOFF2. */
  bytes: Uint8Array;
  glyphCount: number;
  postscriptName: string;
};

export const DEFAULT_FONT_MAX_BYTES = 16 * 1024 * 1024;
/** A WOFF2 declaring a larger decompressed font than this is refused before decompression. */
const MAX_SFNT_BYTES = 64 * 1024 * 1024;

// wawoff2 is CommonJS with no type declarations; this is the part of it we use.
const wawoff2 = createRequire(import.meta.url)("wawoff2") as { decompress(src: Uint8Array): Promise<Uint8Array> };

const WEIGHT_WORDS: [RegExp, number][] = [
  [/hairline|thin/i, 100],
  [/extra\s*light|ultra\s*light/i, 200],
  [/light/i, 300],
  [/semi\s*bold|demi\s*bold/i, 600],
  [/extra\s*bold|ultra\s*bold/i, 800],
  [/black|heavy/i, 900],
  [/bold/i, 700],
  [/medium/i, 500],
];

/** Validates an uploaded font and reads what the kit needs; throws UploadError naming the problem. */
export async function parseFontUpload(bytes: Uint8Array, fileName: string, opts: { maxBytes?: number } = {}): Promise<ParsedFont> {
  assertMaxBytes(bytes, opts.maxBytes ?? DEFAULT_FONT_MAX_BYTES, fileName);
  if (bytes.length === 0) throw new UploadError(fileName, "the file is empty");
  const tag = Buffer.from(bytes.subarray(0, 4)).toString("latin1");

  let sfnt: Buffer;
  let format: FontFormat;
  if (tag === "wOF2") {
    sfnt = await fromWoff2(bytes, fileName);
    format = sfntFormat(sfnt) ?? "ttf";
    checkSfntStructure(sfnt, fileName);
  } else if (tag === "wOFF") {
    sfnt = Buffer.from(bytes);
    format = "woff";
    checkWoffStructure(sfnt, fileName, MAX_SFNT_BYTES);
  } else if (tag === "ttcf") {
    // Refused rather than picking a face: which face the user meant is a guess, and the stored
    // file would still hold all of them. The probe names the faces for the message.
    const probe = await probeFont(bytes);
    throw collectionError(fileName, probe.kind === "collection" ? probe.faces : []);
  } else {
    const kind = sfntFormat(bytes);
    if (!kind) throw new UploadError(fileName, `not a font file (${describeNonFont(bytes)})`);
    sfnt = Buffer.from(bytes);
    format = kind;
    checkSfntStructure(sfnt, fileName);
  }

  const probe = await probeFont(sfnt);
  if (probe.kind === "collection") throw collectionError(fileName, probe.faces);
  if (probe.kind === "limit") {
    const what = probe.reason === "memory" ? "needed more memory than any sane font" : "took too long";
    throw new UploadError(fileName, `corrupt font (reading it ${what})`);
  }
  if (probe.kind === "error") throw new UploadError(fileName, STAGE_PROBLEM[probe.stage](probe.message));
  const meta = interpret(probe.facts, fileName);
  return { ...meta, format, bytes: tag === "wOF2" ? new Uint8Array(sfnt) : bytes };
}

const STAGE_PROBLEM: Record<"open" | "names" | "glyphs" | "pdf", (message: string) => string> = {
  open: (m) => `corrupt font (it cannot be opened: ${m})`,
  names: (m) => `corrupt font (its name or OS/2 table cannot be read: ${m})`,
  glyphs: (m) => `corrupt font (drawing sample text failed: ${m})`,
  pdf: (m) => `the PDF engine cannot embed this font (${m})`,
};

async function fromWoff2(bytes: Uint8Array, fileName: string): Promise<Buffer> {
  const declared = bytes.length >= 20 ? Buffer.from(bytes).readUInt32BE(16) : 0;
  if (declared > MAX_SFNT_BYTES) {
    throw new UploadError(fileName, `the WOFF2 font would unpack to ${Math.round(declared / 1048576)} MB; refused`);
  }
  try {
    const out = Buffer.from(await wawoff2.decompress(bytes));
    if (out.length === 0) throw new Error("empty output");
    return out;
  } catch (error) {
    throw new UploadError(fileName, `corrupt WOFF2 font (it could not be unpacked: ${reason(error)})`, { cause: error });
  }
}

type FontMeta = Omit<ParsedFont, "format" | "bytes">;

function interpret(facts: FontFacts, fileName: string): FontMeta {
  // Typographic family/subfamily (name IDs 16/17) were preferred in the probe: they group all weights.
  const family = cleanName(facts.family);
  const subfamily = cleanName(facts.subfamily) || "Regular";
  if (!family) throw new UploadError(fileName, "the font has no family name in its name table");
  if (facts.glyphCount < 2) throw new UploadError(fileName, "the font has no glyphs");
  if (facts.locaEntries !== null && facts.locaEntries < facts.glyphCount + 1) {
    throw new UploadError(fileName, `corrupt font (maxp declares ${facts.glyphCount} glyphs but loca locates ${Math.max(0, facts.locaEntries - 1)})`);
  }
  if (facts.hMetrics !== null && (facts.hMetrics < 1 || facts.hMetrics > facts.glyphCount)) {
    throw new UploadError(fileName, `corrupt font (hhea declares ${facts.hMetrics} metrics for ${facts.glyphCount} glyphs)`);
  }
  if (!(facts.sampleWidth > 0)) throw new UploadError(fileName, "corrupt font (sample text has no width: its metrics are empty)");
  if (facts.noEmbedding) {
    throw new UploadError(fileName, "the font's licence flags forbid embedding it in documents (OS/2 fsType: restricted); ask the foundry for an embeddable version");
  }
  const italic = facts.italicFlag || facts.italicAngle !== 0 || /italic|oblique/i.test(subfamily);
  return {
    family,
    subfamily,
    weight: weightOf(facts.usWeightClass ?? undefined, subfamily),
    style: italic ? "italic" : "normal",
    glyphCount: facts.glyphCount,
    postscriptName: cleanName(facts.postscriptName),
  };
}

/**
 * usWeightClass, except that many fonts declare Thin as 250 and ExtraLight as 275 (so old Windows GDI
 * would not fake-bold them): when the value is off the hundreds and the style name has a weight word,
 * the word wins. Old fonts' 1–9 scale is multiplied up; no usable value falls back to the word, then 400.
 */
export function weightOf(usWeightClass: number | undefined, subfamily: string): number {
  const fromWords = WEIGHT_WORDS.find(([words]) => words.test(subfamily))?.[1];
  if (usWeightClass && usWeightClass >= 1 && usWeightClass <= 9) return usWeightClass * 100;
  if (usWeightClass && usWeightClass >= 100 && usWeightClass <= 1000) {
    if (usWeightClass % 100 !== 0 && fromWords) return fromWords;
    return Math.min(900, Math.round(usWeightClass));
  }
  return fromWords ?? 400;
}

function collectionError(fileName: string, faces: string[]): UploadError {
  const names = faces.map(cleanName);
  const listed = names.length ? ` holds ${names.length} faces (${names.slice(0, 6).join(", ")}${names.length > 6 ? ", ..." : ""}) and` : "";
  return new UploadError(fileName, `font collections (.ttc) are not accepted: this file${listed} needs splitting; upload each face as its own .ttf or .otf`);
}

function describeNonFont(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4)).toString("latin1");
  if (head === "PK\u0003\u0004") return "it is a ZIP archive; unzip it and upload the .ttf, .otf or .woff inside";
  if (head === "%PDF") return "it is a PDF document";
  return `starts with bytes ${leadingBytes(bytes)}`;
}

function cleanName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim().slice(0, 80);
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.slice(0, 120);
}

// Byte-level checks of a font container before fontkit reads it: fontkit trusts table offsets and
// fails late (or reads garbage) on a truncated file, so the table directory is checked here first.
import { UploadError } from "./errors.ts";

const REQUIRED = ["cmap", "head", "hhea", "hmtx", "maxp", "name"];

/** "ttf" or "otf" for a bare OpenType/TrueType font, by its sfnt version; null otherwise. */
export function sfntFormat(bytes: Uint8Array): "ttf" | "otf" | null {
  if (bytes.length < 4) return null;
  const version = Buffer.from(bytes.subarray(0, 4));
  if (version.equals(Buffer.from([0, 1, 0, 0])) || version.toString("latin1") === "true") return "ttf";
  if (version.toString("latin1") === "OTTO") return "otf";
  return null;
}

/** Throws when the table directory is cut off, points past the end, or lacks a required table. */
export function checkSfntStructure(font: Buffer, fileName: string): void {
  if (font.length < 12) throw truncated(fileName, `only ${font.length} bytes`);
  const count = font.readUInt16BE(4);
  if (count === 0 || count > 256) throw new UploadError(fileName, `corrupt font (its header lists ${count} tables)`);
  if (12 + 16 * count > font.length) throw truncated(fileName, "the table directory is cut off");
  const tags: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = tableTag(font, at, fileName);
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    if (offset + length > font.length) throw truncated(fileName, `the '${tag.trim()}' table runs past the end of the file`);
    tags.push(tag);
  }
  checkRequiredTables(tags, fileName);
}

/** The same checks for WOFF 1.0, plus the header's own length and the declared unpacked size. */
export function checkWoffStructure(woff: Buffer, fileName: string, maxSfntBytes: number): void {
  if (woff.length < 44) throw truncated(fileName, `only ${woff.length} bytes`);
  if (!sfntFormat(woff.subarray(4, 8))) throw new UploadError(fileName, "corrupt WOFF font (unknown flavour)");
  const declared = woff.readUInt32BE(8);
  if (declared !== woff.length) {
    throw truncated(fileName, `its header says ${declared} bytes but the file has ${woff.length}`);
  }
  if (woff.readUInt32BE(16) > maxSfntBytes) {
    throw new UploadError(fileName, `the WOFF font would unpack to ${Math.round(woff.readUInt32BE(16) / 1048576)} MB; refused`);
  }
  const count = woff.readUInt16BE(12);
  if (count === 0 || count > 256) throw new UploadError(fileName, `corrupt WOFF font (its header lists ${count} tables)`);
  if (44 + 20 * count > woff.length) throw truncated(fileName, "the table directory is cut off");
  const tags: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = 44 + 20 * i;
    const tag = tableTag(woff, at, fileName);
    const offset = woff.readUInt32BE(at + 4);
    const packed = woff.readUInt32BE(at + 8);
    const unpacked = woff.readUInt32BE(at + 12);
    if (offset + packed > woff.length) throw truncated(fileName, `the '${tag.trim()}' table runs past the end of the file`);
    if (packed > unpacked) throw new UploadError(fileName, `corrupt WOFF font (the '${tag.trim()}' table is larger packed than unpacked)`);
    tags.push(tag);
  }
  checkRequiredTables(tags, fileName);
}

function tableTag(bytes: Buffer, at: number, fileName: string): string {
  const tag = bytes.toString("latin1", at, at + 4);
  if (!/^[\x20-\x7e]{4}$/.test(tag)) throw new UploadError(fileName, "corrupt font (its table directory holds garbage)");
  return tag;
}

function checkRequiredTables(tags: string[], fileName: string) {
  const missing = REQUIRED.filter((t) => !tags.includes(t));
  if (missing.length) throw new UploadError(fileName, `corrupt or incomplete font (no ${missing.map((t) => `'${t}'`).join(", ")} table)`);
  const outlines = (tags.includes("glyf") && tags.includes("loca")) || tags.includes("CFF ") || tags.includes("CFF2");
  if (!outlines) throw new UploadError(fileName, "the font has no glyph outlines (no 'glyf'/'loca' or 'CFF' table); bitmap-only fonts cannot be embedded");
}

function truncated(fileName: string, detail: string): UploadError {
  return new UploadError(fileName, `the font file is truncated or corrupt (${detail})`);
}

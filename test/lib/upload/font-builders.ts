// Builds font containers from a plain TTF for the upload tests: WOFF 1.0 (zlib per table), a TrueType
// collection, and surgery on table records. Follows the WOFF 1.0 and OpenType specs byte by byte.
import { deflateSync } from "node:zlib";

type TableRecord = { tag: string; checksum: number; offset: number; length: number };

export function sfntTables(font: Buffer): TableRecord[] {
  const count = font.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 12 + i * 16;
    return { tag: font.toString("latin1", at, at + 4), checksum: font.readUInt32BE(at + 4), offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) };
  });
}

const pad4 = (n: number) => (n + 3) & ~3;

/** A WOFF 1.0 file holding the same tables as `font`. */
export function toWoff(font: Buffer): Buffer {
  const tables = sfntTables(font).sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const directory = Buffer.alloc(20 * tables.length);
  const chunks: Buffer[] = [];
  let offset = 44 + directory.length;
  tables.forEach((t, i) => {
    const raw = font.subarray(t.offset, t.offset + t.length);
    const packed = deflateSync(raw);
    const data = packed.length < raw.length ? packed : raw;
    directory.write(t.tag, i * 20, "latin1");
    directory.writeUInt32BE(offset, i * 20 + 4);
    directory.writeUInt32BE(data.length, i * 20 + 8);
    directory.writeUInt32BE(t.length, i * 20 + 12);
    directory.writeUInt32BE(t.checksum, i * 20 + 16);
    const padded = Buffer.alloc(pad4(data.length));
    data.copy(padded);
    chunks.push(padded);
    offset += padded.length;
  });
  const header = Buffer.alloc(44);
  header.write("wOFF", 0, "latin1");
  header.writeUInt32BE(font.readUInt32BE(0), 4);
  header.writeUInt32BE(offset, 8);
  header.writeUInt16BE(tables.length, 12);
  header.writeUInt32BE(12 + 16 * tables.length + tables.reduce((sum, t) => sum + pad4(t.length), 0), 16);
  header.writeUInt16BE(1, 20);
  return Buffer.concat([header, directory, ...chunks]);
}

/** A TrueType collection (.ttc) holding each font; table data is copied per font, offsets rewritten. */
export function toCollection(fonts: Buffer[]): Buffer {
  const headerLength = 12 + 4 * fonts.length;
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let position = headerLength;
  for (const font of fonts) {
    const tables = sfntTables(font);
    const directoryLength = 12 + 16 * tables.length;
    const directory = Buffer.from(font.subarray(0, directoryLength));
    const data: Buffer[] = [];
    let at = position + directoryLength;
    tables.forEach((t, i) => {
      directory.writeUInt32BE(at, 12 + i * 16 + 8);
      const padded = Buffer.alloc(pad4(t.length));
      font.copy(padded, 0, t.offset, t.offset + t.length);
      data.push(padded);
      at += padded.length;
    });
    offsets.push(position);
    parts.push(directory, ...data);
    position = at;
  }
  const header = Buffer.alloc(headerLength);
  header.write("ttcf", 0, "latin1");
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  offsets.forEach((o, i) => header.writeUInt32BE(o, 12 + 4 * i));
  return Buffer.concat([header, ...parts]);
}

/** A copy of `font` with one table's bytes replaced by `fill` (length kept), to corrupt its content. */
export function withTableFilled(font: Buffer, tag: string, fill: number): Buffer {
  const copy = Buffer.from(font);
  const table = sfntTables(font).find((t) => t.tag === tag);
  if (!table) throw new Error(`no ${tag} table`);
  copy.fill(fill, table.offset, table.offset + table.length);
  return copy;
}

/** A copy of `font` with one table's tag renamed, so the font appears to lack that table. */
export function withTableRenamed(font: Buffer, tag: string, to: string): Buffer {
  const copy = Buffer.from(font);
  const index = sfntTables(font).findIndex((t) => t.tag === tag);
  if (index === -1) throw new Error(`no ${tag} table`);
  copy.write(to, 12 + index * 16, "latin1");
  return copy;
}

/** A copy of `font` with the OS/2 fsType set (0x0002 = restricted licence: no embedding). */
export function withFsType(font: Buffer, fsType: number): Buffer {
  const copy = Buffer.from(font);
  const os2 = sfntTables(font).find((t) => t.tag === "OS/2");
  if (!os2) throw new Error("no OS/2 table");
  copy.writeUInt16BE(fsType, os2.offset + 8);
  return copy;
}

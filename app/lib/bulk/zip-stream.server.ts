// A ZIP streamed one member at a time, so a 500-file bulk download never holds every file in memory.
// Members are stored (PNG/JPEG/WebP/PDF gain little from deflate) and the size of the whole archive is
// known before the first byte: local header + data + central entry per member, then the end record.
// Plain ZIP (no ZIP64): at most 65 535 members and 4 GiB, checked up front.

export interface StreamEntry {
  name: string;
  /** Exact byte length of what `read()` returns (checked when read). */
  size: number;
  read: () => Promise<Uint8Array>;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A fixed 2020-01-01 00:00 in DOS format: the same files give the same archive.
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 1 << 11;

export function zipStreamSize(entries: readonly { name: string; size: number }[]): number {
  return entries.reduce((sum, e) => sum + 30 + 46 + 2 * Buffer.byteLength(e.name) + e.size, 22);
}

function localHeader(name: Buffer, crc: number, size: number): Uint8Array {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4); // version needed
  b.writeUInt16LE(UTF8_NAMES, 6);
  b.writeUInt16LE(0, 8); // stored
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(crc, 14);
  b.writeUInt32LE(size, 18);
  b.writeUInt32LE(size, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  return Buffer.concat([b, name]);
}

function centralEntry(name: Buffer, crc: number, size: number, offset: number): Uint8Array {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(20, 4); // made by
  b.writeUInt16LE(20, 6); // needed
  b.writeUInt16LE(UTF8_NAMES, 8);
  b.writeUInt16LE(0, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(crc, 16);
  b.writeUInt32LE(size, 20);
  b.writeUInt32LE(size, 24);
  b.writeUInt16LE(name.length, 28);
  // extra, comment, disk, internal attributes: 0; external attributes: 0; then the offset.
  b.writeUInt32LE(offset, 42);
  return Buffer.concat([b, name]);
}

function endRecord(count: number, centralSize: number, centralOffset: number): Uint8Array {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(centralSize, 12);
  b.writeUInt32LE(centralOffset, 16);
  return b;
}

/** The archive as a byte stream and its exact length (for Content-Length). Names must already be safe and unique. */
export function zipStream(entries: readonly StreamEntry[]): { stream: ReadableStream<Uint8Array>; size: number } {
  const size = zipStreamSize(entries);
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} files; a ZIP without ZIP64 holds at most 65535`);
  if (size > 0xffffffff) throw new Error("zip: larger than 4 GiB; download fewer files at once");
  const central: Uint8Array[] = [];
  let offset = 0;
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const entry = entries[index++];
      if (!entry) {
        const centralSize = central.reduce((s, c) => s + c.length, 0);
        for (const c of central) controller.enqueue(c);
        controller.enqueue(endRecord(entries.length, centralSize, offset));
        controller.close();
        return;
      }
      const bytes = await entry.read();
      if (bytes.length !== entry.size) throw new Error(`zip: ${entry.name} is ${bytes.length} bytes, expected ${entry.size}`);
      const name = Buffer.from(entry.name, "utf8");
      const crc = crc32(bytes);
      const header = localHeader(name, crc, bytes.length);
      central.push(centralEntry(name, crc, bytes.length, offset));
      offset += header.length + bytes.length;
      controller.enqueue(header);
      controller.enqueue(bytes);
    },
  });
  return { stream, size };
}

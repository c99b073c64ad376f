// Bytes of an uploaded SVG to text: UTF-8 (the norm), UTF-16 with a BOM, or a declared Latin-1.
// Binary files and gzip (.svgz) are refused here with a message that says what the file really is.
import { UploadError, leadingBytes } from "./errors.ts";

const SIGNATURES: [string, number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["a ZIP archive", [0x50, 0x4b, 0x03, 0x04]],
];

export function decodeSvgText(bytes: Uint8Array, fileName: string): string {
  const startsWith = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  for (const [what, sig] of SIGNATURES) {
    if (startsWith(sig)) throw new UploadError(fileName, `this is ${what}, not an SVG`);
  }
  if (startsWith([0x1f, 0x8b])) throw new UploadError(fileName, "compressed SVG (.svgz) is not accepted; upload the plain .svg");
  if (startsWith([0xff, 0xfe])) return decode("utf-16le", bytes.subarray(2), fileName);
  if (startsWith([0xfe, 0xff])) return decode("utf-16be", bytes.subarray(2), fileName);
  const body = startsWith([0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (body.subarray(0, 1024).includes(0)) {
    throw new UploadError(fileName, `binary data, not an SVG (starts with bytes ${leadingBytes(bytes)})`);
  }
  const head = Buffer.from(body.subarray(0, 200)).toString("latin1");
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (!declared || ["utf-8", "utf8", "us-ascii", "ascii"].includes(declared)) return decode("utf-8", body, fileName);
  if (["iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"].includes(declared)) return decode("windows-1252", body, fileName);
  throw new UploadError(fileName, `SVG text encoding "${declared.slice(0, 30)}" is not supported; save it as UTF-8`);
}

function decode(encoding: string, bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new UploadError(fileName, `SVG is not valid ${encoding.toUpperCase()} text`);
  }
}

// ZIP archives for downloads (all formats of a design, bulk renders). Already-compressed files
// (PNG, JPEG, WebP, AVIF) are stored, not deflated again: it costs time and saves nothing.
import { zipSync, type Zippable } from "fflate";

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const STORED = /\.(png|jpe?g|webp|avif|zip|mp4|woff2?)$/i;

/** A safe entry name: no folders climbing out, no absolute paths, no control characters. */
export function safeEntryName(name: string): string {
  const clean = name
    .replace(/\\/g, "/")
    .split("/")
    .map((part) => part.replace(/[\u0000-\u001f\u007f"*:<>?|]/g, "_").trim())
    .filter((part) => part && part !== "." && part !== "..")
    .join("/");
  return clean || "file";
}

/** Builds a ZIP; repeated names get " (2)", " (3)" before the extension instead of overwriting. */
export function zipFiles(entries: readonly ZipEntry[], opts: { mtime?: Date } = {}): Uint8Array {
  const files: Zippable = {};
  const taken = new Set<string>();
  // A fixed time keeps archives of the same files byte-identical (and valid: DOS dates start in 1980).
  const mtime = opts.mtime ?? new Date(Date.UTC(2020, 0, 1));
  for (const entry of entries) {
    let name = safeEntryName(entry.name);
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const base = safeEntryName(entry.name);
      const dot = base.lastIndexOf(".");
      name = dot > 0 ? `${base.slice(0, dot)} (${n})${base.slice(dot)}` : `${base} (${n})`;
    }
    taken.add(name.toLowerCase());
    files[name] = [entry.bytes, { level: STORED.test(name) ? 0 : 6, mtime }];
  }
  return zipSync(files);
}

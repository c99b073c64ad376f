// Resolves the `src` of a kit's fonts and logos to bytes. Forms: `sha256:<hex>` (stored blob),
// `data:<mime>;base64,...`, `npm:<package>/<file>` (bundled font packages) and — only when the caller
// names a base folder (CLI, seeding) — a path relative to the kit file that must stay inside that folder.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { getBlobStore } from "../../storage.server.ts";

export class FileRefError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "FileRefError";
  }
}

export interface ResolveOptions {
  /** Folder that relative paths are resolved against; without it relative paths are refused. */
  baseDir?: string;
  /** Largest accepted payload in bytes. */
  maxBytes?: number;
}

const ALLOWED_EXT = /\.(ttf|otf|woff2?|svg|png|jpe?g|webp)$/i;
const require = createRequire(import.meta.url);

export function isStoredRef(src: string): boolean {
  return /^sha256:[0-9a-f]{64}$/.test(src);
}

export function storedRef(key: string): string {
  return `sha256:${key}`;
}

/** Reads the bytes a file reference points at, or throws FileRefError naming `field`. */
export async function resolveFileRef(src: string, field: string, opts: ResolveOptions = {}): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  let bytes: Buffer;
  if (src.startsWith("sha256:")) {
    if (!isStoredRef(src)) throw new FileRefError(field, "a sha256 reference needs 64 lower-case hex digits");
    const store = getBlobStore();
    const key = src.slice(7);
    if (!(await store.has(key))) throw new FileRefError(field, `stored file ${key.slice(0, 12)}… is missing`);
    bytes = await store.get(key);
  } else if (src.startsWith("data:")) {
    const match = /^data:([a-z0-9.+/-]+)?(;[a-z0-9=.-]+)*;base64,([A-Za-z0-9+/=\s]*)$/i.exec(src);
    if (!match) throw new FileRefError(field, "only base64 data: URIs are accepted");
    bytes = Buffer.from(match[3] ?? "", "base64");
  } else if (src.startsWith("npm:")) {
    bytes = await readFile(resolveNpmRef(src, field));
  } else {
    if (!opts.baseDir) throw new FileRefError(field, `"${src.slice(0, 80)}" is a file path; only sha256: and data: references are accepted here`);
    bytes = await readFile(resolveRelative(src, field, opts.baseDir)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new FileRefError(field, `file "${src}" not found next to the kit file`);
      throw error;
    });
  }
  if (bytes.length === 0) throw new FileRefError(field, "the file is empty");
  if (bytes.length > maxBytes) throw new FileRefError(field, `the file is ${bytes.length} bytes; the limit is ${maxBytes}`);
  return bytes;
}

function resolveNpmRef(src: string, field: string): string {
  const spec = src.slice(4);
  if (!ALLOWED_EXT.test(spec) || spec.includes("..") || spec.includes("\\") || path.isAbsolute(spec)) {
    throw new FileRefError(field, `"${src.slice(0, 80)}" must name a font or image file inside an npm package`);
  }
  try {
    const resolved = require.resolve(spec);
    if (!resolved.split(path.sep).includes("node_modules")) throw new Error("outside node_modules");
    return resolved;
  } catch {
    throw new FileRefError(field, `"${src.slice(0, 80)}" is not installed (is the npm package in package.json?)`);
  }
}

function resolveRelative(src: string, field: string, baseDir: string): string {
  const base = path.resolve(baseDir);
  const target = path.resolve(base, src);
  if (path.isAbsolute(src) || !target.startsWith(base + path.sep) || !ALLOWED_EXT.test(src)) {
    throw new FileRefError(field, `"${src.slice(0, 80)}" must be a font or image file inside the kit's folder`);
  }
  return target;
}

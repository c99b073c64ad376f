// Binary storage behind a small interface: content-addressed by sha256, written to a temp file and
// renamed into place so a crash never leaves half a file. Local disk today; object storage later.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile, readdir } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server.ts";

export interface BlobStore {
  /** Stores bytes, returns their sha256 key (hex). Idempotent. */
  put(bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(): Promise<string[]>;
}

const KEY = /^[0-9a-f]{64}$/;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function assertKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Invalid storage key "${key.slice(0, 80)}": expected 64 hex characters`);
  return key;
}

export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathFor(key: string) {
    assertKey(key);
    return path.join(this.root, "blobs", key.slice(0, 2), key);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = sha256(bytes);
    const target = this.pathFor(key);
    if (await this.has(key)) return key;
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return key;
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathFor(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`Stored file ${key} is missing`);
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(key))).isFile();
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  async list(): Promise<string[]> {
    const base = path.join(this.root, "blobs");
    const out: string[] = [];
    let dirs: string[] = [];
    try {
      dirs = await readdir(base);
    } catch {
      return out;
    }
    for (const d of dirs) {
      for (const f of await readdir(path.join(base, d))) if (KEY.test(f)) out.push(f);
    }
    return out.sort();
  }
}

// Work on one blob key (record a row that uses it, decide it is unused and delete it) is serialised in
// this process, so a delete that found no user cannot remove a blob under a record about to add one.
const blobLocks = new Map<string, Promise<unknown>>();
export async function withBlobLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = blobLocks.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => {});
  blobLocks.set(key, tail);
  try {
    return await run;
  } finally {
    if (blobLocks.get(key) === tail) blobLocks.delete(key);
  }
}

let store: BlobStore | undefined;

export function getBlobStore(): BlobStore {
  return (store ??= new LocalBlobStore(path.resolve(getEnv().MARQUE_DATA_DIR)));
}

// Write-to-temp-then-rename, so a crash or a failed render never leaves half a file behind.
import { randomBytes } from "node:crypto";
import { linkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeFileAtomic(target: string, data: string | Uint8Array) {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Synchronous variant with a file mode. `exclusive`: never replace an existing file — when two processes
 * race to create it, the first wins and the second keeps the winner's content (hard link, not rename).
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array, opts: { mode?: number; exclusive?: boolean } = {}) {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: opts.mode ?? 0o644 });
    if (!opts.exclusive) return renameSync(tmp, target);
    try {
      linkSync(tmp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

// `marque library check`: stored files against database rows. An orphan is a blob nothing refers to
// (left by a crash between writing a file and recording it, or by a failed delete); a missing file
// is a row whose blob is gone. Repair removes orphans, re-renders missing assets that can be made
// again and deletes the rows that cannot. Fonts, logos and video outputs are only reported: their
// bytes cannot be made again here.
import { prisma } from "../db.server.ts";
import { getBlobStore } from "../storage.server.ts";
import { rerenderAsset } from "../lib/rerender/rerender-asset.server.ts";
import { RerenderError } from "../lib/rerender/source.server.ts";
import { errorMessage } from "../lib/errors.ts";
import { blobUser, referencedBlobs } from "./library-blobs.server.ts";
import { withBlobLock } from "../storage.server.ts";
import { deleteAssetAndFiles } from "./library.server.ts";

export interface OrphanBlob {
  key: string;
  bytes: number;
  action: "none" | "removed" | "kept";
  detail: string;
}

export interface MissingFile {
  kind: "asset" | "font" | "logo" | "video";
  id: string;
  key: string;
  label: string;
  action: "none" | "rerendered" | "restored" | "deleted" | "failed";
  detail: string;
}

export interface LibraryCheckReport {
  blobs: number;
  rows: number;
  orphans: OrphanBlob[];
  missing: MissingFile[];
  repaired: boolean;
  /** Nothing wrong, or everything wrong was repaired. */
  clean: boolean;
}

async function missingFiles(stored: Set<string>): Promise<{ rows: number; missing: MissingFile[] }> {
  const [assets, fonts, logos, videos] = await Promise.all([
    prisma.asset.findMany({ where: { supersededById: null }, select: { id: true, storageKey: true, templateId: true, format: true, kit: { select: { slug: true } } }, orderBy: { createdAt: "asc" } }),
    prisma.fontFile.findMany({ select: { sha256: true, family: true, subfamily: true } }),
    prisma.logoFile.findMany({ select: { sha256: true, originalName: true } }),
    prisma.videoJob.findMany({ select: { id: true, outputs: true } }),
  ]);
  const missing: MissingFile[] = [];
  const none = { action: "none" as const, detail: "" };
  for (const a of assets) if (!stored.has(a.storageKey)) missing.push({ kind: "asset", id: a.id, key: a.storageKey, label: `${a.templateId} ${a.format} (${a.kit.slug})`, ...none });
  for (const f of fonts) if (!stored.has(f.sha256)) missing.push({ kind: "font", id: f.sha256, key: f.sha256, label: `font ${f.family} ${f.subfamily}`, ...none });
  for (const l of logos) if (!stored.has(l.sha256)) missing.push({ kind: "logo", id: l.sha256, key: l.sha256, label: `logo ${l.originalName}`, ...none });
  for (const v of videos) {
    for (const key of v.outputs.match(/[0-9a-f]{64}/g) ?? []) if (!stored.has(key)) missing.push({ kind: "video", id: v.id, key, label: `output of video job ${v.id}`, ...none });
  }
  return { rows: assets.length + fonts.length + logos.length + videos.length, missing };
}

async function repairMissing(m: MissingFile): Promise<void> {
  if (m.kind !== "asset") {
    m.detail = "its bytes cannot be made again here; upload the file again";
    return;
  }
  try {
    const outcome = await rerenderAsset(m.id);
    m.action = outcome.status === "restored" ? "restored" : "rerendered";
    m.detail = outcome.status === "restored" ? "rendered again into the same file" : `rendered again as asset ${outcome.newAssetId}`;
  } catch (error) {
    if (error instanceof RerenderError && (error.kind === "source" || error.kind === "gone")) {
      await deleteAssetAndFiles(m.id).catch(() => null);
      m.action = "deleted";
      m.detail = `row deleted: ${error.reason}`;
    } else {
      m.action = "failed";
      m.detail = `could not re-render (${error instanceof RerenderError ? error.reason : errorMessage(error)}); row kept`;
    }
  }
}

/** Compares stored blobs with the rows that refer to them; with `repair`, fixes what it can. */
export async function checkLibrary(opts: { repair?: boolean } = {}): Promise<LibraryCheckReport> {
  const store = getBlobStore();
  const blobs = await store.list();
  const stored = new Set(blobs);
  const { rows, missing } = await missingFiles(stored);
  // Missing files are repaired first: a re-render may write a blob that would otherwise look orphaned.
  if (opts.repair) for (const m of missing) await repairMissing(m);

  const refs = await referencedBlobs();
  const orphans: OrphanBlob[] = [];
  for (const key of blobs) {
    if (refs.has(key) || !(await store.has(key))) continue;
    const bytes = (await store.get(key)).length;
    orphans.push({ key, bytes, action: "none", detail: "" });
  }
  if (opts.repair) {
    for (const o of orphans) {
      // Checked once more under the lock: a row may have been recorded since the scan.
      await withBlobLock(o.key, async () => {
        const user = await blobUser(o.key, { freshTables: true });
        if (user) {
          o.action = "kept";
          o.detail = `now used by ${user}`;
        } else {
          await store.delete(o.key);
          o.action = "removed";
        }
      });
    }
  }
  const fixed = (m: MissingFile) => m.action === "rerendered" || m.action === "restored" || m.action === "deleted";
  const clean = orphans.every((o) => o.action !== "none") && missing.every(fixed);
  return { blobs: blobs.length, rows, orphans, missing, repaired: Boolean(opts.repair), clean };
}

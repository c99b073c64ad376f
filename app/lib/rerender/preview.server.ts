// Small pictures of assets for the library and its before/after view. A raster's own file is scaled
// down; a PDF, or a replaced version whose file is gone, is drawn again from its content with the
// kit as it was at that version (kit versions are kept), so "before" shows what the old file showed.
// "current" draws the same content with the kit as it is now: what a re-render would make.
import type { Scope } from "../auth/scope.ts";
import sharp from "sharp";
import { prisma } from "../../db.server.ts";
import { getBlobStore } from "../../storage.server.ts";
import { renderPreview, sha256Hex, type KitRef } from "../templates/render-design.server.ts";
import { assetSource, currentKitRef, kitRefAt, sourceRow } from "./source.server.ts";

export type PreviewWhich = "file" | "current";

export interface AssetPicture {
  bytes: Buffer;
  mime: string;
  etag: string;
  /** The kit version the picture shows. */
  kitVersion: number;
}

const RASTER = new Set(["image/png", "image/jpeg", "image/webp", "image/avif"]);

function thumbnailRef(options: string): string | null {
  const match = /"thumbnail":"sha256:([0-9a-f]{64})"/.exec(options);
  return match?.[1] ?? null;
}

/** The still the video studio keeps with a finished render of this asset, if any. */
async function videoStill(assetId: string): Promise<string | null> {
  const render = await prisma.videoRender.findFirst({ where: { assetId, thumbnailKey: { not: null } }, select: { thumbnailKey: true }, orderBy: { createdAt: "desc" } });
  const key = render?.thumbnailKey ?? null;
  return key && /^[0-9a-f]{64}$/.test(key) ? key : null;
}

async function scaleDown(bytes: Buffer, size: number): Promise<Buffer> {
  // A decompression-bomb guard matching uploads; our own files are well under it.
  return sharp(bytes, { limitInputPixels: 60_000_000 }).resize({ width: size, height: size, fit: "inside", withoutEnlargement: true }).png().toBuffer();
}

/** A PNG of the asset at most `size` px on its long side; null when there is nothing to draw from; "not-found" when the workspace has no such asset. */
export async function assetPicture(scope: Scope, id: string, which: PreviewWhich, size = 480): Promise<AssetPicture | null | "not-found"> {
  // Any asset of the workspace, history rows included (the before/after view shows replaced versions).
  const owned = await prisma.asset.findFirst({ where: { id, kit: { workspaceId: scope.workspaceId } }, select: { id: true } });
  if (!owned) return "not-found";
  const row = await sourceRow(id);
  if (!row) return "not-found";
  const store = getBlobStore();
  const etag = (v: number, extra = "") => sha256Hex(`${id}|${which}|${v}|${size}|${extra}`).slice(0, 32);

  if (which === "file") {
    const still = row.mime.startsWith("video/") ? (thumbnailRef(row.options) ?? (await videoStill(id))) : null;
    const key = still ?? (RASTER.has(row.mime) ? row.storageKey : null);
    if (key && (await store.has(key))) {
      return { bytes: await scaleDown(await store.get(key), size), mime: "image/png", etag: etag(row.kitVersion, key), kitVersion: row.kitVersion };
    }
  }
  if (row.mime.startsWith("video/")) return null;

  let source;
  try {
    source = assetSource(row);
  } catch {
    return null;
  }
  let kit: KitRef | null;
  try {
    kit = which === "current" ? await currentKitRef(row.kitId) : await kitRefAt(row.kitId, row.kitVersion);
  } catch {
    return null;
  }
  if (!kit) return null;
  try {
    const out = await renderPreview({ kit, templateId: source.templateId, content: source.content, formatId: source.formatId, page: source.output === "pdf" ? 0 : (source.page ?? 0), maxWidth: size, maxHeight: size });
    return { bytes: out.bytes, mime: out.mime, etag: etag(kit.version, out.key), kitVersion: kit.version };
  } catch {
    return null;
  }
}

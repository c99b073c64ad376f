// Re-renders one asset with its kit's current version, in an order that can never lose a file:
// render -> store the new bytes and record the new row -> in one transaction keep the source on the
// new row and mark the old row superseded -> only then remove the old file, if nothing else uses it.
// Any failure before the transaction leaves the old asset exactly as it was.
import { createHash } from "node:crypto";
import { prisma } from "../../db.server.ts";
import { recordAsset } from "../../models/asset.server.ts";
import { removeBlobIfUnused } from "../../models/library-blobs.server.ts";
import { getBlobStore } from "../../storage.server.ts";
import { errorMessage } from "../errors.ts";
import { renderDesign, type KitRef, type RenderedDesign } from "../templates/render-design.server.ts";
import { assetSource, bleedMatters, currentKitRef, kitRefAt, pdfHasBleed, RerenderError, sourceRow, type AssetSource, type SourceRow } from "./source.server.ts";

export type RerenderStep = "rendered" | "recorded" | "superseded";

export interface RerenderOutcome {
  assetId: string;
  /** The live asset now standing for this one (the same id when the file was restored in place). */
  newAssetId: string;
  status: "rerendered" | "restored" | "already";
  oldFileRemoved: boolean;
  ms: number;
}

export interface RerenderOptions {
  /** Called after each stage, with the old and (once recorded) new asset ids; lets callers watch the order. */
  onStep?: (step: RerenderStep, ids: { assetId: string; newAssetId?: string }) => void | Promise<void>;
}

/** The live end of a chain of re-renders that started at `id`. */
export async function latestVersionOf(id: string): Promise<string | null> {
  let current = id;
  for (let i = 0; i < 1000; i++) {
    const row = await prisma.asset.findUnique({ where: { id: current }, select: { supersededById: true } });
    if (!row) return null;
    if (!row.supersededById) return current;
    current = row.supersededById;
  }
  return null;
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function render(kit: KitRef, source: AssetSource, page: number | undefined, bleed: boolean | undefined): Promise<RenderedDesign> {
  return renderDesign({ kit, templateId: source.templateId, content: source.content, formatId: source.formatId, output: source.output, page, bleed, name: source.name });
}

/**
 * Files recorded before the page and bleed were kept: a print PDF shows its bleed in its TrimBox; a
 * raster page of a multi-page design is found by rendering the old kit version and matching bytes.
 */
async function recoverOptions(row: SourceRow, source: AssetSource, kit: KitRef): Promise<{ page: number | undefined; bleed: boolean | undefined; first?: RenderedDesign }> {
  let bleed = source.bleed;
  if (bleed === undefined && bleedMatters(source)) {
    const store = getBlobStore();
    if (await store.has(row.storageKey)) bleed = pdfHasBleed(await store.get(row.storageKey));
    if (bleed === undefined) {
      const old = await kitRefAt(row.kitId, row.kitVersion);
      for (const candidate of [false, true]) {
        if (old && bleed === undefined && sha((await render(old, source, 0, candidate)).bytes) === row.storageKey) bleed = candidate;
      }
    }
    if (bleed === undefined) throw new RerenderError(row.id, "its file is gone and it cannot be told whether the PDF had bleed", "source");
  }
  if (source.page !== undefined || source.output === "pdf") return { page: source.page, bleed };
  const first = await render(kit, source, 0, bleed);
  if (first.pages === 1) return { page: 0, bleed, first };
  const old = await kitRefAt(row.kitId, row.kitVersion);
  if (old) {
    for (let page = 0; page < first.pages; page++) {
      if (sha((await render(old, source, page, bleed)).bytes) === row.storageKey) return { page, bleed, ...(page === 0 ? { first } : {}) };
    }
  }
  throw new RerenderError(row.id, `the design has ${first.pages} pages and it cannot be told which one this file was`, "source");
}

/** Re-renders one asset (stale, or with its file missing). Throws RerenderError with the reason. */
export async function rerenderAsset(assetId: string, opts: RerenderOptions = {}): Promise<RerenderOutcome> {
  const started = performance.now();
  const startedAt = Date.now();
  const row = await sourceRow(assetId);
  if (!row) throw new RerenderError(assetId, "the asset was deleted", "gone");
  if (row.supersededById) {
    const latest = await latestVersionOf(assetId);
    return { assetId, newAssetId: latest ?? row.supersededById, status: "already", oldFileRemoved: false, ms: 0 };
  }
  const source = assetSource(row);
  let kit: KitRef;
  let out: RenderedDesign;
  let page: number | undefined;
  let bleed: boolean | undefined;
  try {
    kit = await currentKitRef(row.kitId);
    const recovered = await recoverOptions(row, source, kit);
    ({ page, bleed } = recovered);
    out = recovered.first ?? (await render(kit, source, page, bleed));
  } catch (error) {
    if (error instanceof RerenderError) throw error;
    throw new RerenderError(assetId, `render failed: ${errorMessage(error)}`);
  }
  await opts.onStep?.("rendered", { assetId });

  let newAssetId: string;
  try {
    const recorded = await recordAsset({ kitId: kit.id, kitVersion: kit.version, designId: row.designId, templateId: row.templateId, format: row.format, contentHash: out.contentHash, bytes: out.bytes, mime: out.mime });
    newAssetId = recorded.id;
  } catch (error) {
    throw new RerenderError(assetId, `storing the new file failed: ${errorMessage(error)}`);
  }
  await opts.onStep?.("recorded", { assetId, newAssetId });

  const options = JSON.stringify({ page: page ?? 0, ...(bleedMatters(source) ? { bleed: Boolean(bleed) } : {}), name: source.name });
  const sourceData = { content: JSON.stringify(source.content), output: source.output, options };
  if (newAssetId === assetId) {
    // Same kit version and same bytes: the file was missing and is back under the same row.
    await prisma.asset.updateMany({ where: { id: assetId, content: null }, data: sourceData });
    return { assetId, newAssetId, status: "restored", oldFileRemoved: false, ms: performance.now() - started };
  }
  let superseded: boolean;
  try {
    superseded = await prisma.$transaction(async (tx) => {
      await tx.asset.updateMany({ where: { id: newAssetId, content: null }, data: sourceData });
      const marked = await tx.asset.updateMany({ where: { id: assetId, supersededById: null }, data: { supersededById: newAssetId, supersededAt: new Date() } });
      return marked.count === 1;
    });
  } catch (error) {
    throw new RerenderError(assetId, `recording the new version failed: ${errorMessage(error)}`);
  }
  if (!superseded && !(await prisma.asset.findUnique({ where: { id: assetId }, select: { id: true } }))) {
    // Deleted while it was being rendered: the new file must not bring it back.
    await discardIfFresh(newAssetId, startedAt);
    throw new RerenderError(assetId, "the asset was deleted while it was being re-rendered", "gone");
  }
  await opts.onStep?.("superseded", { assetId, newAssetId });

  // The new file is written and recorded: the old one may go now, unless other rows share its bytes.
  // A failed delete only leaves an orphan file, which `library check` finds; the re-render stands.
  const removed = await removeBlobIfUnused(row.storageKey).then((r) => r.removed, () => false);
  return { assetId, newAssetId, status: "rerendered", oldFileRemoved: removed, ms: performance.now() - started };
}

/** Removes a row this re-render created (not one it found and reused) together with its unused file. */
async function discardIfFresh(id: string, startedAt: number) {
  const row = await prisma.asset.findUnique({ where: { id }, select: { storageKey: true, createdAt: true, _count: { select: { supersedes: true } } } });
  if (!row || row._count.supersedes > 0 || row.createdAt.getTime() < startedAt - 1000) return;
  await prisma.asset.deleteMany({ where: { id } });
  await removeBlobIfUnused(row.storageKey);
}

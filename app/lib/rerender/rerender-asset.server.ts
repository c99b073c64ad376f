// Re-renders one asset with its kit's current version, in an order that can never lose a file:
// render -> store the new bytes -> one transaction records the new row (with its source) and marks
// the old row superseded -> only then remove the old file, if nothing else uses it. Any failure
// before the transaction commits leaves the old asset exactly as it was.
import { createHash } from "node:crypto";
import { prisma } from "../../db.server.ts";
import { removeBlobIfUnused } from "../../models/library-blobs.server.ts";
import { getBlobStore } from "../../storage.server.ts";
import { replaceAsset, type Replacement, type ReplaceResult } from "./record.server.ts";
import { errorMessage } from "../errors.ts";
import { renderDesign, type KitRef, type RenderedDesign } from "../templates/render-design.server.ts";
import { assetSource, bleedMatters, currentKitRef, kitRefAt, pdfHasBleed, RerenderError, sourceRow, type AssetSource, type SourceRow } from "./source.server.ts";

/** rendered: bytes made; stored: new file written, nothing recorded yet; recorded: new row live and old row superseded (old file not yet removed). */
export type RerenderStep = "rendered" | "stored" | "recorded";

export interface RerenderOutcome {
  assetId: string;
  /** The live asset now standing for this one (the same id when the file was restored in place). */
  newAssetId: string;
  status: "rerendered" | "restored" | "already";
  oldFileRemoved: boolean;
  /** The replaced file's key and size (from settleRerender: the caller removes it). */
  oldFile?: { key: string; bytes: number };
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

/** A re-render made and ready to record: the replacement plus what the old row held. */
export interface PreparedRerender {
  replacement: Replacement;
  oldFile: { key: string; bytes: number };
  startedMs: number;
}

/**
 * The render half: reads what the asset was made from and renders it with the kit as it is now.
 * Returns the outcome directly when the asset was already replaced. Throws RerenderError.
 */
export async function prepareRerender(assetId: string, preloaded?: SourceRow): Promise<PreparedRerender | RerenderOutcome> {
  const startedMs = performance.now();
  // A row read ahead may be stale by now: the swap itself only replaces a still-live old row.
  const row = preloaded ?? (await sourceRow(assetId));
  if (!row) throw new RerenderError(assetId, "the asset was deleted", "gone");
  if (row.supersededById) return already(assetId, row.supersededById);
  const source = assetSource(row);
  try {
    const kit = await currentKitRef(row.kitId, row.kit);
    const { page, bleed, first } = await recoverOptions(row, source, kit);
    const out = first ?? (await render(kit, source, page, bleed));
    const options = JSON.stringify({ page: page ?? 0, ...(bleedMatters(source) ? { bleed: Boolean(bleed) } : {}), name: source.name });
    const replacement: Replacement = {
      oldId: assetId,
      designId: row.designId,
      templateId: row.templateId,
      format: row.format,
      key: sha(out.bytes),
      kitId: kit.id,
      kitVersion: kit.version,
      bytes: out.bytes,
      mime: out.mime,
      contentHash: out.contentHash,
      source: { content: JSON.stringify(source.content), output: source.output, options },
    };
    return { replacement, oldFile: { key: row.storageKey, bytes: row.bytes }, startedMs };
  } catch (error) {
    if (error instanceof RerenderError) throw error;
    throw new RerenderError(assetId, `render failed: ${errorMessage(error)}`);
  }
}

/** The record half's answer as an outcome (the old file not removed yet), or RerenderError. */
export async function settleRerender(prepared: PreparedRerender, result: ReplaceResult | Error): Promise<RerenderOutcome> {
  const assetId = prepared.replacement.oldId;
  const ms = performance.now() - prepared.startedMs;
  if (result instanceof Error) throw new RerenderError(assetId, `recording the new file failed: ${errorMessage(result)}`);
  if (result.status === "lost") {
    if (result.supersededById) return already(assetId, result.supersededById);
    throw new RerenderError(assetId, "the asset was deleted while it was being re-rendered", "gone");
  }
  if (result.status === "restored") return { assetId, newAssetId: assetId, status: "restored", oldFileRemoved: false, ms };
  return { assetId, newAssetId: result.newAssetId, status: "rerendered", oldFileRemoved: false, oldFile: prepared.oldFile, ms };
}

/** Re-renders one asset (stale, or with its file missing) and removes the old file. Throws RerenderError. */
export async function rerenderAsset(assetId: string, opts: RerenderOptions = {}): Promise<RerenderOutcome> {
  const prepared = await prepareRerender(assetId);
  if (!("replacement" in prepared)) return prepared;
  await opts.onStep?.("rendered", { assetId });
  let result: ReplaceResult | Error;
  try {
    result = await replaceAsset(prepared.replacement, () => opts.onStep?.("stored", { assetId }));
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  const outcome = await settleRerender(prepared, result);
  if (outcome.status !== "rerendered") return outcome;
  await opts.onStep?.("recorded", { assetId, newAssetId: outcome.newAssetId });
  // The new file is written and recorded: the old one may go now, unless other rows share its bytes.
  // A failed delete only leaves an orphan file, which `library check` finds; the re-render stands.
  const removed = await removeBlobIfUnused(prepared.oldFile.key).then((r) => r.removed, () => false);
  return { ...outcome, oldFileRemoved: removed, ms: performance.now() - prepared.startedMs };
}

async function already(assetId: string, supersededById: string): Promise<RerenderOutcome> {
  return { assetId, newAssetId: (await latestVersionOf(assetId)) ?? supersededById, status: "already", oldFileRemoved: false, ms: 0 };
}

// What can be audited besides an upload: a rendered asset from the library, a video job's thumbnail,
// any stored blob by its sha256 key, or a saved Marque design (rendered, plus every text layer's
// contrast). Each comes back as bytes, a file name for messages and, when the source knows it, the
// kit it was made with (the audit's default kit).
import type { Scope } from "../auth/scope.ts";
import { prisma } from "../../db.server.ts";
import { readAsset } from "../../models/asset.server.ts";
import { kitFileInWorkspace } from "../../models/files.server.ts";
import { getDesign } from "../../models/design.server.ts";
import { getKit } from "../../models/kit.server.ts";
import { findVideoJob } from "../../models/video-job.server.ts";
import { getBlobStore } from "../../storage.server.ts";
import { FieldError } from "../errors.ts";
import { prepareKit } from "../templates/context.server.ts";
import { getTemplate, renderTemplate } from "../templates/registry.ts";
import { renderPool } from "../templates/render-pool.server.ts";
import { auditFile, type AuditReport } from "./audit.server.ts";
import { auditDesign, type DesignAudit } from "./design.server.ts";

export type AuditSource = { assetId: string } | { videoJobId: string } | { blobKey: string } | { designId: string; formatId?: string };
export type LoadedSource = { bytes: Buffer; fileName: string; kitSlug?: string; contrast?: DesignAudit };

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "application/pdf": "pdf", "image/svg+xml": "svg" };
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function loadAuditSource(scope: Scope, source: AuditSource): Promise<LoadedSource> {
  if ("assetId" in source) {
    if (!ID.test(source.assetId)) throw new FieldError("assetId", "not an asset id");
    const found = await readAsset(scope, source.assetId);
    if (!found) throw new FieldError("assetId", `no asset "${source.assetId}" (or its file is gone)`);
    const { asset, bytes } = found;
    return { bytes, fileName: `${asset.templateId}-${asset.format}.${EXTENSIONS[asset.mime] ?? "bin"}`, kitSlug: asset.kitSlug };
  }
  if ("videoJobId" in source) {
    if (!ID.test(source.videoJobId)) throw new FieldError("videoJobId", "not a video job id");
    const job = await findVideoJob(scope, source.videoJobId);
    if (!job) throw new FieldError("videoJobId", `no video job "${source.videoJobId}"`);
    const ref = job.outputs.thumbnail;
    if (!ref) throw new FieldError("videoJobId", `video job "${job.id}" has no thumbnail yet (status: ${job.status})`);
    const kit = await prisma.kit.findUnique({ where: { id: job.kitId }, select: { slug: true } });
    return { bytes: await readBlob(ref.slice("sha256:".length), "videoJobId"), fileName: `video-${job.id}-thumbnail`, kitSlug: kit?.slug };
  }
  if ("designId" in source) return loadDesign(scope, source.designId, source.formatId);
  const key = source.blobKey.replace(/^sha256:/, "");
  if (!/^[0-9a-f]{64}$/.test(key)) throw new FieldError("blobKey", "expected a sha256 key (64 lower-case hex digits)");
  if (!(await blobInWorkspace(scope, key))) throw new FieldError("blobKey", `no file "${key.slice(0, 12)}…" in this workspace`);
  return { bytes: await readBlob(key, "blobKey"), fileName: `blob-${key.slice(0, 12)}` };
}

/** True when something of the workspace names the blob: an asset, a kit version (logo, font) or a video job's output. */
async function blobInWorkspace(scope: Scope, key: string): Promise<boolean> {
  const ref = `sha256:${key}`;
  const [asset, kitFile, job] = await Promise.all([
    prisma.asset.findFirst({ where: { storageKey: key, kit: { workspaceId: scope.workspaceId } }, select: { id: true } }),
    kitFileInWorkspace(scope, key),
    prisma.videoJob.findFirst({ where: { outputs: { contains: ref }, kit: { workspaceId: scope.workspaceId } }, select: { id: true } }),
  ]);
  return Boolean(asset ?? job) || kitFile;
}

/** A saved design drawn as a PNG in its own kit, with the contrast of every text layer. */
async function loadDesign(scope: Scope, id: string, formatId?: string): Promise<LoadedSource> {
  if (!ID.test(id)) throw new FieldError("designId", "not a design id");
  const design = await getDesign(scope, id);
  if (!design) throw new FieldError("designId", `no design "${id}"`);
  const format = formatId || design.formats[0];
  const template = getTemplate(design.templateId);
  if (!format || !(template.formats as readonly string[]).includes(format)) {
    throw new FieldError("formatId", `"${String(format).slice(0, 40)}" is not a format of ${template.name} (it comes in ${template.formats.join(", ")})`);
  }
  const kit = await getKit(scope, design.kitSlug);
  if (!kit) throw new FieldError("designId", `the design's kit "${design.kitSlug}" is gone`);
  const prepared = await prepareKit(kit.kit);
  const [png, contrast] = await Promise.all([
    // An audit is someone's click: it waits for a render slot rather than being refused.
    renderPool().run(() => renderTemplate(template, design.content, prepared, format, { format: "png" }), { wait: true }),
    auditDesign(prepared, template.id, design.content, format),
  ]);
  return { bytes: png.bytes, fileName: `${design.name.replace(/[^\w.-]+/g, "-").slice(0, 60)}-${format}.png`, kitSlug: kit.slug, contrast };
}

async function readBlob(key: string, field: string): Promise<Buffer> {
  const store = getBlobStore();
  if (!(await store.has(key))) throw new FieldError(field, `stored file ${key.slice(0, 12)}… is missing`);
  return store.get(key);
}

/**
 * The audit behind the page, the JSON route and the CLI: a file or a stored source, against the named
 * kit or, when none is named, the kit the asset or video was made with.
 */
export async function runAudit(scope: Scope, input: {
  file?: { bytes: Uint8Array; fileName: string };
  source?: AuditSource;
  kitSlug?: string;
  maxBytes?: number;
}): Promise<AuditReport> {
  const loaded = input.source ? await loadAuditSource(scope, input.source) : input.file;
  if (!loaded) throw new FieldError("file", "choose a file to audit");
  const slug = input.kitSlug || ("kitSlug" in loaded ? loaded.kitSlug : undefined);
  if (!slug) throw new FieldError("kit", "choose the brand kit to audit against");
  const found = await getKit(scope, slug);
  if (!found) throw new FieldError("kit", `no brand kit "${slug.slice(0, 60)}"`);
  const report = await auditFile(loaded.bytes, loaded.fileName, found.kit, { kitRef: { slug: found.slug, version: found.version }, maxBytes: input.maxBytes });
  return "contrast" in loaded && loaded.contrast ? { ...report, contrast: loaded.contrast } : report;
}

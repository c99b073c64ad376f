// Video jobs in the database. Every state change is a conditional update ("only if still in_progress"),
// so a cancel, a second worker or a restart can never be overwritten by a stale loop.
import type { Scope } from "../lib/auth/scope.ts";
import { z } from "zod";
import { prisma } from "../db.server.ts";
import { FieldError } from "../lib/errors.ts";
import { SIZE_PATTERN } from "../lib/video/providers/types.ts";
import { getBlobStore, type BlobStore } from "../storage.server.ts";

export const VIDEO_JOB_STATUSES = ["queued", "starting", "in_progress", "completed", "failed", "cancelled"] as const;
export type VideoJobStatus = (typeof VIDEO_JOB_STATUSES)[number];
/** A job in one of these states may still change; the others are final. */
export const ACTIVE_STATUSES = ["queued", "starting", "in_progress"] as const satisfies readonly VideoJobStatus[];

const BlobRef = z.string().regex(/^sha256:[0-9a-f]{64}$/, "expected sha256:<64 hex>");
export const VideoJobOutputsSchema = z.object({
  /** The first frame given to the provider (input, kept with the job so it can be shown and reused). */
  reference: BlobRef.optional(),
  video: BlobRef.optional(),
  thumbnail: BlobRef.optional(),
});
export type VideoJobOutputs = z.infer<typeof VideoJobOutputsSchema>;

export const REFERENCE_MIMES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ReferenceMime = (typeof REFERENCE_MIMES)[number];

/** Image type from the first bytes; null for anything but PNG, JPEG and WebP. */
export function sniffImageMime(bytes: Uint8Array): ReferenceMime | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 12));
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "image/webp";
  return null;
}

export const NewVideoJobSchema = z.object({
  kitId: z.string().min(1, "name the kit"),
  kitVersion: z.number().int().min(1),
  /** Snapshot of the brief the prompt was compiled from (any JSON). */
  brief: z.unknown().refine((v) => v !== undefined, "the brief is missing"),
  prompt: z.string().trim().min(1, "the prompt is empty").max(32_000, "at most 32000 characters"),
  provider: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "a provider name such as local or openai"),
  model: z.string().trim().max(200).default(""),
  seconds: z.number().int("whole seconds").min(1).max(600),
  size: z.string().regex(SIZE_PATTERN, "WIDTHxHEIGHT, e.g. 720x1280"),
});
export type NewVideoJob = z.input<typeof NewVideoJobSchema> & { referenceImage?: Uint8Array };

const jobSelect = {
  id: true,
  kitId: true,
  kitVersion: true,
  brief: true,
  prompt: true,
  provider: true,
  model: true,
  seconds: true,
  size: true,
  remoteId: true,
  status: true,
  progress: true,
  error: true,
  outputs: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(id: string) {
  return prisma.videoJob.findUnique({ where: { id }, select: jobSelect });
}

export type VideoJob = Omit<Row, "status" | "outputs" | "brief"> & { status: VideoJobStatus; outputs: VideoJobOutputs; brief: unknown };

function hydrate(row: Row): VideoJob {
  const status = z.enum(VIDEO_JOB_STATUSES).parse(row.status);
  const outputs = VideoJobOutputsSchema.parse(JSON.parse(row.outputs));
  return { ...row, status, outputs, brief: JSON.parse(row.brief) as unknown };
}

/** Validates and stores a new queued job; the reference frame goes to the blob store. */
export async function createVideoJob(input: NewVideoJob, store: BlobStore = getBlobStore()): Promise<VideoJob> {
  const parsed = NewVideoJobSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(issue?.path.map(String).join(".") || "job", issue?.message ?? "invalid");
  }
  const data = parsed.data;
  const kit = await prisma.kit.findUnique({ where: { id: data.kitId }, select: { id: true } });
  if (!kit) throw new FieldError("kitId", `there is no kit with id "${data.kitId}"`);
  const outputs: VideoJobOutputs = {};
  if (input.referenceImage) {
    if (!sniffImageMime(input.referenceImage)) throw new FieldError("referenceImage", "the reference frame must be a PNG, JPEG or WebP image");
    outputs.reference = `sha256:${await store.put(input.referenceImage)}`;
  }
  const row = await prisma.videoJob.create({
    data: {
      kitId: data.kitId,
      kitVersion: data.kitVersion,
      brief: JSON.stringify(data.brief),
      prompt: data.prompt,
      provider: data.provider,
      model: data.model,
      seconds: data.seconds,
      size: data.size,
      outputs: JSON.stringify(outputs),
    },
    select: jobSelect,
  });
  return hydrate(row);
}

/** A job of the scope's workspace (through its kit), for routes; null for another workspace's. */
export async function findVideoJob(scope: Scope, id: string): Promise<VideoJob | null> {
  const row = await prisma.videoJob.findFirst({ where: { id, kit: { workspaceId: scope.workspaceId } }, select: jobSelect });
  return row ? hydrate(row) : null;
}

/** Any job by id: for the worker and post-production, which act on jobs a scoped caller queued. */
export async function getVideoJob(id: string): Promise<VideoJob | null> {
  const row = await findRow(id);
  return row ? hydrate(row) : null;
}

export async function listVideoJobs(filter: { kitId?: string; status?: readonly VideoJobStatus[]; limit?: number } = {}) {
  const rows = await prisma.videoJob.findMany({
    where: { ...(filter.kitId ? { kitId: filter.kitId } : {}), ...(filter.status ? { status: { in: [...filter.status] } } : {}) },
    select: jobSelect,
    orderBy: { createdAt: "desc" },
    take: filter.limit ?? 100,
  });
  return rows.map(hydrate);
}

export async function countQueuedVideoJobs() {
  return prisma.videoJob.count({ where: { status: "queued" } });
}

/** Atomically takes the oldest queued job (queued → starting); null when none is left. */
export async function claimNextQueuedVideoJob(): Promise<VideoJob | null> {
  for (let tries = 0; tries < 5; tries++) {
    const next = await prisma.videoJob.findFirst({ where: { status: "queued" }, select: { id: true }, orderBy: { createdAt: "asc" } });
    if (!next) return null;
    const { count } = await prisma.videoJob.updateMany({ where: { id: next.id, status: "queued" }, data: { status: "starting", error: null } });
    if (count === 1) return getVideoJob(next.id);
    // Someone else claimed it between the read and the update: look again.
  }
  return null;
}

async function transition(id: string, from: readonly VideoJobStatus[], data: Parameters<typeof prisma.videoJob.updateMany>[0]["data"]) {
  const { count } = await prisma.videoJob.updateMany({ where: { id, status: { in: [...from] } }, data });
  return count === 1;
}

/** Records the provider's id the moment it exists (starting → in_progress); false if the job was cancelled meanwhile. */
export function markVideoJobStarted(id: string, remoteId: string) {
  return transition(id, ["starting"], { remoteId, status: "in_progress", progress: 0 });
}

export function setVideoJobProgress(id: string, progress: number) {
  return transition(id, ["in_progress"], { progress: Math.max(0, Math.min(100, Math.round(progress))) });
}

export function completeVideoJob(id: string, outputs: VideoJobOutputs) {
  return transition(id, ["in_progress"], { status: "completed", progress: 100, error: null, outputs: JSON.stringify(VideoJobOutputsSchema.parse(outputs)) });
}

export function failVideoJob(id: string, message: string) {
  return transition(id, ACTIVE_STATUSES, { status: "failed", error: message.slice(0, 2000) });
}

/** Puts a job back in the queue from scratch (only for providers where starting again costs nothing). */
export function requeueVideoJob(id: string) {
  return transition(id, ["starting", "in_progress"], { status: "queued", remoteId: null, progress: 0 });
}

/** Marks an active job cancelled; returns what the caller needs to stop it remotely, or null if it was already final. */
export async function markVideoJobCancelled(id: string) {
  if (!(await transition(id, ACTIVE_STATUSES, { status: "cancelled" }))) return null;
  // Read after the change: once cancelled, markVideoJobStarted can no longer set a remote id.
  return prisma.videoJob.findUnique({ where: { id }, select: { provider: true, remoteId: true } });
}

/** Jobs a previous process left mid-flight: `starting` (create maybe sent) and `in_progress` (remote id known). */
export async function listInFlightVideoJobs() {
  const rows = await prisma.videoJob.findMany({ where: { status: { in: ["starting", "in_progress"] } }, select: jobSelect, orderBy: { createdAt: "asc" } });
  return rows.map(hydrate);
}

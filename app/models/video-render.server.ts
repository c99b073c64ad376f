// Studio renders: one "Generate" of a brief = its clip jobs (queued together, in order) and the finished,
// post-produced video. State changes are conditional ("only if still finishing"), like the jobs', so a
// cancel or a second process can never be overwritten by a stale runner.
import type { Scope } from "../lib/auth/scope.ts";
import { z } from "zod";
import { prisma } from "../db.server.ts";

export const RENDER_STATUSES = ["clips", "finishing", "completed", "failed", "cancelled"] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];
export const ACTIVE_RENDER_STATUSES = ["clips", "finishing"] as const satisfies readonly RenderStatus[];

export const RenderOptionsSchema = z
  .object({
    /** Crossfade into the kit's end card (tagline, logo) after the last shot. */
    endCard: z.boolean().default(true),
    /** Call to action on the end card ("Order at harbour.example"). */
    cta: z.string().trim().max(60, "at most 60 characters").optional(),
    /** The kit's mark in a corner over the shots. */
    logoBug: z.boolean().default(false),
  })
  .strict();
export type RenderOptions = z.output<typeof RenderOptionsSchema>;

const renderSelect = {
  id: true,
  briefId: true,
  label: true,
  provider: true,
  jobIds: true,
  options: true,
  status: true,
  progress: true,
  error: true,
  assetId: true,
  thumbnailKey: true,
  seconds: true,
  width: true,
  height: true,
  createdAt: true,
  updatedAt: true,
  brief: { select: { title: true, kitId: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(id: string) {
  return prisma.videoRender.findUnique({ where: { id }, select: renderSelect });
}

function hydrate(row: Row) {
  const { brief, jobIds, options, status, ...rest } = row;
  return {
    ...rest,
    status: z.enum(RENDER_STATUSES).parse(status),
    jobIds: z.array(z.string()).parse(JSON.parse(jobIds)),
    options: RenderOptionsSchema.parse(JSON.parse(options)),
    briefTitle: brief.title,
    kitId: brief.kitId,
  };
}
export type VideoRender = ReturnType<typeof hydrate>;

export type NewVideoRender = { briefId: string; label?: string; provider: string; jobIds: string[]; options?: z.input<typeof RenderOptionsSchema> };

export async function createVideoRender(input: NewVideoRender): Promise<VideoRender> {
  if (input.jobIds.length === 0) throw new Error("jobIds: a render needs at least one clip job");
  const row = await prisma.videoRender.create({
    data: {
      briefId: input.briefId,
      label: input.label?.trim() || "Original",
      provider: input.provider,
      jobIds: JSON.stringify(input.jobIds),
      options: JSON.stringify(RenderOptionsSchema.parse(input.options ?? {})),
    },
    select: renderSelect,
  });
  return hydrate(row);
}

/** A render of the scope's workspace (through its brief's kit), for routes; null for another workspace's. */
export async function findVideoRender(scope: Scope, id: string): Promise<VideoRender | null> {
  const row = await prisma.videoRender.findFirst({ where: { id, brief: { kit: { workspaceId: scope.workspaceId } } }, select: renderSelect });
  return row ? hydrate(row) : null;
}

/** Any render by id: for post-production and the resume at start-up. */
export async function getVideoRender(id: string): Promise<VideoRender | null> {
  const row = await findRow(id);
  return row ? hydrate(row) : null;
}

/** Newest first: one brief's renders, or every render of a kit's briefs. */
export async function listVideoRenders(filter: { briefId?: string; kitId?: string; status?: readonly RenderStatus[]; limit?: number } = {}) {
  const rows = await prisma.videoRender.findMany({
    where: {
      ...(filter.briefId ? { briefId: filter.briefId } : {}),
      ...(filter.kitId ? { brief: { kitId: filter.kitId } } : {}),
      ...(filter.status ? { status: { in: [...filter.status] } } : {}),
    },
    select: renderSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.limit ?? 50, 500),
  });
  return rows.map(hydrate);
}

async function transition(id: string, from: readonly RenderStatus[], data: Parameters<typeof prisma.videoRender.updateMany>[0]["data"], extra: object = {}) {
  const { count } = await prisma.videoRender.updateMany({ where: { id, status: { in: [...from] }, ...extra }, data });
  return count === 1;
}

/**
 * Takes the post-production step: clips → finishing, or a finishing render whose runner went quiet before
 * `staleBefore` (its process died). True for exactly one caller.
 */
export function claimRenderFinishing(id: string, staleBefore?: Date) {
  if (staleBefore) return transition(id, ["finishing"], { progress: 85 }, { updatedAt: { lt: staleBefore } });
  return transition(id, ["clips"], { status: "finishing", progress: 85 });
}

export function setRenderProgress(id: string, progress: number) {
  return transition(id, ["finishing"], { progress: Math.max(0, Math.min(99, Math.round(progress))) });
}

export function completeVideoRender(id: string, result: { assetId: string; thumbnailKey: string; seconds: number; width: number; height: number }) {
  return transition(id, ["finishing"], { status: "completed", progress: 100, error: null, ...result });
}

export function failVideoRender(id: string, message: string) {
  return transition(id, ACTIVE_RENDER_STATUSES, { status: "failed", error: message.slice(0, 2000) });
}

export function markVideoRenderCancelled(id: string) {
  return transition(id, ACTIVE_RENDER_STATUSES, { status: "cancelled" });
}

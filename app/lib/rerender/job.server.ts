// Re-render jobs in the database: the plan (asset ids), per-asset results and counts, and a lease
// (`heartbeatAt`) naming a live runner. A reload reads progress from here; a restart finds jobs
// whose lease ran out and resumes them where they stopped.
import type { Scope } from "../auth/scope.ts";
import { z } from "zod";
import { prisma } from "../../db.server.ts";
import { staleAssetIds } from "../../models/library.server.ts";

export const RERENDER_STATUSES = ["queued", "running", "completed", "cancelled", "failed"] as const;
export type RerenderStatus = (typeof RERENDER_STATUSES)[number];
export const ACTIVE_RERENDER = ["queued", "running"] as const satisfies readonly RerenderStatus[];
/** A runner renews its lease every few seconds; one silent for this long is taken to be dead. */
export const LEASE_MS = 30_000;

export const RerenderResultSchema = z.object({
  assetId: z.string(),
  status: z.enum(["ok", "failed", "skipped"]),
  newAssetId: z.string().optional(),
  reason: z.string().optional(),
  ms: z.number(),
  /** When it finished (epoch ms). */
  at: z.number().optional(),
  /** Render (and store) time and when it ended: shows how many assets were rendering at once. */
  renderMs: z.number().optional(),
  renderedAt: z.number().optional(),
});
export type RerenderResult = z.infer<typeof RerenderResultSchema>;

const jobSelect = {
  id: true,
  kitId: true,
  status: true,
  total: true,
  done: true,
  failed: true,
  assetIds: true,
  results: true,
  error: true,
  heartbeatAt: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
} as const;
type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;
const findJob = (id: string) => prisma.rerenderJob.findUnique({ where: { id }, select: jobSelect });

function parseList<T>(text: string, schema: z.ZodType<T>): T[] {
  try {
    const parsed = z.array(schema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function asStatus(status: string): RerenderStatus {
  return RERENDER_STATUSES.find((s) => s === status) ?? "failed";
}

function hydrate(row: JobRow) {
  const { assetIds, results, status, ...rest } = row;
  return {
    ...rest,
    status: asStatus(status),
    assetIds: parseList(assetIds, z.string()),
    results: parseList(results, RerenderResultSchema),
  };
}

export type RerenderJob = ReturnType<typeof hydrate>;

/** Any job by id: for the runner, which works on jobs a scoped caller created. */
export async function getRerenderJob(id: string): Promise<RerenderJob | null> {
  const row = await findJob(id);
  return row ? hydrate(row) : null;
}

/** A job of the scope's workspace; null for another workspace's. */
export async function findRerenderJob(scope: Scope, id: string): Promise<RerenderJob | null> {
  const row = await prisma.rerenderJob.findFirst({ where: { id, workspaceId: scope.workspaceId }, select: jobSelect });
  return row ? hydrate(row) : null;
}

export async function latestRerenderJob(scope: Scope): Promise<RerenderJob | null> {
  const row = await prisma.rerenderJob.findFirst({ where: { workspaceId: scope.workspaceId }, select: jobSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return row ? hydrate(row) : null;
}

export async function listRerenderJobs(scope: Scope, take = 20): Promise<RerenderJob[]> {
  const rows = await prisma.rerenderJob.findMany({ where: { workspaceId: scope.workspaceId }, select: jobSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return rows.map(hydrate);
}

function leaseExpired(heartbeatAt: Date | null, now = Date.now()): boolean {
  return !heartbeatAt || heartbeatAt.getTime() < now - LEASE_MS;
}

/** The workspace's queued or running job whose runner is alive, if any. */
export async function activeRerenderJob(scope: Scope): Promise<RerenderJob | null> {
  const rows = await prisma.rerenderJob.findMany({ where: { workspaceId: scope.workspaceId, status: { in: [...ACTIVE_RERENDER] } }, select: jobSelect, orderBy: { createdAt: "desc" } });
  const live = rows.find((r) => r.status === "queued" || !leaseExpired(r.heartbeatAt));
  return live ? hydrate(live) : null;
}

/** Jobs a runner left behind (its lease ran out), oldest first. */
export async function abandonedRerenderJobs(): Promise<RerenderJob[]> {
  const rows = await prisma.rerenderJob.findMany({ where: { status: { in: [...ACTIVE_RERENDER] } }, select: jobSelect, orderBy: { createdAt: "asc" } });
  return rows.filter((r) => leaseExpired(r.heartbeatAt)).map(hydrate);
}

/**
 * Plans a job over the stale assets (all, or one kit's). Returns the job already running instead of
 * a second one, and null when nothing is stale.
 */
export async function createRerenderJob(scope: Scope, opts: { kitId?: string } = {}): Promise<{ job: RerenderJob; created: boolean } | null> {
  const active = await activeRerenderJob(scope);
  if (active) return { job: active, created: false };
  const ids = await staleAssetIds(scope, opts.kitId);
  if (ids.length === 0) return null;
  const row = await prisma.rerenderJob.create({
    data: { workspaceId: scope.workspaceId, kitId: opts.kitId ?? null, status: "queued", total: ids.length, assetIds: JSON.stringify(ids) },
    select: jobSelect,
  });
  return { job: hydrate(row), created: true };
}

/**
 * Takes the lease: only when the job is active and nobody holds a live lease (a fresh queued job has
 * none). Conditional on the heartbeat read, so two processes cannot both take it.
 */
export async function claimRerenderJob(id: string): Promise<boolean> {
  const row = await prisma.rerenderJob.findUnique({ where: { id }, select: { status: true, heartbeatAt: true, startedAt: true } });
  if (!row || !(ACTIVE_RERENDER as readonly string[]).includes(row.status) || !leaseExpired(row.heartbeatAt)) return false;
  const now = new Date();
  const { count } = await prisma.rerenderJob.updateMany({
    where: { id, status: row.status, heartbeatAt: row.heartbeatAt },
    data: { status: "running", heartbeatAt: now, startedAt: row.startedAt ?? now },
  });
  return count === 1;
}

/** Writes progress and renews the lease; returns the status now stored (a cancel shows up here). */
export async function saveRerenderProgress(id: string, results: RerenderResult[]): Promise<RerenderStatus | null> {
  const failed = results.filter((r) => r.status === "failed").length;
  await prisma.rerenderJob.updateMany({ where: { id }, data: { results: JSON.stringify(results), done: results.length, failed, heartbeatAt: new Date() } });
  const row = await prisma.rerenderJob.findUnique({ where: { id }, select: { status: true } });
  return row ? asStatus(row.status) : null;
}

export async function finishRerenderJob(id: string, outcome: { status: "completed" | "failed"; error?: string }) {
  // A cancel stays a cancel: only a running job becomes completed or failed.
  await prisma.rerenderJob.updateMany({ where: { id, status: "running" }, data: { status: outcome.status, error: outcome.error?.slice(0, 2000) ?? null, finishedAt: new Date() } });
}

/** Stops a job: assets already started finish, the rest are left as they are. */
export async function cancelRerenderJob(scope: Scope, id: string): Promise<boolean> {
  const { count } = await prisma.rerenderJob.updateMany({ where: { id, workspaceId: scope.workspaceId, status: { in: [...ACTIVE_RERENDER] } }, data: { status: "cancelled", finishedAt: new Date() } });
  return count === 1;
}

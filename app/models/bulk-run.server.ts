// Bulk runs in the database: the run page and its ZIP outlive a restart (the live run is in memory,
// app/lib/bulk/jobs.server.ts, and written here as it goes). A run whose process stopped is found by its
// silence: a live run writes at least every few seconds, so one that has said nothing for half a minute
// is reported as interrupted, with what it made so far.
import { prisma } from "../db.server.ts";
import type { Scope } from "../lib/auth/scope.ts";
import type { BulkFile, BulkJob } from "../lib/bulk/jobs.server.ts";
import type { RowIssue } from "../lib/bulk/rows.server.ts";
import type { OutputFormat } from "../lib/templates/render-design.server.ts";

/** A live run writes at least this often (jobs.server.ts); six times as long without a word means it stopped. */
export const BULK_HEARTBEAT_MS = 5_000;
const SILENT_MS = 30_000;
const KEEP_DAYS = 7;

export async function saveBulkRun(job: BulkJob): Promise<void> {
  const data = {
    status: job.status,
    total: job.total,
    processed: job.processed,
    okRows: job.okRows,
    failedRows: job.failedRows,
    files: JSON.stringify(job.files),
    issues: JSON.stringify(job.issues),
    error: job.error ?? null,
    finishedAt: job.finishedAt ?? null,
  };
  await prisma.bulkRun.upsert({
    where: { id: job.id },
    create: {
      id: job.id,
      workspaceId: job.workspaceId,
      kitId: job.kitId,
      kitSlug: job.kitSlug,
      kitVersion: job.kitVersion,
      templateId: job.templateId,
      formatId: job.formatId,
      output: job.output,
      createdAt: job.createdAt,
      ...data,
    },
    update: data,
  });
}

/** Runs older than a week go: their files stay in the asset library. */
export async function pruneBulkRuns(now = Date.now()): Promise<void> {
  await prisma.bulkRun.deleteMany({ where: { createdAt: { lt: new Date(now - KEEP_DAYS * 86_400_000) } } });
}

function isStatus(s: string): s is BulkJob["status"] {
  return s === "queued" || s === "running" || s === "done" || s === "failed";
}

/** The workspace's run as last written, or undefined; a run gone silent comes back failed, saying so. */
export async function loadBulkRun(scope: Scope, id: string, now = Date.now()): Promise<BulkJob | undefined> {
  const row = await prisma.bulkRun.findFirst({ where: { id, workspaceId: scope.workspaceId } });
  if (!row || !isStatus(row.status)) return undefined;
  const job: BulkJob = {
    workspaceId: row.workspaceId,
    id: row.id,
    kitId: row.kitId,
    kitSlug: row.kitSlug,
    kitVersion: row.kitVersion,
    templateId: row.templateId,
    formatId: row.formatId,
    output: row.output as OutputFormat,
    status: row.status,
    total: row.total,
    processed: row.processed,
    okRows: row.okRows,
    failedRows: row.failedRows,
    files: JSON.parse(row.files) as BulkFile[],
    issues: JSON.parse(row.issues) as RowIssue[],
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.createdAt,
    ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
  };
  if ((job.status === "queued" || job.status === "running") && now - row.updatedAt.getTime() > SILENT_MS) {
    const rows = new Set(job.files.map((f) => f.row)).size;
    job.status = "failed";
    job.okRows = rows;
    job.error = `the server restarted during it. ${rows} of ${job.total} rows were rendered (they are in your asset library and in the ZIP); start a new run for the rest.`;
    job.finishedAt = new Date(now);
    await saveBulkRun(job);
  }
  return job;
}

// Bulk runs behind the web page: a job renders every good row (two at a time), records each file as
// an asset and keeps only asset ids, so memory stays flat however many rows there are; its ZIP is
// streamed from blob storage on download, with errors.csv naming each bad row. Jobs run one after
// another in this process (the recent ones kept in memory for an hour) and are written to the database as
// they go (models/bulk-run.server.ts), so a run's page and ZIP outlive a restart; the assets are permanent.
import type { Scope } from "../auth/scope.ts";
import { randomUUID } from "node:crypto";
import { recordAsset } from "../../models/asset.server.ts";
import { BULK_HEARTBEAT_MS, loadBulkRun, pruneBulkRuns, saveBulkRun } from "../../models/bulk-run.server.ts";
import { getBlobStore } from "../../storage.server.ts";
import type { KitRef, OutputFormat } from "../templates/render-design.server.ts";
import type { Template } from "../templates/types.ts";
import { toCsv } from "./csv.ts";
import { issuesCsvRows, renderRows, type BulkRow, type RowIssue } from "./rows.server.ts";
import { zipStream, type StreamEntry } from "./zip-stream.server.ts";

export interface BulkJobInput {
  kit: KitRef;
  template: Template;
  formatId: string;
  output: OutputFormat;
  bleed?: boolean;
  rows: BulkRow[];
  concurrency?: number;
}

export interface BulkFile {
  assetId: string;
  fileName: string;
  storageKey: string;
  bytes: number;
  row: number;
}

export interface BulkJob {
  /** The workspace that started it: only its members can follow it or download the ZIP. */
  workspaceId: string;
  id: string;
  kitId: string;
  kitSlug: string;
  kitVersion: number;
  templateId: string;
  formatId: string;
  output: OutputFormat;
  status: "queued" | "running" | "done" | "failed";
  /** Rows in the CSV (good and bad). */
  total: number;
  /** Rows finished so far (rendered or failed). */
  processed: number;
  okRows: number;
  failedRows: number;
  files: BulkFile[];
  issues: RowIssue[];
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

const KEEP_MS = 60 * 60 * 1000;
const KEEP_JOBS = 50;
const jobs = new Map<string, BulkJob>();
const done = new Map<string, Promise<BulkJob>>();
let queue: Promise<unknown> = Promise.resolve();

function prune(now = Date.now()) {
  for (const [id, job] of jobs) {
    const finished = job.status === "done" || job.status === "failed";
    if (finished && (now - (job.finishedAt?.getTime() ?? now) > KEEP_MS || jobs.size > KEEP_JOBS)) {
      jobs.delete(id);
      done.delete(id);
    }
  }
}

/**
 * Writes the job to the database one write after another, at most every second from row progress, and
 * at least every BULK_HEARTBEAT_MS while it waits or runs (its sign of life). `flush` writes it now.
 */
function persistence(job: BulkJob) {
  let chain: Promise<void> = Promise.resolve();
  let last = 0;
  const write = () => {
    last = Date.now();
    chain = chain.then(() => saveBulkRun(job)).catch((error: unknown) => console.error(`Could not save bulk run ${job.id}`, error));
    return chain;
  };
  const heartbeat = setInterval(write, BULK_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    progress: () => (Date.now() - last >= 1000 ? void write() : undefined),
    flush: write,
    stop: () => clearInterval(heartbeat),
  };
}

async function run(job: BulkJob, input: BulkJobInput, saved: ReturnType<typeof persistence>): Promise<BulkJob> {
  job.status = "running";
  saved.progress();
  const badUpFront = input.rows.filter((r) => r.issues.some((i) => i.severity === "error")).length;
  job.processed = badUpFront;
  try {
    const result = await renderRows({
      kit: input.kit,
      template: input.template,
      formatId: input.formatId,
      output: input.output,
      bleed: input.bleed,
      rows: input.rows,
      concurrency: input.concurrency ?? 2,
      async onFile({ row, fileName, page, rendered }) {
        const asset = await recordAsset({
          kitId: input.kit.id,
          kitVersion: input.kit.version,
          designId: null,
          templateId: input.template.id,
          format: input.formatId,
          contentHash: rendered.contentHash,
          bytes: rendered.bytes,
          mime: rendered.mime,
          // Bulk rows have no design: the content snapshot is what a later re-render works from.
          source: { content: row.content, output: input.output, page, bleed: input.bleed, name: row.label },
        });
        job.files.push({ assetId: asset.id, fileName, storageKey: asset.storageKey, bytes: rendered.bytes.length, row: row.row });
      },
      onRowDone: () => {
        job.processed++;
        saved.progress();
      },
    });
    job.okRows = result.okRows;
    job.failedRows = result.failedRows;
    job.issues = result.issues;
    job.files.sort((a, b) => a.row - b.row || (a.fileName < b.fileName ? -1 : 1));
    job.status = "done";
  } catch (error) {
    job.status = "failed";
    job.error = error instanceof Error ? error.message : String(error);
  }
  job.finishedAt = new Date();
  saved.stop();
  await saved.flush();
  return job;
}

/** Queues a run and returns its job once it is recorded; follow it with getBulkJob (or await waitForBulkJob). */
export async function startBulkJob(scope: Scope, input: BulkJobInput): Promise<BulkJob> {
  prune();
  await pruneBulkRuns();
  const job: BulkJob = {
    id: randomUUID(),
    workspaceId: scope.workspaceId,
    kitId: input.kit.id,
    kitSlug: input.kit.slug,
    kitVersion: input.kit.version,
    templateId: input.template.id,
    formatId: input.formatId,
    output: input.output,
    status: "queued",
    total: input.rows.length,
    processed: 0,
    okRows: 0,
    failedRows: 0,
    files: [],
    issues: [],
    createdAt: new Date(),
  };
  jobs.set(job.id, job);
  const saved = persistence(job);
  await saved.flush();
  // One run at a time: each already renders two files in parallel on a shared machine.
  const finished = queue.then(() => run(job, input, saved));
  queue = finished.catch(() => undefined);
  done.set(job.id, finished);
  return job;
}

/** The workspace's run by id (live in this process, else as last written); another workspace's is not found. */
export async function getBulkJob(scope: Scope, id: string): Promise<BulkJob | undefined> {
  const job = jobs.get(id);
  if (job) return job.workspaceId === scope.workspaceId ? job : undefined;
  return loadBulkRun(scope, id);
}

/** For tests: what a restart does to this process's memory of runs. */
export function forgetBulkJobsInMemory(): void {
  jobs.clear();
  done.clear();
}

export async function waitForBulkJob(id: string): Promise<BulkJob> {
  const pending = done.get(id);
  if (!pending) throw new Error(`bulk job ${id.slice(0, 40)} not found`);
  return pending;
}

/** `event-flyer-a5-bulk.zip` */
export function bulkZipName(job: BulkJob): string {
  return `${job.templateId}-${job.formatId}-bulk.zip`;
}

/**
 * The job's files read from blob storage one at a time, and errors.csv when any row had a problem. Files
 * deleted from the library since the run are left out (the ZIP's length is fixed before it streams).
 */
export async function bulkZip(job: BulkJob): Promise<{ stream: ReadableStream<Uint8Array>; size: number; files: number }> {
  const store = getBlobStore();
  const present = await Promise.all(job.files.map((f) => store.has(f.storageKey)));
  const entries: StreamEntry[] = job.files.filter((_, i) => present[i]).map((f) => ({ name: f.fileName, size: f.bytes, read: async () => new Uint8Array(await store.get(f.storageKey)) }));
  if (job.issues.length) {
    const report = new TextEncoder().encode(toCsv(issuesCsvRows(job.issues)));
    entries.push({ name: "errors.csv", size: report.length, read: async () => report });
  }
  return { ...zipStream(entries), files: entries.length };
}

// Bulk runs behind the web page: a job renders every good row (two at a time), records each file as
// an asset and keeps only asset ids, so memory stays flat however many rows there are; its ZIP is
// streamed from blob storage on download, with errors.csv naming each bad row. Jobs run one after
// another and live in this process (the recent ones, for an hour); the assets they made are permanent.
import type { Scope } from "../auth/scope.ts";
import { randomUUID } from "node:crypto";
import { recordAsset } from "../../models/asset.server.ts";
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

async function run(job: BulkJob, input: BulkJobInput): Promise<BulkJob> {
  job.status = "running";
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
  return job;
}

/** Queues a run and returns its job at once; follow it with getBulkJob (or await waitForBulkJob). */
export function startBulkJob(scope: Scope, input: BulkJobInput): BulkJob {
  prune();
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
  // One run at a time: each already renders two files in parallel on a shared machine.
  const finished = queue.then(() => run(job, input));
  queue = finished.catch(() => undefined);
  done.set(job.id, finished);
  return job;
}

/** The workspace's run by id; another workspace's is not found. */
export function getBulkJob(scope: Scope, id: string): BulkJob | undefined {
  const job = jobs.get(id);
  return job && job.workspaceId === scope.workspaceId ? job : undefined;
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

/** The job's files read from blob storage one at a time, and errors.csv when any row had a problem. */
export function bulkZip(job: BulkJob): { stream: ReadableStream<Uint8Array>; size: number; files: number } {
  const store = getBlobStore();
  const entries: StreamEntry[] = job.files.map((f) => ({ name: f.fileName, size: f.bytes, read: async () => new Uint8Array(await store.get(f.storageKey)) }));
  if (job.issues.length) {
    const report = new TextEncoder().encode(toCsv(issuesCsvRows(job.issues)));
    entries.push({ name: "errors.csv", size: report.length, read: async () => report });
  }
  return { ...zipStream(entries), files: entries.length };
}

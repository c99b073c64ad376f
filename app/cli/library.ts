// `marque library list | rerender | check | delete`.
import type { Scope } from "../lib/auth/scope.ts";
import { parseArgs } from "node:util";
import { getKit } from "../models/kit.server.ts";
import { deleteLibraryItem, listLibrary, staleCounts, type LibraryFilter, type LibraryItem } from "../models/library.server.ts";
import { checkLibrary, type LibraryCheckReport } from "../models/library-check.server.ts";
import { activeRerenderJob, createRerenderJob } from "../lib/rerender/job.server.ts";
import { runRerenderJob } from "../lib/rerender/runner.server.ts";
import { CliError, table, type Io } from "./io.ts";

const USAGE = "Try: library list [--stale] [--json] | library rerender --stale [--kit S] | library check [--repair] [--json] | library delete <id>";

export async function libraryCommand(args: string[], io: Io, scope: Scope): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest, io, scope);
  if (sub === "rerender") return rerender(rest, io, scope);
  if (sub === "check") return check(rest, io, scope);
  if (sub === "delete") return remove(rest, io, scope);
  throw new CliError(`unknown command "library ${sub ?? ""}". ${USAGE}`);
}

async function kitId(scope: Scope, slug: string | undefined): Promise<string | undefined> {
  if (!slug) return undefined;
  const kit = await getKit(scope, slug);
  if (!kit) throw new CliError(`--kit: no brand kit "${slug}" (see: marque kits list)`);
  return kit.id;
}

function json(item: LibraryItem) {
  const { storageKey: _key, thumbnailKey: _thumb, ...rest } = item;
  return { ...rest, createdAt: item.createdAt.toISOString() };
}

async function list(args: string[], io: Io, scope: Scope) {
  const { values } = parseArgs({
    args,
    options: { stale: { type: "boolean" }, json: { type: "boolean" }, kit: { type: "string" }, template: { type: "string" }, format: { type: "string" }, limit: { type: "string" } },
    strict: true,
  });
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError("--limit: a whole number from 1 to 1000");
  const filter: LibraryFilter = { kitId: await kitId(scope, values.kit), templateId: values.template, format: values.format, take: limit, ...(values.stale ? { stale: true } : {}) };
  const { items, total } = await listLibrary(scope, filter);
  if (values.json) {
    io.out(JSON.stringify(items.map(json), null, 2));
    return 0;
  }
  if (items.length === 0) {
    io.out(values.stale ? "No stale assets: everything was made with its kit's current version." : "No assets yet. Export a design or render one with: marque render");
    return 0;
  }
  const rows = items.map((i) => [i.id, i.kitSlug, `v${i.kitVersion}${i.stale ? ` (now v${i.currentKitVersion})` : ""}`, i.templateId, i.format, i.output, i.createdAt.toISOString().slice(0, 16).replace("T", " "), i.title]);
  io.out(table([["ID", "KIT", "VERSION", "TEMPLATE", "FORMAT", "TYPE", "CREATED", "TITLE"], ...rows]));
  if (total > items.length) io.err(`(${items.length} of ${total} shown; use --limit or a filter)`);
  return 0;
}

async function rerender(args: string[], io: Io, scope: Scope) {
  const { values } = parseArgs({ args, options: { stale: { type: "boolean" }, kit: { type: "string" }, concurrency: { type: "string" }, json: { type: "boolean" } }, strict: true });
  if (!values.stale) throw new CliError("library rerender needs --stale (re-renders every asset made with an older kit version)");
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) throw new CliError("--concurrency: a whole number from 1 to 8");
  const only = { kitId: await kitId(scope, values.kit) };
  const running = await activeRerenderJob(scope);
  if (running) throw new CliError(`a re-render is already running (job ${running.id}, ${running.done}/${running.total}); wait for it or follow it at /library/rerender`);
  const planned = await createRerenderJob(scope, only);
  const videos = (await staleCounts(scope)).filter((c) => !only.kitId || c.kitId === only.kitId).reduce((n, c) => n + c.staleVideos, 0);
  if (videos) io.err(`${videos} stale video(s) are not re-rendered here; make them again from the video page.`);
  if (!planned) {
    if (values.json) io.out(JSON.stringify({ total: 0, done: 0, failed: 0, results: [] }, null, 2));
    else io.out("Nothing to re-render: no asset is stale.");
    return 0;
  }
  io.err(`Re-rendering ${planned.job.total} stale asset(s) (job ${planned.job.id})…`);
  let lastShown = 0;
  const job = await runRerenderJob(planned.job.id, {
    concurrency,
    onResult(result, results, total) {
      if (result.status === "failed") io.err(`  failed ${result.assetId}: ${result.reason ?? "unknown reason"}`);
      const percent = Math.floor((results.length / total) * 100);
      if (io.isTTY) io.err(`\r  ${results.length}/${total} (${percent}%)`);
      else if (percent >= lastShown + 10 || results.length === total) {
        lastShown = percent - (percent % 10);
        io.err(`  ${results.length}/${total}`);
      }
    },
  });
  if (!job) throw new CliError("the re-render job vanished while it ran");
  const ok = job.results.filter((r) => r.status === "ok").length;
  if (values.json) io.out(JSON.stringify({ id: job.id, status: job.status, total: job.total, done: job.done, failed: job.failed, results: job.results }, null, 2));
  else io.out(`Re-rendered ${ok} of ${job.total}${job.failed ? `; ${job.failed} failed (old files kept)` : ""}.`);
  return job.failed > 0 || job.status !== "completed" ? 1 : 0;
}

function printReport(report: LibraryCheckReport, io: Io) {
  io.out(`${report.blobs} stored file(s), ${report.rows} row(s) with files.`);
  for (const o of report.orphans) io.out(`orphan file ${o.key} (${o.bytes} bytes)${o.action === "none" ? "" : `: ${o.action}${o.detail ? ` (${o.detail})` : ""}`}`);
  for (const m of report.missing) io.out(`missing file for ${m.kind} ${m.id} — ${m.label}${m.action === "none" ? "" : `: ${m.action}`}${m.detail ? ` (${m.detail})` : ""}`);
  if (report.orphans.length === 0 && report.missing.length === 0) io.out("No orphan files and no rows with missing files.");
  else if (!report.repaired) io.out("Run `marque library check --repair` to remove orphan files and re-render or delete rows with missing files.");
}

async function check(args: string[], io: Io, scope: Scope) {
  const { values } = parseArgs({ args, options: { repair: { type: "boolean" }, json: { type: "boolean" } }, strict: true });
  const report = await checkLibrary({ repair: values.repair });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printReport(report, io);
  return report.clean ? 0 : 1;
}

async function remove(args: string[], io: Io, scope: Scope) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {}, strict: true });
  const id = positionals[0];
  if (!id) throw new CliError("library delete needs an asset id (see: marque library list)");
  const gone = await deleteLibraryItem(scope, id);
  if (!gone) throw new CliError(`no asset "${id.slice(0, 60)}"`);
  io.out(`Deleted ${id} (${gone.filesRemoved} file(s) removed from storage).`);
  return 0;
}

// The bulk page and its ZIP called directly with Requests: read + map + preview, per-row errors,
// a run that records one asset per good row, and a ZIP holding the good files plus errors.csv; the run's
// page and ZIP after a restart, and a run the restart cut short.
import { unzipSync } from "fflate";
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { listAssets } from "~/models/asset.server.ts";
import { action, loader } from "~/routes/designs.bulk.tsx";
import { loader as zipLoader } from "~/routes/designs.bulk.$jobId.zip.ts";
import { forgetBulkJobsInMemory, getBulkJob, waitForBulkJob } from "~/lib/bulk/jobs.server.ts";
import { prisma } from "~/db.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { parseCsv } from "~/lib/bulk/csv.ts";
import { exampleKit } from "../models/design-fixtures.ts";
import { readPdf } from "../lib/render/pdf-read.ts";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../support/auth.ts";

// Bulk runs and their ZIPs are an editor's work.
let kit: Awaited<ReturnType<typeof exampleKit>>;
let editor: TestMember;
beforeAll(async () => {
  const workspace = await makeWorkspace();
  editor = await makeMember(workspace, "editor");
  kit = await exampleKit(workspace);
});

const ctx = { context: {} };

function post(fields: Record<string, string | File>, extra: [string, string][] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [k, v] of extra) body.append(k, v);
  return asMember(editor, "/designs/bulk", { method: "POST", body });
}

type StepData = {
  error?: string;
  field?: string;
  headers: string[];
  mapping: Record<string, number | null>;
  problems: string[];
  summary: { rows: number; good: number; bad: number };
  issues: string[];
  previews: { row: number; label: string; thumbnail?: string; issues: string[] }[];
  csvText: string;
};

async function run(p: Promise<unknown>): Promise<{ status: number; body: StepData; response?: Response }> {
  const r = await p;
  if (r instanceof Response) return { status: r.status, body: {} as StepData, response: r };
  const d = r as { data: StepData; init?: { status?: number } };
  return { status: d.init?.status ?? 200, body: d.data };
}

const CSV = [
  "Event name,Date,Time,Where",
  'Wine & cheese,Sat 1 June,7pm,"Quay Street,\nby the harbour"',
  '"=HYPERLINK(""x"")",Sun 2 June,,',
  ",Mon 3 June,,Nowhere",
  "Tapas night,Tue 4 June,8pm,The yard",
].join("\n");

const settings = (output = "pdf", format = "a5") => ({ kit: kit.slug, template: "event-flyer", format, output });

test("reading a CSV suggests the mapping, validates every row and previews the first ones", async () => {
  const file = new File([`\uFEFF${CSV}\n`], "events.csv", { type: "text/csv" });
  const r = await run(action({ request: post({ ...settings("png", "ig-square"), intent: "preview", file }), params: {}, ...ctx }));
  expect(r.status).toBe(200);
  expect(r.body.headers).toEqual(["Event name", "Date", "Time", "Where"]);
  expect(r.body.mapping).toMatchObject({ title: 0, date: 1, time: 2, venue: 3 });
  expect(r.body.summary).toEqual({ rows: 4, good: 3, bad: 1 });
  expect(r.body.issues).toEqual(['row 3 (sheet row 4), title (column "Event name"): name the event']);
  expect(r.body.previews.map((p) => p.row)).toEqual([1, 2, 3, 4]);
  const [first, , bad] = r.body.previews;
  expect(bad?.thumbnail).toBeUndefined();
  expect(bad?.issues[0]).toContain("name the event");
  const png = Buffer.from(first?.thumbnail?.replace(/^data:image\/png;base64,/, "") ?? "", "base64");
  const meta = await sharp(png).metadata();
  expect(meta.format).toBe("png");
  expect(meta.width).toBeLessThanOrEqual(260);
  // The decoded CSV comes back for the next step (BOM dropped).
  expect(parseCsv(r.body.csvText).rows).toHaveLength(4);
});

test("an edited mapping is used; a required field left unmapped is named", async () => {
  const text = "Headliner;Day\nThe Tide Singers;Fri 12 July\n";
  const unmapped = await run(action({ request: post({ ...settings(), intent: "preview", csv: text }), params: {}, ...ctx }));
  expect(unmapped.body.problems).toContain("mapping: Title (title) is required; choose the column that holds it");
  const mapped = await run(action({ request: post({ ...settings(), intent: "preview", csv: text }, [["map.title", "0"], ["map.date", "1"]]), params: {}, ...ctx }));
  expect(mapped.body.problems).toEqual([]);
  expect(mapped.body.previews[0]?.label).toBe("The Tide Singers");
  const twice = await run(action({ request: post({ ...settings(), intent: "generate", csv: text }, [["map.title", "0"], ["map.date", "0"]]), params: {}, ...ctx }));
  expect(twice.status).toBe(400);
  expect(twice.body.error).toBe('mapping: column "Headliner" is used for both title and date');
});

test("generate: one asset per good row; the ZIP holds the good files and errors.csv; formulas printed literally", async () => {
  const r = await run(action({ request: post({ ...settings("pdf", "a5"), bleed: "on", intent: "generate", csv: CSV }), params: {}, ...ctx }));
  expect(r.status).toBe(302);
  const location = r.response?.headers.get("Location") ?? "";
  const jobId = /job=([\w-]+)/.exec(location)?.[1] ?? "";
  const job = await waitForBulkJob(jobId);
  expect(job).toMatchObject({ status: "done", total: 4, okRows: 3, failedRows: 1, processed: 4 });

  const page = await loader({ request: asMember(editor, location), params: {}, ...ctx });
  expect(page.job).toMatchObject({ status: "done", okRows: 3, files: 3 });
  expect(page.job?.issues).toEqual(['row 3 (sheet row 4), title (column "Event name"): name the event']);

  const assets = await listAssets(editor.scope, { kitId: kit.id, templateId: "event-flyer", format: "a5" });
  for (const f of job.files) expect(assets.find((a) => a.id === f.assetId)).toMatchObject({ kitVersion: kit.version, mime: "application/pdf", designId: null });

  const res = (await zipLoader({ request: asMember(editor, `/designs/bulk/${jobId}/zip`), params: { jobId }, ...ctx })) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/zip");
  expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="event-flyer-a5-bulk.zip"');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
  const files = unzipSync(bytes);
  expect(Object.keys(files).sort()).toEqual(["errors.csv", "hyperlink-x-002-a5.pdf", "tapas-night-004-a5.pdf", "wine-cheese-001-a5.pdf"]);

  const formula = await readPdf(Buffer.from(files["hyperlink-x-002-a5.pdf"] ?? new Uint8Array()));
  expect(formula.text.split("\n").map((l) => l.trim())).toContain('=HYPERLINK("x")');
  expect(formula.bleedBox?.[0]).toBeLessThan(formula.trimBox?.[0] ?? 0);

  const report = parseCsv(new TextDecoder().decode(files["errors.csv"]));
  expect(report.headers).toEqual(["row", "sheet_row", "severity", "field", "column", "problem"]);
  expect(report.rows.map((r) => r.cells)).toEqual([["3", "4", "error", "title", "Event name", "name the event"]]);
});

test("after a restart the run's page and its ZIP come from the database; another workspace still cannot see it", async () => {
  const r = await run(action({ request: post({ ...settings("png", "ig-square"), intent: "generate", csv: CSV }), params: {}, ...ctx }));
  const location = r.response?.headers.get("Location") ?? "";
  const jobId = /job=([\w-]+)/.exec(location)?.[1] ?? "";
  const live = await waitForBulkJob(jobId);
  forgetBulkJobsInMemory();

  const page = await loader({ request: asMember(editor, location), params: {}, ...ctx });
  expect(page.job).toMatchObject({ status: "done", total: 4, okRows: 3, failedRows: 1, files: 3, processed: 4 });
  expect(page.job?.issues).toEqual(['row 3 (sheet row 4), title (column "Event name"): name the event']);
  const res = (await zipLoader({ request: asMember(editor, `/designs/bulk/${jobId}/zip`), params: { jobId }, ...ctx })) as Response;
  expect(res.status).toBe(200);
  expect(Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer()))).sort()).toEqual(["errors.csv", ...live.files.map((f) => f.fileName)].sort());

  // A file whose stored bytes are gone since (deleted from the library, and no other asset shares them)
  // is left out of the ZIP rather than breaking it halfway.
  const [first] = live.files;
  if (!first) throw new Error("no file");
  await getBlobStore().delete(first.storageKey);
  const after = (await zipLoader({ request: asMember(editor, `/designs/bulk/${jobId}/zip`), params: { jobId }, ...ctx })) as Response;
  const names = Object.keys(unzipSync(new Uint8Array(await after.arrayBuffer())));
  expect(names).not.toContain(first.fileName);
  expect(names).toHaveLength(3);

  const stranger = await makeMember(await makeWorkspace(), "editor");
  expect(await getBulkJob(stranger.scope, jobId)).toBeUndefined();
});

test("a run the restart cut short: reported as stopped once silent, with the rows it made in its ZIP", async () => {
  const r = await run(action({ request: post({ ...settings("png", "ig-square"), intent: "generate", csv: CSV }), params: {}, ...ctx }));
  const jobId = /job=([\w-]+)/.exec(r.response?.headers.get("Location") ?? "")?.[1] ?? "";
  const live = await waitForBulkJob(jobId);
  // As the database looked when the process died after two rows, and 20 s later (not yet silent long enough).
  const files = JSON.stringify(live.files.slice(0, 2));
  await prisma.$executeRaw`UPDATE "BulkRun" SET "status" = 'running', "processed" = 2, "okRows" = 0, "files" = ${files}, "finishedAt" = NULL, "updatedAt" = ${new Date(Date.now() - 20_000)} WHERE "id" = ${jobId}`;
  forgetBulkJobsInMemory();
  expect((await getBulkJob(editor.scope, jobId))?.status).toBe("running");

  await prisma.$executeRaw`UPDATE "BulkRun" SET "updatedAt" = ${new Date(Date.now() - 60_000)} WHERE "id" = ${jobId}`;
  const page = await loader({ request: asMember(editor, `/designs/bulk?job=${jobId}`), params: {}, ...ctx });
  expect(page.job).toMatchObject({ status: "failed", okRows: 2, files: 2 });
  expect(page.job?.error).toBe("the server restarted during it. 2 of 4 rows were rendered (they are in your asset library and in the ZIP); start a new run for the rest.");
  expect((await prisma.bulkRun.findUnique({ where: { id: jobId } }))?.status).toBe("failed");
  const res = (await zipLoader({ request: asMember(editor, `/designs/bulk/${jobId}/zip`), params: { jobId }, ...ctx })) as Response;
  expect(res.status).toBe(200);
  expect(Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())))).toEqual(expect.arrayContaining(live.files.slice(0, 2).map((f) => f.fileName)));
});

test("errors.csv neutralises formula-like text it repeats (a column named like a formula)", async () => {
  const csv = "=cmd|' /C calc'!A0,Date\nGood night,Fri\n,Sat\n";
  const r = await run(action({ request: post({ ...settings("png", "ig-square"), intent: "generate", csv }, [["map.title", "0"], ["map.date", "1"]]), params: {}, ...ctx }));
  const jobId = /job=([\w-]+)/.exec(r.response?.headers.get("Location") ?? "")?.[1] ?? "";
  await waitForBulkJob(jobId);
  const res = (await zipLoader({ request: asMember(editor, "/"), params: { jobId }, ...ctx })) as Response;
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const text = new TextDecoder().decode(files["errors.csv"]);
  expect(text).toContain("'=cmd|' /C calc'!A0");
  expect(text).not.toMatch(/(^|,)=cmd/m);
  expect(Object.keys(files)).toContain("good-night-001-ig-square.png");
});

test("limits and bad input give clear 400s naming the input", async () => {
  const many = `title,date\n${Array.from({ length: 501 }, (_, i) => `Event ${i},Fri`).join("\n")}\n`;
  const tooMany = await run(action({ request: post({ ...settings(), intent: "preview", csv: many }), params: {}, ...ctx }));
  expect(tooMany.status).toBe(400);
  expect(tooMany.body).toMatchObject({ field: "csv", error: "csv: CSV: 501 data rows; the limit is 500 per run (split the file)" });
  const big = new File(["title,date\n", "x".repeat(1024 * 1024 + 10)], "big.csv");
  const tooBig = await run(action({ request: post({ ...settings(), intent: "preview", file: big }), params: {}, ...ctx }));
  // (A browser's request declares its Content-Length and is refused before it is read, with a 413.)
  expect(tooBig.status).toBe(400);
  expect(tooBig.body).toMatchObject({ field: "file", error: `file: big.csv is ${big.size} bytes; the limit is 1048576` });
  const none = await run(action({ request: post({ ...settings(), intent: "preview" }), params: {}, ...ctx }));
  expect(none.body).toMatchObject({ field: "file", error: "file: upload a CSV file or paste its rows" });
  const menu = await run(action({ request: post({ ...settings(), template: "menu", intent: "preview", csv: "title\nA\n" }), params: {}, ...ctx }));
  expect(menu.body.error).toMatch(/^template: Restaurant menu needs lists/);
  const size = await run(action({ request: post({ ...settings(), format: "banner", intent: "preview", csv: "title\nA\n" }), params: {}, ...ctx }));
  expect(size.body.error).toMatch(/^format: Event flyer does not come in "banner"/);
  const missing = await zipLoader({ request: asMember(editor, "/"), params: { jobId: "nope" }, ...ctx }).catch((e: unknown) => e);
  expect((missing as Response).status).toBe(404);
});

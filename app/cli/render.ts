// `marque render`: one design from sample content or a JSON file, or one file per row of a CSV (or a
// JSON array) into a folder. Bad rows are reported on stderr by row, field and reason while the good
// rows are written; the exit code is 1 when any row failed. Every file is written atomically.
import type { Scope } from "../lib/auth/scope.ts";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../lib/fs-atomic.server.ts";
import { parseCsv, type CsvTable } from "../lib/bulk/csv.ts";
import { bulkFields, checkMapping, suggestMapping, type BulkField, type Mapping } from "../lib/bulk/mapping.ts";
import { formatRowIssue, prepareRows, renderRows, type BulkRow } from "../lib/bulk/rows.server.ts";
import { getFormat, isPrint } from "../lib/templates/formats.ts";
import { getTemplate } from "../lib/templates/registry.ts";
import { OUTPUT_FORMATS, isOutputFormat, renderDesign, type KitRef, type OutputFormat } from "../lib/templates/render-design.server.ts";
import type { Template } from "../lib/templates/types.ts";
import { requireKit } from "../models/kit.server.ts";
import { CliError, userPath, type Io } from "./io.ts";

export const RENDER_USAGE =
  "marque render --kit <slug> --template <id> [--data <file.json|file.csv>] --format png|jpeg|webp|avif|pdf [--size <format id>] [--bleed] [--map field=Column]... --out <file or folder>";

const MAX_DATA_BYTES = 4 * 1024 * 1024;
const EXT_FORMAT: Record<string, OutputFormat> = { ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".avif": "avif", ".pdf": "pdf" };

export async function renderCommand(args: string[], io: Io, scope: Scope): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      kit: { type: "string" },
      template: { type: "string" },
      data: { type: "string" },
      format: { type: "string" },
      size: { type: "string" },
      bleed: { type: "boolean" },
      map: { type: "string", multiple: true },
      out: { type: "string" },
      concurrency: { type: "string" },
    },
    strict: true,
  });
  if (!values.kit) throw new CliError(`--kit is required (a kit slug; see marque kits list)\nUsage: ${RENDER_USAGE}`);
  if (!values.template) throw new CliError(`--template is required (see marque templates list)\nUsage: ${RENDER_USAGE}`);
  if (!values.out) throw new CliError(`--out is required (a file, or a folder for CSV rows)\nUsage: ${RENDER_USAGE}`);
  const output = values.format ?? EXT_FORMAT[path.extname(values.out).toLowerCase()];
  if (!isOutputFormat(output)) throw new CliError(`--format must be one of ${OUTPUT_FORMATS.join(", ")} (got "${values.format ?? ""}")`);
  const template = getTemplate(values.template);
  const formatId = values.size ?? (template.formats[0] as string);
  if (!(template.formats as readonly string[]).includes(formatId)) {
    throw new CliError(`--size: ${template.id} does not come in "${formatId.slice(0, 40)}" (it does: ${template.formats.join(", ")})`);
  }
  if (values.bleed && !(output === "pdf" && isPrint(getFormat(formatId)))) io.err(`warning: --bleed applies to PDFs of print formats; ignored for ${output} ${formatId}`);
  const concurrency = values.concurrency ? Number(values.concurrency) : 2;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) throw new CliError("--concurrency must be a whole number from 1 to 8");
  const row = await requireKit(scope, values.kit);
  const kit: KitRef = { id: row.id, slug: row.slug, version: row.version, kit: row.kit };
  const job = { io, kit, template, formatId, output, bleed: Boolean(values.bleed), out: userPath(io, values.out), outArg: values.out, concurrency };

  if (!values.data) return single(job, template.sample);
  const data = await readData(io, values.data);
  if (data.kind === "json" && !Array.isArray(data.value)) return single(job, data.value);
  const rows = data.kind === "json" ? jsonRows(data.value as unknown[]) : csvRows(io, data.table, template, values.map ?? []);
  return many(job, rows);
}

interface Job {
  io: Io;
  kit: KitRef;
  template: Template;
  formatId: string;
  output: OutputFormat;
  bleed: boolean;
  /** Absolute path of --out, and --out as the user typed it (for messages). */
  out: string;
  outArg: string;
  concurrency: number;
}

type Data = { kind: "json"; value: unknown } | { kind: "csv"; table: CsvTable };

async function readData(io: Io, file: string): Promise<Data> {
  const full = userPath(io, file);
  const info = await stat(full).catch(() => undefined);
  if (!info?.isFile()) throw new CliError(`--data ${file}: no such file`);
  if (info.size > MAX_DATA_BYTES) throw new CliError(`--data ${file}: ${info.size} bytes; the limit is ${MAX_DATA_BYTES}`);
  const bytes = await readFile(full);
  const ext = path.extname(file).toLowerCase();
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const looksJson = ext === ".json" || (ext !== ".csv" && ext !== ".tsv" && /^\s*[[{]/.test(text));
  if (looksJson) {
    try {
      return { kind: "json", value: JSON.parse(text) as unknown };
    } catch (error) {
      throw new CliError(`--data ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  try {
    return { kind: "csv", table: parseCsv(new Uint8Array(bytes)) };
  } catch (error) {
    throw new CliError(`--data ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `--map title="Event name"` pairs on top of the mapping suggested from the header. */
function cliMapping(io: Io, table: CsvTable, fields: BulkField[], pairs: string[]): Mapping {
  const mapping = suggestMapping(table.headers, fields);
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new CliError(`--map "${pair}": expected field=Column (for example --map title="Event name")`);
    const key = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (!fields.some((f) => f.key === key)) throw new CliError(`--map: "${key}" is not a field (fields: ${fields.map((f) => f.key).join(", ")})`);
    const index = table.headers.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (column && index < 0) throw new CliError(`--map: no column "${column}" in the CSV (columns: ${table.headers.join(", ")})`);
    for (const [k, v] of Object.entries(mapping)) if (v === index && k !== key) mapping[k] = null;
    mapping[key] = column ? index : null;
  }
  const problems = checkMapping(mapping, table.headers, fields);
  if (problems.length) throw new CliError(`${problems.join("\n")}\nColumns: ${table.headers.join(", ")}. Map one with --map field=Column.`);
  const used = new Set(Object.values(mapping));
  const unused = table.headers.filter((_, i) => !used.has(i));
  if (unused.length) io.err(`note: column(s) not used: ${unused.join(", ")}`);
  return mapping;
}

function csvRows(io: Io, table: CsvTable, template: Template, pairs: string[]): BulkRow[] {
  const set = bulkFields(template);
  if (set.blocking.length) throw new CliError(`${template.id} needs ${set.blocking.join(", ")} (lists), which one CSV row cannot hold; pass a JSON file instead`);
  const mapping = cliMapping(io, table, set.fields, pairs);
  return prepareRows(table.rows, table.headers, template, mapping, set.fields);
}

/** A JSON array: one design per element, numbered from 1 like CSV rows (validated when rendered). */
function jsonRows(items: unknown[]): BulkRow[] {
  if (items.length === 0) throw new CliError("--data: the JSON array is empty");
  return items.map((item, i) => {
    const at = { row: i + 1, sheetRow: i + 1 };
    const ok = item !== null && typeof item === "object" && !Array.isArray(item);
    const content = ok ? (item as Record<string, unknown>) : {};
    const label = Object.values(content).find((v): v is string => typeof v === "string" && v.trim() !== "" && !v.startsWith("sha256:")) ?? "";
    return { ...at, content, label, issues: ok ? [] : [{ ...at, field: "(row)", message: "expected an object of content fields", severity: "error" as const }] };
  });
}

async function isFolderTarget(out: string, outArg: string): Promise<boolean> {
  if (/[\\/]$/.test(outArg)) return true;
  return (await stat(out).catch(() => undefined))?.isDirectory() ?? false;
}

async function single(job: Job, content: unknown): Promise<number> {
  const base = { kit: job.kit, templateId: job.template.id, content, formatId: job.formatId, output: job.output, bleed: job.bleed };
  const first = await renderDesign(base);
  const folder = await isFolderTarget(job.out, job.outArg);
  const target = folder ? path.join(job.out, first.fileName) : job.out;
  const written = [target];
  await writeFileAtomic(target, first.bytes);
  // A raster of a multi-page design: page 2 onwards beside the first (`menu.png`, `menu-p2.png`).
  const pages = job.output === "pdf" ? 1 : first.pages;
  for (let page = 1; page < pages; page++) {
    const next = await renderDesign({ ...base, page });
    const ext = path.extname(target);
    const file = folder ? path.join(job.out, next.fileName) : `${target.slice(0, target.length - ext.length)}-p${page + 1}${ext}`;
    await writeFileAtomic(file, next.bytes);
    written.push(file);
  }
  for (const o of first.overflow) job.io.err(`warning: ${o.message} (drawn cut with an ellipsis)`);
  for (const m of first.missing) job.io.err(`warning: ${m.field}: no font has ${m.chars.join(" ")}; left out`);
  for (const file of written) job.io.out(file);
  return 0;
}

async function many(job: Job, rows: BulkRow[]): Promise<number> {
  const existing = await stat(job.out).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new CliError(`--out ${job.outArg}: one file per row goes into a folder, but this is a file`);
  const written: string[] = [];
  const result = await renderRows({
    kit: job.kit,
    template: job.template,
    formatId: job.formatId,
    output: job.output,
    bleed: job.bleed,
    rows,
    concurrency: job.concurrency,
    async onFile({ fileName, rendered }) {
      const file = path.join(job.out, fileName);
      await writeFileAtomic(file, rendered.bytes);
      written.push(file);
    },
  });
  for (const issue of result.issues) job.io.err(formatRowIssue(issue));
  for (const file of written.sort()) job.io.out(file);
  job.io.err(`${result.okRows} of ${rows.length} row(s) rendered into ${job.outArg}${result.failedRows ? `; ${result.failedRows} failed` : ""}`);
  return result.failedRows > 0 ? 1 : 0;
}


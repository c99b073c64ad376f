// Bulk rows: each CSV row validated against the template (issues named by row, field and column),
// then the good rows rendered through the render service at a bounded concurrency. A bad row never
// stops the others; text that had to be cut is reported as a warning on its row.
import { getAt } from "../templates/content-form.ts";
import { ContentError } from "../templates/registry.ts";
import { renderDesign, type KitRef, type OutputFormat, type RenderedDesign } from "../templates/render-design.server.ts";
import type { Template } from "../templates/types.ts";
import type { CsvRow } from "./csv.ts";
import { fieldForPath, rowContent, type BulkField, type Mapping } from "./mapping.ts";

export interface RowIssue {
  /** 1-based data row (the first row under the header is row 1). */
  row: number;
  /** The row number a spreadsheet shows (header = 1). */
  sheetRow: number;
  /** Content field path, or `(row)` / `(render)` for problems with the whole row. */
  field: string;
  /** The CSV column the field was read from, when it was mapped. */
  column?: string;
  message: string;
  severity: "error" | "warning";
}

export interface BulkRow {
  row: number;
  sheetRow: number;
  content: Record<string, unknown>;
  /** Text that names the row's files (the first required text field with a value). */
  label: string;
  issues: RowIssue[];
}

/** `row 3 (sheet row 4), title (column "Event"): name the event`. */
export function formatRowIssue(issue: RowIssue): string {
  const where = issue.field.startsWith("(") ? "" : `, ${issue.field}${issue.column ? ` (column "${issue.column}")` : ""}`;
  // JSON arrays have no header row: their items are numbered once (sheetRow === row).
  const sheet = issue.sheetRow !== issue.row ? ` (sheet row ${issue.sheetRow})` : "";
  return `${issue.severity === "warning" ? "warning: " : ""}row ${issue.row}${sheet}${where}: ${issue.message}`;
}

function labelFor(content: Record<string, unknown>, fields: readonly BulkField[]): string {
  const texts = fields.filter((f) => f.kind === "text");
  const ordered = [...texts.filter((f) => f.required), ...texts.filter((f) => !f.required)];
  for (const f of ordered) {
    const v = f.key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), content);
    if (typeof v === "string" && v.trim()) return v.trim();
  }
  return "";
}

/** Maps and validates every row (no rendering): what the preview shows and what a run will skip. */
export function prepareRows(rows: readonly CsvRow[], headers: readonly string[], template: Template, mapping: Mapping, fields: readonly BulkField[]): BulkRow[] {
  return rows.map((r) => {
    const content = rowContent(r.cells, mapping, fields);
    const issues: RowIssue[] = [];
    const at = { row: r.row, sheetRow: r.sheetRow };
    if (r.extraCells > 0) {
      issues.push({ ...at, field: "(row)", message: `${r.extraCells} more cell(s) than the header has columns (${headers.length}); is a value missing its quotes?`, severity: "error" });
    }
    const parsed = template.schema.safeParse(content);
    if (!parsed.success) {
      for (const i of parsed.error.issues.slice(0, 20)) {
        const path = i.path.map(String).join(".");
        // zod's "expected string, received undefined" means the cell was empty.
        const empty = i.code === "invalid_type" && getAt(content, path) === undefined;
        issues.push(contentIssue(at, path, empty ? "empty, but this field is required" : i.message, mapping, headers, fields));
      }
    }
    return { ...at, content, label: labelFor(parsed.success ? (parsed.data as Record<string, unknown>) : content, fields), issues };
  });
}

function contentIssue(at: { row: number; sheetRow: number }, path: string, message: string, mapping: Mapping, headers: readonly string[], fields: readonly BulkField[]): RowIssue {
  const field = fieldForPath(path, fields);
  const column = field ? mapping[field.key] : null;
  const unmapped = field && (column === null || column === undefined) ? " (no column is mapped to it)" : "";
  return { ...at, field: path || "(row)", ...(column !== null && column !== undefined ? { column: headers[column] } : {}), message: `${message}${unmapped}`, severity: "error" };
}

/** Runs `fn` over the items with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 48)
    .replace(/-+$/, "");

const EXT: Record<OutputFormat, string> = { png: "png", jpeg: "jpg", webp: "webp", avif: "avif", pdf: "pdf" };

/**
 * `oysters-and-orange-wine-003-a5.pdf`: the row's label as an ASCII slug plus its row number, so names
 * are unique and never carry a path or a character from the data that a file system could misread.
 */
export function rowFileName(row: number, label: string, formatId: string, output: OutputFormat, page = 0): string {
  const base = slug(label) || "row";
  return `${base}-${String(row).padStart(3, "0")}-${formatId}${page > 0 ? `-p${page + 1}` : ""}.${EXT[output]}`;
}

export interface RenderRowsInput {
  kit: KitRef;
  template: Template;
  formatId: string;
  output: OutputFormat;
  bleed?: boolean;
  rows: readonly BulkRow[];
  /** Renders at a time (default 2: the machine's cores are shared with the web app). */
  concurrency?: number;
  /** Called once per file, in completion order; keep or store the bytes and let them go. */
  onFile: (file: { row: BulkRow; fileName: string; page: number; rendered: RenderedDesign }) => Promise<void>;
  onRowDone?: (row: BulkRow, ok: boolean) => void;
  signal?: AbortSignal;
}

export interface RenderRowsResult {
  files: number;
  okRows: number;
  failedRows: number;
  /** Errors (rows not produced) and warnings (produced, but text was cut or glyphs missing). */
  issues: RowIssue[];
}

/** Renders every row without issues; rows with errors are skipped and their issues returned. */
export async function renderRows(input: RenderRowsInput): Promise<RenderRowsResult> {
  const issues: RowIssue[] = input.rows.flatMap((r) => r.issues);
  const good = input.rows.filter((r) => !r.issues.some((i) => i.severity === "error"));
  let files = 0;
  let okRows = 0;
  await mapLimit(good, input.concurrency ?? 2, async (row) => {
    if (input.signal?.aborted) return;
    const at = { row: row.row, sheetRow: row.sheetRow };
    try {
      const base = { kit: input.kit, templateId: input.template.id, content: row.content, formatId: input.formatId, output: input.output, bleed: input.bleed, name: row.label };
      const first = await renderDesign({ ...base, page: 0 });
      await input.onFile({ row, fileName: rowFileName(row.row, row.label, input.formatId, input.output), page: 0, rendered: first });
      files++;
      const pages = input.output === "pdf" ? 1 : first.pages;
      for (let page = 1; page < pages; page++) {
        const next = await renderDesign({ ...base, page });
        await input.onFile({ row, fileName: rowFileName(row.row, row.label, input.formatId, input.output, page), page, rendered: next });
        files++;
      }
      for (const o of first.overflow) issues.push({ ...at, field: o.field || "(render)", message: `${o.message} (drawn cut with an ellipsis)`, severity: "warning" });
      for (const m of first.missing) issues.push({ ...at, field: m.field || "(render)", message: `no font has ${m.chars.join(" ")}; left out`, severity: "warning" });
      okRows++;
      input.onRowDone?.(row, true);
    } catch (error) {
      if (error instanceof ContentError) for (const i of error.issues) issues.push({ ...at, field: i.path || "(row)", message: i.message, severity: "error" });
      else issues.push({ ...at, field: "(render)", message: error instanceof Error ? error.message : String(error), severity: "error" });
      input.onRowDone?.(row, false);
    }
  });
  issues.sort((a, b) => a.row - b.row || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const failed = new Set(issues.filter((i) => i.severity === "error").map((i) => i.row));
  return { files, okRows, failedRows: failed.size, issues };
}

/** The errors report written beside the files (formula-like cells neutralised by toCsv). */
export function issuesCsvRows(issues: readonly RowIssue[]): (string | number)[][] {
  return [["row", "sheet_row", "severity", "field", "column", "problem"], ...issues.map((i) => [i.row, i.sheetRow, i.severity, i.field, i.column ?? "", i.message])];
}

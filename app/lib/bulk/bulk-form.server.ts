// The bulk page's form, read and checked on the server: kit, template, size, file type and bleed; the
// CSV (uploaded or pasted; carried between steps as text); the column mapping (suggested until the
// user edits it). Each problem names the input it is about.
import type { Scope } from "../auth/scope.ts";
import { getKit } from "../../models/kit.server.ts";
import { FieldError } from "../errors.ts";
import { getFormat, isPrint } from "../templates/formats.ts";
import { TEMPLATES } from "../templates/registry.ts";
import { isOutputFormat, renderPreview, type KitRef, type OutputFormat } from "../templates/render-design.server.ts";
import type { Template } from "../templates/types.ts";
import { MAX_CSV_BYTES, decodeCsvBytes, parseCsv, type CsvTable } from "./csv.ts";
import { bulkFields, canBulk, checkMapping, suggestMapping, type BulkField, type Mapping } from "./mapping.ts";
import { prepareRows, type BulkRow } from "./rows.server.ts";

export function bulkTemplates(): Template[] {
  return TEMPLATES.filter(canBulk);
}

export interface BulkSettings {
  kit: KitRef & { name: string };
  template: Template;
  formatId: string;
  output: OutputFormat;
  bleed: boolean;
}

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};

export async function readSettings(scope: Scope, form: FormData): Promise<BulkSettings> {
  const slug = str(form, "kit");
  const row = slug ? await getKit(scope, slug) : null;
  if (!row) throw new FieldError("kit", slug ? `no brand kit "${slug.slice(0, 60)}"` : "choose a brand kit");
  const templateId = str(form, "template");
  const template = bulkTemplates().find((t) => t.id === templateId);
  if (!template) {
    const known = TEMPLATES.find((t) => t.id === templateId);
    throw new FieldError("template", known ? `${known.name} needs lists (such as a menu's sections) that one CSV row cannot hold` : "choose a template");
  }
  const formatId = str(form, "format") || (template.formats[0] as string);
  if (!(template.formats as readonly string[]).includes(formatId)) throw new FieldError("format", `${template.name} does not come in "${formatId.slice(0, 40)}" (it does: ${template.formats.join(", ")})`);
  const output = str(form, "output") || "png";
  if (!isOutputFormat(output)) throw new FieldError("output", "choose PNG, JPEG, WebP, AVIF or PDF");
  const bleed = output === "pdf" && isPrint(getFormat(formatId)) && form.get("bleed") === "on";
  return { kit: { id: row.id, slug: row.slug, version: row.version, kit: row.kit, name: row.name }, template, formatId, output, bleed };
}

/** The CSV as text: an uploaded file wins over the pasted text. Size-checked before decoding. */
export async function readCsv(form: FormData): Promise<{ table: CsvTable; text: string }> {
  const file = form.get("file");
  let input: string | Uint8Array | undefined;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_CSV_BYTES) throw new FieldError("file", `${file.name.slice(0, 80)} is ${file.size} bytes; the limit is ${MAX_CSV_BYTES}`);
    input = new Uint8Array(await file.arrayBuffer());
  } else {
    const text = form.get("csv");
    if (typeof text === "string" && text.trim()) input = text;
  }
  if (input === undefined) throw new FieldError("file", "upload a CSV file or paste its rows");
  try {
    const table = parseCsv(input);
    // An upload (maybe UTF-16 or Windows-1252) goes back to the page as its decoded text.
    return { table, text: typeof input === "string" ? input : decodeCsvBytes(input).text.replace(/^\uFEFF/, "") };
  } catch (error) {
    throw new FieldError(file instanceof File && file.size > 0 ? "file" : "csv", error instanceof Error ? error.message : String(error));
  }
}

/** `map.<field>` inputs (a column index or empty), or the suggestion when the form has none yet. */
export function readMapping(form: FormData, table: CsvTable, fields: BulkField[]): { mapping: Mapping; suggested: boolean } {
  const posted = [...form.keys()].some((k) => k.startsWith("map."));
  if (!posted) return { mapping: suggestMapping(table.headers, fields), suggested: true };
  const mapping: Mapping = {};
  for (const f of fields) {
    const v = str(form, `map.${f.key}`);
    mapping[f.key] = v === "" ? null : Number(v);
  }
  return { mapping, suggested: false };
}

export interface BulkStep {
  settings: BulkSettings;
  table: CsvTable;
  csvText: string;
  fields: BulkField[];
  mapping: Mapping;
  suggested: boolean;
  problems: string[];
  rows: BulkRow[];
}

/** Everything a step of the page needs: settings, table, mapping and every row validated. */
export async function readBulkStep(scope: Scope, form: FormData): Promise<BulkStep> {
  const settings = await readSettings(scope, form);
  const { table, text } = await readCsv(form);
  const { fields } = bulkFields(settings.template);
  const { mapping, suggested } = readMapping(form, table, fields);
  const problems = checkMapping(mapping, table.headers, fields);
  const rows = problems.length ? [] : prepareRows(table.rows, table.headers, settings.template, mapping, fields);
  return { settings, table, csvText: text, fields, mapping, suggested, problems, rows };
}

export interface RowPreview {
  row: number;
  sheetRow: number;
  label: string;
  issues: string[];
  /** A small PNG as a data URL, for rows without errors. */
  thumbnail?: string;
}

/** The first rows as the page shows them: thumbnails of the good ones, the errors of the bad ones. */
export async function previewRows(step: BulkStep, count = 6): Promise<RowPreview[]> {
  const out: RowPreview[] = [];
  for (const row of step.rows.slice(0, count)) {
    const errors = row.issues.filter((i) => i.severity === "error");
    const preview: RowPreview = { row: row.row, sheetRow: row.sheetRow, label: row.label, issues: errors.map((i) => `${i.field}${i.column ? ` (column "${i.column}")` : ""}: ${i.message}`) };
    if (!errors.length) {
      try {
        const png = await renderPreview({ kit: step.settings.kit, templateId: step.settings.template.id, content: row.content, formatId: step.settings.formatId, maxWidth: 260, maxHeight: 320 });
        preview.thumbnail = `data:image/png;base64,${png.bytes.toString("base64")}`;
        for (const o of png.overflow) preview.issues.push(`warning: ${o.message}`);
      } catch (error) {
        preview.issues.push(error instanceof Error ? error.message : String(error));
      }
    }
    out.push(preview);
  }
  return out;
}

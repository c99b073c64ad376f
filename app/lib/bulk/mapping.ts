// Column-to-field mapping for bulk runs: which template fields a flat CSV row can fill, a suggested
// mapping from the header names (field key, label or a common synonym), and one row's cells turned
// into content. Cells are copied as text: formula-like values are never evaluated, only printed.
// Pure: shared by the bulk page, its action and the CLI.
import { fieldsFromSchema, humanise, setAt, type FieldSpec } from "../templates/content-form.ts";
import type { Template } from "../templates/types.ts";

export type BulkFieldKind = "text" | "number" | "boolean" | "enum" | "choices" | "lines" | "image";

export interface BulkField {
  /** Dotted content path (`title`, `contact.phone`). */
  key: string;
  label: string;
  kind: BulkFieldKind;
  required: boolean;
  options?: string[];
}

/** Field key -> column index (into the CSV header), or null when no column fills it. */
export type Mapping = Record<string, number | null>;

export interface BulkFieldSet {
  fields: BulkField[];
  /** Required fields a flat row cannot fill (lists of groups, such as a menu's sections). */
  blocking: string[];
}

function collect(specs: FieldSpec[], prefix: string, labelPrefix: string, parentRequired: boolean, out: BulkFieldSet) {
  for (const f of specs) {
    const key = prefix ? `${prefix}.${f.key}` : f.key;
    const label = labelPrefix ? `${labelPrefix} ${f.label.toLowerCase()}` : f.label;
    const required = parentRequired && f.required;
    switch (f.kind) {
      case "group":
        collect(f.fields, key, label, required, out);
        break;
      case "repeat":
      case "json":
        if (required && (f.kind === "json" || f.min > 0)) out.blocking.push(key);
        break;
      case "enum":
      case "choices":
        out.fields.push({ key, label, kind: f.kind, required, options: f.options });
        break;
      default:
        out.fields.push({ key, label, kind: f.kind, required });
    }
  }
}

/** The fields of a template a CSV column can fill. */
export function bulkFields(template: Pick<Template, "schema">): BulkFieldSet {
  const out: BulkFieldSet = { fields: [], blocking: [] };
  collect(fieldsFromSchema(template.schema), "", "", true, out);
  return out;
}

/** Templates whose required content all fits in one flat row (a menu's sections do not). */
export function canBulk(template: Pick<Template, "schema">): boolean {
  const set = bulkFields(template);
  return set.blocking.length === 0 && set.fields.length > 0;
}

const norm = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

// Words people put in spreadsheet headers for the fields templates commonly have.
const SYNONYMS: Record<string, string[]> = {
  title: ["name", "headline", "heading", "event", "eventname", "product", "productname", "item"],
  headline: ["title", "heading", "name"],
  description: ["desc", "details", "blurb", "copy", "text", "body", "summary"],
  body: ["description", "copy", "text", "details"],
  date: ["when", "day", "eventdate"],
  time: ["hours", "starts", "start", "starttime"],
  venue: ["where", "location", "place", "address"],
  price: ["cost", "amount", "pricing"],
  tickets: ["ticket", "entry", "admission"],
  cta: ["calltoaction", "action", "button", "link"],
  photo: ["image", "picture", "img", "photoref", "imageref"],
  kicker: ["eyebrow", "tag", "label", "category"],
  eyebrow: ["kicker", "tag", "label"],
  subtitle: ["subheading", "strapline", "tagline"],
};

function scoreMatch(header: string, field: BulkField): number {
  const h = norm(header);
  if (!h) return 0;
  const leaf = field.key.split(".").pop() ?? field.key;
  if (h === norm(field.key) || h === norm(leaf)) return 100;
  if (h === norm(field.label) || h === norm(humanise(leaf))) return 90;
  if ((SYNONYMS[leaf] ?? []).includes(h)) return 70;
  const k = norm(leaf);
  if (h.length >= 3 && k.length >= 3 && (h.startsWith(k) || k.startsWith(h))) return 40;
  return 0;
}

/** A mapping from the header names: best matches first, each column used once. */
export function suggestMapping(headers: readonly string[], fields: readonly BulkField[]): Mapping {
  const candidates: { field: string; column: number; score: number }[] = [];
  for (const field of fields) {
    headers.forEach((h, column) => {
      const score = scoreMatch(h, field);
      if (score > 0) candidates.push({ field: field.key, column, score });
    });
  }
  // Higher scores first; among equals, required fields and earlier columns first (stable otherwise).
  const required = new Set(fields.filter((f) => f.required).map((f) => f.key));
  candidates.sort((a, b) => b.score - a.score || Number(required.has(b.field)) - Number(required.has(a.field)) || a.column - b.column);
  const mapping: Mapping = Object.fromEntries(fields.map((f) => [f.key, null]));
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || used.has(c.column)) continue;
    mapping[c.field] = c.column;
    used.add(c.column);
  }
  return mapping;
}

/** Checks a mapping posted by a form or given on the command line: known fields, real columns, each column once. */
export function checkMapping(mapping: Mapping, headers: readonly string[], fields: readonly BulkField[]): string[] {
  const problems: string[] = [];
  const known = new Set(fields.map((f) => f.key));
  const seen = new Map<number, string>();
  for (const [key, column] of Object.entries(mapping)) {
    if (!known.has(key)) problems.push(`mapping: "${key.slice(0, 60)}" is not a field of this template`);
    if (column === null) continue;
    if (!Number.isInteger(column) || column < 0 || column >= headers.length) problems.push(`mapping: ${key} points at column ${column + 1}, but the CSV has ${headers.length}`);
    else if (seen.has(column)) problems.push(`mapping: column "${headers[column]}" is used for both ${seen.get(column)} and ${key}`);
    else seen.set(column, key);
  }
  for (const f of fields) if (f.required && (mapping[f.key] ?? null) === null) problems.push(`mapping: ${f.label} (${f.key}) is required; choose the column that holds it`);
  return problems;
}

const TRUE = new Set(["yes", "y", "true", "1", "x", "on", "✓", "✔"]);
const FALSE = new Set(["no", "n", "false", "0", "off"]);

/** One cell as a field value; values that do not convert pass through so the schema names the problem. */
function cellValue(field: BulkField, cell: string): unknown {
  switch (field.kind) {
    case "number": {
      const v = cell.trim();
      const n = Number(/^-?\d+,\d+$/.test(v) ? v.replace(",", ".") : v);
      return Number.isFinite(n) ? n : cell;
    }
    case "boolean": {
      const v = cell.trim().toLowerCase();
      return TRUE.has(v) ? true : FALSE.has(v) ? false : cell;
    }
    case "enum": {
      const v = cell.trim();
      return field.options?.find((o) => o.toLowerCase() === v.toLowerCase()) ?? v;
    }
    case "choices":
      return cell
        .split(/[,;|/]+/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => field.options?.find((o) => o.toLowerCase() === s.toLowerCase()) ?? s);
    case "lines":
      return cell
        .split(/\r\n|\r|\n|\|/)
        .map((s) => s.trim())
        .filter(Boolean);
    case "image":
      return cell.trim();
    case "text":
      // Line breaks normalised; otherwise exactly as typed (the schema trims surrounding space).
      return cell.replace(/\r\n?/g, "\n");
  }
}

/** One row's content: mapped, non-empty cells only, so template defaults apply to the rest. */
export function rowContent(cells: readonly string[], mapping: Mapping, fields: readonly BulkField[]): Record<string, unknown> {
  let content: Record<string, unknown> = {};
  for (const field of fields) {
    const column = mapping[field.key];
    if (column === null || column === undefined) continue;
    const cell = cells[column] ?? "";
    if (!cell.trim()) {
      // A required text left empty goes to the schema as "", so the template's own words ("name the
      // event") explain it; optional ones are left out so their defaults apply.
      if (field.required && field.kind === "text") content = setAt(content, field.key, "");
      continue;
    }
    content = setAt(content, field.key, cellValue(field, cell));
  }
  return content;
}

/** The mapped field an issue path (`tags.1`, `contact.phone`) belongs to. */
export function fieldForPath(path: string, fields: readonly BulkField[]): BulkField | undefined {
  return [...fields].sort((a, b) => b.key.length - a.key.length).find((f) => path === f.key || path.startsWith(`${f.key}.`));
}

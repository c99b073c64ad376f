// Reads the CSV a bulk run starts from: bytes decoded (UTF-8, UTF-16 with BOM, or Windows-1252 from
// older Excel), the delimiter sniffed (`,` `;` or tab), quoted fields with newlines kept, and every data
// row numbered the way a spreadsheet user counts (row 1 = the first row under the header).
// Cells stay strings exactly as typed: nothing is cast or evaluated, so `=HYPERLINK(...)` is just text.
import { parse } from "csv-parse/sync";

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 500;
export const MAX_CSV_COLUMNS = 100;

export type Delimiter = "," | ";" | "\t";
const DELIMITERS: Delimiter[] = [",", ";", "\t"];

export class CsvError extends Error {
  constructor(message: string) {
    super(`CSV: ${message}`);
    this.name = "CsvError";
  }
}

export interface CsvRow {
  /** 1-based data row: the first row under the header is row 1. */
  row: number;
  /** The row number a spreadsheet shows (the header is sheet row 1). */
  sheetRow: number;
  cells: string[];
  /** More non-empty cells than the header has columns: the row is refused, naming the count. */
  extraCells: number;
}

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
  delimiter: Delimiter;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

export interface CsvLimits {
  maxBytes?: number;
  maxRows?: number;
}

/** Text of an uploaded file: a BOM decides; otherwise UTF-8, falling back to Windows-1252 for bytes that are not UTF-8. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvTable["encoding"] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

// 0x80–0x9F in Windows-1252 (€, curly quotes, dashes…); Node's TextDecoder reads them as latin1 controls.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/**
 * The delimiter of the first records (quoted parts skipped): the candidate that splits the header
 * into the most columns and every following record into the same number wins.
 */
export function sniffDelimiter(text: string, sampleRecords = 20): Delimiter {
  const counts: Record<Delimiter, number[]> = { ",": [0], ";": [0], "\t": [0] };
  let quoted = false;
  let records = 0;
  for (let i = 0; i < text.length && records < sampleRecords; i++) {
    const c = text[i];
    if (c === '"') {
      if (quoted && text[i + 1] === '"') i++;
      else quoted = !quoted;
    } else if (!quoted && (c === "\n" || c === "\r")) {
      if (c === "\r" && text[i + 1] === "\n") i++;
      records++;
      for (const d of DELIMITERS) counts[d].push(0);
    } else if (!quoted && (c === "," || c === ";" || c === "\t")) {
      const list = counts[c];
      list[list.length - 1] = (list[list.length - 1] ?? 0) + 1;
    }
  }
  let best: { d: Delimiter; score: number } = { d: ",", score: 0 };
  for (const d of DELIMITERS) {
    const [head = 0, ...rest] = counts[d];
    if (head === 0) continue;
    // Ignore the empty record after a trailing newline; a mismatching record costs a lot.
    const body = rest.filter((n, i) => !(n === 0 && i === rest.length - 1));
    const agree = body.length ? body.filter((n) => n === head).length / body.length : 1;
    const score = agree * 1000 + head;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function headerNames(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    const base = cell.replace(/\s+/g, " ").trim() || `Column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Parses CSV text or bytes into a header and numbered rows; throws CsvError with a plain reason. */
export function parseCsv(input: string | Uint8Array, limits: CsvLimits = {}): CsvTable {
  const maxBytes = limits.maxBytes ?? MAX_CSV_BYTES;
  const maxRows = limits.maxRows ?? MAX_CSV_ROWS;
  // Text is measured in characters: a file's decoded text never has more characters than it had bytes,
  // so text carried from one step of the bulk page to the next stays within the same limit.
  const size = input.length;
  const unit = typeof input === "string" ? "characters" : "bytes";
  if (size > maxBytes) throw new CsvError(`the file is ${size} ${unit}; the limit is ${maxBytes} (split it into smaller files)`);
  const decoded = typeof input === "string" ? { text: input, encoding: "utf-8" as const } : decodeCsvBytes(input);
  const text = decoded.text.replace(/^\uFEFF/, "");
  if (!text.trim()) throw new CsvError("the file is empty");
  const delimiter = sniffDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new CsvError(error instanceof Error ? error.message : String(error));
  }
  const [head, ...body] = records;
  if (!head || head.every((c) => !c.trim())) throw new CsvError("the first row should name the columns, but it is empty");
  if (head.length > MAX_CSV_COLUMNS) throw new CsvError(`the header has ${head.length} columns; the limit is ${MAX_CSV_COLUMNS}`);
  // Trailing empty header cells (a spreadsheet's stray delimiters) are not columns.
  let width = head.length;
  while (width > 1 && !head[width - 1]?.trim()) width--;
  const headers = headerNames(head.slice(0, width));
  const rows: CsvRow[] = [];
  body.forEach((record, i) => {
    if (record.every((c) => !c.trim())) return; // blank line: keeps its number, renders nothing
    const extra = record.slice(width).filter((c) => c.trim()).length;
    const cells = Array.from({ length: width }, (_, j) => record[j] ?? "");
    rows.push({ row: i + 1, sheetRow: i + 2, cells, extraCells: extra });
  });
  if (rows.length === 0) throw new CsvError("no data rows under the header");
  if (rows.length > maxRows) throw new CsvError(`${rows.length} data rows; the limit is ${maxRows} per run (split the file)`);
  return { headers, rows, delimiter, encoding: decoded.encoding };
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** True for a cell a spreadsheet would run as a formula when the file is opened. */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/**
 * A cell for a CSV we write (reports): a leading `'` stops spreadsheets evaluating formula-like
 * text (OWASP "CSV injection"); quotes, delimiters and newlines are quoted.
 */
export function csvCell(value: string | number): string {
  let v = String(value);
  if (typeof value === "string" && looksLikeFormula(v)) v = `'${v}`;
  return /[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

// CSV reading for bulk runs: encodings and BOMs, quoting, embedded newlines, delimiter sniffing,
// row numbering, limits, and the formula-safe writer for reports.
import { expect, test } from "vitest";
import { CsvError, csvCell, decodeCsvBytes, looksLikeFormula, parseCsv, sniffDelimiter, toCsv } from "~/lib/bulk/csv.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

test("a UTF-8 BOM is dropped, from bytes and from text", () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("title,date\nSoirée,Fri\n")]);
  const t = parseCsv(bytes);
  expect(t.headers).toEqual(["title", "date"]);
  expect(t.rows[0]?.cells).toEqual(["Soirée", "Fri"]);
  expect(parseCsv("\uFEFFtitle,date\nA,B\n").headers[0]).toBe("title");
});

test("UTF-16 with a BOM (Excel 'Unicode text') and Windows-1252 bytes are decoded", () => {
  const text = "title\tprice\nCrème brûlée\t6\n";
  const le = new Uint8Array(2 + text.length * 2);
  le.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
  const t = parseCsv(le);
  expect(t.encoding).toBe("utf-16le");
  expect(t.delimiter).toBe("\t");
  expect(t.rows[0]?.cells).toEqual(["Crème brûlée", "6"]);
  // "Café €5" in Windows-1252: é = 0xE9, € = 0x80 — not valid UTF-8.
  const cp = decodeCsvBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]));
  expect(cp).toEqual({ text: "Café €5", encoding: "windows-1252" });
});

test("quoted fields keep delimiters, doubled quotes and newlines", () => {
  const t = parseCsv('title,description\n"Wine, cheese","Two\nlines with ""quotes"""\nNext,plain\n');
  expect(t.rows.map((r) => r.cells)).toEqual([
    ["Wine, cheese", 'Two\nlines with "quotes"'],
    ["Next", "plain"],
  ]);
  // The embedded newline does not shift the numbering: the second record is still data row 2.
  expect(t.rows.map((r) => [r.row, r.sheetRow])).toEqual([
    [1, 2],
    [2, 3],
  ]);
});

test("the delimiter is sniffed: comma, semicolon (European Excel) and tab", () => {
  expect(sniffDelimiter("a,b,c\n1,2,3\n")).toBe(",");
  // Decimal commas inside a semicolon file do not fool it.
  expect(sniffDelimiter("name;price;note\nTea;2,50;hot\nCake;3,75;\n")).toBe(";");
  expect(sniffDelimiter("name\tprice\nTea\t2,50\n")).toBe("\t");
  // Delimiters inside quotes do not count.
  expect(sniffDelimiter('title;date\n"a, b, c, d";Fri\n')).toBe(";");
  expect(parseCsv("name;price\nTea;2,50\n").rows[0]?.cells).toEqual(["Tea", "2,50"]);
  // One column: nothing to sniff, still parsed.
  expect(parseCsv("title\nOne\nTwo\n").rows.map((r) => r.cells[0])).toEqual(["One", "Two"]);
});

test("blank lines are skipped but keep their row numbers; short rows are padded; extra cells are counted", () => {
  const t = parseCsv("title,date\nA,Fri\n\n,\nB\nC,Sat,oops\n");
  expect(t.rows.map((r) => r.row)).toEqual([1, 4, 5]);
  expect(t.rows[1]?.cells).toEqual(["B", ""]);
  expect(t.rows[2]).toMatchObject({ row: 5, sheetRow: 6, extraCells: 1 });
});

test("headers: trimmed, blanks named by position, duplicates numbered, trailing empty columns dropped", () => {
  const t = parseCsv(" Title ,,title,\nA,B,C,\n");
  expect(t.headers).toEqual(["Title", "Column 2", "title (2)"]);
});

test("cells are never cast or evaluated: formulas, numbers and leading zeros stay text", () => {
  const t = parseCsv('title,code,price\n=HYPERLINK("http://x"),007,-1+2\n@SUM(A1),+44,1e3\n');
  expect(t.rows.map((r) => r.cells)).toEqual([
    ['=HYPERLINK("http://x")', "007", "-1+2"],
    ["@SUM(A1)", "+44", "1e3"],
  ]);
});

test("limits and broken files give plain errors", () => {
  expect(() => parseCsv("")).toThrow(/CSV: the file is empty/);
  expect(() => parseCsv("title\n")).toThrow(/no data rows/);
  expect(() => parseCsv(",,\nA,B,C\n")).toThrow(/first row should name the columns/);
  const many = `title\n${Array.from({ length: 12 }, (_, i) => `Row ${i}`).join("\n")}\n`;
  expect(() => parseCsv(many, { maxRows: 10 })).toThrow("CSV: 12 data rows; the limit is 10 per run");
  expect(() => parseCsv(utf8("title\nA\n"), { maxBytes: 5 })).toThrow(/the file is 8 bytes; the limit is 5/);
  expect(() => parseCsv("title\nA\n", { maxBytes: 5 })).toThrow(/the file is 8 characters; the limit is 5/);
  expect(() => parseCsv('title,date\n"unclosed,Fri\n')).toThrow(CsvError);
  expect(() => parseCsv('title,date\n"unclosed,Fri\n')).toThrow(/Quote Not Closed.*line/);
});

test("report cells that look like formulas are neutralised with a leading quote", () => {
  for (const v of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(looksLikeFormula(v)).toBe(true);
  expect(looksLikeFormula("Fine")).toBe(false);
  expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  expect(csvCell("@cmd")).toBe("'@cmd");
  expect(csvCell(3)).toBe("3");
  expect(toCsv([["row", "problem"], [1, "a, b"]])).toBe('row,problem\r\n1,"a, b"\r\n');
  // What we write reads back as the neutralised text.
  expect(parseCsv(toCsv([["v"], ["=2+2"]])).rows[0]?.cells).toEqual(["'=2+2"]);
});

// `marque templates list` and `marque render` run through main() with a captured Io: sample content,
// JSON, CSV rows into a folder (bad rows named, good rows written, formulas printed literally), bleed.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "vitest";
import { main } from "~/cli/main.ts";
import { readPdf } from "../lib/render/pdf-read.ts";
import { cliIn } from "../support/cli.ts";

const { work, run } = cliIn("marque-render-cli-");

const kit = ["--kit", "harbour-and-vine"];

test("templates list --json gives id, name, category, formats and the fields a CSV can fill", async () => {
  const r = await run("templates", "list", "--json");
  expect(r.code).toBe(0);
  const list = JSON.parse(r.out) as { id: string; name: string; category: string; formats: string[]; csvFields: { key: string; required: boolean }[] }[];
  const flyer = list.find((t) => t.id === "event-flyer");
  expect(flyer).toMatchObject({ name: "Event flyer", category: "flyer" });
  expect(flyer?.formats).toEqual(expect.arrayContaining(["a5", "ig-portrait"]));
  expect(flyer?.csvFields).toContainEqual({ key: "title", label: "Title", required: true });
  expect(list.find((t) => t.id === "menu")?.csvFields).toEqual([]);
  const table = await run("templates", "list");
  expect(table.out).toMatch(/^ID\s+NAME\s+CATEGORY\s+FORMATS/);
  expect(table.out).toMatch(/event-flyer\s+Event flyer\s+flyer\s+a5,/);
});

test("no --data renders the sample content at the chosen size", async () => {
  const r = await run("render", ...kit, "--template", "event-flyer", "--format", "png", "--size", "ig-portrait", "--out", "sample/flyer.png");
  expect(r.code).toBe(0);
  const file = path.join(work, "sample/flyer.png");
  expect(r.out.trim()).toBe(file);
  const meta = await sharp(readFileSync(file)).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1080, 1350]);
  expect(readdirSync(path.join(work, "sample"))).toEqual(["flyer.png"]); // no temp files left behind
});

test("JSON renders one design; the PDF's text is the content", async () => {
  writeFileSync(path.join(work, "one.json"), JSON.stringify({ title: "Harvest supper", date: "Sat 5 Oct", venue: "The old boathouse" }));
  const r = await run("render", ...kit, "--template", "event-flyer", "--data", "one.json", "--format", "pdf", "--size", "a5", "--out", "harvest.pdf");
  expect(r.code).toBe(0);
  const pdf = await readPdf(readFileSync(path.join(work, "harvest.pdf")));
  expect(pdf.text).toContain("Harvest supper");
  expect(pdf.text).toContain("The old boathouse");
  // No bleed asked for: the page is the trim size (A5 = 419.53 × 595.28 pt).
  expect(pdf.mediaBox.map(Math.round)).toEqual([0, 0, 420, 595]);
});

test("a JSON array renders one file per element, numbered like rows; a bad element is named", async () => {
  writeFileSync(path.join(work, "many.json"), JSON.stringify([{ headline: "Oysters are back" }, { body: "no headline" }, "nonsense"]));
  const r = await run("render", ...kit, "--template", "instagram-post", "--data", "many.json", "--format", "jpeg", "--size", "ig-square", "--out", "many");
  expect(r.code).toBe(1);
  expect(readdirSync(path.join(work, "many"))).toEqual(["oysters-are-back-001-ig-square.jpg"]);
  expect(r.err).toMatch(/row 2, headline: /);
  expect(r.err).toContain("row 3: expected an object of content fields");
});

test("--bleed PDF has a BleedBox larger than its TrimBox", async () => {
  const r = await run("render", ...kit, "--template", "event-flyer", "--format", "pdf", "--size", "a5", "--bleed", "--out", "out/");
  expect(r.code).toBe(0);
  const file = r.out.trim();
  expect(path.basename(file)).toBe("event-flyer-a5-bleed.pdf");
  const pdf = await readPdf(readFileSync(file));
  const [tx0 = 0, ty0 = 0, tx1 = 0, ty1 = 0] = pdf.trimBox ?? [];
  const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = pdf.bleedBox ?? [];
  expect(bx0).toBeLessThan(tx0);
  expect(by0).toBeLessThan(ty0);
  expect(bx1).toBeGreaterThan(tx1);
  expect(by1).toBeGreaterThan(ty1);
  // 3 mm bleed each side = 8.5 pt.
  expect(tx0 - bx0).toBeCloseTo(8.5, 0);
});

test("CSV: one file per row; bad rows named on stderr by row, field and reason; good rows written; exit 1", async () => {
  const csv = [
    "Event name;Date;Time;Venue",
    'Wine & cheese;Sat 1 June;7pm;"Quay Street,\nby the harbour"',
    '=HYPERLINK("x");Sun 2 June;;',
    ";Mon 3 June;;Nowhere",
    "Tapas night;;8pm;",
    "Jazz brunch;Sun 9 June;11am;The terrace",
  ].join("\n");
  writeFileSync(path.join(work, "events.csv"), `\uFEFF${csv}\n`);
  const r = await run("render", ...kit, "--template", "event-flyer", "--data", "events.csv", "--format", "pdf", "--size", "a5", "--out", "events");
  expect(r.code).toBe(1);
  expect(r.err).toContain('row 3 (sheet row 4), title (column "Event name"): name the event');
  expect(r.err).toContain('row 4 (sheet row 5), date (column "Date"): say when it is');
  expect(r.err).toContain("3 of 5 row(s) rendered into events; 2 failed");
  const files = readdirSync(path.join(work, "events")).sort();
  expect(files).toEqual(["hyperlink-x-002-a5.pdf", "jazz-brunch-005-a5.pdf", "wine-cheese-001-a5.pdf"]);
  expect(r.out.trim().split("\n").map((f) => path.basename(f))).toEqual(files);
  // The formula-like cell is printed literally, never evaluated.
  const formula = await readPdf(readFileSync(path.join(work, "events", "hyperlink-x-002-a5.pdf")));
  const lines = formula.text.split("\n").map((l) => l.trim());
  expect(lines).toContain('=HYPERLINK("x")');
  const quoted = await readPdf(readFileSync(path.join(work, "events", "wine-cheese-001-a5.pdf")));
  expect(quoted.text).toContain("Wine & cheese");
});

test("CSV headers that do not match can be mapped with --map; a missing required column is a clear error", async () => {
  writeFileSync(path.join(work, "odd.csv"), "Headliner,Day\nThe Tide Singers,Fri 12 July\n");
  const missing = await run("render", ...kit, "--template", "event-flyer", "--data", "odd.csv", "--format", "png", "--size", "ig-square", "--out", "odd");
  expect(missing.code).toBe(1);
  expect(missing.err).toContain("mapping: Title (title) is required; choose the column that holds it");
  expect(missing.err).toContain("Columns: Headliner, Day");
  const mapped = await run("render", ...kit, "--template", "event-flyer", "--data", "odd.csv", "--format", "png", "--size", "ig-square", "--map", "title=Headliner", "--map", "date=Day", "--out", "odd");
  expect(mapped.code).toBe(0);
  expect(readdirSync(path.join(work, "odd"))).toEqual(["the-tide-singers-001-ig-square.png"]);
});

test("bad arguments exit 1 with a message naming the option", async () => {
  expect((await run("render", ...kit, "--template", "nope", "--format", "png", "--out", "x.png")).err).toContain('template: unknown template "nope"');
  expect((await run("render", ...kit, "--template", "event-flyer", "--format", "png", "--size", "banner", "--out", "x.png")).err).toContain('--size: event-flyer does not come in "banner"');
  expect((await run("render", ...kit, "--template", "event-flyer", "--format", "gif", "--out", "x.gif")).err).toContain("--format must be one of png, jpeg, webp, avif, pdf");
  expect((await run("render", "--kit", "nobody", "--template", "event-flyer", "--format", "png", "--out", "x.png")).err).toContain('No brand kit "nobody"');
  expect((await run("render", ...kit, "--template", "event-flyer", "--data", "missing.csv", "--format", "png", "--out", "x")).err).toContain("--data missing.csv: no such file");
  writeFileSync(path.join(work, "bad.json"), "{ title: ");
  expect((await run("render", ...kit, "--template", "event-flyer", "--data", "bad.json", "--format", "png", "--out", "x.png")).err).toContain("--data bad.json: not valid JSON");
  writeFileSync(path.join(work, "invalid.json"), JSON.stringify({ date: "Fri" }));
  const invalid = await run("render", ...kit, "--template", "event-flyer", "--data", "invalid.json", "--format", "png", "--out", "x.png");
  expect(invalid.code).toBe(1);
  expect(invalid.err).toMatch(/event-flyer: title: /);
});

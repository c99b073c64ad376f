// Column-to-field mapping: which fields a CSV can fill, suggestions from header names, checks, and
// one row's cells as content (typed, never evaluated).
import { expect, test } from "vitest";
import { z } from "zod";
import { bulkFields, canBulk, checkMapping, rowContent, suggestMapping } from "~/lib/bulk/mapping.ts";
import { getTemplate } from "~/lib/templates/registry.ts";

const flyer = getTemplate("event-flyer");

test("flat templates are bulk-capable; a menu (required sections) is not", () => {
  const set = bulkFields(flyer);
  expect(set.fields.map((f) => f.key)).toEqual(expect.arrayContaining(["title", "date", "time", "venue", "photo"]));
  expect(set.fields.find((f) => f.key === "title")).toMatchObject({ required: true, kind: "text" });
  expect(set.fields.find((f) => f.key === "photo")?.kind).toBe("image");
  expect(canBulk(flyer)).toBe(true);
  expect(bulkFields(getTemplate("menu")).blocking).toContain("sections");
  expect(canBulk(getTemplate("menu"))).toBe(false);
});

test("nested groups are flattened to dotted keys with their labels", () => {
  const schema = z.object({ name: z.string(), contact: z.object({ phone: z.string().optional(), email: z.string() }), tags: z.array(z.enum(["a", "b"])).default([]) });
  const set = bulkFields({ schema });
  expect(set.fields.map((f) => [f.key, f.label, f.required])).toEqual([
    ["name", "Name", true],
    ["contact.phone", "Contact phone", false],
    ["contact.email", "Contact email", true],
    ["tags", "Tags", false],
  ]);
});

test("suggestions match keys, labels and common synonyms, each column once", () => {
  const { fields } = bulkFields(flyer);
  const headers = ["Event name", "When", "Start time", "Details", "Location", "Ticket", "Notes", "DATE"];
  const m = suggestMapping(headers, fields);
  // An exact field name ("DATE") beats a synonym ("When").
  expect(m.date).toBe(7);
  expect(m.title).toBe(0);
  expect(m.time).toBe(2);
  expect(m.description).toBe(3);
  expect(m.venue).toBe(4);
  expect(m.tickets).toBe(5);
  expect(m.cta).toBeNull();
  expect(new Set(Object.values(m).filter((v) => v !== null)).size).toBe(Object.values(m).filter((v) => v !== null).length);
});

test("mapping checks: unknown fields, bad columns, a column used twice, required fields unmapped", () => {
  const { fields } = bulkFields(flyer);
  const headers = ["Title", "Date"];
  expect(checkMapping({ title: 0, date: 1 }, headers, fields)).toEqual([]);
  const problems = checkMapping({ title: 0, date: 0, nope: null, venue: 5 }, headers, fields);
  expect(problems).toContain('mapping: "nope" is not a field of this template');
  expect(problems).toContain('mapping: column "Title" is used for both title and date');
  expect(problems).toContain("mapping: venue points at column 6, but the CSV has 2");
  expect(checkMapping({ title: 0 }, headers, fields)).toContain("mapping: Date (date) is required; choose the column that holds it");
});

test("row content: text kept exactly (formulas too), empty optional cells left to defaults, types converted", () => {
  const schema = z.object({
    title: z.string(),
    note: z.string().default("house default"),
    price: z.number(),
    open: z.boolean().default(false),
    size: z.enum(["small", "large"]),
    tags: z.array(z.enum(["v", "gf"])).default([]),
    lines: z.array(z.string()).default([]),
  });
  const { fields } = bulkFields({ schema });
  const mapping = { title: 0, note: 1, price: 2, open: 3, size: 4, tags: 5, lines: 6 };
  const content = rowContent(['=HYPERLINK("x")', "  ", "4,50", "Yes", "LARGE", "V; gf", "one|two\nthree"], mapping, fields);
  expect(content).toEqual({ title: '=HYPERLINK("x")', price: 4.5, open: true, size: "large", tags: ["v", "gf"], lines: ["one", "two", "three"] });
  expect(schema.parse(content).note).toBe("house default");
  // A required text left empty reaches the schema as "" (so its own message explains); bad numbers pass through for the schema to name.
  expect(rowContent(["", "", "lots", "maybe", "", "", ""], mapping, fields)).toEqual({ title: "", price: "lots", open: "maybe" });
});

// Schema -> form fields -> posted form data -> content, for a nested menu schema.
import { expect, test } from "vitest";
import { z } from "zod";
import {
  applyListOp,
  contentToFormEntries,
  decodeListOp,
  encodeListOp,
  fieldsFromSchema,
  formToContent,
  humanise,
  setAt,
  getAt,
  type FieldSpec,
} from "~/lib/templates/content-form.ts";

const MenuSchema = z.object({
  title: z.string().min(1).max(60),
  intro: z.string().max(240).optional(),
  photo: z.string().optional(),
  columns: z.number().int().min(1).max(3).default(2),
  showPrices: z.boolean().default(true),
  currency: z.enum(["€", "$", "£"]).default("€"),
  notes: z.array(z.string().max(80)).max(4).default([]),
  sections: z
    .array(
      z.object({
        name: z.string().min(1).max(40),
        items: z
          .array(
            z.object({
              name: z.string().min(1).max(50),
              description: z.string().max(160).optional(),
              price: z.number().min(0),
              tags: z.array(z.enum(["v", "vg", "gf"])).default([]),
              featured: z.boolean().default(false),
            }),
          )
          .min(1)
          .max(30),
      }),
    )
    .min(1)
    .max(8),
  footer: z.object({ line: z.string().max(100).default(""), hours: z.string().max(40).optional() }),
});

const sample: z.input<typeof MenuSchema> = {
  title: "Harbour kitchen",
  intro: "Fresh from the boats this morning.\nAsk about today's catch.",
  photo: `sha256:${"b".repeat(64)}`,
  columns: 2,
  showPrices: true,
  currency: "£",
  notes: ["Service not included", "Ask about allergens"],
  sections: [
    {
      name: "Starters",
      items: [
        { name: "Oysters", description: "Half dozen, shallot vinegar", price: 14.5, tags: ["gf"], featured: true },
        { name: "Soup", price: 7, tags: ["v", "gf"], featured: false },
      ],
    },
    { name: "Mains", items: [{ name: "Fish & chips", description: "Beer batter", price: 18, tags: [], featured: false }] },
  ],
  footer: { line: "Thank you", hours: "Tue–Sun 12–22" },
};

function toFormData(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

const find = (fields: FieldSpec[], key: string) => fields.find((f) => f.key === key);

test("the schema becomes typed fields: inputs or textareas by max length, selects, checkboxes, photo slots, nested repeatable groups", () => {
  const fields = fieldsFromSchema(MenuSchema);
  expect(fields.map((f) => f.kind)).toEqual(["text", "text", "image", "number", "boolean", "enum", "lines", "repeat", "group"]);
  expect(find(fields, "title")).toMatchObject({ kind: "text", multiline: false, maxLength: 60, required: true, label: "Title" });
  expect(find(fields, "intro")).toMatchObject({ kind: "text", multiline: true, maxLength: 240, required: false });
  expect(find(fields, "columns")).toMatchObject({ kind: "number", int: true, min: 1, max: 3, required: false });
  expect(find(fields, "currency")).toMatchObject({ kind: "enum", options: ["€", "$", "£"] });
  const sections = find(fields, "sections");
  expect(sections).toMatchObject({ kind: "repeat", min: 1, max: 8, itemLabel: "Section" });
  const items = sections?.kind === "repeat" ? find(sections.fields, "items") : undefined;
  expect(items).toMatchObject({ kind: "repeat", min: 1, max: 30, itemLabel: "Item" });
  const itemFields = items?.kind === "repeat" ? items.fields : [];
  expect(itemFields.map((f) => [f.key, f.kind])).toEqual([["name", "text"], ["description", "text"], ["price", "number"], ["tags", "choices"], ["featured", "boolean"]]);
  expect(JSON.parse(JSON.stringify(fields))).toEqual(fields); // plain data: travels to the browser as JSON
});

test("content -> form entries -> FormData -> content round-trips a nested menu exactly", () => {
  const fields = fieldsFromSchema(MenuSchema);
  const content = MenuSchema.parse(sample);
  const entries = contentToFormEntries(content, fields);
  expect(entries).toContainEqual(["sections.0.items.1.price", "7"]);
  expect(entries).toContainEqual(["sections.length", "2"]);
  expect(entries).toContainEqual(["sections.0.items.0.tags", "gf"]);
  const back = formToContent(toFormData(entries), fields);
  expect(back).toEqual(content);
  expect(MenuSchema.parse(back)).toEqual(content);
});

test("form values are coerced: decimal comma prices, unchecked boxes, empty optional text, CRLF", () => {
  const fields = fieldsFromSchema(MenuSchema);
  const fd = toFormData([
    ["title", "Menu"],
    ["intro", "line one\r\nline two"],
    ["columns", ""],
    ["notes", "a\r\n\r\n b "],
    ["sections.length", "1"],
    ["sections.0.name", "All"],
    ["sections.0.items.length", "1"],
    ["sections.0.items.0.name", "Tea"],
    ["sections.0.items.0.description", ""],
    ["sections.0.items.0.price", "4,50"],
    ["sections.0.items.0.tags", "vg"],
    ["sections.0.items.0.tags", "not-an-option"],
    ["footer.line", "Bye"],
  ]);
  const content = formToContent(fd, fields);
  expect(content).toEqual({
    title: "Menu",
    intro: "line one\nline two",
    showPrices: false,
    notes: ["a", "b"],
    sections: [{ name: "All", items: [{ name: "Tea", price: 4.5, tags: ["vg"], featured: false }] }],
    footer: { line: "Bye" },
  });
  expect(MenuSchema.safeParse(content).success).toBe(true);
});

test("schema issues on posted content name the same inputs the form posted", () => {
  const fields = fieldsFromSchema(MenuSchema);
  const entries = contentToFormEntries(MenuSchema.parse(sample), fields).map(([k, v]): [string, string] => (k === "sections.1.items.0.price" ? [k, "cheap"] : k === "title" ? [k, ""] : [k, v]));
  const result = MenuSchema.safeParse(formToContent(toFormData(entries), fields));
  const paths = result.error?.issues.map((i) => i.path.join(".")) ?? [];
  expect(paths).toEqual(expect.arrayContaining(["title", "sections.1.items.0.price"]));
  for (const p of paths) expect(entries.map(([k]) => k)).toContain(p);
});

test("repeatable groups: add a blank item after one, remove, reorder, within the schema's limits", () => {
  const fields = fieldsFromSchema(MenuSchema);
  let content = MenuSchema.parse(sample) as Record<string, unknown>;
  content = applyListOp(content, fields, { op: "add", path: "sections.0.items", index: 0 });
  expect(getAt(content, "sections.0.items.1")).toEqual({ name: "", description: "", tags: [], featured: false });
  expect(getAt(content, "sections.0.items.2.name")).toBe("Soup");
  content = applyListOp(content, fields, { op: "down", path: "sections.0.items", index: 0 });
  expect((getAt(content, "sections.0.items") as { name: string }[]).map((i) => i.name)).toEqual(["", "Oysters", "Soup"]);
  content = applyListOp(content, fields, { op: "remove", path: "sections.0.items", index: 0 });
  content = applyListOp(content, fields, { op: "up", path: "sections", index: 1 });
  expect((getAt(content, "sections") as { name: string }[]).map((s) => s.name)).toEqual(["Mains", "Starters"]);
  // The last item of a group with min 1 cannot be removed; a new section arrives with one blank item.
  expect(applyListOp(content, fields, { op: "remove", path: "sections.0.items", index: 0 })).toBe(content);
  const more = applyListOp(content, fields, { op: "add", path: "sections", index: 1 });
  expect(getAt(more, "sections.2")).toEqual({ name: "", items: [{ name: "", description: "", tags: [], featured: false }] });
  expect(applyListOp(content, fields, { op: "add", path: "title", index: 0 })).toBe(content);
  expect(MenuSchema.parse(sample).sections[0]?.items).toHaveLength(2); // the original is untouched
});

test("list operations travel as button values for forms without JavaScript", () => {
  const op = { op: "remove", path: "sections.2.items", index: 4 } as const;
  expect(decodeListOp(encodeListOp(op))).toEqual(op);
  expect(decodeListOp("remove:../x:1")).toBeNull();
  expect(decodeListOp("drop:sections:1")).toBeNull();
});

test("setAt copies only along the path and labels read as words", () => {
  const before = { a: { b: [1, 2] }, c: { d: 1 } };
  const after = setAt(before, "a.b.1", 5);
  expect(after).toEqual({ a: { b: [1, 5] }, c: { d: 1 } });
  expect(before.a.b[1]).toBe(2);
  expect(after.c).toBe(before.c);
  expect(humanise("priceLabel")).toBe("Price label");
  expect(humanise("cta_text")).toBe("Cta text");
  expect(humanise("cta")).toBe("Call to action");
});

test("a field marked as an image in the schema's meta is a photo slot; a non-object schema is refused", () => {
  const fields = fieldsFromSchema(z.object({ hero: z.string().meta({ kind: "image" }).optional(), caption: z.string().meta({ multiline: true }) }));
  expect(fields).toMatchObject([{ key: "hero", kind: "image", required: false }, { key: "caption", kind: "text", multiline: true }]);
  expect(() => fieldsFromSchema(z.string())).toThrow(/expected an object/);
});

test("every registered template's form round-trips its sample content, and no field falls back to raw JSON", async () => {
  const { TEMPLATES } = await import("~/lib/templates/registry.ts");
  for (const template of TEMPLATES) {
    const fields = fieldsFromSchema(template.schema);
    const walk = (list: FieldSpec[]): string[] => list.flatMap((f) => (f.kind === "group" || f.kind === "repeat" ? walk(f.fields) : f.kind === "json" ? [`${template.id}.${f.key}`] : []));
    expect(walk(fields)).toEqual([]);
    const content = template.schema.parse(template.sample);
    const back = formToContent(toFormData(contentToFormEntries(content, fields, "content")), fields, "content");
    expect(template.schema.parse(back), template.id).toEqual(content);
  }
});

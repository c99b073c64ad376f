// Designs: content validated by the template schema before saving, errors keyed by field.
import { expect, test } from "vitest";
import { createKit, getKit } from "~/models/kit.server.ts";
import { createDesign, deleteDesign, getDesign, listDesigns, updateDesign, DesignValidationError } from "~/models/design.server.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { makeKit } from "../factories/kit.ts";

async function kitId(name: string) {
  const { slug } = await createKit(makeKit(name));
  return (await getKit(slug))!.id;
}

async function validationErrors(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DesignValidationError) return error.errors;
    throw error;
  }
  throw new Error("expected a DesignValidationError");
}

test("a new design starts from the template's sample content and first format", async () => {
  const id = await kitId("Design Sample");
  const design = await createDesign({ kitId: id, templateId: "menu" });
  expect(design).toMatchObject({ kitId: id, templateId: "menu", name: "Restaurant menu", formats: ["a4"], kitName: "Design Sample", kitVersion: 1 });
  expect(design.content).toEqual(getTemplate("menu").schema.parse(getTemplate("menu").sample));
  expect((await getDesign(design.id))?.content).toEqual(design.content);
});

test("create refuses bad content, formats, names and kits with an error per field", async () => {
  const id = await kitId("Design Errors");
  const sample = getTemplate("menu").sample as { sections: { title: string; items: { name: string }[] }[] };
  const content = structuredClone(sample);
  content.sections[0]!.items[1]!.name = "";
  content.sections[1]!.title = "x".repeat(61);
  const errors = await validationErrors(createDesign({ kitId: id, templateId: "menu", name: " ", content, formats: ["a4", "ig-square"] }));
  expect(Object.keys(errors).sort()).toEqual(["content.sections.0.items.1.name", "content.sections.1.title", "formats", "name"]);
  expect(errors["content.sections.0.items.1.name"]).toBe("name the dish");
  expect(errors.formats).toMatch(/"ig-square" is not a format of Restaurant menu/);
  expect(await validationErrors(createDesign({ kitId: "nope", templateId: "menu" }))).toEqual({ kitId: "unknown brand kit" });
  expect(await validationErrors(createDesign({ kitId: id, templateId: "no-such-template" }))).toHaveProperty("templateId");
  expect(await listDesigns({ kitId: id })).toHaveLength(0);
});

test("update validates content before saving and leaves the stored design untouched on error", async () => {
  const id = await kitId("Design Update");
  const design = await createDesign({ kitId: id, templateId: "instagram-post", name: "Launch" });
  const errors = await validationErrors(updateDesign(design.id, { content: { ...design.content, headline: "" }, formats: ["nope"] }));
  expect(errors).toEqual({ "content.headline": "write a headline", formats: expect.stringContaining('"nope"') });
  expect((await getDesign(design.id))?.content.headline).toBe(design.content.headline);

  const updated = await updateDesign(design.id, { name: "Launch day", content: { ...design.content, headline: "  Doors open at nine  " }, formats: ["story", "ig-square"] });
  expect(updated).toMatchObject({ name: "Launch day", formats: ["story", "ig-square"] });
  expect(updated.content.headline).toBe("Doors open at nine"); // stored as the schema's output
  expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(design.updatedAt.getTime());
});

test("designs list newest first, filter by kit, and delete", async () => {
  const a = await kitId("Design List A");
  const b = await kitId("Design List B");
  const first = await createDesign({ kitId: a, templateId: "menu", name: "First" });
  const second = await createDesign({ kitId: a, templateId: "instagram-post", name: "Second" });
  await createDesign({ kitId: b, templateId: "menu", name: "Other kit" });
  expect((await listDesigns({ kitId: a })).map((d) => d.name)).toEqual(["Second", "First"]);
  expect((await listDesigns({ kitId: a, templateId: "menu" })).map((d) => d.id)).toEqual([first.id]);
  expect(await deleteDesign(second.id)).toBe(true);
  expect(await deleteDesign(second.id)).toBe(false);
  expect(await getDesign(second.id)).toBeNull();
});

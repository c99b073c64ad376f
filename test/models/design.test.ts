// Designs: content validated by the template schema before saving, errors keyed by field.
import { expect, test } from "vitest";
import { createKit, getKit } from "~/models/kit.server.ts";
import { createDesign, deleteDesign, getDesign, listDesigns, updateDesign, DesignConflictError, DesignValidationError } from "~/models/design.server.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { makeKit } from "../factories/kit.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

async function kitId(name: string) {
  const { slug } = await createKit(ws, makeKit(name));
  return (await getKit(ws, slug))!.id;
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
  const design = await createDesign(ws, { kitId: id, templateId: "menu" });
  expect(design).toMatchObject({ kitId: id, templateId: "menu", name: "Restaurant menu", formats: ["a4"], kitName: "Design Sample", kitVersion: 1 });
  expect(design.content).toEqual(getTemplate("menu").schema.parse(getTemplate("menu").sample));
  expect((await getDesign(ws, design.id))?.content).toEqual(design.content);
});

test("create refuses bad content, formats, names and kits with an error per field", async () => {
  const id = await kitId("Design Errors");
  const sample = getTemplate("menu").sample as { sections: { title: string; items: { name: string }[] }[] };
  const content = structuredClone(sample);
  content.sections[0]!.items[1]!.name = "";
  content.sections[1]!.title = "x".repeat(61);
  const errors = await validationErrors(createDesign(ws, { kitId: id, templateId: "menu", name: " ", content, formats: ["a4", "ig-square"] }));
  expect(Object.keys(errors).sort()).toEqual(["content.sections.0.items.1.name", "content.sections.1.title", "formats", "name"]);
  expect(errors["content.sections.0.items.1.name"]).toBe("name the dish");
  expect(errors.formats).toMatch(/"ig-square" is not a format of Restaurant menu/);
  expect(await validationErrors(createDesign(ws, { kitId: "nope", templateId: "menu" }))).toEqual({ kitId: "unknown brand kit" });
  expect(await validationErrors(createDesign(ws, { kitId: id, templateId: "no-such-template" }))).toHaveProperty("templateId");
  expect(await listDesigns(ws, { kitId: id })).toHaveLength(0);
});

test("update validates content before saving and leaves the stored design untouched on error", async () => {
  const id = await kitId("Design Update");
  const design = await createDesign(ws, { kitId: id, templateId: "instagram-post", name: "Launch" });
  const errors = await validationErrors(updateDesign(ws, design.id, { content: { ...design.content, headline: "" }, formats: ["nope"] }));
  expect(errors).toEqual({ "content.headline": "write a headline", formats: expect.stringContaining('"nope"') });
  expect((await getDesign(ws, design.id))?.content.headline).toBe(design.content.headline);

  const updated = await updateDesign(ws, design.id, { name: "Launch day", content: { ...design.content, headline: "  Doors open at nine  " }, formats: ["story", "ig-square"] });
  expect(updated).toMatchObject({ name: "Launch day", formats: ["story", "ig-square"] });
  expect(updated.content.headline).toBe("Doors open at nine"); // stored as the schema's output
  expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(design.updatedAt.getTime());
});

test("designs list newest first, filter by kit, and delete", async () => {
  const a = await kitId("Design List A");
  const b = await kitId("Design List B");
  const first = await createDesign(ws, { kitId: a, templateId: "menu", name: "First" });
  const second = await createDesign(ws, { kitId: a, templateId: "instagram-post", name: "Second" });
  await createDesign(ws, { kitId: b, templateId: "menu", name: "Other kit" });
  expect((await listDesigns(ws, { kitId: a })).map((d) => d.name)).toEqual(["Second", "First"]);
  expect((await listDesigns(ws, { kitId: a, templateId: "menu" })).map((d) => d.id)).toEqual([first.id]);
  expect(await deleteDesign(ws, second.id)).toBe(true);
  expect(await deleteDesign(ws, second.id)).toBe(false);
  expect(await getDesign(ws, second.id)).toBeNull();
});

test("every save bumps the design's version; a save based on an old version is refused and changes nothing", async () => {
  const id = await kitId("Design Stale");
  const design = await createDesign(ws, { kitId: id, templateId: "instagram-post", name: "Opening" });
  expect(design.version).toBe(1);
  const first = await updateDesign(ws, design.id, { name: "Opening night" }, { baseVersion: 1 });
  expect(first.version).toBe(2);

  const stale = await updateDesign(ws, design.id, { name: "Grand opening", content: { ...design.content, headline: "Overwritten" } }, { baseVersion: 1 }).catch((e: unknown) => e);
  expect(stale).toBeInstanceOf(DesignConflictError);
  expect(stale).toMatchObject({ id: design.id, baseVersion: 1, currentVersion: 2 });
  expect((stale as Error).message).toMatch(/you edited version 1, it is now at version 2/);
  const now = await getDesign(ws, design.id);
  expect(now).toMatchObject({ name: "Opening night", version: 2 });
  expect(now?.content).toEqual(first.content);
  expect(now?.updatedAt.getTime()).toBe(first.updatedAt.getTime());
  // Without a base version (the CLI, scripts) the save goes through as the next version.
  expect((await updateDesign(ws, design.id, { name: "Opening week" })).version).toBe(3);
});

test("two concurrent saves from the same version: exactly one wins, the other gets a conflict", async () => {
  const id = await kitId("Design Race");
  const design = await createDesign(ws, { kitId: id, templateId: "instagram-post", name: "Race" });
  const names = ["Editor one", "Editor two"];
  const results = await Promise.allSettled(names.map((name) => updateDesign(ws, design.id, { name }, { baseVersion: 1 })));
  const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof updateDesign>>> => r.status === "fulfilled");
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect([won.length, lost.length]).toEqual([1, 1]);
  expect(lost[0]?.reason).toBeInstanceOf(DesignConflictError);
  expect(lost[0]?.reason).toMatchObject({ baseVersion: 1, currentVersion: 2 });
  const now = await getDesign(ws, design.id);
  expect(now).toMatchObject({ version: 2, name: won[0]?.value.name });
});

// Two editors on one design: the second save, based on the version both loaded, is refused with 409,
// says "changed by someone else", returns the other person's version for review, and writes nothing;
// saving again from the newer version goes through. Brand lock for designs: content cannot carry
// colours or fonts — templates bind only to kit roles, and unknown keys never reach the stored design.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { createDesign, getDesign } from "~/models/design.server.ts";
import { importKitFile } from "~/models/kit-import.server.ts";
import { getKit } from "~/models/kit.server.ts";
import { action as designAction, loader as designLoader } from "~/routes/designs.$id.tsx";
import { asMember, makeMember, makeWorkspace, type TestMember, type TestWorkspace } from "../support/auth.ts";
import { ctx, settle } from "../support/route-result.ts";

let ws: TestWorkspace;
let ana: TestMember;
let ben: TestMember;
let kitId = "";

beforeAll(async () => {
  ws = await makeWorkspace();
  ana = await makeMember(ws, "editor", "ana@example.com");
  ben = await makeMember(ws, "editor", "ben@example.com");
  const file = path.resolve(__dirname, "../../brand-kits/wild-stem-florals/kit.json");
  const slug = (await importKitFile(ws, readFileSync(file, "utf8"), { fileName: file, baseDir: path.dirname(file) })).slug;
  kitId = (await getKit(ws, slug))?.id ?? "";
});

type Loaded = { design: { version: number; content: Record<string, unknown>; name: string } };
type Saved = { ok?: boolean; version?: number; error?: string; conflict?: { version: number; name: string; content: Record<string, unknown> } };

function saveForm(base: number, title: string, name = "Spring open day"): Record<string, string> {
  return { intent: "save", _fetch: "1", baseVersion: String(base), name, format: "a5", "content.title": title, "content.date": "Sat 12 April" };
}

test("a save based on an older version is refused with the other person's version to review; nothing is overwritten", async () => {
  const design = await createDesign(ws, { kitId, templateId: "event-flyer", name: "Spring open day", formats: ["a5"] });
  const load = async (who: TestMember) => (await settle<Loaded>(designLoader({ request: asMember(who, `/designs/${design.id}`), params: { id: design.id }, ...ctx } as never))).data;
  const anaView = await load(ana);
  const benView = await load(ben);
  expect(anaView.design.version).toBe(benView.design.version);

  const first = await settle<Saved>(designAction({ request: asMember(ana, `/designs/${design.id}`, { form: saveForm(anaView.design.version, "Tulip morning") }), params: { id: design.id }, ...ctx } as never));
  expect(first.status).toBe(200);
  expect(first.data.version).toBe(anaView.design.version + 1);

  const second = await settle<Saved>(designAction({ request: asMember(ben, `/designs/${design.id}`, { form: saveForm(benView.design.version, "Peony evening") }), params: { id: design.id }, ...ctx } as never));
  expect(second.status).toBe(409);
  expect(second.data.error).toMatch(/changed by someone else.*version 1.*version 2/);
  expect(second.data.conflict?.version).toBe(2);
  expect(second.data.conflict?.content.title).toBe("Tulip morning");
  expect((await getDesign(ws, design.id))?.content.title).toBe("Tulip morning");

  // Having reviewed, Ben saves on top of version 2: his change goes in as version 3.
  const retry = await settle<Saved>(designAction({ request: asMember(ben, `/designs/${design.id}`, { form: saveForm(2, "Peony evening") }), params: { id: design.id }, ...ctx } as never));
  expect(retry.status).toBe(200);
  expect(retry.data.version).toBe(3);
  expect((await getDesign(ws, design.id))?.content.title).toBe("Peony evening");
});

test("design content cannot carry its own colours or fonts: unknown keys are dropped before saving", async () => {
  const design = await createDesign(ws, {
    kitId,
    templateId: "event-flyer",
    content: { title: "Wreath workshop", date: "Sun 1 Dec", colour: "#ff00ff", background: "#00ff00", font: "Comic Sans MS", fontFamily: "Papyrus" },
  });
  const stored = (await getDesign(ws, design.id))?.content ?? {};
  expect(stored.title).toBe("Wreath workshop");
  for (const key of ["colour", "background", "font", "fontFamily"]) expect(stored).not.toHaveProperty(key);
});

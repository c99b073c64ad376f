// Gallery, designs list and editor routes called directly with Requests: create from a template,
// save with errors by field, list operations and photo uploads without JavaScript, delete.
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { loader as galleryLoader } from "~/routes/templates._index.tsx";
import { action as newAction, loader as newLoader } from "~/routes/designs.new.tsx";
import { loader as listLoader } from "~/routes/designs._index.tsx";
import { action as editAction, loader as editLoader } from "~/routes/designs.$id.tsx";
import { getDesign } from "~/models/design.server.ts";
import { TEMPLATES, getTemplate } from "~/lib/templates/registry.ts";
import { contentToFormEntries, fieldsFromSchema } from "~/lib/templates/content-form.ts";
import { getBlobStore } from "~/storage.server.ts";
import { exampleKit } from "../models/design-fixtures.ts";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../support/auth.ts";

// Creating, saving and deleting designs is an editor's work.
let kit: Awaited<ReturnType<typeof exampleKit>>;
let editor: TestMember;
beforeAll(async () => {
  const workspace = await makeWorkspace();
  editor = await makeMember(workspace, "editor");
  kit = await exampleKit(workspace);
});

const ctx = { context: {} };

async function settle(p: Promise<unknown>): Promise<{ status: number; body: unknown; location: string | null }> {
  try {
    const r = await p;
    if (r instanceof Response) return { status: r.status, body: null, location: r.headers.get("Location") };
    const d = r as { data?: unknown; init?: { status?: number } | null };
    if (d && typeof d === "object" && "data" in d) return { status: d.init?.status ?? 200, body: d.data, location: null };
    return { status: 200, body: r, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text(), location: thrown.headers.get("Location") };
    throw thrown;
  }
}

function post(url: string, entries: [string, string | File][]) {
  const body = new FormData();
  for (const [k, v] of entries) body.append(k, v);
  return asMember(editor, url, { method: "POST", body });
}

async function newDesign(templateId: string) {
  const res = await settle(newAction({ request: post("/designs/new", [["templateId", templateId], ["kit", kit.slug]]), params: {}, ...ctx }));
  expect(res.status).toBe(302);
  const id = res.location?.split("/").pop() ?? "";
  return (await getDesign(editor.scope, id))!;
}

/** The editor form as the browser posts it for the design's current content. */
function editorEntries(design: NonNullable<Awaited<ReturnType<typeof getDesign>>>, patch: Record<string, string> = {}): [string, string][] {
  const fields = fieldsFromSchema(getTemplate(design.templateId).schema);
  const entries: [string, string][] = [["name", design.name], ["format", design.formats[0] ?? ""], ...contentToFormEntries(design.content, fields, "content")];
  return [...entries.map(([k, v]): [string, string] => [k, patch[k] ?? v]), ...Object.entries(patch).filter(([k]) => !entries.some(([e]) => e === k))];
}

test("gallery lists every template with a thumbnail URL in the chosen kit (default: the first kit)", async () => {
  const data = await galleryLoader({ request: asMember(editor, `/templates?kit=${kit.slug}`), params: {}, ...ctx });
  expect(data.kit).toMatchObject({ slug: kit.slug, version: kit.version });
  expect(data.templates.map((t) => t.id)).toEqual(TEMPLATES.map((t) => t.id));
  const fallback = await galleryLoader({ request: asMember(editor, "/templates?kit=unknown"), params: {}, ...ctx });
  expect(fallback.kit?.slug).toBe(kit.slug);
});

test("'Use this template' creates a design from the sample and opens the editor; GET goes to the gallery", async () => {
  const design = await newDesign("instagram-post");
  expect(design).toMatchObject({ templateId: "instagram-post", kitSlug: kit.slug, formats: ["ig-square"] });
  expect((await settle(newLoader({ request: asMember(editor, "/designs/new"), params: {}, ...ctx }))).location).toBe("/templates");
  const bad = await settle(newAction({ request: post("/designs/new", [["templateId", "nope"], ["kit", kit.slug]]), params: {}, ...ctx }));
  expect(bad.status).toBe(400);
  expect(bad.body).toMatch(/templateId: unknown template/);
  expect((await settle(newAction({ request: post("/designs/new", [["templateId", "menu"], ["kit", "nope"]]), params: {}, ...ctx }))).status).toBe(400);
});

test("editor loader sends the generated fields, formats and content; unknown ids are 404", async () => {
  const design = await newDesign("menu");
  const data = await editLoader({ request: asMember(editor, `/designs/${design.id}`), params: { id: design.id }, ...ctx });
  expect(data.template.formats.map((f) => f.id)).toEqual(["a4", "letter"]);
  expect(data.template.formats[0]?.print).toBe(true);
  expect(data.fields.find((f) => f.key === "sections")).toMatchObject({ kind: "repeat" });
  expect(data.design.content).toEqual(design.content);
  expect((await settle(editLoader({ request: asMember(editor, "/designs/nope"), params: { id: "nope" }, ...ctx }))).status).toBe(404);
});

test("save without JS redirects; with bad content it answers 400 with errors named by input and keeps the typed values", async () => {
  const design = await newDesign("menu");
  const ok = await settle(editAction({ request: post(`/designs/${design.id}`, [...editorEntries(design, { name: "Autumn dinner", "content.sections.0.items.0.price": "5.50", format: "letter" }), ["intent", "save"]]), params: { id: design.id }, ...ctx }));
  expect(ok).toMatchObject({ status: 302, location: `/designs/${design.id}?saved=1` });
  const saved = (await getDesign(editor.scope, design.id))!;
  expect(saved.name).toBe("Autumn dinner");
  expect(saved.formats[0]).toBe("letter");
  expect((saved.content.sections as { items: { price: string }[] }[])[0]?.items[0]?.price).toBe("5.50");

  const bad = await settle(editAction({ request: post(`/designs/${design.id}`, [...editorEntries(saved, { "content.sections.1.items.0.name": "", name: "" }), ["intent", "save"]]), params: { id: design.id }, ...ctx }));
  expect(bad.status).toBe(400);
  const body = bad.body as { errors: Record<string, string>; content: { sections: { items: { name: string }[] }[] } };
  expect(body.errors).toEqual({ name: "give the design a name", "content.sections.1.items.0.name": "name the dish" });
  expect(body.content.sections[1]?.items[0]?.name).toBe("");
  expect((await getDesign(editor.scope, design.id))?.name).toBe("Autumn dinner");

  const viaFetcher = await settle(editAction({ request: post(`/designs/${design.id}`, [...editorEntries(saved), ["intent", "save"], ["_fetch", "1"]]), params: { id: design.id }, ...ctx }));
  expect(viaFetcher.status).toBe(200);
  expect(viaFetcher.body).toMatchObject({ ok: true });
});

test("list buttons without JS add, move and remove items and return the content unsaved", async () => {
  const design = await newDesign("menu");
  const entries = editorEntries(design);
  const add = await settle(editAction({ request: post(`/designs/${design.id}`, [...entries, ["intent", "list:add:sections.0.items:0"]]), params: { id: design.id }, ...ctx }));
  const items = (add.body as { content: { sections: { items: { name: string }[] }[] } }).content.sections[0]?.items ?? [];
  const original = (design.content.sections as { items: { name: string }[] }[])[0]?.items ?? [];
  expect(items.map((i) => i.name)).toEqual([original[0]?.name, "", ...original.slice(1).map((i) => i.name)]);
  const up = await settle(editAction({ request: post(`/designs/${design.id}`, [...entries, ["intent", "list:up:sections:1"]]), params: { id: design.id }, ...ctx }));
  const sections = (up.body as { content: { sections: { title: string }[] } }).content.sections;
  expect(sections.map((s) => s.title).slice(0, 2)).toEqual((design.content.sections as { title: string }[]).slice(0, 2).map((s) => s.title).reverse());
  expect((await getDesign(editor.scope, design.id))?.content).toEqual(design.content);
});

test("a photo uploaded with the form is checked, re-encoded, stored and referenced; a non-image is refused by field", async () => {
  const design = await newDesign("instagram-post");
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c04030" } }).png().toBuffer();
  const file = new File([png], "terrace.png", { type: "image/png" });
  const res = await settle(editAction({ request: post(`/designs/${design.id}`, [...editorEntries(design), ["file:content.photo", file], ["intent", "save"]]), params: { id: design.id }, ...ctx }));
  expect(res.status).toBe(302);
  const ref = (await getDesign(editor.scope, design.id))?.content.photo;
  expect(ref).toMatch(/^sha256:[0-9a-f]{64}$/);
  const stored = await getBlobStore().get(String(ref).slice(7));
  expect((await sharp(stored).metadata()).width).toBe(64);

  const upload = await settle(editAction({ request: post(`/designs/${design.id}`, [["intent", "upload"], ["path", "content.photo"], ["file", file], ["_fetch", "1"]]), params: { id: design.id }, ...ctx }));
  const answered = (upload.body as { upload: { name: string; ref: string; thumb: string } }).upload;
  expect(answered).toMatchObject({ name: "content.photo", ref });
  // A picture of it for the slot, before the design is saved with it.
  expect(answered.thumb).toMatch(/^data:image\/jpeg;base64,/);
  const thumb = await sharp(Buffer.from(answered.thumb.split(",")[1] ?? "", "base64")).raw().toBuffer({ resolveWithObject: true });
  expect([thumb.info.format, thumb.info.width, thumb.info.height]).toEqual(["raw", 64, 48]);
  expect([...thumb.data.subarray(0, 3)].map((v, i) => Math.abs(v - [0xc0, 0x40, 0x30][i]!))).toSatisfy((d: number[]) => d.every((x) => x < 12));

  const text = new File(["hello"], "notes.txt", { type: "image/png" });
  const refused = await settle(editAction({ request: post(`/designs/${design.id}`, [["intent", "upload"], ["path", "content.photo"], ["file", text]]), params: { id: design.id }, ...ctx }));
  expect(refused.status).toBe(400);
  expect((refused.body as { errors: Record<string, string> }).errors["content.photo"]).toMatch(/^notes\.txt: not a PNG, JPEG, WebP or SVG image/);
  const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'], "x.svg");
  const noSvg = await settle(editAction({ request: post(`/designs/${design.id}`, [["intent", "upload"], ["path", "content.photo"], ["file", svg]]), params: { id: design.id }, ...ctx }));
  expect((noSvg.body as { errors: Record<string, string> }).errors["content.photo"]).toMatch(/SVG is for logos/);
});

test("the designs list shows saved designs newest first with a cacheable thumbnail URL; delete removes one", async () => {
  const design = await newDesign("instagram-post");
  const list = await listLoader({ request: asMember(editor, "/designs"), params: {}, ...ctx });
  const row = list.designs.find((d) => d.id === design.id);
  expect(list.designs[0]?.id).toBe(design.id);
  expect(row).toMatchObject({ template: "Social post", kit: kit.name, format: "Instagram square 1080×1080" });
  expect(row?.thumbnail).toBe(`/designs/${design.id}/preview?format=ig-square&thumb=1&kv=${kit.version}&v=${design.updatedAt.getTime()}`);
  const gone = await settle(editAction({ request: post(`/designs/${design.id}`, [["intent", "delete"]]), params: { id: design.id }, ...ctx }));
  expect(gone).toMatchObject({ status: 302, location: "/designs" });
  expect(await getDesign(editor.scope, design.id)).toBeNull();
});

// Kit routes called directly with Requests, on a real SQLite database.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { loader as listLoader, action as listAction } from "~/routes/kits._index.tsx";
import { action as newAction } from "~/routes/kits.new.tsx";
import { loader as editLoader, action as editAction } from "~/routes/kits.$slug.edit.tsx";
import { loader as historyLoader, action as historyAction } from "~/routes/kits.$slug.history.tsx";
import { loader as kitLoader } from "~/routes/kits.$slug._index.tsx";
import { action as deleteAction } from "~/routes/kits.$slug.delete.tsx";
import { loader as fileLoader } from "~/routes/files.$key.ts";
import { loader as exportLoader } from "~/routes/kits.$slug.export.$format.ts";
import { getKit as getKitIn } from "~/models/kit.server.ts";
import { asMember, makeMember, makeWorkspace } from "../support/auth.ts";

const require = createRequire(import.meta.url);
const ctx = { context: {} };
// Creating, editing, restoring and deleting kits is the owner's work.
const workspace = await makeWorkspace();
const owner = await makeMember(workspace, "owner");
const getKit = (slug: string) => getKitIn(owner.scope, slug);
const get = (url = "/") => asMember(owner, url);
const listLoaderAsOwner = () => listLoader({ request: get("/kits"), params: {}, ...ctx });

function post(url: string, fields: Record<string, string | File>) {
  return asMember(owner, url, { form: fields });
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    return r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** Unwraps Remix `data()` results (single fetch) and Responses. */
function body<T>(r: unknown): T {
  return ((r as { data?: T }).data ?? r) as T;
}

function editForm(kit: NonNullable<Awaited<ReturnType<typeof getKit>>>, patch: Record<string, string> = {}) {
  const fields: Record<string, string> = { intent: "save", baseVersion: String(kit.version), name: kit.kit.name, description: kit.kit.description };
  const form = new FormData();
  for (const role of Object.keys(kit.kit.palette)) {
    form.append("roles", role);
    fields[`palette.${role}.color`] = kit.kit.palette[role]!.color;
    fields[`palette.${role}.name`] = kit.kit.palette[role]!.name;
  }
  for (const role of ["heading", "body", "accent"] as const) fields[`typography.${role}.family`] = kit.kit.typography[role].family;
  for (const [k, v] of Object.entries({ ...fields, ...patch })) form.append(k, v);
  return asMember(owner, `/kits/${kit.slug}/edit`, { method: "POST", body: form });
}

test("new kit: a name is required, then the kit opens in the editor", async () => {
  const missing = await newAction({ request: post("/kits/new", { name: "" }), params: {}, ...ctx });
  expect(body<{ error: string }>(missing).error).toMatch(/^name:/);
  const created = (await newAction({ request: post("/kits/new", { name: "Corner Café" }), params: {}, ...ctx })) as Response;
  expect(created.status).toBe(302);
  expect(created.headers.get("Location")).toBe("/kits/corner-cafe/edit");
  const list = await listLoaderAsOwner();
  expect(list.kits.map((k) => k.slug)).toContain("corner-cafe");
  expect(list.kits.find((k) => k.slug === "corner-cafe")?.swatches).toHaveLength(7);
});

test("new kit from a malformed tokens file: the error names the file and line, and no kit is made", async () => {
  const file = new File(['{"color": {"a": {"$value": "#fff",}}}'], "brand.tokens.json", { type: "application/json" });
  const before = (await listLoaderAsOwner()).kits.length;
  const r = await newAction({ request: post("/kits/new", { name: "", file }), params: {}, ...ctx });
  expect(body<{ error: string }>(r).error).toMatch(/^brand\.tokens\.json: malformed JSON/);
  expect((await listLoaderAsOwner()).kits.length).toBe(before);
});

test("editor save: bad fields come back by name with 400 and nothing is saved", async () => {
  await newAction({ request: post("/kits/new", { name: "Field Errors" }), params: {}, ...ctx });
  const kit = (await getKit("field-errors"))!;
  const r = await editAction({ request: editForm(kit, { "palette.primary.color": "blurple", "palette.accent.name": "" }), params: { slug: kit.slug }, ...ctx });
  const result = body<{ errors: Record<string, string> }>(r);
  expect(result.errors["palette.primary.color"]).toBe('"blurple" is not a CSS colour');
  expect(result.errors["palette.accent.name"]).toMatch(/name/);
  expect((await getKit("field-errors"))?.version).toBe(1);
});

test("editor save: a valid change becomes version 2; a stale save is refused with 409", async () => {
  await newAction({ request: post("/kits/new", { name: "Two Editors" }), params: {}, ...ctx });
  const v1 = (await getKit("two-editors"))!;
  const ok = (await editAction({ request: editForm(v1, { "palette.primary.color": "rgb(10, 20, 30)" }), params: { slug: v1.slug }, ...ctx })) as Response;
  expect(ok.headers.get("Location")).toBe("/kits/two-editors/edit?saved=2");
  expect((await getKit("two-editors"))?.kit.palette.primary.color).toBe("#0a141e");
  const stale = await editAction({ request: editForm(v1, { "palette.primary.color": "#ffffff" }), params: { slug: v1.slug }, ...ctx });
  expect(await status(Promise.resolve(stale))).toBe(409);
  expect(body<{ error: string }>(stale).error).toContain("changed by someone else");
  expect((await getKit("two-editors"))?.kit.palette.primary.color).toBe("#0a141e");
});

test("font upload reads family and weight from the file; a corrupt font is refused and the kit unchanged", async () => {
  await newAction({ request: post("/kits/new", { name: "Font Test" }), params: {}, ...ctx });
  const ttf = readFileSync(require.resolve("@expo-google-fonts/playfair-display/700Bold/PlayfairDisplay_700Bold.ttf"));
  const up = await editAction({ request: post("/kits/font-test/edit", { intent: "upload-font", role: "heading", file: new File([ttf], "Playfair.ttf") }), params: { slug: "font-test" }, ...ctx });
  expect(body<{ ok: string }>(up).ok).toContain("Playfair Display");
  const kit = (await getKit("font-test"))!;
  expect(kit.kit.typography.heading).toMatchObject({ family: "Playfair Display", files: [{ weight: 700, style: "normal" }] });
  const src = kit.kit.typography.heading.files[0]!.src;
  const served = await fileLoader({ request: get(), params: { key: src.slice(7) }, ...ctx });
  expect(served.headers.get("Content-Type")).toBe("font/ttf");
  expect(Number(served.headers.get("Content-Length"))).toBe(ttf.length);

  const bad = await editAction({ request: post("/kits/font-test/edit", { intent: "upload-font", role: "body", file: new File([ttf.subarray(0, 300)], "broken.ttf") }), params: { slug: "font-test" }, ...ctx });
  expect(body<{ error: string }>(bad).error).toMatch(/broken\.ttf/);
  expect((await getKit("font-test"))?.version).toBe(kit.version);
});

test("logo upload sanitises SVG and serves it with a sandboxing CSP; a fake PNG is refused", async () => {
  await newAction({ request: post("/kits/new", { name: "Logo Test" }), params: {}, ...ctx });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="#123456"/></svg>';
  const up = await editAction({ request: post("/kits/logo-test/edit", { intent: "upload-logo", variant: "primary", file: new File([svg], "logo.svg", { type: "image/svg+xml" }) }), params: { slug: "logo-test" }, ...ctx });
  expect(body<{ ok: string }>(up).ok).toMatch(/Removed from the SVG for safety: .*script/);
  const kit = (await getKit("logo-test"))!;
  const served = await fileLoader({ request: get(), params: { key: kit.kit.logos.primary!.src.slice(7) }, ...ctx });
  expect(served.headers.get("Content-Type")).toBe("image/svg+xml");
  expect(served.headers.get("Content-Security-Policy")).toContain("sandbox");
  const text = await served.text();
  expect(text).not.toMatch(/script|onload/i);
  expect(text).toContain("#123456");

  const fake = await editAction({ request: post("/kits/logo-test/edit", { intent: "upload-logo", variant: "mark", file: new File(["<html>hi</html>"], "mark.png", { type: "image/png" }) }), params: { slug: "logo-test" }, ...ctx });
  expect(body<{ error: string }>(fake).error).toMatch(/mark\.png/);
  expect((await getKit("logo-test"))?.kit.logos.mark).toBeUndefined();
});

test("history shows the diff and restores an old version as a new one", async () => {
  await newAction({ request: post("/kits/new", { name: "History Test" }), params: {}, ...ctx });
  const v1 = (await getKit("history-test"))!;
  await editAction({ request: editForm(v1, { "voice.tagline": "Fresh every day" }), params: { slug: v1.slug }, ...ctx });
  const h = await historyLoader({ request: get("/kits/history-test/history?v=1"), params: { slug: "history-test" }, ...ctx });
  expect(h.versions.map((v) => v.version)).toEqual([2, 1]);
  expect(h.changesToCurrent).toContainEqual({ path: "voice.tagline", kind: "changed", before: "", after: "Fresh every day" });
  const restored = (await historyAction({ request: post("/kits/history-test/history", { version: "1", baseVersion: "2" }), params: { slug: "history-test" }, ...ctx })) as Response;
  expect(restored.headers.get("Location")).toBe("/kits/history-test/history?v=3");
  expect((await getKit("history-test"))?.kit.voice.tagline).toBe("");
});

test("duplicate, export and delete with confirmation; unknown kits are 404", async () => {
  await newAction({ request: post("/kits/new", { name: "Dup Source" }), params: {}, ...ctx });
  const dup = (await listAction({ request: post("/kits", { intent: "duplicate", slug: "dup-source" }), params: {}, ...ctx })) as Response;
  expect(dup.headers.get("Location")).toBe("/kits/dup-source-copy");
  const exp = await exportLoader({ request: get(), params: { slug: "dup-source", format: "dtcg" }, ...ctx });
  expect(exp.headers.get("Content-Disposition")).toBe('attachment; filename="dup-source.tokens.json"');
  expect(JSON.parse(await exp.text())).toHaveProperty("color");
  expect(await status(deleteAction({ request: post("/kits/dup-source/delete", { confirm: "wrong" }), params: { slug: "dup-source" }, ...ctx }))).toBe(400);
  expect(await status(deleteAction({ request: post("/kits/dup-source/delete", { confirm: "dup-source" }), params: { slug: "dup-source" }, ...ctx }))).toBe(302);
  expect(await getKit("dup-source")).toBeNull();
  expect(await status(kitLoader({ request: get(), params: { slug: "dup-source" }, ...ctx }))).toBe(404);
  expect(await status(editLoader({ request: get(), params: { slug: "nope" }, ...ctx }))).toBe(404);
  expect(await status(fileLoader({ request: get(), params: { key: "../../etc/passwd" }, ...ctx }))).toBe(404);
  expect(await status(exportLoader({ request: get(), params: { slug: "dup-source-copy", format: "exe" }, ...ctx }))).toBe(404);
});

test("palette from logo proposes roles from the uploaded image's colours", async () => {
  await newAction({ request: post("/kits/new", { name: "Logo Palette" }), params: {}, ...ctx });
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#f4efe6"/><rect width="100" height="40" fill="#1f3a5f"/><circle cx="50" cy="70" r="15" fill="#e07a5f"/></svg>';
  const r = await editAction({ request: post("/kits/logo-palette/edit", { intent: "palette-from-logo", file: new File([svg], "logo.svg", { type: "image/svg+xml" }) }), params: { slug: "logo-palette" }, ...ctx });
  const { proposal } = body<{ proposal: { colours: { hex: string; share: number }[]; proposal: Record<string, { color: string; name: string }> } }>(r);
  const hexes = proposal.colours.map((c) => c.hex);
  expect(hexes).toEqual(expect.arrayContaining(["#f4efe6", "#1f3a5f"]));
  expect(proposal.proposal.background?.color).toBe("#f4efe6");
  expect(proposal.proposal.primary?.color).toBe("#1f3a5f");
  expect((await getKit("logo-palette"))?.version).toBe(1);
});

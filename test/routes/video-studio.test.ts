// The studio pages called directly with Requests, as the browser posts them: new briefs from an example
// and from an idea, the editor (live compile, errors by field, list edits without JavaScript, save),
// Generate refused plainly when a provider is not configured.
import { afterEach, beforeAll, expect, test } from "vitest";
import { resetEnvCache } from "~/env.server.ts";
import { draftFromBrief, draftToFormEntries, type BriefDraft } from "~/lib/video/brief-form.ts";
import type { VideoBrief } from "~/lib/video/brief.ts";
import { getVideoBrief, listVideoBriefs } from "~/models/video-brief.server.ts";
import { listVideoRenders } from "~/models/video-render.server.ts";
import { action as homeAction, loader as homeLoader } from "~/routes/video._index.tsx";
import { action as editAction, loader as editLoader } from "~/routes/video.$briefId.tsx";
import type { StudioActionData } from "~/components/video-studio.tsx";
import { exampleBrief, storeExampleKit } from "../support/video-frames.ts";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../support/auth.ts";

// Writing and generating video briefs is an editor's work.
let editor: TestMember;
let kit: Awaited<ReturnType<typeof storeExampleKit>>;
beforeAll(async () => {
  const workspace = await makeWorkspace();
  editor = await makeMember(workspace, "editor");
  kit = await storeExampleKit(workspace, "harbour-and-vine");
});
const saved = { key: process.env.OPENAI_API_KEY, model: process.env.MARQUE_VIDEO_MODEL };
afterEach(() => {
  for (const [name, value] of [["OPENAI_API_KEY", saved.key], ["MARQUE_VIDEO_MODEL", saved.model]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
});

const ctx = { context: {} };

async function settle(p: Promise<unknown>): Promise<{ status: number; body: unknown; location: string | null }> {
  try {
    const r = await p;
    if (r instanceof Response) return { status: r.status, body: null, location: r.headers.get("Location") };
    const d = r as { data?: unknown; init?: { status?: number } | null };
    if (d && typeof d === "object" && "data" in d && "init" in d) return { status: d.init?.status ?? 200, body: d.data, location: null };
    return { status: 200, body: r, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text(), location: null };
    throw thrown;
  }
}

function post(url: string, entries: [string, string][]) {
  const body = new FormData();
  for (const [k, v] of entries) body.append(k, v);
  return asMember(editor, url, { method: "POST", body });
}

async function newBriefFromExample(example = "product-visualisation") {
  const res = await settle(homeAction({ request: post("/video", [["intent", "example"], ["kit", kit.slug], ["example", example]]), params: {}, ...ctx }));
  expect(res.status).toBe(302);
  const id = res.location?.split("/").pop() ?? "";
  return (await getVideoBrief(editor.scope, id))!;
}

const editorPost = (id: string, draft: BriefDraft, extra: [string, string][]) =>
  settle(editAction({ request: post(`/video/${id}`, [...draftToFormEntries(draft), ...extra]), params: { briefId: id }, ...ctx }));

test("the studio home lists the kit's briefs, the examples and how ideas are expanded", async () => {
  const before = (await settle(homeLoader({ request: asMember(editor, `/video?kit=${kit.slug}`), params: {}, ...ctx }))).body as Awaited<ReturnType<typeof homeLoader>>;
  expect(before.kit?.slug).toBe(kit.slug);
  expect(before.examples).toHaveLength(8);
  expect(before.expander.source).toBe("patterns");
  const brief = await newBriefFromExample("ugc-testimonial");
  const after = (await settle(homeLoader({ request: asMember(editor, `/video?kit=${kit.slug}`), params: {}, ...ctx }))).body as Awaited<ReturnType<typeof homeLoader>>;
  expect(after.briefs.map((b) => b.id)).toContain(brief.id);
  expect(after.briefs.find((b) => b.id === brief.id)).toMatchObject({ useCase: "ugc-testimonial", renders: 0 });
  const missing = await settle(homeLoader({ request: asMember(editor, "/video?kit=nope"), params: {}, ...ctx }));
  expect(missing.status).toBe(404);
});

test("an idea becomes a saved brief by the use case's pattern when no text model is configured", async () => {
  delete process.env.OPENAI_API_KEY;
  resetEnvCache();
  const res = await settle(homeAction({ request: post("/video", [["intent", "idea"], ["kit", kit.slug], ["idea", "a regular raves about our fish stew"], ["useCase", "ugc-testimonial"], ["product", "the fish stew"]]), params: {}, ...ctx }));
  expect(res.status).toBe(302);
  expect(res.location).toMatch(/\?from=patterns$/);
  const brief = await getVideoBrief(editor.scope, res.location!.split("/").pop()!.split("?")[0]!);
  expect(brief?.brief).toMatchObject({ useCase: "ugc-testimonial", summary: "a regular raves about our fish stew", polish: "raw-ugc" });
  expect(JSON.stringify(brief?.brief)).toContain("The fish stew");
});

test("a blank idea or an unknown use case comes back with the field named and nothing saved", async () => {
  const count = (await listVideoBriefs(editor.scope, { kitId: kit.id })).length;
  const blank = await settle(homeAction({ request: post("/video", [["intent", "idea"], ["kit", kit.slug], ["idea", "   "], ["useCase", "ugc-testimonial"]]), params: {}, ...ctx }));
  expect(blank.status).toBe(400);
  expect((blank.body as { errors: Record<string, string> }).errors.idea).toMatch(/write a one-line idea/);
  const odd = await settle(homeAction({ request: post("/video", [["intent", "idea"], ["kit", kit.slug], ["idea", "x"], ["useCase", "hologram"]]), params: {}, ...ctx }));
  expect((odd.body as { errors: Record<string, string> }).errors).toEqual({ useCase: "pick a use case" });
  const noKit = await settle(homeAction({ request: post("/video", [["intent", "example"], ["kit", "nope"], ["example", "ugc-testimonial"]]), params: {}, ...ctx }));
  expect((noKit.body as { errors: Record<string, string> }).errors).toEqual({ kit: "pick a brand kit" });
  expect((await listVideoBriefs(editor.scope, { kitId: kit.id })).length).toBe(count);
});

test("the editor shows the compiled prompt in the kit's colour names, traced, with labelled variants", async () => {
  delete process.env.OPENAI_API_KEY;
  resetEnvCache();
  const brief = await newBriefFromExample();
  const data = (await settle(editLoader({ request: asMember(editor, `/video/${brief.id}`), params: { briefId: brief.id }, ...ctx }))).body as Awaited<ReturnType<typeof editLoader>>;
  expect(data.draft).toEqual(draftFromBrief(brief.brief));
  if (!data.compiled.ok) throw new Error("expected the example to compile");
  const lines = data.compiled.prompt.clips.flatMap((c) => c.lines);
  const anchors = lines.find((l) => l.text.startsWith("Palette anchors:"));
  expect(anchors?.text).toContain(kit.kit.palette.primary.name);
  expect(anchors?.sources[0]).toBe("kit.palette.primary.name");
  expect(lines.find((l) => l.sources[0] === "brief.shots.1.action")?.text).toContain("Hands fold the kraft paper");
  expect(data.compiled.variants.map((v) => v.axis)).toEqual(["lighting", "palette-emphasis", "framing", "line-reading"]);
  expect(data.providers).toEqual([
    expect.objectContaining({ name: "local", available: true }),
    expect.objectContaining({ name: "openai", available: false, reason: expect.stringMatching(/set OPENAI_API_KEY and MARQUE_VIDEO_MODEL/) }),
  ]);
  const missing = await settle(editLoader({ request: asMember(editor, "/video/nope"), params: { briefId: "nope" }, ...ctx }));
  expect(missing.status).toBe(404);
});

test("a live compile of a broken draft names the fields; nothing is stored", async () => {
  const brief = await newBriefFromExample();
  const draft = draftFromBrief(brief.brief);
  draft.shots[2]!.seconds = "14";
  draft.shots[0]!.action = "";
  const res = await editorPost(brief.id, draft, [["intent", "compile"]]);
  expect(res.status).toBe(200);
  const compiled = (res.body as StudioActionData).compiled;
  expect(compiled?.ok).toBe(false);
  expect(compiled && !compiled.ok ? compiled.errors : {}).toMatchObject({ "shots.2.seconds": expect.stringMatching(/longer than a clip can be/), "shots.0.action": "the action is empty" });
  expect((await getVideoBrief(editor.scope, brief.id))?.brief).toEqual(brief.brief);
});

test("save stores the edited brief; a bad one is refused with errors by field", async () => {
  const brief = await newBriefFromExample();
  const draft = draftFromBrief(brief.brief);
  draft.title = "";
  const bad = await editorPost(brief.id, draft, [["intent", "save"]]);
  expect(bad.status).toBe(400);
  expect((bad.body as StudioActionData).errors).toMatchObject({ title: "the title is empty" });
  draft.title = "Sunday bouquets";
  draft.shots[0]!.seconds = "2,5";
  const ok = await editorPost(brief.id, draft, [["intent", "save"]]);
  expect(ok).toMatchObject({ status: 302, location: `/video/${brief.id}?saved=1` });
  const stored = (await getVideoBrief(editor.scope, brief.id))?.brief as VideoBrief;
  expect(stored.title).toBe("Sunday bouquets");
  expect(stored.shots[0]?.seconds).toBe(2.5);
});

test("without JavaScript the list buttons edit the draft on the server and keep references", async () => {
  const brief = await newBriefFromExample();
  const draft = draftFromBrief(brief.brief);
  const res = await editorPost(brief.id, draft, [["intent", "list:shots:add:1"]]);
  const next = (res.body as StudioActionData).draft!;
  expect(next.shots).toHaveLength(4);
  expect(next.shots[1]?.action).toBe("");
  expect(next.dialogue[0]?.shot).toBe("3"); // the voiceover stays on the same (now fourth) shot
  expect((await getVideoBrief(editor.scope, brief.id))?.brief?.shots).toHaveLength(3); // not saved
});

test("generate with a provider that is not configured says which settings are missing and queues nothing", async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.MARQUE_VIDEO_MODEL;
  resetEnvCache();
  const brief = await newBriefFromExample();
  const res = await editorPost(brief.id, draftFromBrief(brief.brief), [["intent", "generate"], ["provider", "openai"], ["endCard", "on"]]);
  expect(res.status).toBe(400);
  expect((res.body as StudioActionData).error).toMatch(/^The video service is not set up: set OPENAI_API_KEY and MARQUE_VIDEO_MODEL/);
  const unknown = await editorPost(brief.id, draftFromBrief(brief.brief), [["intent", "generate"], ["provider", "pixar"]]);
  expect((unknown.body as StudioActionData).error).toBe('Unknown provider "pixar".');
  expect(await listVideoRenders({ briefId: brief.id })).toEqual([]);
});

test("an example brief used from the studio matches the example file", async () => {
  const brief = await newBriefFromExample("brand-spokesperson");
  expect(brief.brief).toEqual(exampleBrief("brand-spokesperson"));
});

test("with a key and a video model the video service can be chosen", async () => {
  process.env.OPENAI_API_KEY = "sk-test-configured-0000";
  process.env.MARQUE_VIDEO_MODEL = "video-model-x";
  resetEnvCache();
  const brief = await newBriefFromExample();
  const data = (await settle(editLoader({ request: asMember(editor, `/video/${brief.id}`), params: { briefId: brief.id }, ...ctx }))).body as Awaited<ReturnType<typeof editLoader>>;
  expect(data.providers[1]).toEqual({ name: "openai", label: "Video service (video-model-x)", available: true, reason: null });
});

test("with a text model configured the idea goes to the model; when it fails, the pattern is one click away", async () => {
  const { startFakeResponsesServer } = await import("../support/fake-responses-server.ts");
  let answer: unknown = { ...(exampleBrief("ugc-testimonial") as object), title: "Model-written review" };
  const server = await startFakeResponsesServer({ models: ["text-x"], answer: () => (answer === "fail" ? { refusal: "No." } : { json: answer }) });
  process.env.OPENAI_API_KEY = server.apiKey;
  process.env.OPENAI_BASE_URL = server.baseURL;
  process.env.MARQUE_TEXT_MODEL = "text-x";
  resetEnvCache();
  try {
    const idea: [string, string][] = [["intent", "idea"], ["kit", kit.slug], ["idea", "a regular raves about our fish stew"], ["useCase", "ugc-testimonial"]];
    const ok = await settle(homeAction({ request: post("/video", idea), params: {}, ...ctx }));
    expect(ok.location).toMatch(/\?from=model$/);
    expect((await getVideoBrief(editor.scope, ok.location!.split("/").pop()!.split("?")[0]!))?.title).toBe("Model-written review");
    expect(server.requests.at(-1)?.model).toBe("text-x");

    answer = "fail";
    const failed = await settle(homeAction({ request: post("/video", idea), params: {}, ...ctx }));
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ error: "The text model refused: No.", modelFailed: true, values: { idea: "a regular raves about our fish stew" } });
    const before = server.requests.length;
    const fallback = await settle(homeAction({ request: post("/video", [...idea, ["patterns", "1"]]), params: {}, ...ctx }));
    expect(fallback.location).toMatch(/\?from=patterns$/);
    expect(server.requests.length).toBe(before);
  } finally {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.MARQUE_TEXT_MODEL;
    await server.close();
  }
});

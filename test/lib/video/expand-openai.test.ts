// Idea -> brief: through the Responses API (a fake server speaking it over HTTP, the real SDK) and,
// without a key, through the use case's deterministic pattern.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { BriefExpandError, chooseExpander, createOpenAIExpander, expandIdeaToBrief, strictBriefJsonSchema, stripNulls } from "~/lib/video/expand-openai.server.ts";
import { expandIdea } from "~/lib/video/expand.ts";
import { resetEnvCache } from "~/env.server.ts";
import { isStrictSchema, startFakeResponsesServer, type FakeAnswer, type FakeResponsesServer, type ResponsesRequest } from "../../support/fake-responses-server.ts";
import { makeKit } from "../../factories/kit.ts";

const kit = makeKit("Harbour Bakery", (k) => {
  k.palette.primary.name = "harbour navy";
  k.palette.accent.name = "saffron";
  k.voice.tagline = "Baked at dawn.";
});
const exampleBrief = JSON.parse(readFileSync("templates/briefs/ugc-testimonial.json", "utf8")) as Record<string, unknown>;
const MODEL = "text-model-test";

let server: FakeResponsesServer;
let answer: (req: ResponsesRequest) => FakeAnswer = () => ({ json: {} });
beforeAll(async () => {
  server = await startFakeResponsesServer({ models: [MODEL], answer: (req) => answer(req) });
});
afterAll(async () => {
  await server.close();
});
const saved = { key: process.env.OPENAI_API_KEY, model: process.env.MARQUE_TEXT_MODEL };
afterEach(() => {
  for (const [name, value] of [["OPENAI_API_KEY", saved.key], ["MARQUE_TEXT_MODEL", saved.model]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
});

const expander = (model = MODEL, apiKey = server.apiKey) => createOpenAIExpander({ apiKey, baseURL: server.baseURL, model });

async function expectExpandError(p: Promise<unknown>, field: string, message: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BriefExpandError);
  expect((error as BriefExpandError).field).toBe(field);
  expect((error as Error).message).toMatch(message);
  return error as BriefExpandError;
}

test("the strict schema requires every property, allows none extra, and makes optional fields nullable", () => {
  const schema = strictBriefJsonSchema();
  expect(isStrictSchema(schema)).toBe(true);
  expect(JSON.stringify(schema)).not.toMatch(/"default"|"\$schema"|"minLength"/);
  const props = schema.properties as Record<string, Record<string, unknown>>;
  expect(props.lighting).toEqual({ anyOf: [{ type: "string" }, { type: "null" }] });
  expect(props.useCase?.anyOf).toBeUndefined(); // required in the brief: not nullable
  const shot = (props.shots as { items: { properties: Record<string, unknown>; required: string[] } }).items;
  expect(shot.required).toEqual(["framing", "camera", "action", "setting", "seconds"]);
  expect(shot.properties.seconds).toMatchObject({ type: "number", minimum: 1, maximum: 12, multipleOf: 0.5 });
});

test("stripNulls removes null keys at every depth but keeps array items", () => {
  expect(stripNulls({ a: null, b: { c: null, d: 1 }, e: [{ f: null, g: [1, 2] }] })).toEqual({ b: { d: 1 }, e: [{ g: [1, 2] }] });
});

test("a configured model writes the brief through the Responses API with strict structured output", async () => {
  answer = () => ({ json: { ...exampleBrief, useCase: "product-visualisation", lighting: null, paletteLead: null, look: null, colours: [] } });
  const before = server.requests.length;
  const brief = await expander()("a regular raves about our oat flat white", "ugc-testimonial", kit);
  const req = server.requests[before];
  expect(req?.model).toBe(MODEL);
  expect(req?.text?.format).toMatchObject({ type: "json_schema", name: "video_brief", strict: true });
  expect(isStrictSchema(req?.text?.format?.schema)).toBe(true);
  expect(req?.input).toBe("a regular raves about our oat flat white");
  // The kit travels in the instructions, colours by name.
  expect(req?.instructions).toContain("harbour navy");
  expect(req?.instructions).toContain("Baked at dawn.");
  expect(req?.instructions).toContain("ugc-testimonial");
  // The person's choice of use case wins over the model's; nulls become absent fields.
  expect(brief.useCase).toBe("ugc-testimonial");
  expect(brief.title).toBe(exampleBrief.title);
  expect(brief.lighting).toBeUndefined();
  expect(brief.shots.length).toBe((exampleBrief.shots as unknown[]).length);
});

test("a model brief that fails validation is refused with the field named", async () => {
  const shots = (exampleBrief.shots as Record<string, unknown>[]).map((s, i) => (i === 1 ? { ...s, seconds: 20 } : s));
  answer = () => ({ json: { ...exampleBrief, shots } });
  const error = await expectExpandError(expander()("a regular raves about our oat flat white", "ugc-testimonial", kit), "shots.1.seconds", /does not pass the checks: shots\.1\.seconds: 20 s is longer than a clip/);
  expect(error.message).not.toContain(server.apiKey);
});

test("a refusal, an unfinished answer and text that is not JSON each give a plain error", async () => {
  answer = () => ({ refusal: "I can't help with that." });
  await expectExpandError(expander()("our new pastry", "product-visualisation", kit), "model", /refused: I can't help with that/);
  answer = () => ({ incomplete: "max_output_tokens" });
  await expectExpandError(expander()("our new pastry", "product-visualisation", kit), "model", /stopped before finishing/);
  answer = () => ({ text: "Sure! Here is your brief:" });
  await expectExpandError(expander()("our new pastry", "product-visualisation", kit), "model", /not JSON \(it began “Sure! Here is your brief:”\)/);
});

test("an unknown model and a wrong key name the setting to fix, without echoing the key", async () => {
  await expectExpandError(expander("no-such-model")("our new pastry", "product-visualisation", kit), "MARQUE_TEXT_MODEL", /does not offer the text model "no-such-model"/);
  const wrong = "sk-wrong-key-abcdefghijklmnop";
  const error = await expectExpandError(expander(MODEL, wrong)("our new pastry", "product-visualisation", kit), "OPENAI_API_KEY", /rejected the API key/);
  expect(error.message).not.toContain(wrong);
});

test("a bad idea is refused before any request is sent", async () => {
  const before = server.requests.length;
  await expect(expander()("   ", "product-visualisation", kit)).rejects.toThrow(/^idea: write a one-line idea/);
  expect(server.requests.length).toBe(before);
});

test("without a key the idea is expanded by the use case's pattern, the same every time", async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.MARQUE_TEXT_MODEL;
  resetEnvCache();
  expect(chooseExpander()).toEqual({ source: "patterns", note: null });
  const before = server.requests.length;
  const first = await expandIdeaToBrief("a regular raves about our oat flat white", "ugc-testimonial", kit, { product: "the oat flat white" });
  const second = await expandIdeaToBrief("a regular raves about our oat flat white", "ugc-testimonial", kit, { product: "the oat flat white" });
  expect(first.source).toBe("patterns");
  expect(first.brief).toEqual(second.brief);
  expect(first.brief).toEqual(expandIdea("a regular raves about our oat flat white", "ugc-testimonial", kit, { product: "the oat flat white" }));
  expect(first.brief.polish).toBe("raw-ugc");
  expect(server.requests.length).toBe(before);
});

test("a key without MARQUE_TEXT_MODEL falls back to the patterns and says why", async () => {
  process.env.OPENAI_API_KEY = "sk-set-but-no-model-0000";
  delete process.env.MARQUE_TEXT_MODEL;
  resetEnvCache();
  const result = await expandIdeaToBrief("our new pastry", "product-visualisation", kit);
  expect(result.source).toBe("patterns");
  expect(result.note).toMatch(/OPENAI_API_KEY is set but MARQUE_TEXT_MODEL is not/);
  expect(() => createOpenAIExpander()).toThrow(/MARQUE_TEXT_MODEL is not/);
});

test("with a key and MARQUE_TEXT_MODEL in the environment the model is used", async () => {
  process.env.OPENAI_API_KEY = server.apiKey;
  process.env.MARQUE_TEXT_MODEL = MODEL;
  process.env.OPENAI_BASE_URL = server.baseURL;
  resetEnvCache();
  try {
    answer = () => ({ json: exampleBrief });
    const result = await expandIdeaToBrief("a regular raves about our oat flat white", "ugc-testimonial", kit);
    expect(result.source).toBe("model");
    expect(result.brief.title).toBe(exampleBrief.title);
  } finally {
    delete process.env.OPENAI_BASE_URL;
  }
});

// Idea -> brief through a text model: the Responses API with structured output (a strict JSON Schema
// derived from the brief's own zod schema), the answer validated by `parseBrief` like any uploaded brief.
// Without OPENAI_API_KEY, or without MARQUE_TEXT_MODEL, the studio falls back to `expandIdea`'s patterns.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { getEnv, type Env } from "../../env.server.ts";
import type { BrandKit } from "../kit/schema.ts";
import { BriefValidationError, parseBrief, videoBriefJsonSchema, type UseCase, type VideoBrief } from "./brief.ts";
import { expandIdea, type BriefExpander, type ExpandOptions } from "./expand.ts";
import { redactSecrets } from "./providers/openai-errors.ts";

/** An expansion that could not be made; `field` names the setting or brief field at fault. */
export class BriefExpandError extends Error {
  constructor(
    public readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "BriefExpandError";
  }
}

// Keywords strict structured output does not take (or that only restate what parseBrief checks anyway).
const DROP = new Set(["$schema", "default", "minLength", "maxLength", "format"]);

/**
 * The brief's JSON Schema in the shape strict mode wants: every property required, no extra properties,
 * and what the brief leaves optional made nullable instead (nulls are removed again before validation).
 */
export function strictBriefJsonSchema(): Record<string, unknown> {
  return strictify(videoBriefJsonSchema()) as Record<string, unknown>;
}

function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROP.has(key)) continue;
    // z.toJSONSchema writes MAX_SAFE_INTEGER as the upper bound of plain integers: no information.
    if (key === "maximum" && typeof value === "number" && value >= Number.MAX_SAFE_INTEGER) continue;
    out[key] = key === "properties" ? value : strictify(value);
  }
  if (out.type === "object" && out.properties && typeof out.properties === "object") {
    const props = out.properties as Record<string, unknown>;
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    out.properties = Object.fromEntries(
      Object.entries(props).map(([name, schema]) => {
        const strict = strictify(schema);
        return [name, required.has(name) ? strict : { anyOf: [strict, { type: "null" }] }];
      }),
    );
    out.required = Object.keys(props);
    out.additionalProperties = false;
  }
  return out;
}

/** Drops null-valued object keys (how a strict model says "not set"); arrays keep their items. */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, stripNulls(v)]),
  );
}

const USE_CASE_NOTES: Record<UseCase, string> = {
  "product-visualisation": "Show the product's materials, texture and finish; hero close-ups, one moment of use.",
  "ugc-testimonial": "Phone-shot, handheld, a real customer talking to camera; raw-ugc polish; short natural lines.",
  "multi-shot-story": "A small story in 3–5 shots with the same characters, described identically in every shot.",
  "physics-previz": "Before, during and after a physical moment with realistic weight, inertia and fluids.",
  "training-safety": "An everyday work situation and the correct procedure, step by step, calm and clear.",
  "dynamic-storyboard": "Quick 2–3 s beats that block out a scene: establish, action, reaction, resolution.",
  "style-exploration": "The same scene in one distinctive look; set `look` to that style.",
  "brand-spokesperson": "One person speaking to camera for the business, a product insert, a sign-off.",
};

function kitContext(kit: BrandKit): string {
  const palette = Object.entries(kit.palette).map(([role, p]) => `${role}: ${p.name}`);
  const lines = [
    `Business: ${kit.name}${kit.description ? ` (${kit.description})` : ""}.`,
    `Palette (name colours in words, never codes): ${palette.join("; ")}.`,
    kit.voice.adjectives.length ? `Voice: ${kit.voice.adjectives.join(", ")}.` : "",
    kit.voice.tagline ? `Tagline: "${kit.voice.tagline}".` : "",
    kit.voice.wordsToAvoid.length ? `Never use these words: ${kit.voice.wordsToAvoid.join(", ")}.` : "",
    kit.style.mood ? `Mood: ${kit.style.mood}.` : "",
  ];
  return lines.filter(Boolean).join("\n");
}

function instructions(useCase: UseCase, kit: BrandKit, draft: VideoBrief): string {
  return [
    "You write video briefs for Marque, a brand tool for small businesses. Turn the user's one-line idea into a brief for a short vertical social video.",
    `Use case: ${useCase}. ${USE_CASE_NOTES[useCase]}`,
    kitContext(kit),
    "Rules: each shot is one beat with concrete, filmable action and setting; 3–5 shots, 1 to 12 seconds each in whole or half seconds, 8–20 seconds in total.",
    "Shot, character, prop and dialogue references are 0-based shot indices. A dialogue speaker is a character id or \"voiceover\"; spoken lines must fit their shot at a natural pace.",
    "Describe characters and props precisely (appearance, wardrobe, materials) so every shot repeats them identically. No real people, other brands, logos or on-screen text.",
    "Leave lighting, paletteLead, look and marks null unless the idea asks for them; the brand kit supplies its own lighting and colours.",
    `A starting structure for this use case (improve it for the idea; do not copy its placeholders): ${JSON.stringify(draft)}`,
  ].join("\n\n");
}

export type OpenAIExpanderOptions = {
  apiKey?: string;
  baseURL?: string;
  /** Default: MARQUE_TEXT_MODEL. */
  model?: string;
  timeoutMs?: number;
};

/** A BriefExpander that asks a text model; throws BriefExpandError with a plain message naming the field. */
export function createOpenAIExpander(options: OpenAIExpanderOptions = {}): (...args: Parameters<BriefExpander>) => Promise<VideoBrief> {
  const env = getEnv();
  const apiKey = options.apiKey ?? env.OPENAI_API_KEY;
  const model = (options.model ?? env.MARQUE_TEXT_MODEL)?.trim();
  if (!apiKey) throw new BriefExpandError("OPENAI_API_KEY", "Expanding an idea with a model needs OPENAI_API_KEY.");
  if (!model) {
    throw new BriefExpandError("MARQUE_TEXT_MODEL", "OPENAI_API_KEY is set but MARQUE_TEXT_MODEL is not: name the text model your service serves, or leave the key unset to use Marque's built-in patterns.");
  }
  // One retry from the SDK: an idea is cheap to ask again, and the user is waiting on the page.
  const client = new OpenAI({ apiKey, baseURL: options.baseURL ?? env.OPENAI_BASE_URL, maxRetries: 1, timeout: options.timeoutMs ?? 60_000 });
  const host = (() => {
    try {
      return new URL(client.baseURL).host;
    } catch {
      return "the configured address";
    }
  })();
  const secrets = [apiKey];

  return async (idea: string, useCase: UseCase, kit: BrandKit, opts: ExpandOptions = {}) => {
    // Same checks on the idea as the patterns, and their draft as a structural hint for the model.
    const draft = expandIdea(idea, useCase, kit, opts);
    let response;
    try {
      response = await client.responses.create({
        model,
        instructions: instructions(useCase, kit, draft),
        input: draft.summary ?? idea,
        text: { format: { type: "json_schema", name: "video_brief", schema: strictBriefJsonSchema(), strict: true } },
      });
    } catch (error) {
      throw apiFailure(error, { host, model, secrets });
    }
    if (response.error) throw new BriefExpandError("model", `The text model failed: ${redactSecrets(response.error.message, secrets).slice(0, 300)}`);
    if (response.status === "incomplete") {
      const reason = response.incomplete_details?.reason;
      throw new BriefExpandError("model", reason === "content_filter" ? "The text model declined this idea (content filter). Try wording it differently." : "The text model stopped before finishing the brief. Try a shorter idea.");
    }
    for (const item of response.output ?? []) {
      if (item.type !== "message") continue;
      for (const part of item.content) {
        if (part.type === "refusal") throw new BriefExpandError("model", `The text model refused: ${redactSecrets(part.refusal, secrets).slice(0, 300)}`);
      }
    }
    const text = response.output_text?.trim();
    if (!text) throw new BriefExpandError("model", "The text model answered with no brief.");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BriefExpandError("model", `The text model's answer is not JSON (it began “${redactSecrets(text, secrets).slice(0, 60)}”).`);
    }
    const cleaned = stripNulls(json);
    if (!cleaned || typeof cleaned !== "object" || Array.isArray(cleaned)) throw new BriefExpandError("model", "The text model's answer is not a brief object.");
    // The person chose the use case, aspect and language; the model fills in the rest.
    const fixed = { ...cleaned, useCase, ...(opts.aspect ? { aspect: opts.aspect } : {}), ...(opts.language ? { language: opts.language } : {}) };
    try {
      return parseBrief(fixed, "the text model's brief");
    } catch (error) {
      if (!(error instanceof BriefValidationError)) throw error;
      const first = error.issues[0];
      throw new BriefExpandError(first?.path || "brief", `The text model wrote a brief that does not pass the checks: ${error.issues.map((i) => `${i.path || "(brief)"}: ${i.message}`).join("; ").slice(0, 400)}`, { cause: error });
    }
  };
}

function apiFailure(error: unknown, ctx: { host: string; model: string; secrets: string[] }): BriefExpandError {
  if (error instanceof APIConnectionTimeoutError) return new BriefExpandError("OPENAI_BASE_URL", `The text model at ${ctx.host} did not answer in time. Try again, or use the built-in patterns.`, { cause: error });
  if (error instanceof APIConnectionError) return new BriefExpandError("OPENAI_BASE_URL", `Marque could not reach ${ctx.host}. Check OPENAI_BASE_URL and the internet connection.`, { cause: error });
  if (error instanceof APIError) {
    const said = redactSecrets(String((error.error as { message?: unknown } | undefined)?.message ?? ""), ctx.secrets).slice(0, 200);
    const detail = said ? ` (it said: “${said}”)` : "";
    if (error.status === 401) return new BriefExpandError("OPENAI_API_KEY", `The service at ${ctx.host} rejected the API key. Check OPENAI_API_KEY.`, { cause: error });
    if (error.status === 404 || (error.status === 400 && /model/i.test(said))) {
      return new BriefExpandError("MARQUE_TEXT_MODEL", `The service at ${ctx.host} does not offer the text model "${ctx.model}"${detail}. Check MARQUE_TEXT_MODEL.`, { cause: error });
    }
    if (error.status === 429) return new BriefExpandError("model", `The text model is busy or out of quota${detail}. Try again in a few minutes.`, { cause: error });
    return new BriefExpandError("model", `The text model refused the request (HTTP ${error.status ?? "error"})${detail}.`, { cause: error });
  }
  return new BriefExpandError("model", `Asking the text model failed: ${redactSecrets(error instanceof Error ? error.message : String(error), ctx.secrets).slice(0, 200)}`, { cause: error });
}

export type ExpansionSource = "model" | "patterns";
export type Expansion = { brief: VideoBrief; source: ExpansionSource; /** Why the patterns were used although a key is set. */ note: string | null };

/** Which expander this configuration uses, and a plain note when a key is present but no model is named. */
export function chooseExpander(env: Pick<Env, "OPENAI_API_KEY" | "MARQUE_TEXT_MODEL"> = getEnv()): { source: ExpansionSource; note: string | null } {
  if (!env.OPENAI_API_KEY) return { source: "patterns", note: null };
  if (!env.MARQUE_TEXT_MODEL?.trim()) {
    return { source: "patterns", note: "OPENAI_API_KEY is set but MARQUE_TEXT_MODEL is not, so Marque's built-in pattern for this use case wrote the shot list. Set MARQUE_TEXT_MODEL to have a model write it." };
  }
  return { source: "model", note: null };
}

/** Idea -> brief with the configured expander: the text model when configured, else the use case's pattern. */
export async function expandIdeaToBrief(idea: string, useCase: UseCase, kit: BrandKit, opts: ExpandOptions = {}, options: OpenAIExpanderOptions = {}): Promise<Expansion> {
  const choice = options.apiKey || options.model ? { source: "model" as const, note: null } : chooseExpander();
  if (choice.source === "patterns") return { brief: expandIdea(idea, useCase, kit, opts), ...choice };
  return { brief: await createOpenAIExpander(options)(idea, useCase, kit, opts), source: "model", note: null };
}

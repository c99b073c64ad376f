// The VideoBrief: what a small business wants in a short reel, before any brand or model is applied.
// Shot, dialogue and cue indices are 0-based (like the field paths in errors); prompts say "Shot 1".
import { z } from "zod";
import { toHex } from "../kit/colour.ts";
import { ValidationError, zodIssues, type Issue } from "../validation.ts";

export const USE_CASES = [
  "product-visualisation",
  "ugc-testimonial",
  "multi-shot-story",
  "physics-previz",
  "training-safety",
  "dynamic-storyboard",
  "style-exploration",
  "brand-spokesperson",
] as const;
export const FRAMINGS = ["wide", "medium", "close-up", "insert", "pov", "aerial"] as const;
export const POLISH_LEVELS = ["polished", "handheld", "raw-ugc"] as const;
export const ASPECTS = ["9:16", "16:9"] as const;
/** Longest clip the /v1/videos contract generates; a shot must fit in one clip. */
export const MAX_CLIP_SECONDS = 12;

export type UseCase = (typeof USE_CASES)[number];
export type Framing = (typeof FRAMINGS)[number];
export type PolishLevel = (typeof POLISH_LEVELS)[number];
export type Aspect = (typeof ASPECTS)[number];

/** Ids of characters and props: lower-case words joined by dashes ("maya", "flat-white"). */
export const BRIEF_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const text = (max: number, what: string) => z.string().trim().min(1, `${what} is empty`).max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();
const shotIndex = z.number().int("a shot index is a whole number").min(0, "shot indices start at 0");
const id = z.string().regex(BRIEF_ID, "use lower-case words joined by dashes, e.g. maya or flat-white").max(40);

export const ShotSchema = z
  .object({
    framing: z.enum(FRAMINGS),
    /** Camera move in words: "slow push-in", "static", "orbit left". */
    camera: text(80, "the camera move").default("static"),
    /** What the subject does, as one beat. */
    action: text(400, "the action"),
    setting: text(300, "the setting"),
    seconds: z
      .number()
      .min(1, "a shot lasts at least 1 s")
      .max(MAX_CLIP_SECONDS, {
        error: (issue) => `${String(issue.input)} s is longer than a clip can be (${MAX_CLIP_SECONDS} s); split the shot in two`,
      })
      .multipleOf(0.5, "use whole or half seconds"),
  })
  .strict();

export const CharacterSchema = z
  .object({
    id,
    name: text(60, "the name"),
    appearance: text(300, "the appearance"),
    wardrobe: text(300, "the wardrobe"),
    /** Scars, jewellery, tattoos: details the model should keep identical from shot to shot. */
    marks: optionalText(200),
    shots: z.array(shotIndex).min(1, "list the shots this character appears in").max(40),
  })
  .strict();

export const PropSchema = z
  .object({
    id,
    name: text(60, "the name"),
    /** Materials and finish: "glossy cream ceramic cup with a hairline gold rim". */
    description: text(300, "the description"),
    shots: z.array(shotIndex).min(1, "list the shots this prop appears in").max(40),
  })
  .strict();

export const DialogueLineSchema = z
  .object({
    /** A character id, or "voiceover". */
    speaker: z.string().min(1, "name the speaker").max(40),
    text: text(300, "the line"),
    shot: shotIndex,
    /** Line reading: "warm", "deadpan", "excited whisper". The kit voice applies when absent. */
    delivery: optionalText(80),
  })
  .strict();

export const SoundEffectSchema = z.object({ shot: shotIndex, effect: text(160, "the effect") }).strict();

export const SoundSchema = z
  .object({
    effects: z.array(SoundEffectSchema).max(40).default([]),
    ambience: z.array(text(120, "the ambience")).max(10).default([]),
  })
  .strict();

export const BriefColourSchema = z
  .object({
    /** What takes the colour: "the scarf", "the tart's glaze". */
    subject: text(80, "the subject"),
    /** Any CSS colour ("teal", "#0f766e", "oklch(0.6 0.1 190)"); prompts only ever name it in words. */
    colour: z
      .string()
      .trim()
      .max(80)
      .refine((v) => toHex(v) !== null, { message: "not a CSS colour" }),
  })
  .strict();

export const VideoBriefSchema = z
  .object({
    useCase: z.enum(USE_CASES),
    title: text(120, "the title"),
    /** One or two sentences of premise, used as the scene prose. */
    summary: optionalText(500),
    aspect: z.enum(ASPECTS).default("9:16"),
    polish: z.enum(POLISH_LEVELS).default("polished"),
    language: z.string().regex(LANGUAGE_TAG, "use a language tag such as en, fr or pt-BR").default("en"),
    /** Overrides the kit's lighting for this brief ("golden hour, low sun from camera left"). */
    lighting: optionalText(200),
    /** Palette role that leads the palette anchors (defaults to primary). */
    paletteLead: z.string().regex(/^[a-z][a-z0-9-]*$/, "use a palette role such as primary or accent").max(32).optional(),
    /** A visual style to try on top of the kit ("high-contrast graphic novel look"). */
    look: optionalText(200),
    shots: z.array(ShotSchema).min(1, "a brief needs at least one shot").max(30, "at most 30 shots"),
    characters: z.array(CharacterSchema).max(8).default([]),
    props: z.array(PropSchema).max(12).default([]),
    dialogue: z.array(DialogueLineSchema).max(40).default([]),
    sound: SoundSchema.default({ effects: [], ambience: [] }),
    colours: z.array(BriefColourSchema).max(8).default([]),
  })
  .strict()
  .superRefine((brief, ctx) => {
    const shotCount = brief.shots.length;
    const inRange = (i: number, path: PropertyKey[]) => {
      if (i >= shotCount) ctx.addIssue({ code: "custom", path, message: shotCount === 0 ? `there is no shot ${i} (the brief has no shots yet)` : `there is no shot ${i} (the brief has shots 0–${shotCount - 1})` });
    };
    const seen = new Map<string, string>();
    const checkId = (value: string, path: PropertyKey[]) => {
      const earlier = seen.get(value);
      if (earlier) ctx.addIssue({ code: "custom", path, message: `id "${value}" is already used by ${earlier}` });
      else seen.set(value, path.join("."));
    };
    brief.characters.forEach((c, i) => {
      checkId(c.id, ["characters", i, "id"]);
      c.shots.forEach((s, j) => inRange(s, ["characters", i, "shots", j]));
    });
    brief.props.forEach((p, i) => {
      checkId(p.id, ["props", i, "id"]);
      p.shots.forEach((s, j) => inRange(s, ["props", i, "shots", j]));
    });
    if (seen.has("voiceover")) ctx.addIssue({ code: "custom", path: ["characters"], message: '"voiceover" is reserved for off-screen narration' });
    const characterIds = new Set(brief.characters.map((c) => c.id));
    brief.dialogue.forEach((line, i) => {
      inRange(line.shot, ["dialogue", i, "shot"]);
      if (line.speaker !== "voiceover" && !characterIds.has(line.speaker)) {
        ctx.addIssue({ code: "custom", path: ["dialogue", i, "speaker"], message: `"${line.speaker}" is not a character id or "voiceover"` });
      }
    });
    brief.sound.effects.forEach((e, i) => inRange(e.shot, ["sound", "effects", i, "shot"]));
  });

export type VideoBrief = z.output<typeof VideoBriefSchema>;
export type VideoBriefInput = z.input<typeof VideoBriefSchema>;
export type Shot = z.output<typeof ShotSchema>;
export type Character = z.output<typeof CharacterSchema>;
export type Prop = z.output<typeof PropSchema>;
export type DialogueLine = z.output<typeof DialogueLineSchema>;

export class BriefValidationError extends ValidationError {
  constructor(issues: Issue[], source?: string) {
    super(issues, source, "(brief)");
    this.name = "BriefValidationError";
  }
}

/** Validates a brief document; throws BriefValidationError naming every bad field (`shots.2.seconds: ...`). */
export function parseBrief(input: unknown, source?: string): VideoBrief {
  const result = VideoBriefSchema.safeParse(input);
  if (!result.success) {
    throw new BriefValidationError(zodIssues(result.error), source);
  }
  return result.data;
}

/**
 * JSON Schema of the brief as a model should write it (input side: defaulted fields optional), for
 * structured output when an LLM expands an idea instead of `expandIdea`.
 */
export function videoBriefJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(VideoBriefSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

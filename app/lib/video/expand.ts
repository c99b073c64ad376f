// Turns a one-line idea into a full brief by the pattern of its use case (shot structure drawn from the
// Sora 2 use-case article). Deterministic, so it works offline; an LLM expander can replace it through
// `BriefExpander`, writing JSON that matches `videoBriefJsonSchema()`.
import type { BrandKit } from "../kit/schema.ts";
import { parseBrief, USE_CASES, type Aspect, type PolishLevel, type UseCase, type VideoBrief, type VideoBriefInput } from "./brief.ts";
import { speakingRate, spokenUnits } from "./compile-checks.ts";

export type ExpandOptions = {
  aspect?: Aspect;
  language?: string;
  polish?: PolishLevel;
  /** What the product is called in prompts ("the rhubarb tart"); defaults to "the product". */
  product?: string;
  /** Where it happens; defaults to the business's own premises. */
  setting?: string;
  /** For style exploration: the look to try. */
  look?: string;
};

/** Any idea-to-brief expander: this module's patterns, or a model writing to the brief's JSON Schema. */
export type BriefExpander = (idea: string, useCase: UseCase, kit: BrandKit, opts?: ExpandOptions) => VideoBrief | Promise<VideoBrief>;

type Pattern = (ctx: PatternContext) => Omit<VideoBriefInput, "useCase" | "title" | "summary" | "aspect" | "language">;
type PatternContext = { kit: BrandKit; product: string; Product: string; setting: string; look: string; closing: string | null };

const shot = (framing: VideoBriefInput["shots"][number]["framing"], camera: string, action: string, setting: string, seconds = 4) => ({
  framing,
  camera,
  action,
  setting,
  seconds,
});

const colourName = (kit: BrandKit, role: string) => kit.palette[role]?.name ?? kit.palette.primary.name;
/** "a harbour navy apron", "an oat cream shirt". */
const a = (phrase: string) => `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;

const PATTERNS: Record<UseCase, Pattern> = {
  "product-visualisation": ({ Product, product, setting, closing }) => ({
    polish: "polished",
    shots: [
      shot("insert", "slow macro slide", `${Product} in fine detail, its materials, texture and finish catching the light`, setting),
      shot("medium", "slow orbit", `${Product} in use in a real, everyday moment`, setting),
      shot("close-up", "slow push-in", `${Product} rests as the hero of the frame, perfectly lit`, setting),
    ],
    props: [{ id: "product", name: Product, description: `${product}, true to its real materials, colours and finish`, shots: [0, 1, 2] }],
    dialogue: closing ? [{ speaker: "voiceover", text: closing, shot: 2 }] : [],
    sound: { effects: [{ shot: 0, effect: "a soft tactile tap as it is set down" }], ambience: ["quiet room tone"] },
  }),
  "ugc-testimonial": ({ kit, Product, product, setting }) => ({
    polish: "raw-ugc",
    shots: [
      shot("medium", "handheld selfie at arm's length", "the customer talks straight to their phone camera", setting),
      shot("insert", "handheld, quick tilt down", `${Product} held up close to the phone`, setting),
      shot("close-up", "handheld", `the customer tries ${product} and reacts with a genuine smile`, setting),
    ],
    characters: [
      {
        id: "customer",
        name: "The customer",
        appearance: "a regular customer in their thirties with short dark hair and an easy smile",
        wardrobe: `a soft grey hoodie with ${a(colourName(kit, "accent"))} beanie`,
        marks: "round tortoiseshell glasses",
        shots: [0, 2],
      },
    ],
    props: [{ id: "product", name: Product, description: `${product}, exactly as the business sells it`, shots: [1, 2] }],
    dialogue: [
      { speaker: "customer", text: "Okay, I have to tell you about this.", shot: 0 },
      { speaker: "customer", text: "Honestly? I'm coming back tomorrow.", shot: 2 },
    ],
    sound: { effects: [], ambience: ["natural room tone", "distant friendly chatter"] },
  }),
  "multi-shot-story": ({ kit, Product, setting }) => ({
    polish: "polished",
    shots: [
      shot("wide", "slow dolly in", "the owner arrives and opens up for the day", setting),
      shot("medium", "static", `the owner works on ${Product.toLowerCase()} with practised hands`, setting),
      shot("close-up", "slow push-in", "the owner looks at the finished result, a quiet moment of pride", setting),
    ],
    characters: [
      {
        id: "owner",
        name: "The owner",
        appearance: "a person in their forties with greying cropped hair and laugh lines",
        wardrobe: `a denim work shirt with rolled sleeves under ${a(colourName(kit, "primary"))} apron`,
        marks: "a faded scar across the left knuckle",
        shots: [0, 1, 2],
      },
    ],
    props: [{ id: "product", name: Product, description: `${Product.toLowerCase()}, the same piece in every shot`, shots: [1, 2] }],
    sound: { effects: [{ shot: 0, effect: "a door bell chimes as the door opens" }], ambience: ["early-morning quiet"] },
  }),
  "physics-previz": ({ Product, setting }) => ({
    polish: "polished",
    shots: [
      shot("wide", "locked-off static", "the setup just before the moment, everything in place", setting),
      shot("medium", "static, slow motion", "the physical moment unfolds with realistic weight, inertia and fluid behaviour", setting),
      shot("insert", "slow push-in", "the aftermath: how everything settled and came to rest", setting),
    ],
    props: [{ id: "product", name: Product, description: `${Product.toLowerCase()}, with real weight and material`, shots: [0, 1, 2] }],
    sound: { effects: [{ shot: 1, effect: "the impact, exactly when it happens" }], ambience: ["quiet room tone"] },
  }),
  "training-safety": ({ kit, setting }) => ({
    polish: "handheld",
    shots: [
      shot("wide", "static", "the everyday work area just as the situation starts", setting),
      shot("medium", "handheld follow", "the staff member responds calmly, following the correct procedure step by step", setting),
      shot("close-up", "static", "the correct final action, clearly visible", setting),
    ],
    characters: [
      {
        id: "staff",
        name: "The staff member",
        appearance: "a staff member in their twenties with tied-back hair",
        wardrobe: `${a(colourName(kit, "primary"))} apron over a black T-shirt`,
        marks: "a name badge on the left chest",
        shots: [0, 1, 2],
      },
    ],
    dialogue: [
      { speaker: "voiceover", text: "Here's what to do.", shot: 0 },
      { speaker: "voiceover", text: "Stay calm. Follow the steps.", shot: 2 },
    ],
    sound: { effects: [], ambience: ["working room tone"] },
  }),
  "dynamic-storyboard": ({ Product, setting }) => ({
    polish: "polished",
    shots: [
      shot("wide", "static", "establishing the place and the moment", setting, 3),
      shot("medium", "slow pan", `the key action with ${Product.toLowerCase()}`, setting, 3),
      shot("close-up", "static", "a reaction that sells the moment", setting, 3),
      shot("wide", "slow pull-back", "the resolution, the scene at rest", setting, 3),
    ],
    props: [{ id: "product", name: Product, description: `${Product.toLowerCase()}, simple and readable`, shots: [1, 2] }],
    sound: { effects: [], ambience: ["room tone"] },
  }),
  "style-exploration": ({ Product, setting, look }) => ({
    polish: "polished",
    look,
    shots: [
      shot("wide", "slow dolly in", "the place, introduced in this look", setting),
      shot("medium", "static", `the key moment with ${Product.toLowerCase()}`, setting),
      shot("close-up", "slow push-in", `a detail of ${Product.toLowerCase()} in this look`, setting),
    ],
    props: [{ id: "product", name: Product, description: `${Product.toLowerCase()}, recognisable in any style`, shots: [1, 2] }],
    sound: { effects: [], ambience: ["room tone"] },
  }),
  "brand-spokesperson": ({ kit, Product, product, setting, closing }) => ({
    polish: "polished",
    shots: [
      shot("medium", "static, eye level", "the spokesperson speaks straight to camera", setting),
      shot("insert", "slow push-in", `${Product} shown up close`, setting),
      shot("close-up", "slow push-in", "the spokesperson signs off with a nod and a smile", setting),
    ],
    characters: [
      {
        id: "spokesperson",
        name: "The spokesperson",
        appearance: "a friendly person in their thirties with a warm, confident smile and neat dark hair",
        wardrobe: `a tailored ${colourName(kit, "primary")} jacket over ${a(colourName(kit, "background"))} shirt`,
        marks: "a slim silver pendant on a short chain",
        shots: [0, 2],
      },
    ],
    props: [{ id: "product", name: Product, description: `${product}, exactly as the business sells it`, shots: [1] }],
    dialogue: [
      { speaker: "spokesperson", text: `Hi, we're ${kit.name}.`, shot: 0 },
      { speaker: "spokesperson", text: closing ?? "Come and see us.", shot: 2 },
    ],
    sound: { effects: [], ambience: ["quiet room tone"] },
  }),
};

function titleFrom(idea: string): string {
  const t = idea.length <= 60 ? idea : `${idea.slice(0, 60).replace(/\s+\S*$/, "")}…`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function expandIdea(idea: string, useCase: UseCase, kit: BrandKit, opts: ExpandOptions = {}): VideoBrief {
  if (!(USE_CASES as readonly string[]).includes(useCase)) throw new Error(`useCase: "${String(useCase)}" is not one of ${USE_CASES.join(", ")}`);
  const trimmed = idea.trim().replace(/\s+/g, " ");
  if (!trimmed) throw new Error("idea: write a one-line idea, e.g. “a regular raves about our oat flat white”");
  if (trimmed.length > 400) throw new Error(`idea: keep it to one line (at most 400 characters, got ${trimmed.length})`);
  const language = opts.language ?? "en";
  const product = opts.product?.trim() || "the product";
  const tagline = kit.voice.tagline.trim();
  // The tagline closes the video only when it can be said in a 4 s shot.
  const closing = tagline && spokenUnits(tagline, language) / speakingRate(language).perSecond <= 4 ? tagline : null;
  const ctx: PatternContext = {
    kit,
    product,
    Product: product.charAt(0).toUpperCase() + product.slice(1),
    setting: opts.setting?.trim() || `inside ${kit.name}, the business's own premises`,
    look: opts.look?.trim() || "high-contrast graphic novel look, inked shadows, flat colour fills",
    closing,
  };
  const pattern = PATTERNS[useCase](ctx);
  // The stock lines are English; for other languages the author (or a model) writes the script.
  const dialogue = language === "en" || language.startsWith("en-") ? pattern.dialogue : [];
  return parseBrief({
    useCase,
    title: titleFrom(trimmed),
    summary: trimmed,
    aspect: opts.aspect ?? "9:16",
    language,
    ...pattern,
    dialogue,
    ...(opts.polish ? { polish: opts.polish } : {}),
  });
}

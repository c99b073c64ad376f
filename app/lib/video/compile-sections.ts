// The sections of one clip's prompt, in the order OpenAI's Sora 2 prompting guide recommends: style first,
// scene prose, cinematography with palette anchors, actions as numbered shots, dialogue, sound, don'ts.
import { FLAW_LEVELS, type BrandKit } from "../kit/schema.ts";
import type { Framing, PolishLevel, UseCase, VideoBrief } from "./brief.ts";
import { colourInWords, type KitColour } from "./compile-colour.ts";
import { characterDescription, formatSeconds, joinWords, languageName, MARQUE_SOURCES as M, sentence, type PromptLines } from "./compile-lines.ts";

export type ClipContext = {
  brief: VideoBrief;
  kit: BrandKit;
  /** Brief shot indices in this clip, in order. */
  shots: number[];
  /** Start and end second of each of those shots inside the clip. */
  timings: { start: number; end: number }[];
  clipIndex: number;
  clipCount: number;
  anchors: KitColour[];
  lines: PromptLines;
};

const POLISH_STYLE: Record<PolishLevel, string> = {
  polished: "polished commercial film, crisp detail, controlled camera, photoreal",
  handheld: "handheld documentary footage, natural and observational, photoreal",
  "raw-ugc": "authentic user-generated phone video, unscripted and spontaneous, photoreal",
};

const USE_CASE_PURPOSE: Record<UseCase, string> = {
  "product-visualisation": "product film; materials, textures and finishes true to life; the product stays sharp and recognisable",
  "ugc-testimonial": "customer testimonial that feels spontaneous, like a real review the customer filmed themselves",
  "multi-shot-story": "short multi-shot story; people, wardrobe, props and light stay continuous across every cut",
  "physics-previz": "physics pre-visualisation; realistic weight, inertia, friction and fluid behaviour, motion easy to read",
  "training-safety": "staff training scenario; calm, clear and procedurally correct actions, nobody is hurt",
  "dynamic-storyboard": "dynamic storyboard to test pacing and staging; simple, readable compositions",
  "style-exploration": "style exploration; the same brand scene tried in the visual style described here",
  "brand-spokesperson": "brand spokesperson speaking to camera; the same face, hair and outfit in every shot",
};

// Flaws as a level the kit sets; the brief's polish caps or raises it (a polished ad is never shaky).
const FLAW_TEXT: Record<(typeof FLAW_LEVELS)[number], string> = {
  none: "Finish: clean, stable image with no visible imperfections",
  subtle: "Authentic flaws, subtle: gentle handheld drift, natural light falloff, an occasional soft lens flare",
  noticeable: "Authentic flaws, noticeable: slight shake, occasional focus hunting, mild exposure shifts",
  raw: "Authentic flaws, raw: shaky phone framing, auto-exposure pumping, imperfect focus, a little room-tone hiss",
};

export function effectiveFlaws(kitLevel: (typeof FLAW_LEVELS)[number], polish: PolishLevel): (typeof FLAW_LEVELS)[number] {
  const k = FLAW_LEVELS.indexOf(kitLevel);
  const level = polish === "polished" ? Math.min(k, 1) : polish === "handheld" ? Math.max(k, 1) : Math.max(k, 2);
  return FLAW_LEVELS[level] ?? kitLevel;
}

export const FRAMING_WORDS: Record<Framing, string> = {
  wide: "wide shot",
  medium: "medium shot",
  "close-up": "close-up",
  insert: "insert",
  pov: "point-of-view shot",
  aerial: "aerial shot",
};

const PRIME_LENS: Record<Framing, string> = {
  wide: "24 mm for wide shots",
  medium: "35 mm for medium shots",
  "close-up": "85 mm with shallow depth of field for close-ups",
  insert: "100 mm macro for inserts",
  pov: "24 mm at eye height for point-of-view shots",
  aerial: "drone wide-angle for aerials",
};

export function styleSection({ brief, kit, lines }: ClipContext): void {
  const vertical = brief.aspect === "9:16";
  lines.add(`Style: ${POLISH_STYLE[brief.polish]}.`, "brief.polish");
  lines.add(`Purpose: ${USE_CASE_PURPOSE[brief.useCase]}.`, "brief.useCase");
  lines.add(
    vertical ? "Format: vertical 9:16 frame, composed for a phone screen." : "Format: horizontal 16:9 frame.",
    "brief.aspect",
  );
  // Kit lists join with semicolons: their items often contain commas themselves.
  if (kit.style.photography.length) lines.add(`Look: ${kit.style.photography.join("; ")}.`, "kit.style.photography");
  if (brief.look) lines.add(`Visual style to try: ${brief.look.replace(/\.$/, "")}.`, "brief.look");
  if (kit.style.grade) lines.add(`Grade: ${kit.style.grade.replace(/\.$/, "")}.`, "kit.style.grade");
  lines.add(`${FLAW_TEXT[effectiveFlaws(kit.style.flaws, brief.polish)]}.`, "kit.style.flaws", "brief.polish");
}

export function sceneSection({ brief, shots, clipIndex, clipCount, lines }: ClipContext): void {
  if (brief.summary) lines.add(sentence(brief.summary), "brief.summary");
  if (clipCount > 1) {
    lines.add(
      `Clip ${clipIndex + 1} of ${clipCount} of one continuous piece: the same people, wardrobe, props, light and palette as the other clips.`,
      M.split,
      "brief.shots",
    );
  }
  const first = shots[0] ?? 0;
  lines.add(`Scene: ${sentence(brief.shots[first]?.setting ?? "")}`, `brief.shots.${first}.setting`);
}

export function cinematographySection({ brief, kit, shots, anchors, lines }: ClipContext): void {
  lines.add("Cinematography:", M.section);
  // Phone footage has no camera habits: a cinema kit's dolly and primes would fight the UGC look.
  const habits = brief.polish === "raw-ugc" ? [] : kit.style.camera;
  if (habits.length) lines.add(`Camera habits: ${habits.join("; ")}.`, "kit.style.camera");
  const framings = [...new Set(shots.map((i) => brief.shots[i]?.framing))].filter((f): f is Framing => f !== undefined);
  if (brief.polish === "raw-ugc") {
    lines.add("Lens: phone main camera, about 26 mm equivalent, deep focus.", "brief.polish");
  } else if (!habits.some((h) => /\d\s*mm\b/i.test(h))) {
    // Only when the kit's habits don't already name its lenses.
    const lens = brief.polish === "handheld" ? "35 mm prime, natural perspective" : joinWords(framings.map((f) => PRIME_LENS[f]));
    lines.add(`Lens: ${lens}.`, "brief.polish", ...shots.map((i) => `brief.shots.${i}.framing`));
  }
  if (brief.lighting) lines.add(`Lighting: ${brief.lighting.replace(/\.$/, "")}.`, "brief.lighting");
  else if (kit.style.lighting) lines.add(`Lighting: ${kit.style.lighting.replace(/\.$/, "")}.`, "kit.style.lighting");
  if (kit.style.mood) lines.add(`Mood: ${kit.style.mood.replace(/\.$/, "")}.`, "kit.style.mood");
  const [lead, ...rest] = anchors;
  if (lead) {
    const support = rest.length ? `; ${joinWords(rest.map((a) => a.name))} support` : "";
    lines.add(
      `Palette anchors: ${lead.name} leads${support}.`,
      ...(anchors.map((a) => `kit.palette.${a.role}.name`) as [string, ...string[]]),
      ...(brief.paletteLead ? ["brief.paletteLead"] : []),
    );
  }
  brief.colours.forEach((c, i) => {
    lines.add(`Colour note: ${c.subject.replace(/\.$/, "")} in ${colourInWords(c.colour, kit)}.`, `brief.colours.${i}.colour`, `brief.colours.${i}.subject`);
  });
}

export function actionsSection({ brief, shots, timings, lines }: ClipContext): void {
  lines.add("Actions (hard cut between shots):", M.section);
  let previousSetting = "";
  shots.forEach((index, k) => {
    const shot = brief.shots[index];
    const time = timings[k];
    if (!shot || !time) return;
    const head = `Shot ${k + 1} (${formatSeconds(time.start)}–${formatSeconds(time.end)} s) — ${FRAMING_WORDS[shot.framing]}, ${shot.camera}`;
    const p = `brief.shots.${index}`;
    lines.add(`${head}: ${sentence(shot.action)}`, `${p}.action`, `${p}.framing`, `${p}.camera`, `${p}.seconds`);
    if (k > 0 && shot.setting !== previousSetting) lines.add(`  Setting: ${sentence(shot.setting)}`, `${p}.setting`);
    previousSetting = shot.setting;
    brief.characters.forEach((c, ci) => {
      if (c.shots.includes(index)) lines.add(`  ${c.name}: ${characterDescription(c)}.`, `brief.characters.${ci}`);
    });
    brief.props.forEach((prop, pi) => {
      if (prop.shots.includes(index)) lines.add(`  ${prop.name}: ${prop.description.replace(/\.$/, "")}.`, `brief.props.${pi}`);
    });
    brief.sound.effects.forEach((e, ei) => {
      if (e.shot === index) lines.add(`  Sound: ${e.effect.replace(/\.$/, "")}, in sync with the action.`, `brief.sound.effects.${ei}`);
    });
  });
}

export function dialogueSection({ brief, kit, shots, lines }: ClipContext): void {
  const inClip = brief.dialogue.map((d, i) => ({ d, i })).filter(({ d }) => shots.includes(d.shot));
  if (!inClip.length) return;
  lines.add("Dialogue:", M.section);
  if (kit.voice.adjectives.length) {
    lines.add(`Delivery: ${kit.voice.adjectives.join(", ")}; natural pace, never salesy.`, "kit.voice.adjectives");
  }
  lines.add(`Spoken language: ${languageName(brief.language)}.`, "brief.language");
  inClip.sort((a, b) => shots.indexOf(a.d.shot) - shots.indexOf(b.d.shot) || a.i - b.i);
  for (const { d, i } of inClip) {
    const character = brief.characters.find((c) => c.id === d.speaker);
    const speaker = character ? character.name : "Voiceover";
    const notes = [`Shot ${shots.indexOf(d.shot) + 1}`];
    if (character && !character.shots.includes(d.shot)) notes.push("off screen");
    if (d.delivery) notes.push(d.delivery);
    const sources: [string, ...string[]] = d.delivery ? [`brief.dialogue.${i}`, `brief.dialogue.${i}.delivery`] : [`brief.dialogue.${i}`];
    lines.add(`- ${speaker} (${notes.join(", ")}): "${d.text.replace(/"/g, "'")}"`, ...sources);
  }
}

export function soundSection({ brief, kit, lines }: ClipContext): void {
  const seen = new Set<string>();
  const parts = [...brief.sound.ambience, ...kit.style.sound]
    .map((s) => s.replace(/\.$/, ""))
    .filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
  if (!parts.length) {
    lines.add("Background sound: natural room tone for the setting.", M.defaultSound);
    return;
  }
  const sources: string[] = [];
  if (brief.sound.ambience.length) sources.push("brief.sound.ambience");
  if (kit.style.sound.length) sources.push("kit.style.sound");
  lines.add(`Background sound: ${parts.join("; ")}.`, ...(sources as [string, ...string[]]));
}

export function dontsSection({ kit, lines }: ClipContext): void {
  lines.add("Avoid: logos, signage, packaging or products of any other brand.", M.otherBrands);
  lines.add("Avoid: dominant colours outside the palette anchors; large areas stay in the anchor colours.", M.offPalette, "kit.palette");
  lines.add("Avoid: burned-in captions or on-screen text; titles and the end card are added afterwards.", M.noText);
  if (kit.voice.wordsToAvoid.length) {
    lines.add(`Avoid these words in speech and on screen: ${kit.voice.wordsToAvoid.join(", ")}.`, "kit.voice.wordsToAvoid");
  }
}

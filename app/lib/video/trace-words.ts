// Trace sources and variant axes in words a person can read ("Kit · palette · primary · name"); used by
// the studio's prompt panel in the browser, so it imports nothing heavier than types.
import type { VariantAxis } from "./variants.ts";

const AXIS_WORDS: Record<VariantAxis, string> = { lighting: "lighting", "palette-emphasis": "palette emphasis", framing: "framing", "line-reading": "line reading" };
export const axisWords = (axis: VariantAxis) => AXIS_WORDS[axis];

const KIT_WORDS: Record<string, string> = {
  style: "video style",
  voice: "voice",
  palette: "palette",
  photography: "photography",
  wordsToAvoid: "words to avoid",
  adjectives: "adjectives",
  flaws: "authentic flaws",
};
const BRIEF_WORDS: Record<string, string> = {
  shots: "shot",
  characters: "character",
  props: "prop",
  dialogue: "line",
  colours: "colour",
  effects: "effect",
  paletteLead: "palette lead",
  useCase: "use case",
  ambience: "ambience",
};
const MARQUE_WORDS: Record<string, string> = {
  "marque.section": "Section heading",
  "marque.split": "Marque: clip continuity",
  "marque.rules.other-brands": "Marque rule: no other brands",
  "marque.rules.off-palette": "Marque rule: stay on palette",
  "marque.rules.no-burned-in-text": "Marque rule: no on-screen text",
  "marque.defaults.sound": "Marque default sound",
};

/** "kit.palette.primary.name" -> "Kit · palette · primary · name"; "brief.shots.1.action" -> "Brief · shot 2 · action". */
export function describeSource(source: string): string {
  if (MARQUE_WORDS[source]) return MARQUE_WORDS[source];
  const [root, ...rest] = source.split(".");
  if (root === "brief") {
    const parts: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const part = rest[i] ?? "";
      const next = rest[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        parts.push(`${BRIEF_WORDS[part] ?? part} ${Number(next) + 1}`);
        i++;
      } else if (part !== "sound") parts.push(BRIEF_WORDS[part] ?? part);
    }
    return ["Brief", ...parts].join(" · ");
  }
  if (root === "kit") return ["Kit", ...rest.map((p) => KIT_WORDS[p] ?? p)].join(" · ");
  return source;
}

/** The brief form input (or list item) a source points at: `brief.shots.1.action` -> `shots.1.action`. */
export function sourceField(source: string): string | null {
  return source.startsWith("brief.") ? source.slice("brief.".length) : null;
}

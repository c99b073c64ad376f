// Prompt lines with provenance: every line of a compiled prompt remembers the kit or brief fields it came
// from, so the UI can answer "why does my prompt say this?". Also the wording helpers shared by sections.
import type { BrandKit } from "../kit/schema.ts";
import type { Character } from "./brief.ts";
import { scrubHex } from "./compile-colour.ts";

export type TraceLine = {
  /** 1-based line number in the clip's prompt. */
  line: number;
  text: string;
  /** The main field that produced the line, e.g. `kit.palette.primary.name` or `brief.shots.1.action`. */
  source: string;
  /** Every field that contributed, main one first. */
  sources: string[];
};

export const WARNING_CODES = [
  "dialogue-too-long",
  "colour-off-palette",
  "prompt-too-long",
  "hex-in-text",
  "avoided-word",
  "palette-lead-missing",
  "clip-padded",
  "size-aspect-mismatch",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];
export type CompileWarning = { code: WarningCode; message: string; field?: string };

/**
 * Sources that are not kit or brief fields: Marque's own structure and rules. Named here so the UI can
 * explain them ("section heading", "Marque brand rule").
 */
export const MARQUE_SOURCES = {
  section: "marque.section",
  split: "marque.split",
  otherBrands: "marque.rules.other-brands",
  offPalette: "marque.rules.off-palette",
  noText: "marque.rules.no-burned-in-text",
  defaultSound: "marque.defaults.sound",
} as const;

/** Collects prompt lines; every piece of text is scrubbed of hex codes on the way in. */
export class PromptLines {
  private readonly lines: { text: string; sources: string[] }[] = [];

  constructor(
    private readonly kit: Pick<BrandKit, "palette">,
    private readonly warn: (w: CompileWarning) => void,
  ) {}

  add(text: string, ...sources: [string, ...string[]]): void {
    const { text: clean, found } = scrubHex(text, this.kit);
    if (found.length) {
      const field = sources[0].replace(/^brief\./, "");
      this.warn({
        code: "hex-in-text",
        field,
        message: `${sources[0]} contains ${found.join(", ")}; prompts name colours in words, so it was written as "${clean.slice(0, 80)}"`,
      });
    }
    // A line break inside a field would create a line without a trace entry.
    this.lines.push({ text: clean.replace(/\s*\n\s*/g, " "), sources });
  }

  get length(): number {
    return this.lines.length;
  }

  build(): { prompt: string; trace: TraceLine[] } {
    const trace = this.lines.map((l, i) => ({ line: i + 1, text: l.text, source: l.sources[0] ?? MARQUE_SOURCES.section, sources: l.sources }));
    return { prompt: this.lines.map((l) => l.text).join("\n"), trace };
  }
}

/** Ends with one full stop (or the text's own ? ! …). */
export function sentence(text: string): string {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…"”»]$/.test(capital) ? capital : `${capital}.`;
}

export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/**
 * A character exactly as every shot that shows them repeats it. Kept as one string so continuity is
 * verbatim: the model sees the same words for the same person in every shot and every clip.
 */
export function characterDescription(c: Pick<Character, "appearance" | "wardrobe" | "marks">): string {
  const appearance = c.appearance.replace(/[.;,\s]+$/, "");
  const wardrobe = c.wardrobe.replace(/[.;,\s]+$/, "");
  const marks = c.marks?.replace(/[.;,\s]+$/, "");
  return `${appearance}; wearing ${wardrobe}${marks ? `; ${marks}` : ""}`;
}

/** 4 -> "4", 2.5 -> "2.5". */
export function formatSeconds(s: number): string {
  return Number.isInteger(s) ? String(s) : s.toFixed(1).replace(/\.0$/, "");
}

const displayNames = new Intl.DisplayNames(["en"], { type: "language" });

export function languageName(tag: string): string {
  try {
    return displayNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

// Brief-level checks that become compile warnings: lines too long to speak in their shot, words the brand
// avoids, brief colours far from the kit, a palette lead the kit doesn't have.
import type { BrandKit } from "../kit/schema.ts";
import type { VideoBrief } from "./brief.ts";
import { FAR_FROM_KIT, nearestKitColour } from "./compile-colour.ts";
import { formatSeconds, type CompileWarning } from "./compile-lines.ts";

/** Comfortable speaking rates: words per second, or characters per second for scripts without spaces. */
const RATES: Record<string, { perSecond: number; unit: "words" | "characters" }> = {
  default: { perSecond: 2.5, unit: "words" },
  ja: { perSecond: 7, unit: "characters" },
  zh: { perSecond: 4.5, unit: "characters" },
};

export function speakingRate(language: string) {
  const base = language.split("-")[0] ?? language;
  return RATES[base] ?? RATES.default!;
}

/** Spoken units in a line: words (anything with a letter or digit), or CJK characters for ja/zh. */
export function spokenUnits(text: string, language: string): number {
  const { unit } = speakingRate(language);
  if (unit === "characters") return [...text].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function quote(text: string): string {
  return text.length > 48 ? `"${text.slice(0, 45)}..."` : `"${text}"`;
}

export function pacingWarnings(brief: VideoBrief): CompileWarning[] {
  const warnings: CompileWarning[] = [];
  const rate = speakingRate(brief.language);
  const perShot = new Map<number, { units: number; lines: number[] }>();
  brief.dialogue.forEach((line, i) => {
    const shot = brief.shots[line.shot];
    if (!shot) return;
    const units = spokenUnits(line.text, brief.language);
    const needed = units / rate.perSecond;
    const entry = perShot.get(line.shot) ?? { units: 0, lines: [] };
    entry.units += units;
    entry.lines.push(i);
    perShot.set(line.shot, entry);
    if (needed > shot.seconds) {
      warnings.push({
        code: "dialogue-too-long",
        field: `dialogue.${i}`,
        message: `dialogue.${i} ${quote(line.text)} has ${units} ${rate.unit}, about ${needed.toFixed(1)} s at ${rate.perSecond} ${rate.unit}/s, but shot ${line.shot + 1} lasts ${formatSeconds(shot.seconds)} s; shorten the line or lengthen the shot`,
      });
    }
  });
  for (const [index, { units, lines }] of perShot) {
    const shot = brief.shots[index];
    const needed = units / rate.perSecond;
    // Each line alone may fit while the lines together don't.
    if (!shot || lines.length < 2 || needed <= shot.seconds) continue;
    if (lines.some((i) => warnings.some((w) => w.field === `dialogue.${i}`))) continue;
    warnings.push({
      code: "dialogue-too-long",
      field: `shots.${index}`,
      message: `shot ${index + 1} has ${lines.length} lines (${lines.map((i) => `dialogue.${i}`).join(", ")}) totalling about ${needed.toFixed(1)} s of speech in ${formatSeconds(shot.seconds)} s`,
    });
  }
  return warnings;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function avoidedWordWarnings(brief: VideoBrief, kit: BrandKit): CompileWarning[] {
  const warnings: CompileWarning[] = [];
  const words = kit.voice.wordsToAvoid.filter((w) => w.trim());
  if (!words.length) return warnings;
  const check = (text: string, field: string) => {
    for (const word of words) {
      const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, "iu");
      if (re.test(text)) {
        warnings.push({ code: "avoided-word", field, message: `${field} uses "${word}", which the brand voice avoids` });
      }
    }
  };
  brief.dialogue.forEach((d, i) => check(d.text, `dialogue.${i}`));
  if (brief.summary) check(brief.summary, "summary");
  return warnings;
}

export function colourWarnings(brief: VideoBrief, kit: BrandKit): CompileWarning[] {
  return brief.colours.flatMap((c, i): CompileWarning[] => {
    const near = nearestKitColour(c.colour, kit);
    if (!near || near.distance <= FAR_FROM_KIT) return [];
    return [
      {
        code: "colour-off-palette",
        field: `colours.${i}.colour`,
        message: `colours.${i} "${c.colour}" for ${c.subject} is ${near.distance.toFixed(1)} (CIEDE2000) from the nearest kit colour, ${near.colour.name}; over ${FAR_FROM_KIT} it reads as off-brand`,
      },
    ];
  });
}

/** The role leading the palette anchors, falling back to primary when the brief names one the kit lacks. */
export function paletteLead(brief: VideoBrief, kit: BrandKit): { role: string; warning?: CompileWarning } {
  const wanted = brief.paletteLead ?? "primary";
  if (kit.palette[wanted]) return { role: wanted };
  return {
    role: "primary",
    warning: {
      code: "palette-lead-missing",
      field: "paletteLead",
      message: `paletteLead "${wanted}" is not a role in the kit "${kit.name}"; primary leads instead`,
    },
  };
}

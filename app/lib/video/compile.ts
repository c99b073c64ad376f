// Compiles a VideoBrief and a BrandKit into prompts for the /v1/videos contract: one clip per group of
// shots that fits the longest clip, each prompt traced line by line to the fields that produced it.
import type { BrandKit } from "../kit/schema.ts";
import { MAX_CLIP_SECONDS, parseBrief, type Aspect, type VideoBrief } from "./brief.ts";
import { avoidedWordWarnings, colourWarnings, pacingWarnings, paletteLead } from "./compile-checks.ts";
import { paletteAnchors } from "./compile-colour.ts";
import { PromptLines, formatSeconds, type CompileWarning, type TraceLine } from "./compile-lines.ts";
import {
  actionsSection,
  cinematographySection,
  dialogueSection,
  dontsSection,
  sceneSection,
  soundSection,
  styleSection,
  type ClipContext,
} from "./compile-sections.ts";

export type { CompileWarning, TraceLine, WarningCode } from "./compile-lines.ts";

/** Clip lengths the /v1/videos contract accepts. */
export const CLIP_SECONDS = [4, 8, 12] as const;
export type ClipSeconds = (typeof CLIP_SECONDS)[number];
export const ASPECT_SIZE: Record<Aspect, string> = { "9:16": "720x1280", "16:9": "1280x720" };
export const DEFAULT_MAX_PROMPT_CHARS = 4000;

export type CompileOptions = {
  /** Video model name, from configuration (e.g. MARQUE_VIDEO_MODEL); never chosen here. */
  model: string;
  maxPromptChars?: number;
  /** Overrides the size the aspect implies, e.g. "1024x1792". */
  size?: string;
};

export type CompiledClip = {
  prompt: string;
  params: { model: string; seconds: ClipSeconds; size: string };
  /** Brief shot indices (0-based) this clip shows, in order. */
  shots: number[];
  trace: TraceLine[];
};

export type CompiledBrief = { clips: CompiledClip[]; warnings: CompileWarning[] };

export class BriefCompileError extends Error {
  constructor(
    public readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = "BriefCompileError";
  }
}

/** Shortest accepted clip length that holds `seconds`. */
export function snapSeconds(seconds: number): ClipSeconds | null {
  return CLIP_SECONDS.find((c) => seconds <= c) ?? null;
}

/**
 * Groups consecutive shots into clips of at most 12 s, cutting only at shot boundaries. Minimises the
 * seconds billed (each clip rounds up to 4/8/12), then the number of clips; ties keep earlier clips full.
 */
export function splitShots(seconds: readonly number[]): number[][] {
  seconds.forEach((s, i) => {
    if (s > MAX_CLIP_SECONDS) {
      throw new BriefCompileError(`shots.${i}.seconds`, `shot ${i + 1} lasts ${formatSeconds(s)} s; a clip is at most ${MAX_CLIP_SECONDS} s, so split the shot in two`);
    }
  });
  const n = seconds.length;
  const best: { billed: number; clips: number; from: number }[] = [{ billed: 0, clips: 0, from: -1 }];
  for (let end = 1; end <= n; end++) {
    let choice: { billed: number; clips: number; from: number } | null = null;
    let total = 0;
    for (let start = end - 1; start >= 0; start--) {
      total += seconds[start] ?? 0;
      const clip = snapSeconds(total);
      const before = best[start];
      if (clip === null) break;
      if (!before) continue;
      const candidate = { billed: before.billed + clip, clips: before.clips + 1, from: start };
      // Scanning start downwards, strict `<` keeps the shorter final clip on ties, so earlier clips stay full.
      if (!choice || candidate.billed < choice.billed || (candidate.billed === choice.billed && candidate.clips < choice.clips)) {
        choice = candidate;
      }
    }
    if (!choice) throw new BriefCompileError("shots", "could not group the shots into clips");
    best[end] = choice;
  }
  const groups: number[][] = [];
  for (let end = n; end > 0; ) {
    const from = best[end]?.from ?? 0;
    groups.unshift(Array.from({ length: end - from }, (_, k) => from + k));
    end = from;
  }
  return groups;
}

function resolveSize(aspect: Aspect, size: string | undefined, warn: (w: CompileWarning) => void): string {
  if (size === undefined) return ASPECT_SIZE[aspect];
  const match = /^([1-9]\d{1,4})x([1-9]\d{1,4})$/.exec(size);
  if (!match) throw new BriefCompileError("size", `"${size.slice(0, 40)}" is not a size like 720x1280`);
  const portrait = Number(match[2]) > Number(match[1]);
  if (portrait !== (aspect === "9:16")) {
    warn({ code: "size-aspect-mismatch", field: "aspect", message: `size ${size} is ${portrait ? "portrait" : "landscape"} but the brief's aspect is ${aspect}` });
  }
  return size;
}

export function compileBrief(input: VideoBrief, kit: BrandKit, opts: CompileOptions): CompiledBrief {
  const model = opts.model?.trim();
  if (!model) throw new BriefCompileError("model", "no video model configured (set MARQUE_VIDEO_MODEL or pass a model)");
  const maxChars = opts.maxPromptChars ?? DEFAULT_MAX_PROMPT_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < 200) throw new BriefCompileError("maxPromptChars", "use a whole number of at least 200");
  // Re-validated so briefs built in code (variants, expansions) meet the same rules as uploaded ones.
  const brief = parseBrief(input);

  const warnings: CompileWarning[] = [];
  const warn = (w: CompileWarning) => {
    if (!warnings.some((x) => x.code === w.code && x.field === w.field && x.message === w.message)) warnings.push(w);
  };
  const size = resolveSize(brief.aspect, opts.size, warn);
  const lead = paletteLead(brief, kit);
  if (lead.warning) warn(lead.warning);
  [...pacingWarnings(brief), ...colourWarnings(brief, kit), ...avoidedWordWarnings(brief, kit)].forEach(warn);
  const anchors = paletteAnchors(kit, lead.role);

  const groups = splitShots(brief.shots.map((s) => s.seconds));
  const clips = groups.map((shots, clipIndex): CompiledClip => {
    const total = shots.reduce((sum, i) => sum + (brief.shots[i]?.seconds ?? 0), 0);
    const seconds = snapSeconds(total) ?? 12;
    let t = 0;
    const timings = shots.map((i, k) => {
      const start = t;
      t += brief.shots[i]?.seconds ?? 0;
      // The model makes 4/8/12 s; the last shot holds to the end rather than leaving dead air.
      return { start, end: k === shots.length - 1 ? seconds : t };
    });
    const last = shots[shots.length - 1] ?? 0;
    if (seconds > total) {
      warn({
        code: "clip-padded",
        field: `shots.${last}.seconds`,
        message: `clip ${clipIndex + 1} runs ${seconds} s (lengths are 4, 8 or 12 s) but its shots add up to ${formatSeconds(total)} s; shot ${last + 1} is held ${formatSeconds(seconds - total)} s longer`,
      });
    }
    const lines = new PromptLines(kit, warn);
    const ctx: ClipContext = { brief, kit, shots, timings, clipIndex, clipCount: groups.length, anchors, lines };
    for (const section of [styleSection, sceneSection, cinematographySection, actionsSection, dialogueSection, soundSection, dontsSection]) {
      section(ctx);
    }
    const { prompt, trace } = lines.build();
    if (prompt.length > maxChars) {
      warn({
        code: "prompt-too-long",
        message: `clip ${clipIndex + 1} prompt is ${prompt.length} characters, ${prompt.length - maxChars} over the ${maxChars} limit; shorten descriptions or split the brief`,
      });
    }
    return { prompt, params: { model, seconds, size }, shots, trace };
  });
  return { clips, warnings };
}

// What the studio's prompt panel shows: each clip's prompt line by line with the fields behind it, the
// warnings, and the A/B variants, from a brief document that may still be invalid (errors by field).
import { paletteRoles, type BrandKit } from "../kit/schema.ts";
import { BriefValidationError, parseBrief, type VideoBrief } from "./brief.ts";
import { BriefCompileError, compileBrief, type CompiledBrief } from "./compile.ts";
import type { CompileWarning } from "./compile-lines.ts";
import { makeVariants, type VariantAxis } from "./variants.ts";

export type PromptLineView = { text: string; sources: string[] };
export type PromptClipView = { seconds: number; size: string; shots: number[]; lines: PromptLineView[] };
export type PromptView = { clips: PromptClipView[]; warnings: CompileWarning[] };
export type VariantView = { label: string; axis: VariantAxis; description: string; prompt: PromptView };

export type StudioCompile =
  | { ok: true; brief: VideoBrief; prompt: PromptView; variants: VariantView[] }
  | { ok: false; errors: Record<string, string> };

/** How many A/B variants the studio offers beside the original. */
export const STUDIO_VARIANTS = 4;

function view(compiled: CompiledBrief): PromptView {
  return {
    clips: compiled.clips.map((c) => ({ seconds: c.params.seconds, size: c.params.size, shots: c.shots, lines: c.trace.map((t) => ({ text: t.text, sources: t.sources })) })),
    warnings: compiled.warnings,
  };
}

/** Validates and compiles a brief document with its variants; bad input comes back as errors by field path. */
export function compileForStudio(doc: unknown, kit: BrandKit, model: string, variants = STUDIO_VARIANTS): StudioCompile {
  try {
    const brief = parseBrief(doc);
    const prompt = view(compileBrief(brief, kit, { model }));
    const made = variants > 0 ? makeVariants(brief, kit, variants, { model }) : [];
    return { ok: true, brief, prompt, variants: made.map((v) => ({ label: v.label, axis: v.axis, description: v.description, prompt: view(v.compiled) })) };
  } catch (error) {
    if (error instanceof BriefValidationError) {
      const errors: Record<string, string> = {};
      for (const issue of error.issues) errors[issue.path || "brief"] ??= issue.message;
      return { ok: false, errors };
    }
    if (error instanceof BriefCompileError) return { ok: false, errors: { [error.field]: error.message.slice(error.field.length + 2) } };
    throw error;
  }
}

/** The kit's colours by role, for palette chips next to `kit.palette.*` sources. */
export function kitSwatches(kit: Pick<BrandKit, "palette">): { role: string; name: string; color: string }[] {
  return paletteRoles(kit).flatMap((role) => {
    const entry = kit.palette[role];
    return entry ? [{ role, name: entry.name, color: entry.color }] : [];
  });
}

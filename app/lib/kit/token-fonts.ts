// Type roles for an imported kit: fonts the file names for a role, else matched by name (display,
// sans, mono), else borrowed from another role; the type scale from the file or the body size.
import { TYPE_ROLES } from "./schema.ts";
import type { FontSource, KitSource } from "./token-roles.ts";

const FONT_SYNONYMS: Record<(typeof TYPE_ROLES)[number], string[]> = {
  heading: ["heading", "headline", "display", "title", "h1", "header"],
  body: ["body", "text", "base", "paragraph", "copy", "sans", "default", "primary"],
  accent: ["accent", "mono", "code", "script", "label", "secondary", "ui"],
};

export function assembleFonts(src: KitSource, warnings: string[], origin: Map<string, string>) {
  const roles: Partial<Record<(typeof TYPE_ROLES)[number], FontSource>> = {};
  for (const f of src.fonts) if (f.role && (TYPE_ROLES as readonly string[]).includes(f.role)) roles[f.role as keyof typeof roles] ??= f;
  for (const role of TYPE_ROLES) {
    roles[role] ??= src.fonts.find((f) => !f.role && f.words.some((w) => FONT_SYNONYMS[role].includes(w)));
  }
  const typography: Record<string, unknown> = {};
  const first = src.fonts[0];
  const fallbacks = { heading: ["body", "accent"], body: ["heading", "accent"], accent: ["body", "heading"] } as const;
  for (const role of TYPE_ROLES) {
    let f = roles[role];
    if (!f) {
      const from = fallbacks[role].find((r) => roles[r]);
      f = from ? roles[from] : first;
      const family = f?.family ?? "Inter";
      warnings.push(`typography.${role}: no ${role} font; using ${family}${from ? ` (the ${from} font)` : f ? "" : " (Marque's bundled default)"}`);
      typography[role] = { family };
      continue;
    }
    typography[role] = { family: f.family, ...(f.files !== undefined ? { files: f.files } : {}) };
    origin.set(`typography.${role}`, f.id);
  }
  if (src.carriesFiles !== false && !src.fonts.some((f) => f.files !== undefined)) warnings.push("typography: the file carries no font files; upload them in the kit editor");
  // The body size sets the scale's base: from the body role itself, else the plainest body-named style.
  const bodySized = [roles.body, ...src.fonts.filter((f) => f.words.some((w) => FONT_SYNONYMS.body.includes(w))).sort((a, b) => a.words.length - b.words.length)];
  const bodyPx = bodySized.find((f) => f?.sizePx !== undefined && f.sizePx >= 8 && f.sizePx <= 48)?.sizePx;
  const base = src.scale?.base ?? bodyPx;
  const ratio = src.scale?.ratio;
  if (base === undefined) warnings.push("typography.scale.base: no body font size; using 16px");
  if (ratio === undefined) warnings.push("typography.scale.ratio: no type scale ratio; using 1.25");
  typography.scale = { base: base ?? 16, ratio: ratio ?? 1.25 };
  return typography;
}

// The kit editor's form <-> kit document. Field names are the kit's own dotted paths
// (`palette.primary.color`), so a validation issue maps straight back to the input that caused it.
import { BrandKitSchema, PALETTE_ROLES, TYPE_ROLES, type BrandKit } from "./schema.ts";
import { zodIssues } from "../validation.ts";

type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

const str = (form: FormLike, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};
const list = (form: FormLike, name: string) =>
  str(form, name)
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const num = (form: FormLike, name: string, fallback: number) => {
  const raw = str(form, name).trim();
  return raw === "" ? fallback : Number(raw);
};

function printNotes(form: FormLike, role: string) {
  const cmykRaw = str(form, `palette.${role}.cmyk`).trim();
  const pantone = str(form, `palette.${role}.pantone`).trim();
  const print: { cmyk?: number[]; pantone?: string } = {};
  if (cmykRaw) print.cmyk = cmykRaw.split(/[\s,/]+/).map(Number);
  if (pantone) print.pantone = pantone;
  return Object.keys(print).length ? print : undefined;
}

/**
 * Builds a kit from the editor form. Files (fonts, logos) are not form fields: they are kept from
 * `base`, the version being edited. Returns the kit or the errors keyed by field name.
 */
export function kitFromForm(form: FormLike, base: BrandKit): { kit: BrandKit; errors?: undefined } | { kit?: undefined; errors: Record<string, string> } {
  const roles = form.getAll("roles").map(String);
  const palette: Record<string, unknown> = {};
  for (const role of roles) {
    palette[role] = { color: str(form, `palette.${role}.color`), name: str(form, `palette.${role}.name`), print: printNotes(form, role) };
  }
  const typography: Record<string, unknown> = {
    scale: { base: num(form, "typography.scale.base", base.typography.scale.base), ratio: num(form, "typography.scale.ratio", base.typography.scale.ratio) },
  };
  for (const role of TYPE_ROLES) typography[role] = { family: str(form, `typography.${role}.family`), files: base.typography[role].files };
  const input = {
    name: str(form, "name"),
    description: str(form, "description"),
    palette,
    typography,
    logos: { ...base.logos, minWidthMm: num(form, "logos.minWidthMm", base.logos.minWidthMm), clearSpace: num(form, "logos.clearSpace", base.logos.clearSpace) },
    voice: { adjectives: list(form, "voice.adjectives"), tagline: str(form, "voice.tagline"), wordsToUse: list(form, "voice.wordsToUse"), wordsToAvoid: list(form, "voice.wordsToAvoid") },
    style: {
      photography: list(form, "style.photography"),
      lighting: str(form, "style.lighting"),
      mood: str(form, "style.mood"),
      grade: str(form, "style.grade"),
      camera: list(form, "style.camera"),
      flaws: str(form, "style.flaws") || base.style.flaws,
      sound: list(form, "style.sound"),
    },
  };
  const errors: Record<string, string> = {};
  for (const role of PALETTE_ROLES) if (!roles.includes(role)) errors[`palette.${role}`] = `the ${role} role is required`;
  const parsed = BrandKitSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of zodIssues(parsed.error)) errors[issue.path] ??= issue.message;
  }
  if (Object.keys(errors).length || !parsed.success) return { errors };
  return { kit: parsed.data };
}

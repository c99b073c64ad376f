// Brand kit <-> CSS custom properties (`:root { --marque-color-primary: … }`), plus the type-scale
// steps and font stacks shared by the CSS, Tailwind and DTCG exports.
import type { BrandKit } from "./schema.ts";
import { ramp } from "./palette.ts";
import { paletteRoles } from "./schema.ts";
import { readCssVariables, cssString, unquote, type CssVariable } from "./css-parse.ts";
import { assembleKit, nameWords, TokenImportError, type ColourSource, type FontSource, type KitSource } from "./token-roles.ts";
import { toHex } from "./colour.ts";

/** Named steps of the type scale: size = base × ratio^power, as in Tailwind's text-* names. */
export const TYPE_STEPS = [
  ["xs", -2],
  ["sm", -1],
  ["base", 0],
  ["lg", 1],
  ["xl", 2],
  ["2xl", 3],
  ["3xl", 4],
  ["4xl", 5],
] as const;
export type TypeStep = (typeof TYPE_STEPS)[number][0];

/** The type scale in px, unrounded (exports round to what their format reads well at). */
export function typeScale(scale: BrandKit["typography"]["scale"]): { step: TypeStep; px: number }[] {
  return TYPE_STEPS.map(([step, power]) => ({ step, px: scale.base * scale.ratio ** power }));
}

export const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** The step each type role sets its size at in the exports. */
export const ROLE_STEP = { heading: "3xl", body: "base", accent: "lg" } as const;

const SERIF = /serif|slab|playfair|merriweather|lora|garamond|georgia|times|baskerville|caslon|bodoni|didot|crimson|cormorant|fraunces|spectral|libre caslon|domine|bitter|alegreya(?! sans)|vollkorn|gelasio/i;
const MONO = /mono|code|courier|consolas|menlo/i;

/** `"Playfair Display", serif`: the family quoted, then a generic fallback guessed from its name. */
export function fontStack(family: string): string {
  const generic = MONO.test(family) ? "monospace" : SERIF.test(family) && !/sans/i.test(family) ? "serif" : "sans-serif";
  return `${cssString(family)}, ${generic}`;
}

/** The first family of a CSS font-family list, unquoted. */
export function firstFamily(stack: string): string {
  const first = stack.match(/^\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,]+)/)?.[1] ?? "";
  return unquote(first.trim());
}

export function exportCss(kit: BrandKit): string {
  const lines: string[] = [`/* Marque brand kit "${kit.name.replace(/\*\//g, "* /")}": CSS custom properties. Generated; edit the kit, not this file. */`, ":root {"];
  lines.push(`  --marque-kit-name: ${cssString(kit.name)};`);
  const roles = paletteRoles(kit);
  for (const role of roles) {
    const entry = kit.palette[role];
    if (!entry) continue;
    lines.push(`  --marque-color-${role}: ${entry.color};`);
    lines.push(`  --marque-color-${role}-name: ${cssString(entry.name)};`);
    if (entry.print?.cmyk) lines.push(`  --marque-color-${role}-cmyk: ${entry.print.cmyk.join(" ")};`);
    if (entry.print?.pantone) lines.push(`  --marque-color-${role}-pantone: ${cssString(entry.print.pantone)};`);
  }
  for (const role of roles) {
    const entry = kit.palette[role];
    if (!entry) continue;
    for (const s of ramp(entry.color)) {
      // A custom role may itself be called "primary-100"; the role wins over the derived shade.
      if (!roles.includes(`${role}-${s.step}`)) lines.push(`  --marque-color-${role}-${s.step}: ${s.hex};`);
    }
  }
  for (const role of ["heading", "body", "accent"] as const) lines.push(`  --marque-font-${role}: ${fontStack(kit.typography[role].family)};`);
  lines.push(`  --marque-text-ratio: ${kit.typography.scale.ratio};`);
  for (const { step, px } of typeScale(kit.typography.scale)) lines.push(`  --marque-text-${step}: ${round(px, 2)}px;`);
  lines.push("}", "");
  return lines.join("\n");
}

/** Px from `16px`, `1rem` (16px root), `12pt`; undefined when it is not a length. */
export function lengthPx(value: string): number | undefined {
  const m = /^\s*(-?\d*\.?\d+)(px|rem|em|pt)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n === 0 ? 0 : undefined;
  const px = m[2] === "px" ? n : m[2] === "pt" ? (n * 4) / 3 : n * 16;
  return Math.round(px * 10000) / 10000;
}

/**
 * Reads `--*` custom properties back into a kit. `--marque-*` properties (this module's export) map
 * exactly; other names are matched to roles by their words (`--brand-primary`, `--bg`, `--ink`).
 * CSS carries no logos, font files, voice or style: those are defaulted and the warnings say so.
 */
export function importCss(text: string, opts: { name?: string } = {}): { kit: BrandKit; warnings: string[] } {
  return assembleFromVariables(readCssVariables(text), opts, "CSS", {
    colourRole: (v) => (v.name.startsWith("--marque-color-") ? v.name.slice("--marque-color-".length) : undefined),
    fontRole: (v) => (v.name.startsWith("--marque-font-") ? v.name.slice("--marque-font-".length) : undefined),
  });
}

export type ExplicitRoles = {
  /** The palette role a variable states outright (a Marque export), else undefined to guess by name. */
  colourRole(v: CssVariable): string | undefined;
  fontRole(v: CssVariable): string | undefined;
};

const COLOUR_PREFIX = /^--(?:marque-)?colou?r-/;

/** Shared by the CSS and Tailwind importers: custom properties to a validated kit. */
export function assembleFromVariables(vars: CssVariable[], opts: { name?: string }, format: string, explicit: ExplicitRoles) {
  const issues: { path: string; message: string }[] = [];
  const colours: ColourSource[] = [];
  const fonts: FontSource[] = [];
  const byName = new Map(vars.map((v) => [v.name, v]));
  const scale: { base?: number; ratio?: number } = {};
  const src: KitSource = { colours, fonts, carriesFiles: false };
  const where = (v: CssVariable) => `line ${v.line} ${v.name}`;
  let lgPx: number | undefined;

  for (const v of vars) {
    const rest = v.name.replace(/^--(marque-)?/, "");
    if (v.name === "--marque-kit-name") {
      src.name = unquote(v.value);
      continue;
    }
    const meta = /^(--.+)-(name|cmyk|pantone)$/.exec(v.name);
    if (meta && COLOUR_PREFIX.test(v.name) && byName.has(meta[1]!)) continue; // read with its colour below
    const size = /^(?:text|font-size)-(base|body|md|lg|ratio)$/.exec(rest);
    if (size) {
      const px = lengthPx(v.value);
      if (size[1] === "ratio" && Number.isFinite(Number(v.value))) scale.ratio = Number(v.value);
      else if (size[1] === "lg") lgPx = px;
      else if (px !== undefined) scale.base ??= px;
      continue;
    }
    const font = /^font-(?:family-)?(.+)$/.exec(rest);
    if (font && !/^(weight|size|style|feature|variation)/.test(font[1]!)) {
      if (v.problem) issues.push({ path: where(v), message: v.problem });
      const role = explicit.fontRole(v);
      fonts.push({ id: where(v), words: nameWords([font[1]!]), family: firstFamily(v.value), ...(role ? { role } : {}) });
      continue;
    }
    const named = COLOUR_PREFIX.test(v.name);
    const hex = v.problem ? null : toHex(v.value);
    if (!hex) {
      if (named) issues.push({ path: where(v), message: v.problem ?? `"${v.value.slice(0, 60)}" is not a colour` });
      continue;
    }
    const nameVar = byName.get(`${v.name}-name`);
    const cmykVar = byName.get(`${v.name}-cmyk`);
    const pantone = byName.get(`${v.name}-pantone`);
    const cmyk = cmykVar?.value.trim().split(/[\s,]+/).map(Number);
    if (cmykVar && (cmyk?.length !== 4 || cmyk.some((n) => !Number.isFinite(n)))) {
      issues.push({ path: where(cmykVar), message: "CMYK needs four numbers 0–100" });
    }
    const print = cmyk || pantone ? { ...(cmyk ? { cmyk } : {}), ...(pantone ? { pantone: unquote(pantone.value) } : {}) } : undefined;
    const role = explicit.colourRole(v);
    colours.push({
      id: where(v),
      words: nameWords([v.name.replace(COLOUR_PREFIX, "").replace(/^--/, "")]),
      hex,
      ...(nameVar ? { name: unquote(nameVar.value) } : v.comment ? { name: v.comment } : {}),
      ...(print ? { print } : {}),
      ...(role ? { role } : {}),
    });
  }
  if (issues.length) throw new TokenImportError(issues);
  dropDerivedShades(colours);
  if (scale.base !== undefined && scale.ratio === undefined && lgPx !== undefined) scale.ratio = round(lgPx / scale.base, 4);
  src.scale = scale;
  const result = assembleKit(src, opts, format);
  result.warnings.push(`${format} carries no logos, font files, voice or visual style: they start empty`);
  return result;
}

/** Drops `<role>-<step>` colours that are exactly the shade Marque derives for that role. */
function dropDerivedShades(colours: ColourSource[]) {
  const byRole = new Map(colours.filter((c) => c.role).map((c) => [c.role!, c.hex]));
  for (let i = colours.length - 1; i >= 0; i--) {
    const c = colours[i]!;
    const m = /^(.+)-(\d+)$/.exec(c.role ?? c.words.join("-"));
    const baseHex = m ? byRole.get(m[1]!) : undefined;
    if (m && baseHex && ramp(baseHex).some((s) => s.step === Number(m[2]) && s.hex === c.hex)) colours.splice(i, 1);
  }
}

// Turns colours and fonts read from a tokens file (DTCG, CSS custom properties, Tailwind @theme) into a
// kit: explicit Marque roles first, then roles guessed from token names, then the gaps filled from the
// colours found. Every guess becomes a warning; a kit that still does not validate is an error.
import { KitValidationError, PALETTE_ROLES, ROLE_NAME, parseKit, type BrandKit, type PaletteRole } from "./schema.ts";
import { assembleFonts } from "./token-fonts.ts";
import { contrastRatio, lightness, mix, rotateHue, shiftLightness } from "./palette.ts";
import { converter } from "culori";
import { ValidationError, type Issue } from "../validation.ts";
import { nameColour } from "./colour-names.ts";

export class TokenImportError extends ValidationError {
  constructor(issues: Issue[]) {
    super(issues, undefined, "(tokens)");
    this.name = "TokenImportError";
  }
}

export type ColourSource = {
  /** Where it came from, for messages: `color.brand.primary`, `line 4 --color-ink`. */
  id: string;
  /** Lower-case words of the token's name, namespace first: ["text", "muted"]. */
  words: string[];
  hex: string;
  name?: string;
  print?: unknown;
  /** A role stated by the file itself (Marque exports), used as is. */
  role?: string;
};

export type FontSource = { id: string; words: string[]; family: string; role?: string; files?: unknown; sizePx?: number };

export type KitSource = {
  colours: ColourSource[];
  fonts: FontSource[];
  name?: string;
  scale?: { base?: number; ratio?: number };
  /** Kit fields the format carried verbatim (Marque extensions): description, logos, voice, style. */
  rest?: Record<string, unknown>;
  /** Where `rest` and `scale` came from, to name them in errors. */
  restId?: string;
  scaleId?: string;
  /** False for formats that cannot hold font files at all (they warn about it once themselves). */
  carriesFiles?: boolean;
};

/** Splits `textMuted`, `on-primary`, `bg_alt` into lower-case words. */
export function nameWords(segments: string[]): string[] {
  return segments
    .flatMap((s) => s.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[\s\-_./]+/))
    .map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, ""))
    .filter(Boolean);
}

const NAMESPACE = new Set(["color", "colour", "colors", "colours", "palette", "sys", "ref", "theme", "semantic", "tokens", "token", "global", "core", "brand", "marque"]);
const SYNONYMS: Record<PaletteRole, string[]> = {
  primary: ["primary", "main"],
  secondary: ["secondary"],
  accent: ["accent", "highlight", "tertiary", "cta"],
  background: ["background", "bg", "canvas", "page"],
  surface: ["surface", "card", "paper", "panel", "container"],
  text: ["text", "foreground", "fg", "ink", "body"],
  muted: ["muted", "subtle", "subdued"],
};
const QUIET = ["muted", "subtle", "secondary", "tertiary", "disabled", "placeholder", "light", "weak", "soft", "subdued"];
const PLAIN = ["default", "base", "main", "root", "primary", "normal"];
const step = (w: string | undefined) => (w !== undefined && /^\d{2,3}$/.test(w) ? Number(w) : undefined);

/** The core role a token's name suggests and how sure (lower is surer), or undefined. */
function guessRole(words: string[]): { role: PaletteRole; score: number } | undefined {
  if (words.includes("on")) return undefined; // "on-primary" is text drawn on primary, not primary
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const last = i === words.length - 1;
    let role = (Object.keys(SYNONYMS) as PaletteRole[]).find((r) => SYNONYMS[r].includes(word));
    if (!role && word === "brand" && last) role = "primary";
    if (!role) continue;
    const rest = words.slice(i + 1);
    if (role === "text" && QUIET.includes(rest[0] ?? "")) return { role: "muted", score: 1 };
    if (role === "background" && ["surface", "elevated", "raised", "alt", "secondary", "subtle"].includes(rest[0] ?? "")) return { role: "surface", score: 1 };
    if (rest.length === 0) return { role, score: 0 };
    if (rest.length === 1 && PLAIN.includes(rest[0] ?? "")) return { role, score: 1 };
    const n = step(rest[0]);
    if (rest.length === 1 && n !== undefined) return { role, score: 2 + Math.abs(n - 500) / 1000 };
    return { role, score: 3 };
  }
  return undefined;
}

function customRoleName(words: string[]): string | undefined {
  let w = words;
  while (w.length > 1 && NAMESPACE.has(w[0] ?? "")) w = w.slice(1);
  const name = w.join("-");
  return ROLE_NAME.test(name) && name.length <= 32 ? name : undefined;
}

const chroma = (hex: string) => converter("oklch")(hex)?.c ?? 0;

type Entry = { color: string; name: string; print?: unknown };

/** Builds and validates the kit; throws TokenImportError naming the token behind each bad field. */
export function assembleKit(src: KitSource, opts: { name?: string }, format: string): { kit: BrandKit; warnings: string[] } {
  const warnings: string[] = [];
  const origin = new Map<string, string>();
  const palette: Record<string, Entry> = {};
  const used = new Set<ColourSource>();
  const generatedNames: string[] = [];

  const take = (role: string, c: ColourSource) => {
    used.add(c);
    let name = c.name?.trim();
    if (!name) {
      name = nameColour(c.hex);
      generatedNames.push(`${role} "${name}"`);
    }
    palette[role] = { color: c.hex, name: name.slice(0, 60), ...(c.print !== undefined ? { print: c.print } : {}) };
    origin.set(`palette.${role}`, c.id);
  };
  const derive = (role: PaletteRole, hex: string, why: string) => {
    const name = nameColour(hex);
    palette[role] = { color: hex, name };
    warnings.push(`palette.${role}: ${why}; using ${hex} ("${name}")`);
  };

  for (const c of src.colours) {
    if (!c.role) continue;
    if (palette[c.role]) warnings.push(`${c.id}: role ${c.role} is already set by ${origin.get(`palette.${c.role}`)}; ignored`);
    else take(c.role, c);
  }

  const candidates = src.colours
    .filter((c) => !c.role)
    .flatMap((c, order) => {
      const g = guessRole(c.words);
      return g ? [{ c, order, ...g }] : [];
    })
    .sort((a, b) => a.score - b.score || a.order - b.order);
  for (const { c, role } of candidates) if (!palette[role] && !used.has(c)) take(role, c);

  // Numbered shades (color.primary.50 … 900) are ramps: the role's own colour stands for them, and a
  // ramp with no role of its own (color.sand.*) becomes one custom role from its middle shade.
  const stemOf = (c: ColourSource) => (step(c.words.at(-1)) !== undefined ? c.words.slice(0, -1).join(" ") : undefined);
  const takenStems = new Set([...used].map((c) => stemOf(c) ?? c.words.join(" ")));
  let skippedShades = 0;
  const free: ColourSource[] = [];
  const stems = new Map<string, ColourSource>();
  for (const c of src.colours) {
    if (used.has(c) || c.role) continue;
    const stem = stemOf(c);
    if (stem === undefined) free.push(c);
    else if (takenStems.has(stem)) skippedShades++;
    else {
      const held = stems.get(stem);
      const dist = (x: ColourSource) => Math.abs((step(x.words.at(-1)) ?? 0) - 500);
      if (!held) {
        stems.set(stem, c);
        free.push(c);
      } else {
        skippedShades++;
        if (dist(c) < dist(held)) free.splice(free.indexOf(held), 1, c), stems.set(stem, c);
      }
    }
  }
  if (skippedShades) warnings.push(`${skippedShades} numbered shade token(s) skipped: Marque derives tints and shades from each role`);
  const wordsFor = (c: ColourSource) => (stems.get(stemOf(c) ?? "\0") === c ? c.words.slice(0, -1) : c.words);

  const nextFree = (test: (c: ColourSource) => boolean) => free.find((c) => !used.has(c) && test(c));
  for (const role of ["primary", "secondary", "accent"] as const) {
    if (palette[role]) continue;
    // Secondary and accent must have some colour: a spare white or black is no accent.
    const c = nextFree((x) => chroma(x.hex) > 0.03) ?? (role === "primary" ? nextFree(() => true) : undefined);
    if (c) {
      take(role, c);
      warnings.push(`palette.${role}: no token named ${role}; using ${c.id} (${c.hex})`);
    }
  }
  if (!palette.primary) throw new TokenImportError([{ path: "(file)", message: `no colour tokens found in the ${format}` }]);
  const primary = palette.primary.color;
  if (!palette.secondary) derive("secondary", shiftLightness(primary, lightness(primary) > 0.55 ? -0.25 : 0.25), "no secondary colour; derived from primary");
  if (!palette.accent) derive("accent", rotateHue(primary, 180), "no accent colour; using the complement of primary");
  if (!palette.background) {
    const c = nextFree((x) => lightness(x.hex) > 0.93 && chroma(x.hex) < 0.05);
    if (c) {
      take("background", c);
      warnings.push(`palette.background: no token named background; using the light colour ${c.id} (${c.hex})`);
    } else derive("background", "#ffffff", "no background colour");
  }
  const bg = palette.background!.color;
  const bgLight = lightness(bg) > 0.5;
  if (!palette.text) {
    const c = nextFree((x) => contrastRatio(x.hex, bg) >= 7);
    if (c) {
      take("text", c);
      warnings.push(`palette.text: no token named text; using ${c.id} (${c.hex}), the colour that reads on the background`);
    } else derive("text", bgLight ? "#111111" : "#f5f5f5", "no text colour that reads on the background");
  }
  if (!palette.surface) derive("surface", shiftLightness(bg, bgLight ? -0.035 : 0.06), "no surface colour; derived from background");
  if (!palette.muted) {
    const text = palette.text!.color;
    let t = 0.5;
    while (t > 0 && contrastRatio(mix(text, bg, t), bg) < 4.5) t -= 0.05;
    derive("muted", mix(text, bg, Math.max(0, t)), "no muted colour; mixed from text and background to keep 4.5:1");
  }

  let dropped = 0;
  for (const c of free) {
    if (used.has(c)) continue;
    const role = customRoleName(wordsFor(c));
    if (!role || palette[role] || Object.keys(palette).length >= 24) {
      dropped++;
      continue;
    }
    take(role, c);
  }
  if (dropped) warnings.push(`${dropped} colour token(s) not imported (no usable role name, or the 24-role limit)`);
  if (generatedNames.length) warnings.push(`colour names generated for prompts (rename them): ${generatedNames.join(", ")}`);

  const typography = assembleFonts(src, warnings, origin);
  let name = opts.name ?? src.name;
  if (!name) {
    name = "Imported brand kit";
    warnings.push(`name: the ${format} names no kit; called it "${name}"`);
  }
  const input = { ...src.rest, name, palette: orderPalette(palette), typography };
  try {
    return { kit: parseKit(input), warnings };
  } catch (error) {
    if (!(error instanceof KitValidationError)) throw error;
    throw new TokenImportError(
      error.issues.map((i) => {
        const key = [...origin.keys()].find((k) => i.path === k || i.path.startsWith(`${k}.`));
        if (key) return { path: origin.get(key)!, message: `${i.path.slice(key.length + 1) || "value"}: ${i.message}` };
        if (i.path.startsWith("typography.scale") && src.scaleId) return { path: src.scaleId, message: `${i.path}: ${i.message}` };
        return src.restId ? { path: [src.restId, i.path].filter(Boolean).join("."), message: i.message } : i;
      }),
    );
  }
}

function orderPalette(palette: Record<string, Entry>) {
  const custom = Object.keys(palette).filter((r) => !(PALETTE_ROLES as readonly string[]).includes(r));
  return Object.fromEntries([...PALETTE_ROLES, ...custom].map((r) => [r, palette[r]]));
}

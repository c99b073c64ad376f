// Brand kit <-> DTCG design tokens (format 2025.10). What DTCG cannot express (prompt names are
// `$description`s, but print notes, font files, logos, voice and style are not) travels in
// `$extensions["dev.marque"]`, so a Marque export imports back to the same kit.
import { paletteRoles, TYPE_ROLES, type BrandKit, type FontFace } from "./schema.ts";
import { dtcgColour, readDtcgColour } from "./dtcg-colour.ts";
import { collectTokens, parseJsonLocated, resolveTokens, type DtcgToken, type Issue } from "./dtcg-tree.ts";
import { assembleKit, nameWords, TokenImportError, type ColourSource, type FontSource, type KitSource } from "./token-roles.ts";
import { ROLE_STEP, round, typeScale } from "./css-tokens.ts";

export { TokenImportError } from "./token-roles.ts";

export const MARQUE_EXTENSION = "dev.marque";
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const ext = (node: unknown): Record<string, unknown> | undefined => {
  const e = isRecord(node) && isRecord(node.$extensions) ? node.$extensions[MARQUE_EXTENSION] : undefined;
  return isRecord(e) ? e : undefined;
};

const LINE_HEIGHT = { heading: 1.15, body: 1.5, accent: 1.3 } as const;

function roleWeight(files: FontFace[], role: (typeof TYPE_ROLES)[number]): number {
  const upright = files.filter((f) => f.style === "normal").map((f) => f.weight);
  if (role === "heading") return upright.length ? Math.max(...upright) : 700;
  return upright.sort((a, b) => Math.abs(a - 400) - Math.abs(b - 400))[0] ?? 400;
}

/** The kit as a DTCG 2025.10 tokens document. */
export function exportDtcg(kit: BrandKit): Record<string, unknown> {
  const color: Record<string, unknown> = { $type: "color" };
  for (const role of paletteRoles(kit)) {
    const entry = kit.palette[role];
    if (!entry) continue;
    color[role] = {
      $value: dtcgColour(entry.color),
      $description: entry.name,
      $extensions: { [MARQUE_EXTENSION]: { role, ...(entry.print ? { print: entry.print } : {}) } },
    };
  }
  const font: Record<string, unknown> = { $type: "fontFamily" };
  const typography: Record<string, unknown> = { $type: "typography" };
  for (const role of TYPE_ROLES) {
    const t = kit.typography[role];
    font[role] = { $value: t.family, $extensions: { [MARQUE_EXTENSION]: { role, files: t.files } } };
    typography[role] = {
      $value: {
        fontFamily: `{font.${role}}`,
        fontWeight: roleWeight(t.files, role),
        fontSize: `{font-size.${ROLE_STEP[role]}}`,
        lineHeight: LINE_HEIGHT[role],
        letterSpacing: { value: 0, unit: "px" },
      },
    };
  }
  const fontSize: Record<string, unknown> = { $type: "dimension", $description: `type scale: ${kit.typography.scale.base}px × ${kit.typography.scale.ratio}^step` };
  for (const { step, px } of typeScale(kit.typography.scale)) fontSize[step] = { $value: { value: round(px, 2), unit: "px" } };
  return {
    $description: `Brand kit "${kit.name}" exported by Marque`,
    color,
    font,
    "font-size": fontSize,
    typography,
    $extensions: {
      [MARQUE_EXTENSION]: {
        kit: 1,
        name: kit.name,
        description: kit.description,
        scale: kit.typography.scale,
        logos: kit.logos,
        voice: kit.voice,
        style: kit.style,
      },
    },
  };
}

/** Px from a DTCG dimension (`{ value, unit }`, or the older "16px" / "1rem" strings). */
function dimensionPx(value: unknown): number | string {
  if (isRecord(value)) {
    if (typeof value.value !== "number" || !Number.isFinite(value.value)) return "dimension value must be a number";
    if (value.unit === "px") return value.value;
    if (value.unit === "rem") return value.value * 16;
    return `dimension unit must be "px" or "rem", not ${JSON.stringify(value.unit)}`;
  }
  if (typeof value === "string") {
    const m = /^\s*(-?\d*\.?\d+)(px|rem)\s*$/.exec(value);
    if (m) return Number(m[1]) * (m[2] === "rem" ? 16 : 1);
  }
  if (value === 0) return 0;
  return `"${String(value).slice(0, 40)}" is not a dimension like { "value": 16, "unit": "px" }`;
}

function family(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() ? first.trim() : undefined;
}

// DTCG 2025.10 fontWeight names (and numbers 1–1000).
const WEIGHT_NAMES = "thin hairline extra-light ultra-light light normal regular book medium semi-bold demi-bold bold extra-bold ultra-bold black heavy extra-black ultra-black".split(" ");
const isFontWeight = (w: unknown) => (typeof w === "number" ? w >= 1 && w <= 1000 : typeof w === "string" && WEIGHT_NAMES.includes(w));

const COLOURISH = /^(#|(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\()/i;

/**
 * Reads a DTCG tokens document (parsed JSON, or the text) into a validated kit. Either the whole kit
 * or a TokenImportError listing every problem by token path; nothing partial.
 */
export function importDtcg(json: unknown, opts: { name?: string } = {}): { kit: BrandKit; warnings: string[] } {
  if (typeof json === "string") {
    const parsed = parseJsonLocated(json);
    if ("issue" in parsed) throw new TokenImportError([parsed.issue]);
    json = parsed.value;
  }
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const tokens = collectTokens(json, issues);
  resolveTokens(json, tokens, issues);
  const colours: ColourSource[] = [];
  const fonts: FontSource[] = [];

  for (const token of tokens.values()) {
    if (token.value === undefined) continue; // its reference is already an issue
    const type = token.type ?? (isRecord(token.value) && "colorSpace" in token.value ? "color" : typeof token.value === "string" && COLOURISH.test(token.value) ? "color" : undefined);
    const own = ext(token.node);
    const words = nameWords(token.path);
    if (type === "color") {
      const read = readDtcgColour(token.value);
      if ("error" in read) {
        issues.push({ path: token.id, message: read.error });
        continue;
      }
      read.notes.forEach((n) => warnings.push(`${token.id}: ${n}`));
      const description = typeof token.node.$description === "string" ? token.node.$description : undefined;
      colours.push({
        id: token.id,
        words,
        hex: read.hex,
        ...(description ? { name: description } : {}),
        ...(own?.print !== undefined ? { print: own.print } : {}),
        ...(typeof own?.role === "string" ? { role: own.role } : {}),
      });
    } else if (type === "fontFamily") {
      const f = family(token.value);
      if (!f) issues.push({ path: token.id, message: "fontFamily must be a name or a list of names" });
      else fonts.push(fontSource(token, words, f, own));
    } else if (type === "typography") {
      readTypography(token, words, fonts, issues);
    }
  }
  if (issues.length) throw new TokenImportError(issues);

  const root = ext(json);
  const src: KitSource = { colours, fonts };
  if (root) {
    src.restId = `$extensions.${MARQUE_EXTENSION}`;
    src.scaleId = `$extensions.${MARQUE_EXTENSION}.scale`;
    const { name, scale, kit: _version, ...rest } = root;
    if (typeof name === "string") src.name = name;
    if (isRecord(scale)) src.scale = scale as KitSource["scale"];
    src.rest = rest;
  }
  const result = assembleKit(src, opts, "tokens file");
  return { kit: result.kit, warnings: [...warnings, ...result.warnings] };
}

function fontSource(token: DtcgToken, words: string[], f: string, own: Record<string, unknown> | undefined): FontSource {
  return {
    id: token.id,
    words,
    family: f,
    ...(typeof own?.role === "string" ? { role: own.role } : {}),
    ...(own?.files !== undefined ? { files: own.files } : {}),
  };
}

function readTypography(token: DtcgToken, words: string[], fonts: FontSource[], issues: Issue[]) {
  const v = token.value;
  if (!isRecord(v)) {
    issues.push({ path: token.id, message: "typography value must be an object with fontFamily, fontSize, …" });
    return;
  }
  const f = family(v.fontFamily);
  if (v.fontFamily !== undefined && !f) issues.push({ path: token.id, message: "fontFamily must be a name or a list of names" });
  let sizePx: number | undefined;
  if (v.fontSize !== undefined) {
    const px = dimensionPx(v.fontSize);
    if (typeof px === "string") issues.push({ path: token.id, message: `fontSize: ${px}` });
    else sizePx = px;
  }
  if (v.letterSpacing !== undefined) {
    const px = dimensionPx(v.letterSpacing);
    if (typeof px === "string") issues.push({ path: token.id, message: `letterSpacing: ${px}` });
  }
  if (v.fontWeight !== undefined && !isFontWeight(v.fontWeight)) {
    issues.push({ path: token.id, message: `fontWeight ${JSON.stringify(v.fontWeight).slice(0, 40)} is not a number 1–1000 or a weight name like "bold"` });
  }
  if (v.lineHeight !== undefined && typeof v.lineHeight !== "number") issues.push({ path: token.id, message: "lineHeight must be a number" });
  if (f) fonts.push({ id: token.id, words, family: f, ...(sizePx !== undefined ? { sizePx } : {}) });
}

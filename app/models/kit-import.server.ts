// Importing a kit from a file: Marque kit JSON, DTCG design tokens, CSS custom properties or a
// Tailwind v4 @theme block. All files are validated and stored before any kit row is written.
import type { Scope } from "../lib/auth/scope.ts";
import { parseKit, type BrandKit, type BrandKitInput } from "../lib/kit/schema.ts";
import { importDtcg } from "../lib/kit/dtcg.ts";
import { parseJsonLocated } from "../lib/kit/dtcg-tree.ts";
import { importCss } from "../lib/kit/css-tokens.ts";
import { importTailwind } from "../lib/kit/tailwind.ts";
import { internaliseKit } from "./files.server.ts";
import { createKit, saveKit } from "./kit.server.ts";
import type { ResolveOptions } from "../lib/kit/files.server.ts";

export type KitFileFormat = "marque" | "dtcg" | "css" | "tailwind";

export class KitFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KitFileError";
  }
}

/** JSON.parse with the line and column of the first error. */
export function parseJson(text: string, fileName: string): unknown {
  const parsed = parseJsonLocated(text);
  if ("issue" in parsed) {
    const detail = parsed.issue.message.replace(/^malformed JSON:\s*/, "");
    throw new KitFileError(`${fileName}: malformed JSON at ${parsed.issue.path}: ${detail}`);
  }
  return parsed.value;
}

/** A Marque kit has `palette.primary.color`; a DTCG file never has a `color` member without `$`. */
function isMarqueKit(json: unknown): boolean {
  if (!json || typeof json !== "object") return false;
  const palette = (json as { palette?: unknown }).palette;
  const primary = palette && typeof palette === "object" ? (palette as { primary?: unknown }).primary : undefined;
  return Boolean(primary && typeof primary === "object" && "color" in primary && "typography" in json);
}

export function detectFormat(text: string, fileName: string): KitFileFormat {
  if (/\.css$/i.test(fileName) || /^\s*(@theme|:root|@import|\/\*)/.test(text)) return /@theme\b/.test(text) ? "tailwind" : "css";
  const json = parseJson(text, fileName);
  if (isMarqueKit(json)) return "marque";
  return "dtcg";
}

/** Parses a kit file of any supported format into a validated (not yet stored) kit. */
export function readKitFile(text: string, opts: { fileName: string; name?: string }): { kit: BrandKit; format: KitFileFormat; warnings: string[] } {
  const format = detectFormat(text, opts.fileName);
  let input: BrandKitInput;
  let warnings: string[] = [];
  if (format === "marque") {
    input = parseJson(text, opts.fileName) as BrandKitInput;
  } else if (format === "dtcg") {
    ({ kit: input, warnings } = importDtcg(parseJson(text, opts.fileName), { name: opts.name }));
  } else if (format === "css") {
    ({ kit: input, warnings } = importCss(text, { name: opts.name }));
  } else {
    ({ kit: input, warnings } = importTailwind(text, { name: opts.name }));
  }
  const named = opts.name ? { ...(input as object), name: opts.name } : input;
  return { kit: parseKit(named, opts.fileName), format, warnings };
}

const FORMAT_LABEL: Record<KitFileFormat, string> = { marque: "Marque kit", dtcg: "design tokens", css: "CSS variables", tailwind: "Tailwind theme" };

function importSummary(format: KitFileFormat, fileName: string) {
  return `Imported from ${fileName.split(/[\\/]/).pop()} (${FORMAT_LABEL[format]})`;
}

export interface ImportOptions extends ResolveOptions {
  fileName: string;
  name?: string;
  /** Save as the next version of this existing kit instead of creating a new one. */
  into?: string;
}

export async function importKitFile(scope: Scope, text: string, opts: ImportOptions) {
  const { kit, format, warnings } = readKitFile(text, opts);
  const { kit: stored, notes } = await internaliseKit(kit, opts);
  if (opts.into) {
    const saved = await saveKit(scope, opts.into, stored, { summary: importSummary(format, opts.fileName), action: "kit.import" });
    return { slug: saved.slug, version: saved.version, format, warnings, notes };
  }
  const created = await createKit(scope, stored, { summary: importSummary(format, opts.fileName), action: "kit.import" });
  return { slug: created.slug, version: created.version, format, warnings, notes };
}

// Builds the TemplateContext a layout draws with: kit colours by role, contrast-chosen text colours,
// the type scale sized to the format, logos and uploaded images loaded up front (layouts are sync),
// and the kit's font registry (parsed once per process; reused across renders of the same kit fonts).
import { contrastRatio } from "../kit/palette.ts";
import { resolveFileRef, type ResolveOptions } from "../kit/files.server.ts";
import { photoRefs } from "./content-form.ts";
import { LOGO_VARIANTS, paletteRoles, type BrandKit, type LogoVariant } from "../kit/schema.ts";
import { fontRegistryForKit, type FontRegistry } from "../render/fonts.server.ts";
import { prepareParagraphs } from "../render/shape.ts";
import { lineWidth, wrapParagraphs } from "../render/text-lines.ts";
import { getFormat } from "./formats.ts";
import type { LogoSource, MeasureSpec, TemplateContext, TextMeasure } from "./types.ts";

const registries = new Map<string, Promise<FontRegistry>>();

/**
 * The kit's font registry; one per distinct set of font files in this process. `opts.baseDir` lets a
 * kit read straight from its folder (CLI, tests) resolve relative file paths.
 */
export function kitFonts(kit: BrandKit, opts: ResolveOptions = {}): Promise<FontRegistry> {
  const key = JSON.stringify([kit.typography.heading.files, kit.typography.body.files, kit.typography.accent.files, opts.baseDir ?? null]);
  let registry = registries.get(key);
  if (!registry) {
    registry = fontRegistryForKit(kit.typography, (src, field) => resolveFileRef(src, field, opts));
    registries.set(key, registry);
    registry.catch(() => registries.delete(key));
    if (registries.size > 64) registries.delete(registries.keys().next().value as string);
  }
  return registry;
}

async function loadLogos(kit: BrandKit, opts: ResolveOptions): Promise<Partial<Record<LogoVariant, LogoSource>>> {
  const out: Partial<Record<LogoVariant, LogoSource>> = {};
  for (const variant of LOGO_VARIANTS) {
    const logo = kit.logos[variant];
    if (!logo) continue;
    const bytes = await resolveFileRef(logo.src, `logos.${variant}.src`, opts);
    out[variant] = logo.mime === "image/svg+xml" ? { svg: bytes.toString("utf8") } : { bytes: new Uint8Array(bytes) };
  }
  return out;
}

/** The content's photos, loaded so layouts can use them. */
async function loadImages(content: unknown): Promise<Map<string, Uint8Array>> {
  const images = new Map<string, Uint8Array>();
  for (const ref of photoRefs(content)) images.set(ref, new Uint8Array(await resolveFileRef(ref, "image")));
  return images;
}

/** Type sizes grow with the page: a business card's base is small, a poster's large. */
export function formatScale(width: number, height: number): number {
  return Math.min(3, Math.max(0.6, Math.min(width, height) / 560));
}

export interface PreparedKit {
  kit: BrandKit;
  logos: Partial<Record<LogoVariant, LogoSource>>;
  fonts: FontRegistry;
}

/** Loads the kit's logos and fonts once; `opts.baseDir` resolves paths relative to a kit file's folder. */
export async function prepareKit(kit: BrandKit, opts: ResolveOptions = {}): Promise<PreparedKit> {
  const [logos, fonts] = await Promise.all([loadLogos(kit, opts), kitFonts(kit, opts)]);
  return { kit, logos, fonts };
}

export async function buildContext(prepared: PreparedKit, formatId: string, content: unknown): Promise<TemplateContext> {
  const { kit, logos } = prepared;
  const format = getFormat(formatId);
  const images = await loadImages(content);
  const roles = paletteRoles(kit).filter((r) => kit.palette[r]);
  const colour = (role: string) => kit.palette[role]?.color ?? kit.palette.primary.color;
  const scale = formatScale(format.width, format.height);
  return {
    kit,
    format,
    colour,
    textOn(background, opts = {}) {
      const min = opts.minRatio ?? 4.5;
      const preferred = (opts.prefer ?? ["text", "background", "surface", "primary"]).map(colour);
      for (const hex of preferred) if (contrastRatio(hex, background) >= min) return hex;
      let best = { hex: "", ratio: 0 };
      for (const role of roles) {
        const ratio = contrastRatio(colour(role), background);
        if (ratio > best.ratio) best = { hex: colour(role), ratio };
      }
      if (best.ratio >= min) return best.hex;
      return contrastRatio("#111111", background) >= contrastRatio("#ffffff", background) ? "#111111" : "#ffffff";
    },
    size: (step) => kit.typography.scale.base * kit.typography.scale.ratio ** step * scale,
    logo(variant) {
      const order: LogoVariant[] = [variant, "primary", "mark", "mono"];
      for (const v of order) if (logos[v]) return logos[v];
      return undefined;
    },
    image: (ref) => (ref ? images.get(ref) : undefined),
    font: (role, weight = 400, style = "normal") => ({ role, weight, style }),
    measure: (text, spec) => measureText(prepared.fonts, text, spec),
  };
}

/**
 * Wraps the text exactly as the render engine does (same shaping, same break opportunities, words
 * split only when wider than the line), so a measured box is the box the text needs.
 */
function measureText(fonts: FontRegistry, text: string, spec: MeasureSpec): TextMeasure {
  const lineHeight = spec.lineHeight ?? 1.2;
  const font = { role: spec.font.role, weight: spec.font.weight ?? 400, style: spec.font.style ?? "normal" };
  const prep = { fonts, spec: font, features: spec.features, missing: new Set<string>() };
  const value = spec.uppercase ? text.toUpperCase() : text;
  if (!value.trim()) return { lines: 0, width: 0, height: 0 };
  const spacing = (spec.letterSpacing ?? 0) * spec.size;
  const paras = prepareParagraphs(prep, value, "auto");
  const { lines } = wrapParagraphs(prep, paras, Math.max(1, spec.width ?? 1e7), spec.size, spacing, true);
  const width = lines.reduce((w, line) => Math.max(w, lineWidth(line, spec.size, spacing)), 0);
  return { lines: lines.length, width, height: lines.length * lineHeight * spec.size };
}

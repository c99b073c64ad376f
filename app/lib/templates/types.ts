// What a template is: an id, name, category, the formats it supports, a zod content schema with sample
// content, and a layout that turns (content, kit context, format) into one Scene per page.
// Templates bind only to kit roles (ctx.colour("primary"), font roles) — never a colour or font literal.
import type { z } from "zod";
import type { BrandKit, LogoVariant, PaletteRole, TypeRole } from "../kit/schema.ts";
import type { SceneInput } from "../render/scene.ts";
import type { FormatId, TemplateFormat } from "./formats.ts";

export type TemplateCategory = "menu" | "board" | "flyer" | "poster" | "social" | "card" | "voucher" | "tent" | "video";

/** A logo ready for a Scene `logo` node: a sanitised SVG string or raster bytes. */
export type LogoSource = { svg: string; bytes?: undefined } | { bytes: Uint8Array; svg?: undefined };

export interface TemplateContext {
  kit: BrandKit;
  format: TemplateFormat;
  /** Hex of a palette role (custom roles too); falls back to `primary` for an unknown custom role. */
  colour(role: PaletteRole | (string & {})): string;
  /**
   * The kit colour that reads best on `backgroundHex`, meeting `minRatio` (default 4.5, WCAG body text)
   * when any kit colour does; otherwise near-black or white, whichever reads better. Templates pick every
   * text colour with this, so any kit stays legible.
   */
  textOn(backgroundHex: string, opts?: { minRatio?: number; prefer?: (PaletteRole | (string & {}))[] }): string;
  /** Font size for a step of the kit's type scale (0 = base, 1 = base×ratio, -1 = base/ratio), scaled to the format. */
  size(step: number): number;
  /** The kit's logo of that variant (falls back primary → mark → mono), or undefined when the kit has none. */
  logo(variant: LogoVariant): LogoSource | undefined;
  /** Bytes of an image the user uploaded into a content field (a `sha256:` reference), or undefined. */
  image(ref: string | undefined): Uint8Array | undefined;
  /** Font roles, for readability in templates: ctx.font("heading", 700). */
  font(role: TypeRole, weight?: number, style?: "normal" | "italic"): { role: TypeRole; weight: number; style: "normal" | "italic" };
  /**
   * Measures text with the kit's real font metrics, wrapped to `width` (no wrapping when omitted):
   * how many lines, the widest line and the block height (lines × lineHeight × size), in px. Layouts
   * use it to size boxes and to flow long content (menus) onto further pages.
   */
  measure(text: string, spec: MeasureSpec): TextMeasure;
}

export interface MeasureSpec {
  font: { role: TypeRole; weight?: number; style?: "normal" | "italic" };
  size: number;
  width?: number;
  /** Multiple of the size (default 1.2, as in a Scene text node). */
  lineHeight?: number;
  letterSpacing?: number;
  uppercase?: boolean;
  /** OpenType features, e.g. ["tnum"] for prices set with tabular figures as leader rows set them. */
  features?: readonly string[];
}

export interface TextMeasure {
  lines: number;
  width: number;
  height: number;
}

export interface Template<S extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  category: TemplateCategory;
  description: string;
  formats: readonly FormatId[];
  schema: S;
  /** Sensible sample content, valid against `schema`. */
  sample: z.input<S>;
  /** One Scene per page (most templates: one; menus may run over several; business cards: front and back). */
  layout(content: z.output<S>, ctx: TemplateContext): SceneInput[];
}

/** Helper so each template file gets its content type inferred from its schema. */
export function defineTemplate<S extends z.ZodType>(t: Template<S>): Template<S> {
  return t;
}

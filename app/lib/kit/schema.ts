// The BrandKit document: palette with roles, typography, logos, voice and visual/video style.
// One zod schema shared by the editor forms, importers, the CLI and the database layer.
import { z } from "zod";
import { toHex } from "./colour.ts";
import { ValidationError, zodIssues, type Issue } from "../validation.ts";

export const PALETTE_ROLES = ["primary", "secondary", "accent", "background", "surface", "text", "muted"] as const;
export const TYPE_ROLES = ["heading", "body", "accent"] as const;
export const LOGO_VARIANTS = ["primary", "mark", "mono", "reverse"] as const;
export const FLAW_LEVELS = ["none", "subtle", "noticeable", "raw"] as const;

export type PaletteRole = (typeof PALETTE_ROLES)[number];
export type TypeRole = (typeof TYPE_ROLES)[number];
export type LogoVariant = (typeof LOGO_VARIANTS)[number];

/** Custom palette roles: lower-case words joined by dashes ("highlight", "deep-sea"). */
export const ROLE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Any CSS colour string, stored as lowercase sRGB hex. */
export const ColourField = z.string().transform((value, ctx) => {
  const hex = toHex(value);
  if (!hex) {
    ctx.addIssue({ code: "custom", message: `"${value.slice(0, 60)}" is not a CSS colour` });
    return z.NEVER;
  }
  return hex;
});

const shortText = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const PrintNotesSchema = z
  .object({
    cmyk: z
      .tuple([z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100)])
      .optional(),
    pantone: shortText(60).optional(),
  })
  .strict();

export const PaletteEntrySchema = z
  .object({
    color: ColourField,
    name: shortText(60).min(1, "give the colour a name for prompts, e.g. harbour navy"),
    print: PrintNotesSchema.optional(),
  })
  .strict();

/**
 * A reference to binary content: `sha256:<hex>` (stored blob), `data:` URI (portable kit files),
 * a path relative to the kit file, or `npm:<package>/<file>` (bundled font packages). Only the CLI
 * and seeding resolve paths; the web importer accepts sha256 and data forms only.
 */
export const FileRefSchema = z.string().min(1).max(20_000_000);

export const FontFaceSchema = z
  .object({
    weight: z.number().int().min(100).max(900),
    style: z.enum(["normal", "italic"]).default("normal"),
    src: FileRefSchema,
  })
  .strict();

export const TypeRoleSchema = z
  .object({
    family: shortText(80).min(1, "name the font family"),
    files: z.array(FontFaceSchema).max(18).default([]),
  })
  .strict();

export const TypographySchema = z
  .object({
    heading: TypeRoleSchema,
    body: TypeRoleSchema,
    accent: TypeRoleSchema,
    /** Type scale: base size in px and the ratio between steps (1.25 = major third). */
    scale: z
      .object({ base: z.number().min(8).max(48).default(16), ratio: z.number().min(1.05).max(2).default(1.25) })
      .strict()
      .default({ base: 16, ratio: 1.25 }),
  })
  .strict();

export const LogoSchema = z.object({ src: FileRefSchema, mime: z.enum(["image/svg+xml", "image/png", "image/jpeg", "image/webp"]) }).strict();

export const LogosSchema = z
  .object({
    primary: LogoSchema.optional(),
    mark: LogoSchema.optional(),
    mono: LogoSchema.optional(),
    reverse: LogoSchema.optional(),
    /** Smallest printed width of the primary logo, in millimetres. */
    minWidthMm: z.number().min(1).max(500).default(20),
    /** Clear space around the logo as a fraction of its height. */
    clearSpace: z.number().min(0).max(2).default(0.25),
  })
  .strict();

const wordList = z.array(shortText(60).min(1)).max(40).default([]);

export const VoiceSchema = z
  .object({
    adjectives: wordList,
    tagline: shortText(160).default(""),
    wordsToUse: wordList,
    wordsToAvoid: wordList,
  })
  .strict();

export const VisualStyleSchema = z
  .object({
    photography: wordList,
    lighting: shortText(200).default(""),
    mood: shortText(200).default(""),
    grade: shortText(200).default(""),
    camera: wordList,
    flaws: z.enum(FLAW_LEVELS).default("subtle"),
    sound: wordList,
  })
  .strict();

const corePalette = Object.fromEntries(PALETTE_ROLES.map((r) => [r, PaletteEntrySchema])) as Record<
  PaletteRole,
  typeof PaletteEntrySchema
>;

// Role names are checked even when an entry is bad too (`when`), so one save reports every problem.
export const PaletteSchema = z
  .object(corePalette)
  .catchall(PaletteEntrySchema)
  .superRefine(
    (palette, ctx) => {
      const keys = Object.keys(palette);
      for (const key of keys) {
        if (!ROLE_NAME.test(key) || key.length > 32) {
          ctx.addIssue({ code: "custom", path: [key], message: `role name "${key.slice(0, 40)}" must be lower-case words joined by dashes` });
        }
      }
      if (keys.length > 24) ctx.addIssue({ code: "custom", message: "at most 24 palette roles" });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

export const BrandKitSchema = z
  .object({
    $schema: z.literal("https://marque.dev/schema/kit-1.json").optional(),
    name: shortText(80).min(1, "the kit needs a name"),
    description: shortText(500).default(""),
    palette: PaletteSchema,
    typography: TypographySchema,
    logos: LogosSchema.default({ minWidthMm: 20, clearSpace: 0.25 }),
    voice: VoiceSchema.default({ adjectives: [], tagline: "", wordsToUse: [], wordsToAvoid: [] }),
    style: VisualStyleSchema.default({
      photography: [],
      lighting: "",
      mood: "",
      grade: "",
      camera: [],
      flaws: "subtle",
      sound: [],
    }),
  })
  .strict();

export type BrandKit = z.output<typeof BrandKitSchema>;
export type BrandKitInput = z.input<typeof BrandKitSchema>;
export type PaletteEntry = z.output<typeof PaletteEntrySchema>;
export type FontFace = z.output<typeof FontFaceSchema>;
export type Logo = z.output<typeof LogoSchema>;

export class KitValidationError extends ValidationError {
  constructor(issues: Issue[], source?: string) {
    super(issues, source, "(kit)");
    this.name = "KitValidationError";
  }
}

/** Validates a kit document; throws KitValidationError naming every bad field. */
export function parseKit(input: unknown, source?: string): BrandKit {
  const result = BrandKitSchema.safeParse(input);
  if (!result.success) {
    throw new KitValidationError(zodIssues(result.error), source);
  }
  return result.data;
}

/** Palette roles in display order: the core roles first, then custom roles by name. */
export function paletteRoles(kit: Pick<BrandKit, "palette">): string[] {
  const custom = Object.keys(kit.palette)
    .filter((r) => !(PALETTE_ROLES as readonly string[]).includes(r))
    .sort();
  return [...PALETTE_ROLES, ...custom];
}

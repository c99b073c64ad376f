// Editor actions on a kit that involve files: fonts and logos are validated and stored first,
// then the kit is saved as a new version in one step (a refused file changes nothing).
import { requireKit, saveKit } from "./kit.server.ts";
import type { Scope } from "../lib/auth/scope.ts";
import { readKitFile, storeFont, storeLogo } from "./files.server.ts";
import { paletteFromImage, proposeRoles } from "../lib/kit/palette-from-image.server.ts";
import { LOGO_VARIANTS, TYPE_ROLES, type BrandKit, type LogoVariant, type TypeRole } from "../lib/kit/schema.ts";

export function isTypeRole(v: unknown): v is TypeRole {
  return typeof v === "string" && (TYPE_ROLES as readonly string[]).includes(v);
}
export function isLogoVariant(v: unknown): v is LogoVariant {
  return typeof v === "string" && (LOGO_VARIANTS as readonly string[]).includes(v);
}

/** Adds an uploaded font to a role. A font of another family replaces the role's faces. */
export async function addFont(scope: Scope, slug: string, role: TypeRole, bytes: Uint8Array, fileName: string, baseVersion?: number) {
  const font = await storeFont(bytes, fileName);
  const { kit } = await requireKit(scope, slug);
  const next: BrandKit = structuredClone(kit);
  const target = next.typography[role];
  const face = { weight: font.weight, style: font.style, src: font.src };
  if (target.family !== font.family) {
    target.family = font.family;
    target.files = [face];
  } else {
    target.files = [...target.files.filter((f) => !(f.weight === face.weight && f.style === face.style)), face].sort((a, b) => a.weight - b.weight);
  }
  const saved = await saveKit(scope, slug, next, { baseVersion, summary: `${role} font: ${font.family} ${font.subfamily} (${font.weight})` });
  return { ...saved, font };
}

export async function removeFont(scope: Scope, slug: string, role: TypeRole, index: number, baseVersion?: number) {
  const { kit } = await requireKit(scope, slug);
  const next: BrandKit = structuredClone(kit);
  next.typography[role].files.splice(index, 1);
  return saveKit(scope, slug, next, { baseVersion });
}

export async function setLogo(scope: Scope, slug: string, variant: LogoVariant, bytes: Uint8Array, fileName: string, baseVersion?: number) {
  const logo = await storeLogo(bytes, fileName);
  const { kit } = await requireKit(scope, slug);
  const next: BrandKit = structuredClone(kit);
  next.logos[variant] = { src: logo.src, mime: logo.mime };
  const saved = await saveKit(scope, slug, next, { baseVersion, summary: `${variant} logo: ${fileName}` });
  return { ...saved, removed: logo.removed };
}

export async function removeLogo(scope: Scope, slug: string, variant: LogoVariant, baseVersion?: number) {
  const { kit } = await requireKit(scope, slug);
  const next: BrandKit = structuredClone(kit);
  delete next.logos[variant];
  return saveKit(scope, slug, next, { baseVersion });
}

/** Proposes palette roles from an uploaded image or, without one, the kit's primary logo. */
export async function paletteFromLogo(scope: Scope, slug: string, upload?: { bytes: Uint8Array; fileName: string }) {
  let bytes: Uint8Array;
  if (upload) {
    // Validated and stored first (type, bytes, pixels; SVG sanitised); the clean copy is what we read.
    const stored = await storeLogo(upload.bytes, upload.fileName);
    bytes = await readKitFile(stored.src, "logo");
  } else {
    const { kit } = await requireKit(scope, slug);
    const logo = kit.logos.primary ?? kit.logos.mark;
    if (!logo) throw new Error("logo: upload an image, or add a primary logo to the kit first");
    bytes = await readKitFile(logo.src, "logos.primary");
  }
  const { colours } = await paletteFromImage(bytes);
  return { colours, proposal: proposeRoles(colours) };
}

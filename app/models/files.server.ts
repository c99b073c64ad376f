// Fonts and logos: validated, stored content-addressed, recorded with their metadata, and resolved
// back to bytes. Kit documents in the database only ever hold `sha256:` references.
import type { Scope } from "../lib/auth/scope.ts";
import { prisma } from "../db.server.ts";
import { getEnv } from "../env.server.ts";
import { getBlobStore, sha256 } from "../storage.server.ts";
import { parseFontUpload } from "../lib/upload/font.server.ts";
import { inspectImage } from "../lib/upload/image.server.ts";
import { sanitizeSvg } from "../lib/upload/svg-sanitize.ts";
import { UploadError } from "../lib/upload/errors.ts";
import { FieldError } from "../lib/errors.ts";
import { isStoredRef, resolveFileRef, storedRef, type ResolveOptions } from "../lib/kit/files.server.ts";
import { LOGO_VARIANTS, TYPE_ROLES, type BrandKit, type Logo } from "../lib/kit/schema.ts";

export interface StoredFont {
  src: string;
  family: string;
  subfamily: string;
  weight: number;
  style: "normal" | "italic";
  format: string;
}

/** Validates a font (WOFF2 is converted for pdfkit), stores it and records its metadata. */
export async function storeFont(bytes: Uint8Array, fileName: string): Promise<StoredFont> {
  // A font already stored and recorded was validated when it arrived: skip the (slow) probe.
  const key = sha256(bytes);
  const known = await prisma.fontFile.findUnique({ where: { sha256: key }, select: { family: true, subfamily: true, weight: true, style: true, format: true } });
  if (known && (await getBlobStore().has(key))) {
    return { src: storedRef(key), ...known, style: known.style === "italic" ? "italic" : "normal" };
  }
  const font = await parseFontUpload(bytes, fileName, { maxBytes: getEnv().MARQUE_MAX_UPLOAD_BYTES });
  const storedKey = await getBlobStore().put(font.bytes);
  const meta = {
    family: font.family,
    subfamily: font.subfamily,
    weight: font.weight,
    style: font.style,
    format: font.format,
    bytes: font.bytes.length,
    originalName: fileName.slice(0, 200),
  };
  await prisma.fontFile.upsert({ where: { sha256: storedKey }, create: { sha256: storedKey, ...meta }, update: {} });
  return { src: storedRef(storedKey), family: font.family, subfamily: font.subfamily, weight: font.weight, style: font.style, format: font.format };
}

export interface StoredLogo extends Logo {
  width: number;
  height: number;
  /** What the sanitiser removed, in words, for the UI to show. */
  removed: string[];
}

/** Sanitises an SVG logo or checks a raster one (bytes, pixels, real image), then stores it. */
export async function storeLogo(bytes: Uint8Array, fileName: string): Promise<StoredLogo> {
  const env = getEnv();
  const info = await inspectImage(bytes, { fileName, maxBytes: env.MARQUE_MAX_UPLOAD_BYTES, maxPixels: env.MARQUE_MAX_IMAGE_PIXELS });
  let stored: Uint8Array = bytes;
  let removed: string[] = [];
  let { width, height } = info;
  if (info.mime === "image/svg+xml") {
    const clean = sanitizeSvg(bytes, { fileName, maxBytes: env.MARQUE_MAX_UPLOAD_BYTES });
    stored = Buffer.from(clean.svg, "utf8");
    removed = clean.removed;
    width = clean.width;
    height = clean.height;
  }
  const key = await getBlobStore().put(stored);
  await prisma.logoFile.upsert({
    where: { sha256: key },
    create: { sha256: key, mime: info.mime, width: Math.round(width), height: Math.round(height), bytes: stored.length, originalName: fileName.slice(0, 200) },
    update: {},
  });
  return { src: storedRef(key), mime: info.mime, width, height, removed };
}

/**
 * Brings every font and logo of an imported kit into storage (validating each one) and returns the
 * kit with `sha256:` references. Nothing is recorded in a kit until all files passed.
 */
export async function internaliseKit(kit: BrandKit, opts: ResolveOptions = {}): Promise<{ kit: BrandKit; notes: string[] }> {
  const out: BrandKit = structuredClone(kit);
  const notes: string[] = [];
  const maxBytes = getEnv().MARQUE_MAX_UPLOAD_BYTES;
  for (const role of TYPE_ROLES) {
    const files = out.typography[role].files;
    for (const [i, face] of files.entries()) {
      const field = `typography.${role}.files.${i}.src`;
      if (isStoredRef(face.src) && (await getBlobStore().has(face.src.slice(7)))) continue;
      const bytes = await resolveFileRef(face.src, field, { ...opts, maxBytes });
      const stored = await withField(field, () => storeFont(bytes, fileNameOf(face.src, "font")));
      files[i] = { ...face, src: stored.src };
    }
  }
  for (const variant of LOGO_VARIANTS) {
    const logo = out.logos[variant];
    if (!logo) continue;
    const field = `logos.${variant}.src`;
    if (isStoredRef(logo.src) && (await getBlobStore().has(logo.src.slice(7)))) continue;
    const bytes = await resolveFileRef(logo.src, field, { ...opts, maxBytes });
    const stored = await withField(field, () => storeLogo(bytes, fileNameOf(logo.src, `logo-${variant}`)));
    if (stored.removed.length) notes.push(`${field}: removed ${stored.removed.join(", ")}`);
    out.logos[variant] = { src: stored.src, mime: stored.mime };
  }
  return { kit: out, notes };
}

/** The kit with every file embedded as a data: URI, so the JSON stands alone (export, git). */
export async function portableKit(kit: BrandKit): Promise<BrandKit> {
  const out: BrandKit = structuredClone(kit);
  for (const role of TYPE_ROLES) {
    for (const face of out.typography[role].files) {
      if (!isStoredRef(face.src)) continue;
      const meta = await prisma.fontFile.findUnique({ where: { sha256: face.src.slice(7) }, select: { format: true } });
      const bytes = await resolveFileRef(face.src, `typography.${role}`);
      face.src = `data:font/${meta?.format ?? "ttf"};base64,${bytes.toString("base64")}`;
    }
  }
  for (const variant of LOGO_VARIANTS) {
    const logo = out.logos[variant];
    if (!logo || !isStoredRef(logo.src)) continue;
    const bytes = await resolveFileRef(logo.src, `logos.${variant}`);
    logo.src = `data:${logo.mime};base64,${bytes.toString("base64")}`;
  }
  return out;
}

/** Reads a stored kit file (font or logo) by reference. */
export async function readKitFile(src: string, field: string): Promise<Buffer> {
  return resolveFileRef(src, field);
}

function fileNameOf(src: string, fallback: string): string {
  if (src.startsWith("data:")) {
    const mime = /^data:([^;,]+)/.exec(src)?.[1] ?? "";
    const ext = mime.split("/")[1]?.replace("svg+xml", "svg") ?? "bin";
    return `${fallback}.${ext}`;
  }
  if (src.startsWith("sha256:")) return fallback;
  return src.split("/").pop() ?? fallback;
}

async function withField<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UploadError) throw new FieldError(field, error.message, { cause: error });
    throw error;
  }
}

/** True when a kit of the workspace references the file, in its current or any earlier version. */
export async function kitFileInWorkspace(scope: Scope, key: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(key)) return false;
  const ref = `sha256:${key}`;
  const kit = await prisma.kit.findFirst({ where: { workspaceId: scope.workspaceId, data: { contains: ref } }, select: { id: true } });
  if (kit) return true;
  const version = await prisma.kitVersion.findFirst({ where: { kit: { workspaceId: scope.workspaceId }, data: { contains: ref } }, select: { id: true } });
  return Boolean(version);
}

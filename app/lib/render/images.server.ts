// Normalises image and logo bytes once per render: EXIF rotation applied, formats other than PNG
// and JPEG converted (pdfkit embeds only those, librsvg reliably decodes only those), intrinsic
// size read, and SVG logos measured from their viewBox. Results are cached by content hash.
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { ImageNode, LogoNode, Scene } from "./scene.ts";

export interface PreparedImage {
  kind: "raster";
  bytes: Buffer;
  mime: "image/png" | "image/jpeg";
  width: number;
  height: number;
}

export interface PreparedSvg {
  kind: "svg";
  svg: string;
  width: number;
  height: number;
}

export type PreparedAsset = PreparedImage | PreparedSvg;

/** Prepared assets by node (the parsed scene's node objects). */
export type Assets = WeakMap<ImageNode | LogoNode, PreparedAsset>;

export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageError";
  }
}

const cache = new Map<string, Promise<PreparedImage>>();
const MAX_CACHE = 64;

export function prepareImage(bytes: Uint8Array, what = "image"): Promise<PreparedImage> {
  const key = createHash("sha256").update(bytes).digest("hex");
  let hit = cache.get(key);
  if (!hit) {
    hit = normalise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), what);
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

async function normalise(input: Buffer, what: string): Promise<PreparedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input).metadata();
  } catch (error) {
    throw new ImageError(`${what}: not a readable image (${(error as Error).message})`);
  }
  const rotated = (meta.orientation ?? 1) > 1;
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  if (!width || !height) throw new ImageError(`${what}: image has no size`);
  if (!rotated && (meta.format === "png" || meta.format === "jpeg") && (meta.pages ?? 1) === 1) {
    return { kind: "raster", bytes: input, mime: meta.format === "png" ? "image/png" : "image/jpeg", width, height };
  }
  const pipeline = sharp(input).rotate();
  const bytes = meta.hasAlpha ? await pipeline.png().toBuffer() : await pipeline.jpeg({ quality: 92 }).toBuffer();
  return { kind: "raster", bytes, mime: meta.hasAlpha ? "image/png" : "image/jpeg", width, height };
}

/** Intrinsic size of an SVG document from its viewBox, else its width/height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) throw new ImageError("logo: not an SVG document");
  const viewBox = /\bviewBox\s*=\s*["']([^"']+)["']/i.exec(root)?.[1]?.trim().split(/[\s,]+/).map(Number);
  if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && (viewBox[2] ?? 0) > 0 && (viewBox[3] ?? 0) > 0) {
    return { width: viewBox[2] ?? 1, height: viewBox[3] ?? 1 };
  }
  const num = (name: string) => Number.parseFloat(new RegExp(`\\b${name}\\s*=\\s*["']([0-9.]+)`, "i").exec(root)?.[1] ?? "");
  const width = num("width");
  const height = num("height");
  if (width > 0 && height > 0) return { width, height };
  throw new ImageError("logo: the SVG has neither a viewBox nor a width and height");
}

/** Prepares every image and logo of a scene (including inside groups). */
export async function prepareAssets(scene: Scene): Promise<Assets> {
  const assets: Assets = new WeakMap();
  const jobs: Promise<void>[] = [];
  const visit = (node: Scene["nodes"][number], path: string) => {
    if (node.type === "group") node.children.forEach((child, i) => visit(child, `${path}.children.${i}`));
    else if (node.type === "image") jobs.push(prepareImage(node.bytes, `${path} (image)`).then((p) => void assets.set(node, p)));
    else if (node.type === "logo") {
      if (node.svg !== undefined) assets.set(node, { kind: "svg", svg: node.svg, ...svgSize(node.svg) });
      else if (node.bytes) jobs.push(prepareImage(node.bytes, `${path} (logo)`).then((p) => void assets.set(node, p)));
    }
  };
  scene.nodes.forEach((node, i) => visit(node, `nodes.${i}`));
  await Promise.all(jobs);
  return assets;
}

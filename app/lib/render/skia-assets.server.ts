// Photos and SVG logos for the Skia backend, made ready before the synchronous drawing pass:
// photos decoded once while cached, SVG logos drawn by librsvg (the renderer the SVG output and the
// old raster path use) once per logo, device size and sub-pixel offset, and reused as bitmaps.
import { createHash } from "node:crypto";
import { createCanvas, Image, ImageData, type Canvas } from "@napi-rs/canvas";
import sharp from "sharp";
import { ByteLru } from "./byte-lru.ts";
import { ALIGN_FRACTION, fitRect, type Rect } from "./geometry.ts";
import type { Assets, PreparedImage, PreparedSvg } from "./images.server.ts";
import type { LaidItem } from "./layout.ts";

// Decoded photos by prepared image (the prepared-image cache hands back the same object for the same
// bytes), so a live preview re-typed ten times decodes its photo once.
const photos = new ByteLru<PreparedImage, Image>(32 * 1024 * 1024);

async function decodePhoto(asset: PreparedImage): Promise<Image> {
  let img = photos.get(asset);
  if (!img) {
    img = new Image();
    img.src = asset.bytes;
    await img.decode();
    if (!img.width || !img.height) throw new Error(`image of ${asset.width}×${asset.height} px could not be decoded for drawing`);
    photos.set(asset, img, img.width * img.height * 4);
  }
  return img;
}

// SVG logos drawn by librsvg (the same renderer and output as before this backend), keyed by the
// SVG's hash, the device size and the sub-pixel offset: a kit's logo at a template's place is drawn once.
const logos = new ByteLru<string, Canvas>(8 * 1024 * 1024);

export interface LogoPlacement {
  key: string;
  /** Integer device pixel of the bitmap's top-left. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** The logo's box inside the bitmap, device px. */
  inner: Rect;
  svg: string;
}

// By the SVG text itself: a kit's logo string is the same object render after render, so the lookup
// does not even rehash it.
const svgHashes = new Map<string, string>();

function logoPlacement(asset: PreparedSvg, r: Rect, sx: number, sy: number): LogoPlacement {
  let hash = svgHashes.get(asset.svg);
  if (!hash) {
    hash = createHash("sha256").update(asset.svg).digest("hex");
    if (svgHashes.size >= 64) svgHashes.delete(svgHashes.keys().next().value as string);
    svgHashes.set(asset.svg, hash);
  }
  const dev = { x: r.x * sx, y: r.y * sy, w: r.w * sx, h: r.h * sy };
  const x = Math.floor(dev.x);
  const y = Math.floor(dev.y);
  const w = Math.max(1, Math.ceil(dev.x + dev.w) - x);
  const h = Math.max(1, Math.ceil(dev.y + dev.h) - y);
  const inner = { x: dev.x - x, y: dev.y - y, w: dev.w, h: dev.h };
  const k = (v: number) => Math.round(v * 1000);
  return { key: `${hash}|${k(inner.x)}|${k(inner.y)}|${k(inner.w)}|${k(inner.h)}|${w}|${h}`, x, y, w, h, inner, svg: asset.svg };
}

async function logoBitmap(p: LogoPlacement): Promise<Canvas> {
  const hit = logos.get(p.key);
  if (hit) return hit;
  const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
  const href = `data:image/svg+xml;base64,${Buffer.from(p.svg).toString("base64")}`;
  const wrapper =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${p.w}" height="${p.h}" viewBox="0 0 ${p.w} ${p.h}">` +
    `<image x="${n(p.inner.x)}" y="${n(p.inner.y)}" width="${n(p.inner.w)}" height="${n(p.inner.h)}" preserveAspectRatio="none" xlink:href="${href}"/></svg>`;
  const { data, info } = await sharp(Buffer.from(wrapper)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const canvas = createCanvas(info.width, info.height);
  canvas.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height), 0, 0);
  logos.set(p.key, canvas, info.width * info.height * 4);
  return canvas;
}

/** Drops the decoded photos and logo bitmaps. */
export function clearAssetBitmaps(): void {
  photos.clear();
  logos.clear();
  svgHashes.clear();
}

/** Decoded photos and drawn SVG logos of one render, ready before the synchronous drawing pass. */
export interface Ready {
  photos: Map<PreparedImage, Image>;
  logos: Map<LaidItem, { place: LogoPlacement; bitmap: Canvas }>;
}

export async function prepareDrawing(items: readonly LaidItem[], assets: Assets, sx: number, sy: number): Promise<Ready> {
  const ready: Ready = { photos: new Map(), logos: new Map() };
  const jobs: Promise<void>[] = [];
  const visit = (item: LaidItem) => {
    if (item.kind === "group") return item.children.forEach(visit);
    if (item.kind !== "shape" || (item.node.type !== "logo" && item.node.type !== "image")) return;
    const node = item.node;
    const asset = assets.get(node);
    if (!asset) throw new Error(`${node.type} was not prepared: call prepareAssets(scene) first`);
    if (asset.kind === "raster") {
      if (!ready.photos.has(asset)) jobs.push(decodePhoto(asset).then((img) => void ready.photos.set(asset, img)));
    } else if (node.type === "logo") {
      const r = fitRect(node, asset.width, asset.height, "contain", ALIGN_FRACTION[node.align], ALIGN_FRACTION[node.valign]);
      const place = logoPlacement(asset, r, sx, sy);
      jobs.push(logoBitmap(place).then((bitmap) => void ready.logos.set(item, { place, bitmap })));
    }
  };
  items.forEach(visit);
  await Promise.all(jobs);
  return ready;
}

// Scene layout -> raw RGBA pixels with Skia (@napi-rs/canvas), for sharp to encode (raster.server.ts).
// Shapes are Skia paths; text comes from glyph and line bitmaps (skia-text.server.ts); photos and SVG
// logos are made ready first (skia-assets.server.ts). Canvases are reused between renders.
import { createCanvas, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
import { ALIGN_FRACTION, fitRect, type Rect } from "./geometry.ts";
import type { Assets, PreparedAsset, PreparedImage } from "./images.server.ts";
import type { LaidItem, SceneLayout } from "./layout.ts";
import { clearAssetBitmaps, prepareDrawing, type Ready } from "./skia-assets.server.ts";
import { clearTextBitmaps, drawLines } from "./skia-text.server.ts";

export interface Pixels {
  /** RGBA, 4 bytes a pixel, row after row; premultiplied by alpha unless `opaque`. */
  data: Buffer;
  width: number;
  height: number;
  /** Every pixel has alpha 255 (the scene has a background), so premultiplied equals straight RGBA. */
  opaque: boolean;
  /**
   * Hands the canvas back for reuse once the pixels are encoded. `data` is the canvas's own memory
   * (Canvas#data() does not copy), so keep this object reachable until then and do not read `data` after.
   */
  release(): void;
}

// Canvases for reuse. A fresh 1080×1350 canvas costs ~2 ms of page faults on its first fill, and its
// 5.8 MB of external memory brings V8's next GC forward; a reused one costs neither. Only canvases
// that are not being drawn or encoded wait here: the two released last (a batch at concurrency 2 of
// one size reuses them), up to 16 MB each (a 300 dpi A4 is never kept).
const POOL_SIZE = 2;
const POOL_MAX_CANVAS = 16 * 1024 * 1024;
const pool: Canvas[] = [];

function acquireCanvas(width: number, height: number): Canvas {
  const i = pool.findIndex((c) => c.width === width && c.height === height);
  if (i < 0) return createCanvas(width, height);
  const [canvas] = pool.splice(i, 1);
  return canvas ?? createCanvas(width, height);
}

function releaseCanvas(canvas: Canvas): void {
  if (canvas.width * canvas.height * 4 > POOL_MAX_CANVAS || pool.includes(canvas)) return;
  pool.push(canvas);
  while (pool.length > POOL_SIZE) pool.shift();
}

/** Empties every cache of the Skia backend: pooled canvases, text, logo and photo bitmaps (tests). */
export function clearRasterCaches(): void {
  pool.length = 0;
  clearTextBitmaps();
  clearAssetBitmaps();
}

class SkiaPainter {
  constructor(
    private readonly ctx: SKRSContext2D,
    private readonly assets: Assets,
    private readonly sx: number,
    private readonly sy: number,
    private readonly width: number,
    private readonly height: number,
    private readonly ready: Ready,
  ) {}

  private base(ctx = this.ctx): void {
    ctx.setTransform(this.sx, 0, 0, this.sy, 0, 0);
  }

  /**
   * Draws into an offscreen layer composited once at `opacity`, as SVG group opacity does (a stroked
   * and filled shape, or overlapping children, must not show through themselves).
   */
  private layer(target: SKRSContext2D, opacity: number, draw: (ctx: SKRSContext2D) => void): void {
    const canvas = createCanvas(this.width, this.height);
    const ctx = canvas.getContext("2d");
    this.base(ctx);
    draw(ctx);
    target.save();
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.globalAlpha *= opacity;
    target.drawImage(canvas, 0, 0);
    target.restore();
  }

  item(item: LaidItem, ctx: SKRSContext2D = this.ctx): void {
    if (item.kind === "text") return drawLines(ctx, item.block.lines, this.sx, this.sy);
    if (item.kind === "group") {
      const { clip, opacity } = item.node;
      ctx.save();
      if (clip) {
        ctx.beginPath();
        ctx.roundRect(clip.x, clip.y, clip.w, clip.h, clip.radius);
        ctx.clip();
      }
      if (opacity < 1) this.layer(ctx, opacity, (layer) => item.children.forEach((child) => this.item(child, layer)));
      else item.children.forEach((child) => this.item(child, ctx));
      ctx.restore();
      return;
    }
    const node = item.node;
    switch (node.type) {
      case "rect":
      case "ellipse": {
        const stroke = node.stroke && node.strokeWidth > 0 ? node.stroke : undefined;
        if (!node.fill && !stroke) return;
        const draw = (c: SKRSContext2D, alpha: number) => {
          c.save();
          c.globalAlpha *= alpha;
          c.beginPath();
          if (node.type === "rect") {
            if (node.radius > 0) c.roundRect(node.x, node.y, node.w, node.h, node.radius);
            else c.rect(node.x, node.y, node.w, node.h);
          } else c.ellipse(node.cx, node.cy, node.rx, node.ry, 0, 0, 2 * Math.PI);
          if (node.fill) {
            c.fillStyle = node.fill;
            c.fill();
          }
          if (stroke) {
            c.strokeStyle = stroke;
            c.lineWidth = node.strokeWidth;
            c.stroke();
          }
          c.restore();
        };
        if (node.fill && stroke && node.opacity < 1) this.layer(ctx, node.opacity, (layer) => draw(layer, 1));
        else draw(ctx, node.opacity);
        return;
      }
      case "line": {
        ctx.save();
        ctx.globalAlpha *= node.opacity;
        ctx.beginPath();
        const straight = node.x1 === node.x2 || node.y1 === node.y2;
        if (straight && !node.dash && node.cap !== "round") {
          // A rule as the rectangle it covers: Skia fills rectangles with exact edge coverage, where a
          // stroked path gets 4 samples per pixel row (a 0.75 px rule in a thumbnail came out 0.5 px).
          const half = node.width / 2;
          const ext = node.cap === "square" ? half : 0;
          const x = Math.min(node.x1, node.x2);
          const y = Math.min(node.y1, node.y2);
          if (node.y1 === node.y2) ctx.rect(x - ext, y - half, Math.abs(node.x2 - node.x1) + 2 * ext, node.width);
          else ctx.rect(x - half, y - ext, node.width, Math.abs(node.y2 - node.y1) + 2 * ext);
          ctx.fillStyle = node.colour;
          ctx.fill();
          ctx.restore();
          return;
        }
        ctx.moveTo(node.x1, node.y1);
        ctx.lineTo(node.x2, node.y2);
        ctx.strokeStyle = node.colour;
        ctx.lineWidth = node.width;
        ctx.lineCap = node.cap;
        if (node.dash) ctx.setLineDash([node.dash[0], node.dash[1]]);
        ctx.stroke();
        ctx.restore();
        return;
      }
      case "image": {
        const asset = this.asset(node);
        if (asset.kind !== "raster") throw new Error("image: expected raster bytes");
        const r = fitRect(node, asset.width, asset.height, node.fit, node.focusX, node.focusY);
        ctx.save();
        ctx.globalAlpha *= node.opacity;
        ctx.beginPath();
        ctx.roundRect(node.x, node.y, node.w, node.h, node.radius);
        ctx.clip();
        this.drawRaster(ctx, asset, r);
        ctx.restore();
        return;
      }
      case "logo": {
        const asset = this.asset(node);
        ctx.save();
        ctx.globalAlpha *= node.opacity;
        if (asset.kind === "raster") {
          const r = fitRect(node, asset.width, asset.height, "contain", ALIGN_FRACTION[node.align], ALIGN_FRACTION[node.valign]);
          this.drawRaster(ctx, asset, r);
        } else {
          const logo = this.ready.logos.get(item);
          if (!logo) throw new Error("logo bitmap was not prepared");
          // Device pixels, one to one: the bitmap already holds the logo at its sub-pixel place.
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.drawImage(logo.bitmap, logo.place.x, logo.place.y);
        }
        ctx.restore();
        return;
      }
    }
  }

  private drawRaster(ctx: SKRSContext2D, asset: PreparedImage, r: Rect): void {
    const img = this.ready.photos.get(asset);
    if (!img) throw new Error("image was not decoded");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(img, r.x, r.y, r.w, r.h);
  }

  private asset(node: Parameters<Assets["get"]>[0]): PreparedAsset {
    const asset = this.assets.get(node);
    if (!asset) throw new Error(`${node.type} was not prepared: call prepareAssets(scene) first`);
    return asset;
  }
}

/** Draws a laid-out scene at `width`×`height` px (the scene's px size scaled to fit exactly). */
export async function layoutToPixels(layout: SceneLayout, assets: Assets, width: number, height: number): Promise<Pixels> {
  const { scene } = layout;
  const sx = width / scene.width;
  const sy = height / scene.height;
  // Photos and SVG logos first (async, cached): the drawing pass below is synchronous.
  const ready = await prepareDrawing(layout.items, assets, sx, sy);

  const canvas = acquireCanvas(width, height);
  const ctx = canvas.getContext("2d");
  // A pooled canvas keeps its last pixels and state: reset clears both (and costs ~0.1 ms). In
  // @napi-rs/canvas 0.1.100 reset() leaves the deferred recorder's matrix as it was, so the identity
  // is set again, and every render draws inside save()/restore() so it leaves no clip behind.
  ctx.reset();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.save();
  if (scene.background) {
    ctx.fillStyle = scene.background;
    ctx.fillRect(0, 0, width, height);
  }
  ctx.setTransform(sx, 0, 0, sy, 0, 0);
  const painter = new SkiaPainter(ctx, assets, sx, sy, width, height, ready);
  for (const item of layout.items) painter.item(item);
  ctx.restore();
  let released = false;
  const release = () => {
    if (!released) releaseCanvas(canvas);
    released = true;
  };
  return { data: canvas.data(), width, height, opaque: scene.background !== undefined, release };
}

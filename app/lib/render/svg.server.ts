// Scene layout -> SVG with every glyph as an outline path (defined once per font and glyph, placed
// with <use>), so librsvg never needs a font: it would silently substitute DejaVu otherwise.
import type { FontFace } from "./font-face.ts";
import { ALIGN_FRACTION, fitRect, type Rect } from "./geometry.ts";
import type { Assets, PreparedAsset } from "./images.server.ts";
import type { LaidItem, SceneLayout } from "./layout.ts";
import type { LaidLine } from "./text-lines.ts";

export interface SvgOptions {
  /** Output pixel size; the viewBox stays the scene's px size. Defaults to the scene size. */
  width?: number;
  height?: number;
}

const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
// Glyph scales (size ÷ units per em, ~0.005–0.1) need significant digits, not 3 decimals: 0.0195
// written as 0.02 drew 40 px text 2.4% too large.
const scale = (v: number) => Number(v.toPrecision(6)).toString();

class SvgWriter {
  private readonly defs: string[] = [];
  private readonly glyphIds = new Map<string, string>();
  private readonly faceIndex = new Map<FontFace, number>();
  private clipCount = 0;
  readonly body: string[] = [];

  constructor(private readonly assets: Assets) {}

  glyphRef(face: FontFace, gid: number): string {
    let fi = this.faceIndex.get(face);
    if (fi === undefined) {
      fi = this.faceIndex.size;
      this.faceIndex.set(face, fi);
    }
    const key = `${fi}-${gid}`;
    let id = this.glyphIds.get(key);
    if (!id) {
      id = `g${key}`;
      this.glyphIds.set(key, id);
      this.defs.push(`<path id="${id}" d="${face.glyphPath(gid)}"/>`);
    }
    return id;
  }

  clip(rect: Rect, radius: number): string {
    const id = `c${this.clipCount++}`;
    this.defs.push(`<clipPath id="${id}"><rect x="${n(rect.x)}" y="${n(rect.y)}" width="${n(rect.w)}" height="${n(rect.h)}" rx="${n(radius)}"/></clipPath>`);
    return id;
  }

  lines(lines: readonly LaidLine[]): void {
    for (const line of lines) {
      for (const run of line.runs) {
        if (!run.glyphs.length) continue;
        const k = run.size / run.face.unitsPerEm;
        const parts = run.glyphs.map(
          (g) => `<use xlink:href="#${this.glyphRef(run.face, g.id)}" transform="matrix(${scale(k)} 0 0 ${scale(-k)} ${n(g.x)} ${n(g.y)})"/>`,
        );
        const op = run.opacity < 1 ? ` fill-opacity="${n(run.opacity)}"` : "";
        this.body.push(`<g fill="${run.colour}"${op}>${parts.join("")}</g>`);
      }
    }
  }

  item(item: LaidItem): void {
    if (item.kind === "text") return this.lines(item.block.lines);
    if (item.kind === "group") {
      const { clip, opacity } = item.node;
      const attrs = [clip ? ` clip-path="url(#${this.clip(clip, clip.radius)})"` : "", opacity < 1 ? ` opacity="${n(opacity)}"` : ""].join("");
      this.body.push(`<g${attrs}>`);
      item.children.forEach((child) => this.item(child));
      this.body.push("</g>");
      return;
    }
    const node = item.node;
    const op = "opacity" in node && node.opacity < 1 ? ` opacity="${n(node.opacity)}"` : "";
    switch (node.type) {
      case "rect": {
        const paint = `fill="${node.fill ?? "none"}"${node.stroke && node.strokeWidth > 0 ? ` stroke="${node.stroke}" stroke-width="${n(node.strokeWidth)}"` : ""}`;
        this.body.push(`<rect x="${n(node.x)}" y="${n(node.y)}" width="${n(node.w)}" height="${n(node.h)}" rx="${n(node.radius)}" ${paint}${op}/>`);
        return;
      }
      case "ellipse": {
        const paint = `fill="${node.fill ?? "none"}"${node.stroke && node.strokeWidth > 0 ? ` stroke="${node.stroke}" stroke-width="${n(node.strokeWidth)}"` : ""}`;
        this.body.push(`<ellipse cx="${n(node.cx)}" cy="${n(node.cy)}" rx="${n(node.rx)}" ry="${n(node.ry)}" ${paint}${op}/>`);
        return;
      }
      case "line": {
        const dash = node.dash ? ` stroke-dasharray="${n(node.dash[0])} ${n(node.dash[1])}"` : "";
        this.body.push(
          `<line x1="${n(node.x1)}" y1="${n(node.y1)}" x2="${n(node.x2)}" y2="${n(node.y2)}" stroke="${node.colour}" stroke-width="${n(node.width)}" stroke-linecap="${node.cap}"${dash}${op}/>`,
        );
        return;
      }
      case "image": {
        const asset = this.asset(node);
        const r = fitRect(node, asset.width, asset.height, node.fit, node.focusX, node.focusY);
        const clip = this.clip(node, node.radius);
        this.body.push(`<g clip-path="url(#${clip})"${op}>${this.image(asset, r)}</g>`);
        return;
      }
      case "logo": {
        const asset = this.asset(node);
        const r = fitRect(node, asset.width, asset.height, "contain", ALIGN_FRACTION[node.align], ALIGN_FRACTION[node.valign]);
        this.body.push(op ? `<g${op}>${this.image(asset, r)}</g>` : this.image(asset, r));
        return;
      }
    }
  }

  private asset(node: Parameters<Assets["get"]>[0]): PreparedAsset {
    const asset = this.assets.get(node);
    if (!asset) throw new Error(`${node.type} was not prepared: call prepareAssets(scene) first`);
    return asset;
  }

  private image(asset: PreparedAsset, r: Rect): string {
    const href =
      asset.kind === "svg"
        ? `data:image/svg+xml;base64,${Buffer.from(asset.svg).toString("base64")}`
        : `data:${asset.mime};base64,${asset.bytes.toString("base64")}`;
    return `<image x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" preserveAspectRatio="none" xlink:href="${href}"/>`;
  }

  document(width: number, height: number, viewW: number, viewH: number, background?: string): string {
    const bg = background ? `<rect width="${n(viewW)}" height="${n(viewH)}" fill="${background}"/>` : "";
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${n(viewW)} ${n(viewH)}" preserveAspectRatio="none">` +
      `<defs>${this.defs.join("")}</defs>${bg}${this.body.join("")}</svg>`
    );
  }
}

/** Renders a laid-out scene as a self-contained SVG (no fonts, images inlined as data URIs). */
export function sceneToSvg(layout: SceneLayout, assets: Assets, options: SvgOptions = {}): string {
  const { scene } = layout;
  const writer = new SvgWriter(assets);
  for (const item of layout.items) writer.item(item);
  const width = options.width ?? Math.round(scene.width);
  const height = options.height ?? Math.round(scene.height);
  return writer.document(width, height, scene.width, scene.height, scene.background);
}

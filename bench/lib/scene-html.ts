// The benchmark's "equivalent HTML": a laid-out Scene written as absolutely positioned HTML/CSS, so
// headless Chromium draws the same design — same page size, the kit's own font files (@font-face
// data URLs), the same texts, colours and sizes (text at the size our shrink-to-fit chose), boxes,
// rings, rules, logos and images — with the browser doing its own line breaking. Not pixel-identical:
// a fair approximation for timing.
import { resolveFileRef, type ResolveOptions } from "../../app/lib/kit/files.server.ts";
import type { BrandKit } from "../../app/lib/kit/schema.ts";
import type { LaidItem, SceneLayout } from "../../app/lib/render/layout.ts";
import type { LeafNode, RunStyle } from "../../app/lib/render/scene.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const px = (v: number) => `${Math.round(v * 100) / 100}px`;

const MIME: Record<string, string> = { ttf: "font/ttf", otf: "font/otf", woff: "font/woff" };

/** @font-face rules for every font file of the kit, as data URLs, one family per type role. */
export async function kitFontFaces(kit: BrandKit, opts: ResolveOptions = {}): Promise<string> {
  const rules: string[] = [];
  for (const role of ["heading", "body", "accent"] as const) {
    for (const [i, file] of kit.typography[role].files.entries()) {
      const bytes = await resolveFileRef(file.src, `typography.${role}.files.${i}.src`, opts);
      const ext = /\.(ttf|otf|woff)$/i.exec(file.src)?.[1]?.toLowerCase() ?? "ttf";
      rules.push(
        `@font-face{font-family:"r-${role}";font-weight:${file.weight};font-style:${file.style};src:url(data:${MIME[ext] ?? "font/ttf"};base64,${bytes.toString("base64")})}`,
      );
    }
  }
  // The engine falls back to Inter for a role without files; so does this page.
  const inter = await resolveFileRef("npm:@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf", "fallback");
  rules.push(`@font-face{font-family:"r-fallback";src:url(data:font/ttf;base64,${inter.toString("base64")})}`);
  return rules.join("\n");
}

function font(spec: { role: string; weight: number; style: string }): string {
  return `font-family:'r-${spec.role}','r-fallback';font-weight:${spec.weight};font-style:${spec.style}`;
}

function runStyle(s: RunStyle, scale: number): string {
  return `${font(s.font)};font-size:${px(s.size * scale)};line-height:${s.lineHeight};color:${s.colour};letter-spacing:${s.letterSpacing}em;${s.uppercase ? "text-transform:uppercase;" : ""}`;
}

function dataUrl(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  const mime = b[0] === 0x89 ? "image/png" : b[0] === 0xff ? "image/jpeg" : b.subarray(8, 12).toString() === "WEBP" ? "image/webp" : "image/png";
  return `data:${mime};base64,${b.toString("base64")}`;
}

function leaf(item: LaidItem): string {
  if (item.kind === "group") return "";
  const node = item.node as LeafNode;
  const op = "opacity" in node && node.opacity < 1 ? `opacity:${node.opacity};` : "";
  switch (node.type) {
    case "rect": {
      const stroke = node.stroke ? `border:${px(node.strokeWidth)} solid ${node.stroke};box-sizing:border-box;` : "";
      return `<div style="position:absolute;left:${px(node.x)};top:${px(node.y)};width:${px(node.w)};height:${px(node.h)};${node.fill ? `background:${node.fill};` : ""}${stroke}border-radius:${px(node.radius)};${op}"></div>`;
    }
    case "ellipse": {
      // An SVG stroke is centred on the outline; a border sits inside, so the box grows by half of it.
      const sw = node.stroke ? node.strokeWidth : 0;
      return `<div style="position:absolute;left:${px(node.cx - node.rx - sw / 2)};top:${px(node.cy - node.ry - sw / 2)};width:${px(2 * node.rx + sw)};height:${px(2 * node.ry + sw)};border-radius:50%;box-sizing:border-box;${node.fill ? `background:${node.fill};` : ""}${sw ? `border:${px(sw)} solid ${node.stroke};` : ""}${op}"></div>`;
    }
    case "line": {
      const len = Math.hypot(node.x2 - node.x1, node.y2 - node.y1);
      const angle = (Math.atan2(node.y2 - node.y1, node.x2 - node.x1) * 180) / Math.PI;
      const style = node.dash ? `border-top:${px(node.width)} dashed ${node.colour}` : `background:${node.colour};height:${px(node.width)}`;
      return `<div style="position:absolute;left:${px(node.x1)};top:${px(node.y1 - node.width / 2)};width:${px(len)};${style};transform-origin:0 50%;transform:rotate(${angle}deg);${op}"></div>`;
    }
    case "text": {
      if (item.kind !== "text") return "";
      const justify = node.valign === "middle" ? "center" : node.valign === "bottom" ? "flex-end" : "flex-start";
      const clamp = node.maxLines ? `display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:${node.maxLines};overflow:hidden;` : "";
      return `<div style="position:absolute;left:${px(node.x)};top:${px(node.y)};width:${px(node.w)};height:${px(node.h)};display:flex;flex-direction:column;justify-content:${justify};${op}"><div style="${font(node.font)};font-size:${px(item.block.size)};line-height:${node.lineHeight};letter-spacing:${node.letterSpacing}em;text-align:${node.align};color:${node.colour};white-space:pre-wrap;overflow-wrap:anywhere;${node.uppercase ? "text-transform:uppercase;" : ""}${clamp}">${esc(node.text)}</div></div>`;
    }
    case "leaders": {
      if (item.kind !== "text") return "";
      const scale = item.block.size / node.label.size;
      const rows = node.rows
        .map(
          (r) =>
            `<div style="break-inside:avoid;margin-bottom:${px(node.rowGap * scale)}"><div style="display:flex;align-items:baseline;gap:.3em"><span style="${runStyle(node.label, scale)}">${esc(r.label)}</span><span style="flex:1;border-bottom:${px(Math.max(1, 2 * scale))} dotted ${node.leader.colour};transform:translateY(-.25em)"></span><span style="${runStyle(node.price, scale)}">${esc(r.price)}</span></div>${r.detail && node.detail ? `<div style="${runStyle(node.detail, scale)}">${esc(r.detail)}</div>` : ""}</div>`,
        )
        .join("");
      return `<div style="position:absolute;left:${px(node.x)};top:${px(node.y)};width:${px(node.w)};height:${px(node.h)};column-count:${node.columns};column-gap:${px(node.columnGap)};${op}">${rows}</div>`;
    }
    case "image": {
      return `<img style="position:absolute;left:${px(node.x)};top:${px(node.y)};width:${px(node.w)};height:${px(node.h)};object-fit:${node.fit};object-position:${node.focusX * 100}% ${node.focusY * 100}%;border-radius:${px(node.radius)};${op}" src="${dataUrl(node.bytes)}">`;
    }
    case "logo": {
      const src = node.svg !== undefined ? `data:image/svg+xml;base64,${Buffer.from(node.svg).toString("base64")}` : dataUrl(node.bytes ?? new Uint8Array());
      const pos = `${{ left: 0, center: 50, right: 100 }[node.align]}% ${{ top: 0, middle: 50, bottom: 100 }[node.valign]}%`;
      return `<img style="position:absolute;left:${px(node.x)};top:${px(node.y)};width:${px(node.w)};height:${px(node.h)};object-fit:contain;object-position:${pos};${op}" src="${src}">`;
    }
  }
}

function items(list: readonly LaidItem[]): string {
  return list
    .map((item) => {
      if (item.kind !== "group") return leaf(item);
      const { clip, opacity } = item.node;
      const inner = items(item.children);
      if (!clip) return `<div style="position:absolute;inset:0;opacity:${opacity}">${inner}</div>`;
      return `<div style="position:absolute;left:${px(clip.x)};top:${px(clip.y)};width:${px(clip.w)};height:${px(clip.h)};border-radius:${px(clip.radius)};overflow:hidden;opacity:${opacity}"><div style="position:absolute;left:${px(-clip.x)};top:${px(-clip.y)}">${inner}</div></div>`;
    })
    .join("");
}

/** One HTML document for all pages of a design; `zoom` draws it at a print resolution for screenshots. */
export function layoutsToHtml(layouts: readonly SceneLayout[], fontFaces: string, opts: { zoom?: number } = {}): string {
  const first = layouts[0]?.scene;
  if (!first) throw new Error("no pages");
  const w = first.widthMm !== undefined ? `${first.widthMm}mm` : px(first.width);
  const h = first.heightMm !== undefined ? `${first.heightMm}mm` : px(first.height);
  const pages = layouts
    .map((l) => `<section style="position:relative;width:${px(l.scene.width)};height:${px(l.scene.height)};overflow:hidden;break-after:page;background:${l.scene.background ?? "#ffffff"}">${items(l.items)}</section>`)
    .join("");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${fontFaces}
@page{size:${w} ${h};margin:0}
html,body{margin:0;padding:0}${opts.zoom && opts.zoom !== 1 ? `html{zoom:${opts.zoom}}` : ""}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
</style></head><body>${pages}</body></html>`;
}

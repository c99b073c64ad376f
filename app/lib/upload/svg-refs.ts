// References inside an uploaded SVG: which hrefs may stay (internal #ids, embedded rasters whose bytes
// really are PNG/JPEG/WebP), and the <use> graph, which must be loop-free and of bounded expansion.
import type { Element as XmlElement } from "@xmldom/xmldom";
import { UploadError } from "./errors.ts";
import { IMAGE_HREF_ELEMENTS, INTERNAL_HREF_ELEMENTS, XLINK_NS } from "./svg-allowlist.ts";
import { describeReference, quoteForMessage } from "./svg-css.ts";
import { rasterSize } from "./raster-size.ts";

const ELEMENT = 1;
/** Elements drawn once every <use> is expanded; a "billion laughs" made of <use> trips this. */
const MAX_RENDERED_ELEMENTS = 50_000;

/** An embedded picture larger than this (4096×4096) could exhaust memory when the SVG is drawn. */
export const MAX_EMBEDDED_PIXELS = 4096 * 4096;
const EMBEDDED_RASTER = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/i;

/**
 * The href value to keep (`#id` of an existing element, or an embedded PNG/JPEG/WebP in <image> whose
 * bytes and size check out, whitespace removed), or the problem in words.
 */
export function checkHref(tag: string, value: string, ids: Set<string>): { keep: string } | { problem: string } {
  const trimmed = value.trim();
  if (INTERNAL_HREF_ELEMENTS.has(tag) && trimmed.startsWith("#") && ids.has(trimmed.slice(1))) return { keep: trimmed };
  if (IMAGE_HREF_ELEMENTS.has(tag)) {
    const compact = trimmed.replace(/\s+/g, "");
    const match = EMBEDDED_RASTER.exec(compact);
    if (match?.[1] && match[2]) {
      const kind = match[1].toLowerCase();
      const size = rasterSize(Buffer.from(match[2], "base64"));
      if (!size || !sniffMatches(kind, Buffer.from(match[2].slice(0, 64), "base64"))) {
        return { problem: `data: URI whose content is not a ${kind.toUpperCase()} picture` };
      }
      if (size.width * size.height > MAX_EMBEDDED_PIXELS) {
        return { problem: `embedded picture of ${size.width}×${size.height} pixels (more than 4096×4096)` };
      }
      return { keep: compact };
    }
  }
  return { problem: describeReference(trimmed) };
}

function sniffMatches(kind: string, head: Buffer): boolean {
  if (kind === "png") return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (kind === "jpeg") return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  return head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP";
}

/** Refuses <use> loops and <use> fan-out that would make a renderer draw millions of elements. */
export function checkUseExpansion(root: XmlElement, fileName: string) {
  const byId = new Map<string, XmlElement>();
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const id = el.getAttribute("id");
    if (id && !byId.has(id)) byId.set(id, el);
    for (const child of Array.from(el.childNodes)) if (child.nodeType === ELEMENT) stack.push(child as XmlElement);
  }
  const cost = new Map<XmlElement, number>();
  const visiting = new Set<XmlElement>();
  const weigh = (el: XmlElement, depth: number): number => {
    const known = cost.get(el);
    if (known !== undefined) return known;
    if (depth > 1000) throw new UploadError(fileName, "<use> references are chained more than 1000 deep; refused");
    if (visiting.has(el)) throw new UploadError(fileName, `<use> references form a loop (through #${quoteForMessage(el.getAttribute("id") ?? "?")})`);
    visiting.add(el);
    let total = 1;
    for (const child of Array.from(el.childNodes)) if (child.nodeType === ELEMENT) total += weigh(child as XmlElement, depth + 1);
    if (el.localName === "use") {
      const ref = (el.getAttributeNS(XLINK_NS, "href") || el.getAttribute("href") || "").slice(1);
      const target = byId.get(ref);
      if (target) total += weigh(target, depth + 1);
    }
    visiting.delete(el);
    total = Math.min(total, MAX_RENDERED_ELEMENTS + 1);
    cost.set(el, total);
    return total;
  };
  if (weigh(root, 0) > MAX_RENDERED_ELEMENTS) {
    throw new UploadError(fileName, `SVG expands to more than ${MAX_RENDERED_ELEMENTS} elements through <use> references; refused`);
  }
}

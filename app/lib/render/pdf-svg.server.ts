// SVG logos in PDFs. svg-to-pdfkit parses the SVG and walks it on every call (a kit logo with a mask
// costs ~6 ms and 5 MB of garbage), yet a kit's logo is drawn at the same place in every export of a
// template. So each (SVG, box, page transform) is drawn once into a scratch document, and what that
// wrote is kept: the page content and the objects it made (mask groups, graphics states, patterns),
// their streams already compressed. Every document, the first included, gets a replay of that
// capture, so an export's bytes do not depend on what the process drew before.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import type { Rect } from "./geometry.ts";

/** The pdfkit 0.20 internals this module reads and writes. */
interface Ref {
  id: number;
  data: Record<string, unknown>;
  buffer: Uint8Array[];
  compress: boolean;
  write(chunk: Uint8Array | string): void;
  end(): void;
  finalize(): void;
}

type ResourceKind = "xobjects" | "ext_gstates" | "patterns" | "fonts";

interface Page {
  width: number;
  height: number;
  content: Ref;
  xobjects: Record<string, unknown>;
  ext_gstates: Record<string, unknown>;
  patterns: Record<string, unknown>;
  fonts: Record<string, unknown>;
  annotations: unknown[];
  write(chunk: Uint8Array | string): void;
}

interface Doc {
  page: Page;
  compress: boolean;
  _ctm: number[];
  _security?: unknown;
  ref(data?: Record<string, unknown>): Ref;
  addPage(options: { size: [number, number]; margin: number }): unknown;
}

const RESOURCE_KINDS: readonly ResourceKind[] = ["xobjects", "ext_gstates", "patterns", "fonts"];

/** A reference to the n-th object the capture created. */
class Slot {
  constructor(readonly index: number) {}
}

interface CapturedObject {
  /** The object's dictionary with references to other captured objects as Slots. */
  data: unknown;
  /** Its stream as written to the file (compressed when the document compresses). */
  stream?: Uint8Array;
}

interface Capture {
  objects: CapturedObject[];
  /** Indices of `objects` in the order they were ended (written), so the file layout repeats. */
  endOrder: number[];
  /** Page-level resources the drawing added, by kind and name. */
  resources: { kind: ResourceKind; name: string; slot: number }[];
  /** The page content the drawing wrote, in pdfkit's binary-string encoding. */
  content: string;
}

const MAX_CAPTURES = 32;
const captures = new Map<string, Capture | "direct">();
const hashes = new Map<string, string>();
const replayCounts = new WeakMap<object, number>();

/** The SVGtoPDF options Marque draws logos with: no external files, no fonts guessed from names. */
function drawDirect(doc: unknown, svg: string, r: Rect): void {
  SVGtoPDF(doc as PDFKit.PDFDocument, svg, r.x, r.y, {
    width: r.w,
    height: r.h,
    preserveAspectRatio: "xMidYMid meet",
    assumePt: true,
    // Only inline raster data may load: never a path or URL named inside an uploaded SVG.
    imageCallback: (link) => (/^data:image\/(png|jpeg);base64,/i.test(link.trim()) ? link.trim() : ""),
    documentCallback: () => null,
    warningCallback: () => {},
  });
}

function svgHash(svg: string): string {
  let hash = hashes.get(svg);
  if (!hash) {
    hash = createHash("sha256").update(svg).digest("hex");
    if (hashes.size >= MAX_CAPTURES * 2) hashes.delete(hashes.keys().next().value as string);
    hashes.set(svg, hash);
  }
  return hash;
}

function isRef(value: unknown): value is Ref {
  return typeof value === "object" && value !== null && value.constructor?.name === "PDFReference";
}

/** Deep copy of a dictionary with `map` applied to every reference in it. */
function mapRefs(value: unknown, map: (ref: unknown) => unknown): unknown {
  if (isRef(value) || value instanceof Slot) return map(value);
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, map));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapRefs(v, map);
    return out;
  }
  return value;
}

/** Draws the SVG into a scratch page set up like the target's and records what it wrote; null when it cannot be replayed. */
function capture(target: Doc, svg: string, r: Rect): Capture | null {
  const options: PDFKit.PDFDocumentOptions = { autoFirstPage: false, compress: target.compress };
  const scratch = new PDFDocument(Object.assign(options, { font: null })) as unknown as Doc;
  scratch.addPage({ size: [target.page.width, target.page.height], margin: 0 });
  scratch._ctm = [...target._ctm];
  const created: { ref: Ref; ended: boolean; stream?: Uint8Array }[] = [];
  const endOrder: number[] = [];
  const makeRef = scratch.ref.bind(scratch);
  scratch.ref = (data) => {
    const ref = makeRef(data);
    const entry: (typeof created)[number] = { ref, ended: false };
    const index = created.push(entry) - 1;
    const finalize = ref.finalize.bind(ref);
    ref.finalize = () => {
      if (ref.buffer.length) {
        const raw = Buffer.concat(ref.buffer);
        // pdfkit deflates with zlib's defaults; the same call gives the same bytes.
        entry.stream = ref.compress ? deflateSync(raw) : raw;
      }
      entry.ended = true;
      endOrder.push(index);
      finalize();
    };
    return ref;
  };
  const page = scratch.page;
  const before = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, new Set(Object.keys(page[k]))])) as Record<ResourceKind, Set<string>>;
  const chunks = page.content.buffer.length;
  const annotations = page.annotations.length;
  drawDirect(scratch, svg, r);
  // Fonts (SVG text) are embedded when the document ends, links are page annotations: both would
  // need the real document, so such a logo is drawn directly every time.
  if (created.some((c) => !c.ended) || page.annotations.length !== annotations || Object.keys(page.fonts).length !== before.fonts.size) return null;
  const slots = new Map(created.map((c, i) => [c.ref, i]));
  const toSlot = (ref: unknown) => {
    const i = slots.get(ref as Ref);
    if (i === undefined) throw new Error("the SVG drawing referred to an object it did not create");
    return new Slot(i);
  };
  let resources: Capture["resources"];
  let objects: CapturedObject[];
  try {
    objects = created.map((c) => ({ data: mapRefs(c.ref.data, toSlot), stream: c.stream }));
    resources = RESOURCE_KINDS.flatMap((kind) =>
      Object.entries(page[kind])
        .filter(([name]) => !before[kind].has(name))
        .map(([name, ref]) => ({ kind, name, slot: toSlot(ref).index })),
    );
  } catch {
    return null;
  }
  const content = Buffer.concat(page.content.buffer.slice(chunks)).toString("latin1");
  return { objects, endOrder, resources, content };
}

function replay(doc: Doc, cap: Capture): void {
  const n = (replayCounts.get(doc) ?? 0) + 1;
  replayCounts.set(doc, n);
  const refs = cap.objects.map(() => doc.ref({}));
  cap.objects.forEach((obj, i) => {
    const ref = refs[i] as Ref;
    const data = mapRefs(obj.data, (slot) => refs[(slot as Slot).index]) as Record<string, unknown>;
    if (obj.stream) data.Length = 0; // write() adds the stream's length at the same key
    ref.data = data;
    ref.compress = false; // the stream is stored as it was written (Filter already in the dictionary)
    if (obj.stream) ref.write(obj.stream);
  });
  for (const i of cap.endOrder) refs[i]?.end();
  const renames = new Map<string, string>();
  for (const res of cap.resources) {
    // Names unique on the page: the document already has its own Gs1, and a page may hold two logos.
    const name = `Mq${n}${res.name}`;
    renames.set(res.name, name);
    doc.page[res.kind][name] = refs[res.slot];
  }
  let content = cap.content;
  if (renames.size) {
    const names = [...renames.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    content = content.replace(new RegExp(`/(${names.join("|")})(?=[\\s/\\[\\]<>(){}%])`, "g"), (_m, name: string) => `/${renames.get(name) ?? name}`);
  }
  doc.page.write(Buffer.from(content, "latin1"));
}

/**
 * Draws an SVG (already sanitised) into `rect` (current user space, preserving its aspect ratio).
 * `cache: false` draws with svg-to-pdfkit directly (tests compare the two).
 */
export function drawSvg(pdf: PDFKit.PDFDocument, svg: string, rect: Rect, opts: { cache?: boolean } = {}): void {
  const doc = pdf as unknown as Doc;
  if (opts.cache === false || doc._security) return drawDirect(doc, svg, rect);
  const num = (v: number) => Math.round(v * 1e6) / 1e6;
  const key = [svgHash(svg), rect.x, rect.y, rect.w, rect.h, ...doc._ctm, doc.page.width, doc.page.height, doc.compress ? 1 : 0].map((v) => (typeof v === "number" ? num(v) : v)).join("|");
  let cap = captures.get(key);
  if (cap === undefined) {
    cap = capture(doc, svg, rect) ?? "direct";
    if (captures.size >= MAX_CAPTURES) captures.delete(captures.keys().next().value as string);
    captures.set(key, cap);
  }
  if (cap === "direct") drawDirect(doc, svg, rect);
  else replay(doc, cap);
}

/** Forgets every capture (tests). */
export function clearSvgCaptures(): void {
  captures.clear();
  hashes.clear();
}

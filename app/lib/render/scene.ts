// The Scene: what a template's layout function returns, and the only input of the render engine.
// Coordinates are CSS px at 96 dpi from the page's top-left; colours are hex strings the template
// resolved from kit roles. `parseScene` applies defaults and names the bad node when input is wrong.
import { z } from "zod";
import { TYPE_ROLES } from "../kit/schema.ts";

export const PX_PER_MM = 96 / 25.4;
export const PT_PER_PX = 0.75;

/** Millimetres to px at 96 dpi. */
export function mmToPx(mm: number): number {
  return mm * PX_PER_MM;
}

/** Print sizes in millimetres (portrait). */
export const PRINT_SIZES = {
  a3: { widthMm: 297, heightMm: 420 },
  a4: { widthMm: 210, heightMm: 297 },
  a5: { widthMm: 148, heightMm: 210 },
  a6: { widthMm: 105, heightMm: 148 },
  dl: { widthMm: 99, heightMm: 210 },
  letter: { widthMm: 215.9, heightMm: 279.4 },
} as const;

// Lower-cased in place (an overwrite, not a transform: no pipe per colour when parsing).
const hex = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a hex colour like #1a2b3c")
  .toLowerCase();
const coord = z.number().finite();
const length = z.number().finite().positive();
const opacity = z.number().min(0).max(1).default(1);
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "must be bytes (Uint8Array or Buffer)" });

export const FontSpecSchema = z
  .object({
    role: z.enum(TYPE_ROLES),
    weight: z.number().int().min(100).max(900).default(400),
    style: z.enum(["normal", "italic"]).default("normal"),
  })
  .strict();

const box = { x: coord, y: coord, w: length, h: length };

export const RectNodeSchema = z
  .object({
    type: z.literal("rect"),
    ...box,
    fill: hex.optional(),
    stroke: hex.optional(),
    strokeWidth: z.number().min(0).default(1),
    radius: z.number().min(0).default(0),
    opacity,
  })
  .strict();

export const EllipseNodeSchema = z
  .object({
    type: z.literal("ellipse"),
    cx: coord,
    cy: coord,
    rx: length,
    ry: length,
    fill: hex.optional(),
    stroke: hex.optional(),
    strokeWidth: z.number().min(0).default(1),
    opacity,
  })
  .strict();

export const LineNodeSchema = z
  .object({
    type: z.literal("line"),
    x1: coord,
    y1: coord,
    x2: coord,
    y2: coord,
    colour: hex,
    width: length.default(1),
    /** Dash pattern in px: [on, off]. */
    dash: z.tuple([length, length]).optional(),
    cap: z.enum(["butt", "round", "square"]).default("butt"),
    opacity,
  })
  .strict();

export const TextNodeSchema = z
  .object({
    type: z.literal("text"),
    /** Content field this text came from, named in overflow reports ("title", "items.2.name"). */
    field: z.string().max(120).optional(),
    text: z.string().max(20_000),
    ...box,
    font: FontSpecSchema,
    /** Font size in px; the largest size tried. */
    size: length,
    /** Smallest size shrink-to-fit may use; defaults to `size` (no shrinking). */
    minSize: length.optional(),
    /** Line height as a multiple of the size. */
    lineHeight: z.number().min(0.5).max(4).default(1.2),
    /** Extra space after each glyph, in em (0.05 = 5% of the size). Not applied to cursive scripts. */
    letterSpacing: z.number().min(-0.2).max(2).default(0),
    align: z.enum(["left", "center", "right", "justify"]).default("left"),
    valign: z.enum(["top", "middle", "bottom"]).default("top"),
    /** Paragraph base direction for the bidi algorithm; "auto" takes it from the first strong character. */
    direction: z.enum(["auto", "ltr", "rtl"]).default("auto"),
    colour: hex,
    opacity,
    maxLines: z.number().int().positive().optional(),
    uppercase: z.boolean().default(false),
  })
  .strict()
  .refine((t) => t.minSize === undefined || t.minSize <= t.size, { message: "minSize must not exceed size", path: ["minSize"] });

export const RunStyleSchema = z
  .object({
    font: FontSpecSchema,
    size: length,
    colour: hex,
    letterSpacing: z.number().min(-0.2).max(2).default(0),
    uppercase: z.boolean().default(false),
    lineHeight: z.number().min(0.5).max(4).default(1.2),
  })
  .strict();

export const LeaderRowSchema = z
  .object({
    label: z.string().max(500),
    price: z.string().max(60).default(""),
    /** A description under the label, wrapped to the column width. */
    detail: z.string().max(2000).optional(),
  })
  .strict();

export const LeadersNodeSchema = z
  .object({
    type: z.literal("leaders"),
    /** Content field of the rows ("items"); a row is reported as `items.3`. */
    field: z.string().max(120).optional(),
    ...box,
    rows: z.array(LeaderRowSchema).max(400),
    label: RunStyleSchema,
    price: RunStyleSchema,
    detail: RunStyleSchema.optional(),
    leader: z
      .object({
        colour: hex,
        char: z.string().min(1).max(2).default("."),
        /** Distance between leader characters, in em of the label size. */
        spacing: z.number().min(0.1).max(3).default(0.45),
      })
      .strict(),
    /** Space between rows, px. */
    rowGap: z.number().min(0).default(8),
    columns: z.number().int().min(1).max(6).default(1),
    columnGap: z.number().min(0).default(32),
    /** Smallest scale factor shrink-to-fit may apply to every size in the node (1 = no shrinking). */
    minScale: z.number().min(0.3).max(1).default(1),
    opacity,
  })
  .strict();

export const ImageNodeSchema = z
  .object({
    type: z.literal("image"),
    ...box,
    bytes,
    fit: z.enum(["cover", "contain"]).default("cover"),
    /** Which part of the image stays in view when cropping (0..1 from left/top). */
    focusX: z.number().min(0).max(1).default(0.5),
    focusY: z.number().min(0).max(1).default(0.5),
    radius: z.number().min(0).default(0),
    opacity,
  })
  .strict();

export const LogoNodeSchema = z
  .object({
    type: z.literal("logo"),
    ...box,
    /** A sanitised SVG document, or raster bytes in `bytes`. */
    svg: z.string().max(5_000_000).optional(),
    bytes: bytes.optional(),
    /** Logos always fit inside the box; where the slack goes. */
    align: z.enum(["left", "center", "right"]).default("center"),
    valign: z.enum(["top", "middle", "bottom"]).default("middle"),
    opacity,
  })
  .strict()
  .refine((l) => (l.svg === undefined) !== (l.bytes === undefined), { message: "give exactly one of svg or bytes" });

// Discriminated by `type`: each node is checked against its own schema only (a plain union tried
// every schema in turn and built an issue for each miss: half of a flyer's layout time).
const LeafNodeSchema = z.discriminatedUnion("type", [
  RectNodeSchema,
  EllipseNodeSchema,
  LineNodeSchema,
  TextNodeSchema,
  LeadersNodeSchema,
  ImageNodeSchema,
  LogoNodeSchema,
]);

export const GroupNodeSchema = z
  .object({
    type: z.literal("group"),
    clip: z.object({ ...box, radius: z.number().min(0).default(0) }).strict().optional(),
    opacity,
    children: z.array(LeafNodeSchema).max(2000),
  })
  .strict();

export const SceneNodeSchema = z.discriminatedUnion("type", [LeafNodeSchema, GroupNodeSchema]);

export const SceneSchema = z
  .object({
    /** Page size in px at 96 dpi. */
    width: length.max(20_000),
    height: length.max(20_000),
    /** Physical size for print formats; the PDF uses it exactly and DPI rendering derives from it. */
    widthMm: length.max(5_000).optional(),
    heightMm: length.max(5_000).optional(),
    background: hex.optional(),
    nodes: z.array(SceneNodeSchema).max(5000),
  })
  .strict()
  .refine((s) => (s.widthMm === undefined) === (s.heightMm === undefined), {
    message: "give both widthMm and heightMm, or neither",
    path: ["widthMm"],
  });

export type SceneInput = z.input<typeof SceneSchema>;
export type Scene = z.output<typeof SceneSchema>;
export type SceneNode = z.output<typeof SceneNodeSchema>;
export type LeafNode = z.output<typeof LeafNodeSchema>;
export type TextNode = z.output<typeof TextNodeSchema>;
export type LeadersNode = z.output<typeof LeadersNodeSchema>;
export type RunStyle = z.output<typeof RunStyleSchema>;
export type ImageNode = z.output<typeof ImageNodeSchema>;
export type LogoNode = z.output<typeof LogoNodeSchema>;
export type GroupNode = z.output<typeof GroupNodeSchema>;
export type FontSpec = z.output<typeof FontSpecSchema>;

export class SceneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SceneError";
  }
}

/** Validates a scene and applies defaults; throws SceneError naming each bad node path. */
export function parseScene(input: unknown): Scene {
  return parseSceneQuickly(input) ?? parseSceneFully(input);
}

function parseSceneFully(input: unknown): Scene {
  const result = SceneSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 8).map((i) => `${i.path.map(String).join(".") || "(scene)"}: ${i.message}`);
  throw new SceneError(`invalid scene: ${issues.join("; ")}`);
}

// Parsed nodes by their JSON text. A template lays out mostly the same nodes render after render
// (its frame, labels, the fields not being edited), and parsing is pure: the same text gives the same
// node. Kept nodes are frozen, as they are shared between scenes. Photos and logos (bytes, or an SVG
// document that would make a long key) are parsed every time.
const MAX_PARSED_NODES = 4000;
const parsedNodes = new Map<string, SceneNode>();

function holdsFiles(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  const n = node as { bytes?: unknown; svg?: unknown; children?: unknown };
  return n.bytes !== undefined || n.svg !== undefined || (Array.isArray(n.children) && n.children.some(holdsFiles));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Node by node through the cache; undefined when anything fails, so the full parse names every issue. */
function parseSceneQuickly(input: unknown): Scene | undefined {
  if (typeof input !== "object" || input === null || !Array.isArray((input as { nodes?: unknown }).nodes)) return undefined;
  const raw = (input as { nodes: unknown[] }).nodes;
  if (raw.length > 5000) return undefined;
  const head = SceneSchema.safeParse({ ...input, nodes: [] });
  if (!head.success) return undefined;
  const nodes: SceneNode[] = [];
  for (const node of raw) {
    let key: string | undefined;
    if (!holdsFiles(node)) {
      try {
        key = JSON.stringify(node);
      } catch {
        key = undefined;
      }
    }
    let parsed = key === undefined ? undefined : parsedNodes.get(key);
    if (!parsed) {
      const result = SceneNodeSchema.safeParse(node);
      if (!result.success) return undefined;
      parsed = result.data;
      if (key !== undefined) {
        if (parsedNodes.size >= MAX_PARSED_NODES) parsedNodes.clear();
        parsedNodes.set(key, deepFreeze(parsed));
      }
    }
    nodes.push(parsed);
  }
  head.data.nodes = nodes;
  return head.data;
}

/** A print page: px size derived from millimetres, physical size kept for the PDF. */
export function printPage(widthMm: number, heightMm: number) {
  return { width: mmToPx(widthMm), height: mmToPx(heightMm), widthMm, heightMm };
}

/** Splits a span into `count` equal columns separated by `gap`. */
export function columns(x: number, width: number, count: number, gap: number): { x: number; w: number }[] {
  const n = Math.max(1, Math.floor(count));
  const w = (width - gap * (n - 1)) / n;
  return Array.from({ length: n }, (_, i) => ({ x: x + i * (w + gap), w }));
}

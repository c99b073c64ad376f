// What an asset was rendered from, recovered so it can be rendered again: the content (the row's
// snapshot, else its saved design's — only if that still hashes to what the file was made from),
// the output type, page, bleed and name, and the kit at a given version.
import { z } from "zod";
import { prisma } from "../../db.server.ts";
import { errorMessage } from "../errors.ts";
import { parseKit, type BrandKit } from "../kit/schema.ts";
import { getFormat, isPrint } from "../templates/formats.ts";
import { isOutputFormat, validateContent, type KitRef, type OutputFormat } from "../templates/render-design.server.ts";

/** A re-render that cannot go ahead, with a reason a person can act on. The old asset is untouched. */
export class RerenderError extends Error {
  constructor(
    public readonly assetId: string,
    public readonly reason: string,
    /** `source`: there is nothing to render it from (repair deletes such rows); `render`: anything else. */
    public readonly kind: "source" | "render" | "gone" = "render",
  ) {
    super(`asset ${assetId}: ${reason}`);
    this.name = "RerenderError";
  }
}

export const AssetOptionsSchema = z.object({
  page: z.number().int().min(0).max(500).optional(),
  bleed: z.boolean().optional(),
  name: z.string().max(200).optional(),
});
export type AssetOptions = z.infer<typeof AssetOptionsSchema>;

const MIME_OUTPUT: Record<string, OutputFormat> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
  "image/avif": "avif",
  "application/pdf": "pdf",
};

export function outputForMime(mime: string): OutputFormat | undefined {
  return MIME_OUTPUT[mime];
}

export const sourceSelect = {
  id: true,
  kitId: true,
  kitVersion: true,
  designId: true,
  templateId: true,
  format: true,
  contentHash: true,
  storageKey: true,
  mime: true,
  bytes: true,
  content: true,
  output: true,
  options: true,
  supersededById: true,
  design: { select: { name: true, content: true } },
  kit: { select: { slug: true, version: true } },
} as const;

export type SourceRow = NonNullable<Awaited<ReturnType<typeof sourceRow>>>;

export function sourceRow(id: string) {
  return prisma.asset.findUnique({ where: { id }, select: sourceSelect });
}

/** Several rows at once (a batch reads ahead: three queries for many assets instead of per asset). */
export async function sourceRows(ids: readonly string[]): Promise<Map<string, SourceRow>> {
  const rows = await prisma.asset.findMany({ where: { id: { in: [...ids] } }, select: sourceSelect });
  return new Map(rows.map((r) => [r.id, r]));
}

export interface AssetSource {
  templateId: string;
  formatId: string;
  content: unknown;
  output: OutputFormat;
  /** Undefined when the row never recorded it (files made before sources were kept). */
  page: number | undefined;
  bleed: boolean | undefined;
  name: string;
}

function parseOptions(row: SourceRow): AssetOptions {
  try {
    const parsed = AssetOptionsSchema.safeParse(JSON.parse(row.options));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The content, output and options the asset was made from; RerenderError("source") when they cannot be told. */
export function assetSource(row: SourceRow): AssetSource {
  const output = isOutputFormat(row.output) ? row.output : outputForMime(row.mime);
  if (!output) throw new RerenderError(row.id, `files of type ${row.mime} cannot be re-rendered`, "source");
  const options = parseOptions(row);
  const base = { templateId: row.templateId, formatId: row.format, output, page: options.page, bleed: options.bleed, name: options.name ?? row.design?.name ?? row.templateId };
  if (row.content !== null) {
    try {
      return { ...base, content: JSON.parse(row.content) as unknown };
    } catch {
      throw new RerenderError(row.id, "its saved content is not valid JSON", "source");
    }
  }
  if (!row.design) throw new RerenderError(row.id, "it has no saved design and no content snapshot to render it from", "source");
  let content: unknown;
  try {
    content = JSON.parse(row.design.content) as unknown;
  } catch {
    throw new RerenderError(row.id, `the content of design ${row.designId} is not valid JSON`);
  }
  let hash: string;
  try {
    hash = validateContent(row.templateId, content).contentHash;
  } catch (error) {
    throw new RerenderError(row.id, `the content of design ${row.designId} is no longer valid: ${errorMessage(error)}`);
  }
  // The design was edited after this file was made: rendering it now would change what the file says.
  if (hash !== row.contentHash) {
    throw new RerenderError(row.id, "its design was edited after this file was made, and the content it was made from was not kept; export the design again and delete this file", "source");
  }
  return { ...base, content };
}

/** Bleed of a pdfkit PDF from its first TrimBox: a trim box inset from the page means bleed and marks. */
export function pdfHasBleed(bytes: Uint8Array): boolean | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const match = /\/TrimBox \[\s*([\d.]+)\s+([\d.]+)/.exec(head);
  if (!match) return undefined;
  return Number(match[1]) > 0.5 || Number(match[2]) > 0.5;
}

/** Print PDFs are the only outputs where bleed makes a difference. */
export function bleedMatters(source: Pick<AssetSource, "formatId" | "output">): boolean {
  try {
    return source.output === "pdf" && isPrint(getFormat(source.formatId));
  } catch {
    return false;
  }
}

// Parsed kit documents by id@version: a version's snapshot never changes, so they are safe to keep.
const kitDocs = new Map<string, BrandKit>();
function remember(key: string, kit: BrandKit): BrandKit {
  kitDocs.set(key, kit);
  if (kitDocs.size > 32) kitDocs.delete(kitDocs.keys().next().value as string);
  return kit;
}

/** The kit as it is now; `known` (its slug and version, read with the asset) saves a query when cached. */
export async function currentKitRef(kitId: string, known?: { slug: string; version: number }): Promise<KitRef> {
  const cached = known && kitDocs.get(`${kitId}@${known.version}`);
  if (known && cached) return { id: kitId, slug: known.slug, version: known.version, kit: cached };
  const row = await prisma.kit.findUnique({ where: { id: kitId }, select: { id: true, slug: true, version: true, data: true } });
  if (!row) throw new Error(`kit ${kitId} no longer exists`);
  const key = `${row.id}@${row.version}`;
  const kit = kitDocs.get(key) ?? remember(key, parseKit(JSON.parse(row.data), `kit ${row.slug}`));
  return { id: row.id, slug: row.slug, version: row.version, kit };
}

/** The kit as it was at `version` (its saved snapshot), or null when that version is not kept. */
export async function kitRefAt(kitId: string, version: number): Promise<KitRef | null> {
  const row = await prisma.kitVersion.findUnique({ where: { kitId_version: { kitId, version } }, select: { data: true, kit: { select: { slug: true } } } });
  if (!row) return null;
  const key = `${kitId}@${version}`;
  const kit = kitDocs.get(key) ?? remember(key, parseKit(JSON.parse(row.data), `kit ${row.kit.slug} v${version}`));
  return { id: kitId, slug: row.kit.slug, version, kit };
}

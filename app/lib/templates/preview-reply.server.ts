// One preview image request, from the design id, query and If-None-Match to a status, headers and bytes.
// The preview route answers through it, and so does the server's fast path for previews already in
// memory (preview-fast-path.server.ts), so both give the same answer byte for byte.
import type { Scope } from "../auth/scope.ts";
import { isFormatId } from "./formats.ts";
import { cachedPreview, renderPreview, type Preview, type PreviewInput } from "./render-design.server.ts";
import { bodyStream, decodeContentParam, fail, fileHeaders, loadDesignForPreview, notModified, overflowHeader, pageParam } from "./design-response.server.ts";

export interface PreviewReply {
  status: 200 | 304;
  headers: Record<string, string>;
  /** The PNG, for a 200. */
  bytes?: Uint8Array;
}

export interface PreviewParams {
  format: unknown;
  page: number;
  content: unknown;
  thumb: boolean;
}

type Loaded = Awaited<ReturnType<typeof loadDesignForPreview>>;

/**
 * What a GET preview asks for: the saved content, or unsaved content in `c`. The answer may be cached by
 * the browser when its URL pins both the saved version (`v`, or content in `c`) and the kit version (`kv`).
 */
export async function readPreviewQuery(scope: Scope, designId: string, query: URLSearchParams): Promise<{ loaded: Loaded; params: PreviewParams; cacheable: boolean }> {
  const loaded = await loadDesignForPreview(scope, designId);
  const c = query.get("c");
  const content = c === null ? loaded.design.content : decodeContentParam(c);
  const kitCurrent = query.get("kv") === String(loaded.kit.version);
  const savedCurrent = c !== null || query.get("v") === String(loaded.design.updatedAt.getTime());
  const params = { format: query.get("format"), page: pageParam(query.get("page")), content, thumb: query.has("thumb") };
  return { loaded, params, cacheable: kitCurrent && savedCurrent };
}

type ReplyOptions = { cacheable: boolean; ifNoneMatch: string | null };

/**
 * The preview of `loaded` with `params`; bad parameters throw a 400 naming the field, a full render pool a
 * BusyError. With `cachedOnly`, null unless the picture is already in memory (nothing is rendered).
 */
export function previewReply(loaded: Loaded, params: PreviewParams, opts: ReplyOptions & { cachedOnly: true }): Promise<PreviewReply | null>;
export function previewReply(loaded: Loaded, params: PreviewParams, opts: ReplyOptions): Promise<PreviewReply>;
export async function previewReply(loaded: Loaded, params: PreviewParams, opts: ReplyOptions & { cachedOnly?: boolean }): Promise<PreviewReply | null> {
  const { design, kit } = loaded;
  const formatId = typeof params.format === "string" && params.format ? params.format : (design.formats[0] ?? "");
  if (!isFormatId(formatId)) throw fail("format", `unknown format "${String(formatId).slice(0, 40)}"`);
  const size = params.thumb ? { maxWidth: 360, maxHeight: 450 } : {};
  const input: PreviewInput = { kit, templateId: design.templateId, content: params.content, formatId, page: params.page, ...size };
  let out: Preview | null;
  if (opts.cachedOnly) {
    out = cachedPreview(input);
    if (!out) return null;
  } else {
    out = await renderPreview(input);
  }
  const about = { "X-Design-Pages": String(out.pages), "X-Design-Overflow": overflowHeader(out.overflow), "X-Content-Hash": out.contentHash, "X-Preview-Cache": out.cached ? "hit" : "miss" };
  if (notModified(opts.ifNoneMatch, out.key)) return { status: 304, headers: { ETag: `"${out.key}"`, ...about } };
  const headers = fileHeaders(out.bytes.length, {
    mime: out.mime,
    fileName: `preview-${formatId}.png`,
    disposition: "inline",
    // The URL names the content (or the saved version) and the kit version; anything else revalidates.
    cacheControl: opts.cacheable ? "private, max-age=3600" : "private, no-cache",
    etag: out.key,
    headers: about,
  });
  return { status: 200, headers, bytes: out.bytes };
}

export function replyResponse(reply: PreviewReply): Response {
  return new Response(reply.bytes ? bodyStream(reply.bytes) : null, { status: reply.status, headers: reply.headers });
}

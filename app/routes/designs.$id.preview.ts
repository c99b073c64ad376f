// Live preview of a design as PNG. GET previews the saved content, or unsaved content passed as `c`
// (base64url JSON, size-limited); POST takes larger unsaved content as a JSON body. Responses carry
// the page count and overflow reports in headers, and an ETag of everything that shaped the picture.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isFormatId } from "~/lib/templates/formats.ts";
import { renderPreview } from "~/lib/templates/render-design.server.ts";
import { badRequest, decodeContentParam, fail, fileResponse, loadDesignForPreview, notModified, overflowHeader, pageParam, readJsonBody } from "~/lib/templates/design-response.server.ts";

type Loaded = Awaited<ReturnType<typeof loadDesignForPreview>>;

async function preview(request: Request, { design, kit }: Loaded, params: { format: unknown; page: number; content: unknown; thumb: boolean }, cacheable: boolean) {
  const formatId = typeof params.format === "string" && params.format ? params.format : (design.formats[0] ?? "");
  if (!isFormatId(formatId)) return fail("format", `unknown format "${String(formatId).slice(0, 40)}"`);
  try {
    const size = params.thumb ? { maxWidth: 360, maxHeight: 450 } : {};
    const out = await renderPreview({ kit, templateId: design.templateId, content: params.content, formatId, page: params.page, ...size });
    const headers = { "X-Design-Pages": String(out.pages), "X-Design-Overflow": overflowHeader(out.overflow), "X-Content-Hash": out.contentHash, "X-Preview-Cache": out.cached ? "hit" : "miss" };
    if (notModified(request, out.key)) return new Response(null, { status: 304, headers: { ETag: `"${out.key}"`, ...headers } });
    return fileResponse(out.bytes, {
      mime: out.mime,
      fileName: `preview-${formatId}.png`,
      disposition: "inline",
      // The URL names the content (or the saved version) and the kit version; anything else revalidates.
      cacheControl: cacheable ? "private, max-age=3600" : "private, no-cache",
      etag: out.key,
      headers,
    });
  } catch (error) {
    return badRequest(error);
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const loaded = await loadDesignForPreview(auth, params.id ?? "");
  const url = new URL(request.url);
  const c = url.searchParams.get("c");
  const content = c === null ? loaded.design.content : decodeContentParam(c);
  const kitCurrent = url.searchParams.get("kv") === String(loaded.kit.version);
  const savedCurrent = c !== null || url.searchParams.get("v") === String(loaded.design.updatedAt.getTime());
  return preview(request, loaded, { format: url.searchParams.get("format"), page: pageParam(url.searchParams.get("page")), content, thumb: url.searchParams.has("thumb") }, kitCurrent && savedCurrent);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  if (request.method !== "POST") return fail("method", "use GET or POST", 405);
  const loaded = await loadDesignForPreview(auth, params.id ?? "");
  const body = await readJsonBody(request);
  const { format, page, content } = (body && typeof body === "object" ? body : {}) as { format?: unknown; page?: unknown; content?: unknown };
  if (content === undefined) return fail("content", "send the content to preview");
  return preview(request, loaded, { format, page: pageParam(page === undefined ? null : String(page)), content, thumb: false }, false);
}

// Live preview of a design as PNG. GET previews the saved content, or unsaved content passed as `c`
// (base64url JSON, size-limited); POST takes larger unsaved content as a JSON body. Responses carry
// the page count and overflow reports in headers, and an ETag of everything that shaped the picture.
// Previews already in memory are usually answered before Remix by the server's fast path, which gives
// the same answer through the same code (app/lib/templates/preview-fast-path.server.ts).
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { badRequest, fail, loadDesignForPreview, pageParam, readJsonBody } from "~/lib/templates/design-response.server.ts";
import { previewReply, readPreviewQuery, replyResponse, type PreviewReply } from "~/lib/templates/preview-reply.server.ts";

async function answer(reply: () => Promise<PreviewReply>): Promise<Response> {
  try {
    return replyResponse(await reply());
  } catch (error) {
    if (error instanceof Response) return error;
    return badRequest(error);
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const query = new URL(request.url).searchParams;
  return answer(async () => {
    const asked = await readPreviewQuery(auth, params.id ?? "", query);
    return previewReply(asked.loaded, asked.params, { cacheable: asked.cacheable, ifNoneMatch: request.headers.get("If-None-Match") });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  if (request.method !== "POST") return fail("method", "use GET or POST", 405);
  const loaded = await loadDesignForPreview(auth, params.id ?? "");
  const body = await readJsonBody(request);
  const { format, page, content } = (body && typeof body === "object" ? body : {}) as { format?: unknown; page?: unknown; content?: unknown };
  if (content === undefined) return fail("content", "send the content to preview");
  return answer(() => previewReply(loaded, { format, page: pageParam(page === undefined ? null : String(page)), content, thumb: false }, { cacheable: false, ifNoneMatch: request.headers.get("If-None-Match") }));
}

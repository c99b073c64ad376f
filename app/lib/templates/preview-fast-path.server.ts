// The production server's fast path for preview images already in memory: a signed-in member's GET of
// /designs/:id/preview answered without building a Fetch Request or matching Remix routes, which is most
// of the cost of a cached preview (decision 0008). It runs the same session, role, workspace and preview
// code as the route; anything it cannot answer from memory (not signed in, another workspace's id, bad
// parameters, a picture not rendered yet) returns null and goes through Remix as usual.
import { authForCookie } from "../auth/guard.server.ts";
import { roleAtLeast } from "../auth/roles.ts";
import { previewReply, readPreviewQuery, type PreviewReply } from "./preview-reply.server.ts";

const PREVIEW_PATH = /^\/designs\/([^/]+)\/preview$/;

export interface FastRequest {
  method: string;
  /** The request target: path and query. */
  url: string;
  cookie: string | null;
  ifNoneMatch: string | null;
}

export async function answerCachedPreview(req: FastRequest): Promise<PreviewReply | null> {
  if (req.method !== "GET") return null;
  const url = new URL(req.url, "http://marque.invalid");
  const id = PREVIEW_PATH.exec(url.pathname)?.[1];
  if (!id || !req.cookie) return null;
  try {
    const auth = await authForCookie(req.cookie);
    if (!auth || !roleAtLeast(auth.role, "viewer")) return null;
    const asked = await readPreviewQuery(auth, decodeURIComponent(id), url.searchParams);
    return await previewReply(asked.loaded, asked.params, { cacheable: asked.cacheable, ifNoneMatch: req.ifNoneMatch, cachedOnly: true });
  } catch {
    // A 404, a 400 or anything unexpected: the route answers it, with its own status and logging.
    return null;
  }
}

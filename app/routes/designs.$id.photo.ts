// The thumbnail of a photo in a saved design's image slot (`?ref=sha256:…`), for the editor. Only a
// photo the design itself uses is served, so another workspace's photo cannot be reached by its hash.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { FileRefError, resolveFileRef } from "~/lib/kit/files.server.ts";
import { photoRefs } from "~/lib/templates/content-form.ts";
import { fileResponse, notModified } from "~/lib/templates/design-response.server.ts";
import { photoThumbnail } from "~/lib/templates/photo-thumb.server.ts";
import { getDesign } from "~/models/design.server.ts";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  // Only a reference the design's content holds (which is always well-formed) is served.
  const ref = new URL(request.url).searchParams.get("ref") ?? "";
  const design = await getDesign(auth, params.id ?? "");
  if (!design || !photoRefs(design.content).has(ref)) throw notFound();
  const etag = `photo-${ref.slice(7, 39)}`;
  if (notModified(request, etag)) return new Response(null, { status: 304, headers: { ETag: `"${etag}"` } });
  const bytes = await resolveFileRef(ref, "ref").catch((error: unknown) => {
    if (error instanceof FileRefError) throw notFound(); // the design names a photo the store lost
    throw error;
  });
  const thumb = await photoThumbnail(bytes);
  // The reference names the bytes: the picture for a ref never changes.
  return fileResponse(thumb, { mime: "image/jpeg", fileName: `photo-${ref.slice(7, 19)}.jpg`, disposition: "inline", cacheControl: "private, max-age=86400", etag });
}

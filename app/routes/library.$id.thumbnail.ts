// A small PNG of a library asset: `?v=file` (default) the file as made, `?v=current` the same content
// in the kit as it is now (the "after" of a re-render). Also serves replaced versions, drawn from the
// kit version they were made with. An SVG placeholder when there is nothing to draw from.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { assetPicture } from "~/lib/rerender/preview.server.ts";
import { fileResponse, notModified } from "~/lib/templates/design-response.server.ts";

const PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240"><rect width="320" height="240" fill="#eceae4"/><text x="160" y="126" text-anchor="middle" font-family="sans-serif" font-size="16" fill="#7b8294">No preview</text></svg>`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const id = params.id ?? "";
  if (!/^[a-z0-9]{1,40}$/i.test(id)) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const url = new URL(request.url);
  const which = url.searchParams.get("v") === "current" ? "current" : "file";
  const size = url.searchParams.get("size") === "large" ? 900 : 480;
  const picture = await assetPicture(auth, id, which, size);
  if (picture === "not-found") throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!picture) {
    return new Response(PLACEHOLDER, {
      headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox" },
    });
  }
  if (notModified(request, picture.etag)) return new Response(null, { status: 304, headers: { ETag: `"${picture.etag}"` } });
  return fileResponse(picture.bytes, {
    mime: picture.mime,
    fileName: `${id}-${which}.png`,
    disposition: "inline",
    // A file's picture never changes; "current" changes with the kit, so it is revalidated (ETag).
    cacheControl: which === "file" ? "private, max-age=86400" : "private, no-cache",
    etag: picture.etag,
    headers: { "X-Kit-Version": String(picture.kitVersion) },
  });
}

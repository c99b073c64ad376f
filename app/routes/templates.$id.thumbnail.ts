// A template's sample content drawn in a kit, small, for the gallery. The gallery's URL carries the
// kit version (`v`), so the browser may cache the image (privately: kit slugs repeat across workspaces); the ETag covers everything that shaped it.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getKit, listKits } from "~/models/kit.server.ts";
import { findTemplate, renderPreview } from "~/lib/templates/render-design.server.ts";
import { badRequest, fail, fileResponse, notModified } from "~/lib/templates/design-response.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const template = findTemplate(params.id ?? "");
  if (!template) throw new Response("Template not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const url = new URL(request.url);
  const slug = url.searchParams.get("kit");
  const kit = slug ? await getKit(auth, slug) : (await listKits(auth))[0];
  if (!kit) throw new Response("Kit not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const formatId = url.searchParams.get("format") || (template.formats[0] as string);
  if (!(template.formats as readonly string[]).includes(formatId)) return fail("format", `"${formatId.slice(0, 40)}" is not a format of ${template.name}`);
  try {
    const out = await renderPreview({ kit, templateId: template.id, content: template.sample, formatId, maxWidth: 420, maxHeight: 520 });
    if (notModified(request, out.key)) return new Response(null, { status: 304, headers: { ETag: `"${out.key}"` } });
    const versioned = url.searchParams.get("v") === String(kit.version);
    return fileResponse(out.bytes, {
      mime: out.mime,
      fileName: `${template.id}-${formatId}.png`,
      disposition: "inline",
      cacheControl: versioned ? "private, max-age=86400" : "private, no-cache",
      etag: out.key,
    });
  } catch (error) {
    return badRequest(error);
  }
}

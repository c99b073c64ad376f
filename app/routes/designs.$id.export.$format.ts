// One export of a saved design: PNG/JPEG/WebP/AVIF (print formats at 300 dpi) or PDF (`bleed=1`:
// 3 mm bleed and crop marks) at `size` (a format id of the template). Every export is recorded as an
// asset with the kit version, template, format and content hash it was made from.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAsset } from "~/models/asset.server.ts";
import { isOutputFormat, OUTPUT_FORMATS, renderDesign } from "~/lib/templates/render-design.server.ts";
import { badRequest, fail, fileResponse, loadDesign, overflowHeader, pageParam } from "~/lib/templates/design-response.server.ts";
import { findTemplate } from "~/lib/templates/render-design.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const output = params.format;
  if (!isOutputFormat(output)) throw new Response(`Unknown export format; use ${OUTPUT_FORMATS.join(", ")}`, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { design, kit } = await loadDesign(auth, params.id ?? "");
  const url = new URL(request.url);
  const size = url.searchParams.get("size") || design.formats[0] || "";
  const template = findTemplate(design.templateId);
  if (!template) return fail("templateId", `the design's template "${design.templateId}" no longer exists`, 409);
  if (!(template.formats as readonly string[]).includes(size)) return fail("size", `"${size.slice(0, 40)}" is not a format of ${template.name} (it comes in ${template.formats.join(", ")})`);
  const page = pageParam(url.searchParams.get("page"));
  const bleed = url.searchParams.get("bleed") === "1";
  try {
    const out = await renderDesign({ kit, templateId: design.templateId, content: design.content, formatId: size, output, bleed, page, name: design.name });
    const asset = await recordAsset({ kitId: kit.id, kitVersion: kit.version, designId: design.id, templateId: design.templateId, format: size, contentHash: out.contentHash, bytes: out.bytes, mime: out.mime, source: { content: design.content, output, page, bleed, name: design.name } });
    return fileResponse(out.bytes, {
      mime: out.mime,
      fileName: out.fileName,
      cacheControl: "private, no-store",
      headers: { "X-Asset-Id": asset.id, "X-Design-Pages": String(out.pages), "X-Design-Overflow": overflowHeader(out.overflow) },
    });
  } catch (error) {
    return badRequest(error);
  }
}

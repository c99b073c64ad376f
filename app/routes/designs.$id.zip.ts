// Every format of a saved design in one ZIP: a PNG per page per format (print at 300 dpi) and, for
// print formats, a press-ready PDF with bleed and crop marks (`bleed=0` leaves them off). Each file
// is recorded as an asset.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAsset } from "~/models/asset.server.ts";
import { zipFiles, type ZipEntry } from "~/lib/zip.server.ts";
import { isPrint, getFormat } from "~/lib/templates/formats.ts";
import { designFileName, findTemplate, renderDesign } from "~/lib/templates/render-design.server.ts";
import { badRequest, fail, fileResponse, loadDesign } from "~/lib/templates/design-response.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const { design, kit } = await loadDesign(auth, params.id ?? "");
  const template = findTemplate(design.templateId);
  if (!template) return fail("templateId", `the design's template "${design.templateId}" no longer exists`, 409);
  const bleed = new URL(request.url).searchParams.get("bleed") !== "0";
  const entries: ZipEntry[] = [];
  const base = { kit, templateId: design.templateId, content: design.content, name: design.name };
  const record = (formatId: string, out: Awaited<ReturnType<typeof renderDesign>>, source: { output: "png" | "pdf"; page?: number; bleed?: boolean }) =>
    recordAsset({ kitId: kit.id, kitVersion: kit.version, designId: design.id, templateId: design.templateId, format: formatId, contentHash: out.contentHash, bytes: out.bytes, mime: out.mime, source: { content: design.content, name: design.name, ...source } });
  try {
    // One at a time: a 300 dpi A3 raster is large, and the machine is shared.
    for (const formatId of template.formats) {
      const first = await renderDesign({ ...base, formatId, output: "png" });
      entries.push({ name: first.fileName, bytes: first.bytes });
      await record(formatId, first, { output: "png", page: 0 });
      for (let page = 1; page < first.pages; page++) {
        const next = await renderDesign({ ...base, formatId, output: "png", page });
        entries.push({ name: next.fileName, bytes: next.bytes });
        await record(formatId, next, { output: "png", page });
      }
      if (isPrint(getFormat(formatId))) {
        const pdf = await renderDesign({ ...base, formatId, output: "pdf", bleed });
        entries.push({ name: pdf.fileName, bytes: pdf.bytes });
        await record(formatId, pdf, { output: "pdf", bleed });
      }
    }
  } catch (error) {
    return badRequest(error);
  }
  const zip = zipFiles(entries);
  const fileName = designFileName(design.name, "all-formats", "png").replace(/\.png$/, ".zip");
  return fileResponse(zip, { mime: "application/zip", fileName, cacheControl: "private, no-store", headers: { "X-Files": String(entries.length) } });
}

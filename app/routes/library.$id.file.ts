// Download of a library asset: its stored bytes with explicit headers, always as an attachment and
// never sniffed. A replaced version's id leads to the version that replaced it.
import { requireUser } from "~/lib/auth/guard.server.ts";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { readLibraryFile } from "~/models/library.server.ts";
import { latestVersionOf } from "~/lib/rerender/rerender-asset.server.ts";
import { designFileName, isOutputFormat } from "~/lib/templates/render-design.server.ts";
import { fileResponse } from "~/lib/templates/design-response.server.ts";

function fileName(item: { title: string; format: string; output: string; page: number | null; bleed: boolean | null }): string {
  if (isOutputFormat(item.output)) return designFileName(item.title, item.format, item.output, { page: item.page ?? undefined, bleed: item.bleed ?? undefined });
  // Videos and other files: the same slug rules, their own extension.
  return designFileName(item.title, item.format, "png").replace(/\.png$/, `.${item.output.replace(/[^a-z0-9]/g, "") || "bin"}`);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const id = params.id ?? "";
  const found = /^[a-z0-9]{1,40}$/i.test(id) ? await readLibraryFile(auth, id) : null;
  if (!found) {
    const latest = /^[a-z0-9]{1,40}$/i.test(id) ? await latestVersionOf(id) : null;
    if (latest && latest !== id) return redirect(`/library/${latest}/file`);
    throw new Response("File not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
  }
  const { item, bytes } = found;
  return fileResponse(bytes, {
    mime: item.mime,
    fileName: fileName(item),
    disposition: "attachment",
    cacheControl: "private, max-age=3600",
    etag: item.storageKey,
    headers: { "X-Kit-Version": String(item.kitVersion) },
  });
}

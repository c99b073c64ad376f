// Kit export as a download: Marque JSON, DTCG tokens, CSS custom properties or a Tailwind @theme.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { EXPORT_FORMATS, exportKit, type ExportFormat } from "~/models/kit-export.server.ts";
import { getKit } from "~/models/kit.server.ts";

function isFormat(v: string | undefined): v is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(v ?? "");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  if (!isFormat(params.format)) throw new Response(`Unknown export format; use ${EXPORT_FORMATS.join(", ")}`, { status: 404 });
  if (!(await getKit(auth, params.slug ?? ""))) throw new Response("Kit not found", { status: 404 });
  const { text, mime, fileName } = await exportKit(auth, params.slug ?? "", params.format);
  const body = new TextEncoder().encode(text);
  return new Response(body, {
    headers: {
      "Content-Type": `${mime}; charset=utf-8`,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// Stored kit files (logos, fonts) by content key, to members of a workspace whose kits use them (now or in
// an earlier version). Served with their recorded type, never sniffed, and SVGs under a sandboxing CSP so
// an uploaded file can never run as a page.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/db.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { kitFileInWorkspace } from "~/models/files.server.ts";

const FONT_MIME: Record<string, string> = { ttf: "font/ttf", otf: "font/otf", woff: "font/woff" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const key = params.key ?? "";
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Response("Not found", { status: 404 });
  if (!(await kitFileInWorkspace(auth, key))) throw new Response("Not found", { status: 404 });
  const logo = await prisma.logoFile.findUnique({ where: { sha256: key }, select: { mime: true, originalName: true } });
  const font = logo ? null : await prisma.fontFile.findUnique({ where: { sha256: key }, select: { format: true, originalName: true } });
  const mime = logo?.mime ?? (font ? FONT_MIME[font.format] : undefined);
  if (!mime || !(await getBlobStore().has(key))) throw new Response("Not found", { status: 404 });
  const bytes = await getBlobStore().get(key);
  const name = (logo?.originalName ?? font?.originalName ?? key).replace(/[^\w.-]+/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="${name}"`,
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}

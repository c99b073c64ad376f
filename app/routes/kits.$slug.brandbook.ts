// The kit's brand guidelines as a PDF download, drawn on request from the current kit version.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderBrandBook } from "~/lib/brandbook/book.server.ts";
import { getKit } from "~/models/kit.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const found = await getKit(auth, params.slug ?? "");
  if (!found) throw new Response("Kit not found", { status: 404 });
  const book = await renderBrandBook(found.kit, { version: found.version });
  const fileName = book.fileName.replace(/\.pdf$/, `-v${found.version}.pdf`);
  return new Response(new Uint8Array(book.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(book.bytes.length),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

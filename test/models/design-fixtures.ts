// Shared by the design tests: an example kit imported from brand-kits/ (real fonts and SVG logos).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { importKitFile } from "~/models/kit-import.server.ts";
import { getKit } from "~/models/kit.server.ts";
import type { Scope } from "~/lib/auth/scope.ts";

/** The example kit imported into the scope's workspace. */
export async function exampleKit(scope: Scope, folder = "harbour-and-vine") {
  const file = path.resolve("brand-kits", folder, "kit.json");
  const { slug } = await importKitFile(scope, await readFile(file, "utf8"), { fileName: file, baseDir: path.dirname(file) });
  const kit = await getKit(scope, slug);
  if (!kit) throw new Error(`kit ${slug} was not imported`);
  return kit;
}

/** Pages in a pdfkit PDF (its page objects are written uncompressed). */
export function pdfPageCount(bytes: Uint8Array): number {
  return (Buffer.from(bytes).toString("latin1").match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

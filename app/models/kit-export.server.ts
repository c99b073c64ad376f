// Exporting a kit: Marque kit JSON (files embedded, same format as brand-kits/), DTCG tokens, CSS, Tailwind.
import type { Scope } from "../lib/auth/scope.ts";
import { exportDtcg } from "../lib/kit/dtcg.ts";
import { exportCss } from "../lib/kit/css-tokens.ts";
import { exportTailwind } from "../lib/kit/tailwind.ts";
import { portableKit } from "./files.server.ts";
import { requireKit } from "./kit.server.ts";

export const EXPORT_FORMATS = ["json", "dtcg", "css", "tailwind"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MIME: Record<ExportFormat, string> = {
  json: "application/json",
  dtcg: "application/design-tokens+json",
  css: "text/css",
  tailwind: "text/css",
};
const EXT: Record<ExportFormat, string> = { json: "kit.json", dtcg: "tokens.json", css: "css", tailwind: "theme.css" };

export async function exportKit(scope: Scope, slug: string, format: ExportFormat) {
  const { kit } = await requireKit(scope, slug);
  let text: string;
  if (format === "json") text = JSON.stringify({ $schema: "https://marque.dev/schema/kit-1.json", ...(await portableKit(kit)) }, null, 2);
  else if (format === "dtcg") text = JSON.stringify(exportDtcg(kit), null, 2);
  else if (format === "css") text = exportCss(kit);
  else text = exportTailwind(kit);
  return { text: text.endsWith("\n") ? text : `${text}\n`, mime: MIME[format], fileName: `${slug}.${EXT[format]}` };
}

// Example kits read straight from brand-kits/ (fonts from npm, SVG logos beside the kit file).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";
import { prepareKit, type PreparedKit } from "~/lib/templates/context.server.ts";

export type FileKit = { kit: BrandKit; baseDir: string; prepared: () => Promise<PreparedKit> };

export function fileKit(slug: string): FileKit {
  const baseDir = path.resolve("brand-kits", slug);
  const kit = parseKit(JSON.parse(readFileSync(path.join(baseDir, "kit.json"), "utf8")), slug);
  return { kit, baseDir, prepared: () => prepareKit(kit, { baseDir }) };
}

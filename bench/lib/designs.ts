// What the render benchmark draws: an example kit read straight from brand-kits/ (no database), the
// portrait flyer, the A4 menu, and a 200-asset mix of templates, sizes and file types. Every asset
// gets its own text (a numbered title), so no layout or shaping cache serves a repeat.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseKit } from "../../app/lib/kit/schema.ts";
import { bulkFields } from "../../app/lib/bulk/mapping.ts";
import { getTemplate } from "../../app/lib/templates/registry.ts";
import type { KitRef, OutputFormat } from "../../app/lib/templates/render-design.server.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function benchKit(folder = "harbour-and-vine"): Promise<KitRef> {
  const dir = path.join(ROOT, "brand-kits", folder);
  const kit = parseKit(JSON.parse(await readFile(path.join(dir, "kit.json"), "utf8")), folder);
  return { id: `bench-${folder}`, slug: folder, version: 1, kit, baseDir: dir };
}

export interface BenchDesign {
  templateId: string;
  formatId: string;
  output: OutputFormat;
  bleed?: boolean;
  content: Record<string, unknown>;
}

/** The template's sample with its first required text field numbered (`… #17`). */
export function numbered(templateId: string, i: number): Record<string, unknown> {
  const template = getTemplate(templateId);
  const sample = structuredClone(template.sample) as Record<string, unknown>;
  const key = bulkFields(template).fields.find((f) => f.kind === "text" && f.required && !f.key.includes("."))?.key ?? "title";
  if (typeof sample[key] === "string") sample[key] = `${String(sample[key]).slice(0, 50)} #${i}`;
  return sample;
}

export const flyer = (i: number): BenchDesign => ({ templateId: "event-flyer", formatId: "ig-portrait", output: "png", content: numbered("event-flyer", i) });
export const menu = (i: number): BenchDesign => ({ templateId: "menu", formatId: "a4", output: "pdf", content: numbered("menu", i) });

// Social posts as PNG/JPEG/WebP at 1×, print as PDF (with and without bleed) and one print PNG at 300 dpi.
const MIX: Omit<BenchDesign, "content">[] = [
  { templateId: "event-flyer", formatId: "ig-portrait", output: "png" },
  { templateId: "instagram-post", formatId: "ig-square", output: "png" },
  { templateId: "instagram-post", formatId: "story", output: "jpeg" },
  { templateId: "social-banner", formatId: "banner", output: "webp" },
  { templateId: "story-cover", formatId: "story", output: "png" },
  { templateId: "event-flyer", formatId: "a5", output: "pdf", bleed: true },
  { templateId: "menu", formatId: "a4", output: "pdf" },
  { templateId: "sale-poster", formatId: "a3", output: "pdf", bleed: true },
  { templateId: "business-card", formatId: "card-eu", output: "pdf", bleed: true },
  { templateId: "gift-voucher", formatId: "dl", output: "png" },
];

export function mixed(count = 200): BenchDesign[] {
  return Array.from({ length: count }, (_, i) => {
    const spec = MIX[i % MIX.length] as Omit<BenchDesign, "content">;
    return { ...spec, content: numbered(spec.templateId, i) };
  });
}

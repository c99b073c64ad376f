// Shared by the library and re-render tests: real kits (example kits with their fonts and logos in
// blob storage), saved designs, files rendered and recorded the way the export route records them.
import { prisma } from "~/db.server.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { createDesign } from "~/models/design.server.ts";
import { getKit, saveKit } from "~/models/kit.server.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { renderDesign, type OutputFormat } from "~/lib/templates/render-design.server.ts";
import { exampleKit } from "../../models/design-fixtures.ts";

export type TestKit = Awaited<ReturnType<typeof exampleKit>>;
export { exampleKit };

export async function freshKit(scope: Scope, slug: string): Promise<TestKit> {
  const kit = await getKit(scope, slug);
  if (!kit) throw new Error(`no kit ${slug}`);
  return kit;
}

/** A saved social-post design and one export of it, recorded as the export route does (no source kept). */
export async function exportedPost(scope: Scope, kit: TestKit, headline: string, opts: { formatId?: string; output?: OutputFormat } = {}) {
  const formatId = opts.formatId ?? "link-card";
  const output = opts.output ?? "png";
  const content = { ...(getTemplate("instagram-post").sample as Record<string, unknown>), headline };
  const design = await createDesign(scope, { kitId: kit.id, templateId: "instagram-post", name: headline, content, formats: [formatId] });
  const current = await freshKit(scope, kit.slug);
  const out = await renderDesign({ kit: current, templateId: "instagram-post", content: design.content, formatId, output, name: design.name });
  const asset = await recordAsset({ kitId: current.id, kitVersion: current.version, designId: design.id, templateId: "instagram-post", format: formatId, contentHash: out.contentHash, bytes: out.bytes, mime: out.mime });
  return { design, asset, bytes: out.bytes };
}

/** Saves a new kit version with another primary colour; returns the new version. */
export async function changePrimary(scope: Scope, slug: string, color: string): Promise<number> {
  const kit = await freshKit(scope, slug);
  const saved = await saveKit(scope, slug, { ...kit.kit, palette: { ...kit.kit.palette, primary: { ...kit.kit.palette.primary, color } } });
  return saved.version;
}

export async function assetRow(id: string) {
  return prisma.asset.findUnique({ where: { id }, select: { id: true, kitVersion: true, storageKey: true, supersededById: true, content: true, output: true, options: true } });
}

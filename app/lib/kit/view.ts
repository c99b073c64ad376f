// Small view helpers shared by kit pages: file URLs and palette display order.
import { paletteRoles, type BrandKit } from "./schema.ts";

export function fileUrl(src: string | undefined): string | undefined {
  if (!src) return undefined;
  if (src.startsWith("sha256:")) return `/files/${src.slice(7)}`;
  if (src.startsWith("data:")) return src;
  return undefined;
}

export function orderedPalette(kit: Pick<BrandKit, "palette">) {
  return paletteRoles(kit)
    .map((role) => ({ role, entry: kit.palette[role] }))
    .filter((x): x is { role: string; entry: NonNullable<typeof x.entry> } => Boolean(x.entry));
}

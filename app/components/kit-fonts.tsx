// @font-face rules for a kit's stored fonts, so specimens and previews show the real brand faces.
import { TYPE_ROLES, type BrandKit } from "~/lib/kit/schema.ts";
import { fileUrl } from "~/lib/kit/view.ts";

export function kitFontFamily(role: string) {
  return `marque-kit-${role}`;
}

export function KitFontFaces({ kit }: { kit: Pick<BrandKit, "typography"> }) {
  const rules = TYPE_ROLES.flatMap((role) =>
    kit.typography[role].files
      .map((f) => ({ url: fileUrl(f.src), weight: f.weight, style: f.style }))
      .filter((f) => f.url && f.url.startsWith("/files/"))
      .map((f) => `@font-face{font-family:"${kitFontFamily(role)}";src:url(${f.url});font-weight:${f.weight};font-style:${f.style};font-display:swap}`),
  );
  return rules.length ? <style>{rules.join("\n")}</style> : null;
}

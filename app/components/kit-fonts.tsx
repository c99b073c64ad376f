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
  // Raw HTML: React escapes quotes in <style> text on the server but not in the browser (a hydration
  // mismatch, and broken CSS). The rules hold only role names, weights and /files/<sha256> URLs.
  return rules.length ? <style dangerouslySetInnerHTML={{ __html: rules.join("\n") }} /> : null;
}

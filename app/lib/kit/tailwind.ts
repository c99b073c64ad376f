// Brand kit <-> Tailwind CSS v4 theme variables (`@theme { --color-primary: …; --font-heading: … }`).
// Colour names ride along as comments, since a `--color-*-name` variable would become a bogus utility.
import { paletteRoles, TYPE_ROLES, type BrandKit } from "./schema.ts";
import { ramp } from "./palette.ts";
import { readCssVariables } from "./css-parse.ts";
import { assembleFromVariables, fontStack, round, typeScale } from "./css-tokens.ts";
import { TokenImportError } from "./token-roles.ts";

const HEADER = "Marque brand kit";
const rem = (px: number) => `${round(px / 16, 6)}rem`;
const comment = (text: string) => `/* ${text.replace(/\*\//g, "* /")} */`;

export function exportTailwind(kit: BrandKit): string {
  const { base, ratio } = kit.typography.scale;
  const lines = [
    comment(`${HEADER} "${kit.name}": Tailwind CSS v4 theme, type scale ${base}px × ${ratio}. Generated; edit the kit, not this file.`),
    "@theme {",
  ];
  const roles = paletteRoles(kit);
  for (const role of roles) {
    const entry = kit.palette[role];
    if (entry) lines.push(`  --color-${role}: ${entry.color}; ${comment(entry.name)}`);
  }
  for (const role of roles) {
    const entry = kit.palette[role];
    if (!entry) continue;
    for (const s of ramp(entry.color)) if (!roles.includes(`${role}-${s.step}`)) lines.push(`  --color-${role}-${s.step}: ${s.hex};`);
  }
  for (const role of TYPE_ROLES) lines.push(`  --font-${role}: ${fontStack(kit.typography[role].family)};`);
  // Sizes in rem against a 16px root, as Tailwind's own scale. No --text-ratio variable: Tailwind would
  // turn it into a `text-ratio` utility; the importer reads the ratio from the header or text-lg/base.
  for (const { step, px } of typeScale(kit.typography.scale)) lines.push(`  --text-${step}: ${rem(px)};`);
  lines.push("}", "");
  return lines.join("\n");
}

/**
 * Reads the variables of the `@theme` blocks back into a kit. A Marque export maps exactly (roles are
 * the commented colours); any other theme is matched by names (`--color-brand-500`, `--font-sans`).
 */
export function importTailwind(text: string, opts: { name?: string } = {}): { kit: BrandKit; warnings: string[] } {
  const all = readCssVariables(text);
  const vars = all.filter((v) => v.block.startsWith("@theme"));
  if (!vars.length) throw new TokenImportError([{ path: "(file)", message: all.length ? "variables found, but none inside an @theme block" : "no @theme block with variables" }]);
  const marque = text.includes(HEADER);
  const header = marque ? /Marque brand kit "(.*)": Tailwind CSS v4 theme, type scale ([\d.]+)px × ([\d.]+)\./.exec(text) : null;
  const name = header?.[1];
  if (header) vars.push({ name: "--text-ratio", value: header[3]!, line: 1, block: "@theme" });
  const result = assembleFromVariables(vars, { ...opts, ...(opts.name === undefined && marque && name ? { name } : {}) }, "Tailwind theme", {
    colourRole: (v) => (marque && v.comment !== undefined && v.name.startsWith("--color-") ? v.name.slice("--color-".length) : undefined),
    fontRole: (v) => {
      const role = v.name.slice("--font-".length);
      return marque && (TYPE_ROLES as readonly string[]).includes(role) ? role : undefined;
    },
  });
  return result;
}

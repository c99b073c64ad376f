// Templates bind only to kit roles: no colour literal (hex, rgb()/hsl(), a CSS colour name used as a
// value) and no font family name may appear in templates/ (video briefs excluded) or in the shared
// layout helpers (layout-helpers.ts, layout-copy.ts), so changing the kit changes every asset.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { colorsNamed } from "culori";
import { expect, test } from "vitest";

const root = path.resolve(__dirname, "../..");

const FONT_NAMES = [
  "Inter",
  "Playfair",
  "Oswald",
  "Outfit",
  "Cormorant",
  "Garamond",
  "Source Sans",
  "Noto",
  "Roboto",
  "Helvetica",
  "Arial",
  "Times",
  "Georgia",
  "Verdana",
  "Courier",
  "sans-serif",
  "serif",
  "monospace",
  "font-family",
  "fontFamily",
];

/** Every forbidden literal in a source text, as "line N: what". */
function literalsIn(source: string): string[] {
  const found: string[] = [];
  const names = Object.keys(colorsNamed);
  source.split("\n").forEach((line, i) => {
    const at = (what: string) => found.push(`line ${i + 1}: ${what}`);
    for (const m of line.matchAll(/#[0-9a-fA-F]{3,8}\b/g)) at(m[0]);
    for (const m of line.matchAll(/\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi)) at(m[0]);
    // A colour name as a whole string value: "white", 'black'.
    for (const m of line.matchAll(/["'`]([a-zA-Z]+)["'`]/g)) if (names.includes((m[1] ?? "").toLowerCase())) at(m[0]);
    for (const name of FONT_NAMES) if (new RegExp(`\\b${name.replace(/[-]/g, "\\-")}\\b`).test(line)) at(name);
  });
  return found;
}

function sources(): string[] {
  const dir = path.join(root, "templates");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => !f.split(path.sep).includes("briefs") && /\.(ts|tsx|js|json)$/.test(f))
    .map((f) => path.join(dir, f));
  return [...files, path.join(root, "app/lib/templates/layout-helpers.ts"), path.join(root, "app/lib/templates/layout-copy.ts")];
}

test("the scanner finds hex, rgb(), colour names and font names (so this test can fail)", () => {
  const bad = `fill: "#ff0000"; const c = 'navy'; colour: rgb(1, 2, 3); font: "Playfair Display"; x = "#abc";`;
  expect(literalsIn(bad)).toEqual(["line 1: #ff0000", "line 1: #abc", "line 1: rgb(", "line 1: 'navy'", "line 1: Playfair"]);
  expect(literalsIn(`ctx.colour("primary"); ctx.font("heading", 700); text: "Book a table"`)).toEqual([]);
});

test("no colour literal and no font name anywhere in templates/ or the layout helpers", () => {
  const files = sources();
  expect(files.length).toBeGreaterThanOrEqual(13);
  const problems = files.flatMap((file) => literalsIn(readFileSync(file, "utf8")).map((p) => `${path.relative(root, file)} ${p}`));
  expect(problems).toEqual([]);
});

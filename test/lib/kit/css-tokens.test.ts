import { expect, test } from "vitest";
import { exportCss, importCss } from "~/lib/kit/css-tokens.ts";
import { exportTailwind, importTailwind } from "~/lib/kit/tailwind.ts";
import { TokenImportError } from "~/lib/kit/dtcg.ts";
import { ramp } from "~/lib/kit/palette.ts";
import { fullKit } from "./token-fixtures.ts";

function failure(run: () => unknown): TokenImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenImportError) return error;
    throw error;
  }
  throw new Error("import did not fail");
}

test("CSS export declares every colour with its name, print notes, ramps, font stacks and type scale", () => {
  const kit = fullKit();
  kit.palette.vine!.name = 'vine "purple" \\ red';
  const css = exportCss(kit);
  expect(css).toMatch(/^\/\* Marque brand kit "Harbour & Vine"/);
  expect(css).toContain(":root {\n  --marque-kit-name: \"Harbour & Vine\";");
  expect(css).toContain("  --marque-color-primary: #1f3a5f;\n  --marque-color-primary-name: \"harbour navy\";");
  expect(css).toContain("  --marque-color-primary-cmyk: 100 72 28 22;\n  --marque-color-primary-pantone: \"2767 C\";");
  expect(css).toContain("  --marque-color-deep-sea: #0b2233;");
  expect(css).toContain('  --marque-color-vine-name: "vine \\"purple\\" \\\\ red";');
  for (const s of ramp("#c8553d")) expect(css).toContain(`  --marque-color-accent-${s.step}: ${s.hex};`);
  expect(css).toContain('  --marque-font-heading: "Playfair Display", serif;');
  expect(css).toContain('  --marque-font-body: "Inter", sans-serif;');
  expect(css).toContain("  --marque-text-base: 17px;");
  expect(css).toContain("  --marque-text-lg: 22.66px;");
  expect(css).toContain("  --marque-text-ratio: 1.333;");
});

test("CSS export imports back to the same palette, families and scale; the rest is defaulted and said so", () => {
  const kit = fullKit();
  kit.palette.vine!.name = 'vine "purple" \\ red';
  const { kit: back, warnings } = importCss(exportCss(kit));
  expect(back.name).toBe(kit.name);
  expect(back.palette).toEqual(kit.palette);
  expect(Object.keys(back.palette)).toEqual(Object.keys(kit.palette));
  expect(back.typography.heading).toEqual({ family: "Playfair Display", files: [] });
  expect(back.typography.body.family).toBe("Inter");
  expect(back.typography.scale).toEqual({ base: 17, ratio: 1.333 });
  expect(back.voice.adjectives).toEqual([]);
  expect(warnings).toEqual(["CSS carries no logos, font files, voice or visual style: they start empty"]);
});

test("foreign CSS variables map to roles by name, resolve var() and take the first (light) theme", () => {
  const css = `
    :root {
      --brand-primary: #2563eb;
      --bg: white;
      --ink: #111827; /* night */
      --color-accent: var(--brand-coral);
      --brand-coral: #f97362;
      --font-serif: Georgia, serif;
      --font-sans: "Inter", system-ui, sans-serif;
      --font-size-base: 1.125rem;
      --radius: 4px;
      --shadow: 0 1px 2px rgb(0 0 0 / 0.2);
    }
    @media (prefers-color-scheme: dark) { :root { --bg: #000; } }
  `;
  const { kit, warnings } = importCss(css, { name: "Foreign" });
  expect(kit.palette.primary.color).toBe("#2563eb");
  expect(kit.palette.background.color).toBe("#ffffff");
  expect(kit.palette.text).toEqual({ color: "#111827", name: "night" });
  expect(kit.palette.accent.color).toBe("#f97362");
  expect(kit.typography.body.family).toBe("Inter");
  expect(kit.typography.scale.base).toBe(18);
  expect(warnings).toContainEqual(expect.stringMatching(/^palette\.secondary: /));
  expect(warnings).toContainEqual(expect.stringMatching(/^palette\.muted: no muted colour/));
  // --brand-coral is the accent already; nothing else is left to become a custom role.
  expect(Object.keys(kit.palette)).toHaveLength(7);
});

test("CSS errors name the line", () => {
  const bad = (text: string) => failure(() => importCss(text, { name: "x" })).issues;
  expect(bad(":root {\n  --color-primary: #123456;\n  --color-accent: notacolour;\n}")).toEqual([
    { path: "line 3 --color-accent", message: '"notacolour" is not a colour' },
  ]);
  expect(bad(":root {\n  --color-primary: var(--nope);\n}")).toEqual([{ path: "line 2 --color-primary", message: "var(--nope) is not defined in this file" }]);
  expect(bad(":root {\n  --color-a: var(--color-b);\n  --color-b: var(--color-a);\n}")[0]).toEqual({
    path: "line 2 --color-a",
    message: "var() cycle --color-a -> --color-b -> --color-a",
  });
  expect(bad(":root {\n  --color-primary: #123456;\n  /* never closed\n}")).toEqual([{ path: "line 3", message: "comment is never closed" }]);
  expect(bad(":root {\n\n  --color-primary #123456;\n}")).toEqual([{ path: "line 3", message: '--color-primary has no ":"' }]);
  expect(bad("\n:root {\n  --color-primary: #123456;\n")).toEqual([{ path: "line 2", message: '":root {" is never closed' }]);
  expect(bad(":root { --color-primary: #123456; }\n}")).toEqual([{ path: "line 2", message: 'unexpected "}"' }]);
  expect(bad(":root { --radius: 4px; }")).toEqual([{ path: "(file)", message: "no colour tokens found in the CSS" }]);
});

test("Tailwind export is an @theme block: commented colours, ramps, fonts and rem sizes, no bogus utilities", () => {
  const tw = exportTailwind(fullKit());
  expect(tw).toMatch(/^\/\* Marque brand kit "Harbour & Vine": Tailwind CSS v4 theme, type scale 17px × 1\.333\./);
  expect(tw).toContain("@theme {\n  --color-primary: #1f3a5f; /* harbour navy */");
  expect(tw).toContain("  --color-deep-sea: #0b2233; /* deep sea */");
  for (const s of ramp("#1f3a5f")) expect(tw).toContain(`  --color-primary-${s.step}: ${s.hex};\n`);
  expect(tw).toContain('  --font-heading: "Playfair Display", serif;');
  expect(tw).toContain("  --text-base: 1.0625rem;");
  expect(tw).toContain("  --text-lg: 1.416312rem;");
  expect(tw).not.toMatch(/--color-[a-z-]+-name|--text-ratio/);
});

test("Tailwind export imports back to the same palette, name, families and scale", () => {
  const kit = fullKit();
  const { kit: back, warnings } = importTailwind(exportTailwind(kit));
  expect(back.name).toBe("Harbour & Vine");
  expect(back.palette).toEqual(Object.fromEntries(Object.entries(kit.palette).map(([r, e]) => [r, { color: e.color, name: e.name }])));
  expect(back.typography.heading.family).toBe("Playfair Display");
  expect(back.typography.scale).toEqual(kit.typography.scale);
  expect(warnings).toEqual(["Tailwind theme carries no logos, font files, voice or visual style: they start empty"]);
});

test("a foreign Tailwind theme: a numbered brand ramp becomes primary, the ratio comes from text-lg / text-base", () => {
  const tw = `@import "tailwindcss";
@theme {
  --color-brand-50: oklch(0.97 0.02 260);
  --color-brand-500: oklch(0.55 0.2 260);
  --color-brand-900: oklch(0.3 0.1 260);
  --color-ink: #0f172a;
  --color-paper: #fffdf8;
  --font-display: "Fraunces", serif;
  --font-sans: "Inter", sans-serif;
  --text-base: 1rem;
  --text-base--line-height: 1.5;
  --text-lg: 1.2rem;
}
:root { --color-ignored: #ff0000; }`;
  const { kit, warnings } = importTailwind(tw, { name: "Studio" });
  expect(kit.palette.primary.color).toBe(importTailwind("@theme { --color-x: oklch(0.55 0.2 260); }", { name: "y" }).kit.palette.primary.color);
  expect(kit.palette.text.color).toBe("#0f172a");
  expect(kit.palette.surface.color).toBe("#fffdf8");
  expect(kit.typography.heading.family).toBe("Fraunces");
  expect(kit.typography.body.family).toBe("Inter");
  expect(kit.typography.scale).toEqual({ base: 16, ratio: 1.2 });
  expect(Object.values(kit.palette).map((e) => e.color)).not.toContain("#ff0000");
  expect(warnings).toContainEqual("2 numbered shade token(s) skipped: Marque derives tints and shades from each role");
});

test("Tailwind without an @theme block is an error", () => {
  expect(failure(() => importTailwind(":root { --color-primary: #123456; }", {})).issues).toEqual([
    { path: "(file)", message: "variables found, but none inside an @theme block" },
  ]);
});

// Proof that the DTCG export feeds a real Style Dictionary build (style-dictionary 4.4.0; v5 needs Node 22).
import { expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import StyleDictionary from "style-dictionary";
import { exportDtcg } from "~/lib/kit/dtcg.ts";
import { fullKit } from "./token-fixtures.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

test("Style Dictionary builds css/variables from the DTCG export with every palette colour at its hex", async () => {
  const kit = fullKit();
  const dir = mkdtempSync(path.join(os.tmpdir(), "marque-sd-"));
  try {
    // The tokens file is the real export, untouched.
    writeFileSync(path.join(dir, "tokens.json"), JSON.stringify(exportDtcg(kit), null, 2));
    const sd = new StyleDictionary({
      source: [path.join(dir, "tokens.json")],
      log: { verbosity: "silent", warnings: "disabled" },
      hooks: {
        transforms: {
          // Style Dictionary 4 predates DTCG 2025.10's colour objects ({ colorSpace, components, hex })
          // and prints them as "[object Object]", so this test teaches it: srgb components -> hex.
          "dtcg/color-object": {
            type: "value",
            filter: (token) => token.$type === "color" && isRecord(token.$value) && "colorSpace" in token.$value,
            transform: (token) => {
              const { colorSpace, components, hex } = token.$value as { colorSpace: string; components: number[]; hex?: string };
              if (colorSpace !== "srgb") return hex;
              return `#${components.map((c) => Math.round(c * 255).toString(16).padStart(2, "0")).join("")}`;
            },
          },
          // Likewise 2025.10 dimensions ({ value, unit }) -> "17px".
          "dtcg/dimension-object": {
            type: "value",
            filter: (token) => token.$type === "dimension" && isRecord(token.$value) && "unit" in token.$value,
            transform: (token) => `${(token.$value as { value: number }).value}${(token.$value as { unit: string }).unit}`,
          },
        },
      },
      platforms: {
        css: {
          transforms: ["dtcg/color-object", "dtcg/dimension-object", ...StyleDictionary.hooks.transformGroups.css!],
          buildPath: `${dir}/out/`,
          files: [{ destination: "variables.css", format: "css/variables" }],
        },
      },
    });
    await sd.buildAllPlatforms();
    const css = readFileSync(path.join(dir, "out/variables.css"), "utf8");

    expect(css).not.toContain("[object Object]");
    for (const [role, entry] of Object.entries(kit.palette)) {
      expect(css).toContain(`  --color-${role}: ${entry.color}; /** ${entry.name} */`);
    }
    expect(css).toContain("  --font-heading: 'Playfair Display';");
    expect(css).toContain("  --font-size-base: 17px;");
    expect(css).toMatch(/ {2}--typography-heading: 700 53\.67px\/1\.15 'Playfair Display';/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The CLI against a real database: list, import (kit JSON, DTCG, --into), export, and clear errors.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { cliIn } from "../support/cli.ts";

const { work, run } = cliIn("marque-cli-");

test("first use migrates and seeds the example kits; list prints them", async () => {
  const r = await run("kits", "list", "--json");
  expect(r.code).toBe(0);
  const kits = JSON.parse(r.out) as { slug: string; version: number }[];
  expect(kits.map((k) => k.slug).sort()).toEqual(["harbour-and-vine", "pulse-cycle-studio", "wild-stem-florals"]);
  const table = await run("kits", "list");
  expect(table.out).toMatch(/^SLUG\s+NAME\s+VERSION/);
});

test("export json then import gives the same kit back under a new slug", async () => {
  const out = path.join(work, "bistro.kit.json");
  expect((await run("kits", "export", "harbour-and-vine", "--format", "json", "--out", "bistro.kit.json")).code).toBe(0);
  const exported = JSON.parse(readFileSync(out, "utf8"));
  expect(exported.typography.heading.files[0].src).toMatch(/^data:font\/ttf;base64,/);
  const imported = await run("kits", "import", "bistro.kit.json", "--name", "Bistro Copy");
  expect(imported.code).toBe(0);
  expect(imported.out.trim()).toBe("bistro-copy");
  const again = await run("kits", "export", "bistro-copy", "--format", "json");
  const copy = JSON.parse(again.out);
  expect({ ...copy, name: exported.name }).toEqual(exported);
});

test("import --into saves the next version of an existing kit", async () => {
  const file = path.join(work, "tokens.json");
  expect((await run("kits", "export", "pulse-cycle-studio", "--format", "dtcg", "--out", "tokens.json")).code).toBe(0);
  const tokens = JSON.parse(readFileSync(file, "utf8"));
  tokens.color.primary.$value = { colorSpace: "srgb", components: [1, 0, 0.5], hex: "#ff0080" };
  writeFileSync(file, JSON.stringify(tokens));
  const r = await run("kits", "import", "tokens.json", "--into", "pulse-cycle-studio", "--json");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({ slug: "pulse-cycle-studio", version: 2, format: "dtcg" });
  const list = JSON.parse((await run("kits", "list", "--json")).out) as { slug: string; palette: Record<string, string> }[];
  expect(list.find((k) => k.slug === "pulse-cycle-studio")?.palette.primary).toBe("#ff0080");
});

test("css and tailwind exports are produced", async () => {
  const css = await run("kits", "export", "wild-stem-florals", "--format", "css");
  expect(css.out).toContain(":root");
  const tw = await run("kits", "export", "wild-stem-florals", "--format", "tailwind");
  expect(tw.out).toContain("@theme");
});

test("errors exit 1 with a message naming the file and the problem", async () => {
  writeFileSync(path.join(work, "broken.json"), '{\n  "color": {\n    "a": { "$type": "color", "$value": "#fff" },\n  }\n}');
  const broken = await run("kits", "import", "broken.json");
  expect(broken.code).toBe(1);
  expect(broken.err).toMatch(/broken\.json: malformed JSON at line 4/);

  writeFileSync(path.join(work, "alias.json"), JSON.stringify({ color: { $type: "color", brand: { crust: { $value: "{color.base.x}" } } } }));
  const alias = await run("kits", "import", "alias.json");
  expect(alias.code).toBe(1);
  expect(alias.err).toContain("color.brand.crust: alias {color.base.x} points nowhere");

  expect((await run("kits", "export", "nope", "--format", "json")).err).toContain('No brand kit "nope"');
  expect((await run("kits", "export", "harbour-and-vine", "--format", "pdf")).err).toContain("--format must be one of json, dtcg, css, tailwind");
  expect((await run("kits", "import", "missing.json")).err).toContain("missing.json: cannot read the file");
  expect((await run("frobnicate")).code).toBe(1);
});

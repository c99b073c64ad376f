// `marque audit` and `marque brandbook` against a real database seeded with the example kits.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "vitest";
import { prepareKit } from "~/lib/templates/context.server.ts";
import { getTemplate, renderTemplate } from "~/lib/templates/registry.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { getKit } from "~/models/kit.server.ts";
import { cliWorkspace } from "~/models/workspace.server.ts";
import { cliIn } from "../support/cli.ts";

const { work, run } = cliIn("marque-audit-cli-");

async function flat(file: string, parts: [string, number][]) {
  let left = 0;
  const composites = parts.map(([hex, width]) => {
    const c = { input: { create: { width, height: 80, channels: 3 as const, background: hex } }, left, top: 0 };
    left += width;
    return c;
  });
  const total = parts.reduce((w, [, pw]) => w + pw, 0);
  writeFileSync(path.join(work, file), await sharp({ create: { width: total, height: 80, channels: 3, background: "#000000" } }).composite(composites).png().toBuffer());
}

test("audit --json prints the report: colours with their nearest kit colour, ΔE and the score", async () => {
  await flat("flyer.png", [["#17324d", 120], ["#f4ecdf", 60], ["#00ff00", 20]]);
  const r = await run("audit", "flyer.png", "--kit", "harbour-and-vine", "--json");
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out);
  expect(report.kit).toMatchObject({ name: "Harbour & Vine", slug: "harbour-and-vine", version: 1 });
  expect(report.score).toBeCloseTo(0.9, 10);
  expect(report.colours[0]).toMatchObject({ hex: "#17324d", share: 0.6, deltaE: 0, class: "same", nearest: { role: "primary", name: "harbour navy" } });
  expect(report.offBrand).toEqual([expect.objectContaining({ hex: "#00ff00", class: "off-brand" })]);
  expect(report.neutralRule).toMatch(/OKLCH chroma below 0\.035/);
});

test("audit prints a readable report, and --min-score exits 2 when the file falls short", async () => {
  await flat("loud.png", [["#ff00ff", 100], ["#17324d", 100]]);
  const text = await run("audit", "loud.png", "--kit", "harbour-and-vine");
  expect(text.code).toBe(0);
  expect(text.out).toContain("Brand audit: loud.png (PNG, 200×80) against Harbour & Vine v1");
  expect(text.out).toContain("On-brand score: 50.0%");
  expect(text.out).toMatch(/#ff00ff \(50\.0% of the image\): off brand, ΔE00 \d+\.\d\d from /);
  const strict = await run("audit", "loud.png", "--kit", "harbour-and-vine", "--min-score", "0.9");
  expect(strict.code).toBe(2);
  expect(strict.err).toContain("On-brand score 0.500 is below --min-score 0.9");
});

test("audit --asset audits a stored render against the kit it was made with", async () => {
  const found = (await getKit(await cliWorkspace(undefined), "wild-stem-florals"))!; // the one workspace the CLI seeded
  const template = getTemplate("instagram-post");
  const png = await renderTemplate(template, template.sample, await prepareKit(found.kit), "ig-square", { format: "png" });
  const asset = await recordAsset({ kitId: found.id, kitVersion: found.version, templateId: template.id, format: "ig-square", contentHash: "a".repeat(64), bytes: png.bytes, mime: "image/png" });
  const r = await run("audit", "--asset", asset.id, "--json");
  expect(r.code).toBe(0);
  expect(r.err).toContain("auditing against the kit the asset or video was made with");
  const report = JSON.parse(r.out);
  expect(report.kit.slug).toBe("wild-stem-florals");
  expect(report.file.name).toBe("instagram-post-ig-square.png");
  expect(report.score).toBeGreaterThanOrEqual(0.95);
  const other = JSON.parse((await run("audit", "--asset", asset.id, "--kit", "pulse-cycle-studio", "--json")).out);
  expect(other.score).toBeLessThan(0.2);
});

test("audit errors name what is wrong", async () => {
  await flat("ok.png", [["#17324d", 10]]);
  expect((await run("audit", "ok.png")).err).toContain("audit needs --kit <slug>");
  expect((await run("audit", "--kit", "harbour-and-vine")).err).toContain("audit needs exactly one of a file, --asset or --video");
  expect((await run("audit", "ok.png", "--kit", "nope")).err).toContain('kit: no brand kit "nope"');
  expect((await run("audit", "missing.png", "--kit", "harbour-and-vine")).err).toContain("missing.png: cannot read the file");
  expect((await run("audit", "--asset", "nope", "--kit", "harbour-and-vine")).err).toContain('assetId: no asset "nope"');
  expect((await run("audit", "ok.png", "--kit", "harbour-and-vine", "--min-score", "2")).err).toContain("--min-score must be a number from 0 to 1");
  writeFileSync(path.join(work, "notes.txt"), "hello");
  const bad = await run("audit", "notes.txt", "--kit", "harbour-and-vine");
  expect(bad.code).toBe(1);
  expect(bad.err).toContain("notes.txt: not a PNG, JPEG, WebP or SVG image");
});

test("brandbook writes the kit's guidelines PDF", async () => {
  const r = await run("brandbook", "--kit", "pulse-cycle-studio", "--out", "pulse.pdf");
  expect(r.code).toBe(0);
  expect(r.err).toContain("Wrote pulse.pdf (10 pages)");
  const pdf = readFileSync(path.join(work, "pulse.pdf"));
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+Oswald-Bold/);
  expect((await run("brandbook", "--kit", "pulse-cycle-studio", "--out", "pulse.png")).err).toContain('--out must name a .pdf file (got "pulse.png")');
  expect((await run("brandbook", "--kit", "nope", "--out", "x.pdf")).err).toContain('No brand kit "nope"');
});

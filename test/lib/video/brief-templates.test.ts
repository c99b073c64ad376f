import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";
import { parseBrief, USE_CASES } from "~/lib/video/brief.ts";
import { compileBrief } from "~/lib/video/compile.ts";
import { cafeKit } from "./fixtures.ts";

const briefsDir = path.resolve("templates/briefs");
const kitsDir = path.resolve("brand-kits");

function exampleKits(): BrandKit[] {
  const kits = [cafeKit()];
  if (!existsSync(kitsDir)) return kits;
  for (const entry of readdirSync(kitsDir, { withFileTypes: true })) {
    const file = path.join(kitsDir, entry.name, "kit.json");
    if (entry.isDirectory() && existsSync(file)) kits.push(parseKit(JSON.parse(readFileSync(file, "utf8")), file));
  }
  return kits;
}

function exampleBriefs() {
  return readdirSync(briefsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, brief: parseBrief(JSON.parse(readFileSync(path.join(briefsDir, f), "utf8")), f) }));
}

test("there is one example brief per use case, named after it", () => {
  const briefs = exampleBriefs();
  expect(briefs.map((b) => b.file)).toEqual([...USE_CASES].sort().map((u) => `${u}.json`));
  for (const { file, brief } of briefs) expect(`${brief.useCase}.json`).toBe(file);
});

test("every example brief compiles for every example kit without hex codes or unexpected warnings", () => {
  const kits = exampleKits();
  for (const { file, brief } of exampleBriefs()) {
    for (const kit of kits) {
      const { clips, warnings } = compileBrief(brief, kit, { model: "test-video-model" });
      const where = `${file} with ${kit.name}`;
      for (const clip of clips) {
        expect(clip.prompt, where).not.toMatch(/#[0-9a-f]{3,6}/i);
        expect(clip.prompt.split("\n").some((l) => l.startsWith("Palette anchors: ")), where).toBe(true);
        expect([4, 8, 12], where).toContain(clip.params.seconds);
      }
      // Only the brief that exercises a brief colour may warn, and only about that colour.
      const unexpected = warnings.filter((w) => !(file === "style-exploration.json" && w.code === "colour-off-palette"));
      expect(unexpected, where).toEqual([]);
    }
  }
});

test("example briefs leave brand colours to the kit, except the one brief that tries a colour", () => {
  const withColours = exampleBriefs().filter(({ brief }) => brief.colours.length);
  expect(withColours.map((b) => b.file)).toEqual(["style-exploration.json"]);
  for (const { file } of exampleBriefs()) {
    expect(readFileSync(path.join(briefsDir, file), "utf8"), file).not.toMatch(/#[0-9a-f]{3,6}\b/i);
  }
});

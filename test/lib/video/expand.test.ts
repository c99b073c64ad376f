import { expect, test } from "vitest";
import { USE_CASES, videoBriefJsonSchema } from "~/lib/video/brief.ts";
import { compileBrief } from "~/lib/video/compile.ts";
import { expandIdea } from "~/lib/video/expand.ts";
import { cafeKit } from "./fixtures.ts";

const idea = "a regular raves about our new oat flat white";

test("every use case expands an idea into a valid brief that compiles without warnings", () => {
  const kit = cafeKit();
  for (const useCase of USE_CASES) {
    const brief = expandIdea(idea, useCase, kit, { product: "the oat flat white" });
    expect(brief.useCase).toBe(useCase);
    expect(brief.summary).toBe(idea);
    const { clips, warnings } = compileBrief(brief, kit, { model: "m" });
    expect(warnings, useCase).toEqual([]);
    expect(clips).toHaveLength(1);
    expect(clips[0]!.params.seconds).toBe(12);
  }
});

test("a UGC testimonial follows the selfie, product insert, reaction pattern", () => {
  const brief = expandIdea(idea, "ugc-testimonial", cafeKit(), { product: "the oat flat white" });
  expect(brief.polish).toBe("raw-ugc");
  expect(brief.shots.map((s) => s.framing)).toEqual(["medium", "insert", "close-up"]);
  expect(brief.shots[0]!.camera).toContain("selfie");
  expect(brief.shots[1]!.action).toContain("The oat flat white");
  expect(brief.dialogue.map((d) => d.shot)).toEqual([0, 2]);
  // The brand reaches the wardrobe by colour name, never by code.
  expect(brief.characters[0]!.wardrobe).toContain("buoy red");
});

test("the brand spokesperson wears the kit colours and closes on the tagline when it fits a shot", () => {
  const brief = expandIdea("introduce our new weekend brunch", "brand-spokesperson", cafeKit());
  expect(brief.characters[0]!.wardrobe).toBe("a tailored harbour navy jacket over an oat cream shirt");
  expect(brief.dialogue.map((d) => d.text)).toEqual(["Hi, we're Corner Café.", "Your corner, your cup."]);
  const wordy = cafeKit({ voice: { tagline: "The friendliest little coffee shop on the whole of the high street since 1987" } });
  expect(expandIdea("introduce brunch", "brand-spokesperson", wordy).dialogue[1]!.text).toBe("Come and see us.");
});

test("expansion is deterministic and honours aspect, polish and language options", () => {
  const kit = cafeKit();
  expect(JSON.stringify(expandIdea(idea, "multi-shot-story", kit))).toBe(JSON.stringify(expandIdea(idea, "multi-shot-story", kit)));
  const wide = expandIdea(idea, "physics-previz", kit, { aspect: "16:9", polish: "handheld" });
  expect(wide.aspect).toBe("16:9");
  expect(wide.polish).toBe("handheld");
  const french = expandIdea(idea, "ugc-testimonial", kit, { language: "fr" });
  expect(french.language).toBe("fr");
  expect(french.dialogue).toEqual([]);
  expect(expandIdea(idea, "style-exploration", kit, { look: "1970s Super 8 home movie" }).look).toBe("1970s Super 8 home movie");
});

test("a bad idea or use case is rejected with the field named", () => {
  expect(() => expandIdea("   ", "ugc-testimonial", cafeKit())).toThrow(/^idea: /);
  expect(() => expandIdea("x".repeat(401), "ugc-testimonial", cafeKit())).toThrow("idea: keep it to one line");
  expect(() => expandIdea(idea, "tiktok-dance" as never, cafeKit())).toThrow('useCase: "tiktok-dance" is not one of');
});

test("the brief's JSON Schema is exported for model-written briefs", () => {
  const schema = videoBriefJsonSchema();
  const properties = schema.properties as Record<string, { enum?: string[] }>;
  expect(schema.required).toEqual(expect.arrayContaining(["useCase", "title", "shots"]));
  expect(properties.useCase?.enum).toEqual([...USE_CASES]);
  expect(Object.keys(properties)).toEqual(expect.arrayContaining(["shots", "characters", "props", "dialogue", "sound", "colours", "polish"]));
});

import { expect, test } from "vitest";
import { pacingWarnings, spokenUnits } from "~/lib/video/compile-checks.ts";
import { testimonialBrief } from "./fixtures.ts";

test("speech is counted in words, or in characters for Japanese and Chinese", () => {
  expect(spokenUnits("Honestly? Best one — on the street.", "en")).toBe(6);
  expect(spokenUnits("毎朝ここのコーヒー。", "ja")).toBe(9);
  expect(spokenUnits("每天早上都来这里。", "zh-Hans")).toBe(8);
});

test("Japanese lines are paced by characters per second", () => {
  const fits = testimonialBrief({ language: "ja", dialogue: [{ speaker: "maya", text: "毎朝ここのコーヒーが楽しみです。", shot: 0 }] });
  expect(pacingWarnings(fits)).toEqual([]);
  const long = testimonialBrief({
    language: "ja",
    dialogue: [{ speaker: "maya", text: "毎朝ここのコーヒーが楽しみで、仕事の前に必ず寄ってしまうんです。本当です。", shot: 0 }],
  });
  const [w] = pacingWarnings(long);
  expect(w?.field).toBe("dialogue.0");
  expect(w?.message).toContain("characters, about");
  expect(w?.message).toContain("at 7 characters/s");
});

test("two lines that each fit but not together are flagged on the shot", () => {
  const brief = testimonialBrief({
    dialogue: [
      { speaker: "maya", text: "Okay, this is my favourite place in town.", shot: 0 },
      { speaker: "maya", text: "And the staff here know my name.", shot: 0 },
    ],
  });
  const warnings = pacingWarnings(brief);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]!.field).toBe("shots.0");
  expect(warnings[0]!.message).toContain("dialogue.0, dialogue.1");
});

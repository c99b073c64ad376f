// The studio's prompt view: compiled lines with their sources, variants, errors by field for drafts that
// do not compile, and trace sources in words.
import { expect, test } from "vitest";
import { compileForStudio, kitSwatches } from "~/lib/video/studio-prompt.ts";
import { describeSource, sourceField } from "~/lib/video/trace-words.ts";
import { exampleBrief } from "../../support/video-frames.ts";
import { makeKit } from "../../factories/kit.ts";

const kit = makeKit("Prompt Bakery", (k) => {
  k.palette.primary.name = "harbour navy";
});

test("a valid brief compiles to traced lines and labelled variants", () => {
  const result = compileForStudio(exampleBrief("ugc-testimonial"), kit, "local-animatic");
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const lines = result.prompt.clips.flatMap((c) => c.lines);
  expect(lines.find((l) => l.sources[0] === "kit.palette.primary.name")?.text).toMatch(/^Palette anchors: harbour navy/);
  expect(result.variants.map((v) => [v.axis, v.label])).toEqual([
    ["lighting", "Golden hour"],
    ["palette-emphasis", "Accent-led"],
    ["framing", "Tighter framing"],
    ["line-reading", "Warm reading"],
  ]);
  expect(compileForStudio(exampleBrief("ugc-testimonial"), kit, "local-animatic", 0)).toMatchObject({ ok: true, variants: [] });
});

test("a draft that does not validate or compile comes back as errors by field", () => {
  const brief = exampleBrief("ugc-testimonial");
  const bad = compileForStudio({ ...brief, title: "", dialogue: [{ speaker: "ghost", text: "Boo", shot: 0 }] }, kit, "m");
  expect(bad).toEqual({ ok: false, errors: { title: "the title is empty", "dialogue.0.speaker": '"ghost" is not a character id or "voiceover"' } });
  expect(compileForStudio(brief, kit, "  ")).toEqual({ ok: false, errors: { model: "no video model configured (set MARQUE_VIDEO_MODEL or pass a model)" } });
});

test("trace sources read as words and point at form fields", () => {
  expect(describeSource("kit.palette.primary.name")).toBe("Kit · palette · primary · name");
  expect(describeSource("kit.style.lighting")).toBe("Kit · video style · lighting");
  expect(describeSource("brief.shots.1.action")).toBe("Brief · shot 2 · action");
  expect(describeSource("brief.sound.effects.0")).toBe("Brief · effect 1");
  expect(describeSource("marque.rules.other-brands")).toBe("Marque rule: no other brands");
  expect(sourceField("brief.dialogue.0.delivery")).toBe("dialogue.0.delivery");
  expect(sourceField("kit.voice.adjectives")).toBeNull();
  expect(kitSwatches(kit)[0]).toEqual({ role: "primary", name: "harbour navy", color: kit.palette.primary.color });
});

import { expect, test } from "vitest";
import { BriefValidationError, parseBrief } from "~/lib/video/brief.ts";

const shot = { framing: "medium", action: "she waves", setting: "a café", seconds: 4 };
const base = { useCase: "ugc-testimonial", title: "Hello", shots: [shot, shot, shot] };

function issues(input: unknown) {
  try {
    parseBrief(input);
  } catch (e) {
    if (e instanceof BriefValidationError) return e.issues;
    throw e;
  }
  return [];
}

test("a minimal brief gets defaults for aspect, polish, language and the optional lists", () => {
  const brief = parseBrief(base);
  expect(brief).toMatchObject({ aspect: "9:16", polish: "polished", language: "en", characters: [], props: [], dialogue: [], colours: [] });
  expect(brief.shots[0]!.camera).toBe("static");
  expect(brief.sound).toEqual({ effects: [], ambience: [] });
});

test("errors name the field and say what is wrong", () => {
  const found = issues({
    ...base,
    aspect: "4:3",
    shots: [shot, { ...shot, framing: "dutch" }, { ...shot, seconds: 0.3 }],
    characters: [{ id: "Maya B", name: "Maya", appearance: "a", wardrobe: "b", shots: [7] }],
  });
  const paths = found.map((i) => i.path);
  expect(paths).toEqual(expect.arrayContaining(["aspect", "shots.1.framing", "shots.2.seconds", "characters.0.id"]));
  expect(found.find((i) => i.path === "shots.2.seconds")?.message).toBe("a shot lasts at least 1 s");
});

test("cross-references are checked: shot indices, speakers and unique ids", () => {
  const found = issues({
    ...base,
    characters: [
      { id: "maya", name: "Maya", appearance: "a", wardrobe: "b", shots: [0, 3] },
      { id: "maya", name: "Maya two", appearance: "a", wardrobe: "b", shots: [1] },
    ],
    props: [{ id: "cup", name: "Cup", description: "a cup", shots: [2] }],
    dialogue: [
      { speaker: "bob", text: "hi", shot: 0 },
      { speaker: "voiceover", text: "hello", shot: 9 },
    ],
    sound: { effects: [{ shot: 4, effect: "clink" }] },
  });
  expect(found).toContainEqual({ path: "characters.0.shots.1", message: "there is no shot 3 (the brief has shots 0–2)" });
  expect(found).toContainEqual({ path: "characters.1.id", message: 'id "maya" is already used by characters.0.id' });
  expect(found).toContainEqual({ path: "dialogue.0.speaker", message: '"bob" is not a character id or "voiceover"' });
  expect(found).toContainEqual({ path: "dialogue.1.shot", message: "there is no shot 9 (the brief has shots 0–2)" });
  expect(found).toContainEqual({ path: "sound.effects.0.shot", message: "there is no shot 4 (the brief has shots 0–2)" });
});

test("brief colours must be CSS colours; any CSS syntax is accepted", () => {
  expect(issues({ ...base, colours: [{ subject: "the scarf", colour: "teal-ish" }] })).toContainEqual({ path: "colours.0.colour", message: "not a CSS colour" });
  const brief = parseBrief({ ...base, colours: [{ subject: "the scarf", colour: "teal" }, { subject: "the cup", colour: "oklch(0.6 0.1 190)" }] });
  expect(brief.colours.map((c) => c.colour)).toEqual(["teal", "oklch(0.6 0.1 190)"]);
});

test("the error message lists every issue with its path, prefixed by the source", () => {
  expect(() => parseBrief({ ...base, title: "" }, "briefs/x.json")).toThrow("briefs/x.json: title: the title is empty");
});

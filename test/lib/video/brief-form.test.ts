// The studio's brief form: every example brief survives draft -> form -> draft -> brief unchanged, and
// list operations keep shot references on the same shots.
import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { applyListOp, briefFromDraft, decodeListOp, draftFromBrief, draftFromForm, draftToFormEntries, type BriefDraft } from "~/lib/video/brief-form.ts";
import { parseBrief } from "~/lib/video/brief.ts";

const examples = readdirSync("templates/briefs").filter((f) => f.endsWith(".json"));
const load = (file: string) => parseBrief(JSON.parse(readFileSync(`templates/briefs/${file}`, "utf8")));

function toForm(d: BriefDraft) {
  const form = new FormData();
  for (const [k, v] of draftToFormEntries(d)) form.append(k, v);
  return form;
}

test.each(examples)("%s round-trips through the form unchanged", (file) => {
  const brief = load(file);
  const again = parseBrief(briefFromDraft(draftFromForm(toForm(draftFromBrief(brief)))));
  expect(again).toEqual(brief);
});

test("blank optional inputs leave their fields out and typed numbers become numbers", () => {
  const d = draftFromBrief(load("product-visualisation.json"));
  d.lighting = "   ";
  d.shots[0]!.seconds = " 2,5 ";
  d.dialogue[0]!.delivery = "";
  const doc = briefFromDraft(d) as { lighting?: string; shots: { seconds: unknown }[]; dialogue: { delivery?: string }[] };
  expect("lighting" in doc).toBe(false);
  expect(doc.shots[0]?.seconds).toBe(2.5);
  expect("delivery" in (doc.dialogue[0] ?? {})).toBe(false);
});

test("text typed into a number field stays text, so validation names the field", () => {
  const d = draftFromBrief(load("product-visualisation.json"));
  d.shots[1]!.seconds = "four";
  expect(() => parseBrief(briefFromDraft(d))).toThrow(/shots\.1\.seconds/);
});

test("removing a shot moves its lines to the shot before and shifts later references down", () => {
  const d = draftFromBrief(load("ugc-testimonial.json"));
  d.dialogue = [{ speaker: "voiceover", text: "a", shot: "1", delivery: "" }, { speaker: "voiceover", text: "b", shot: "2", delivery: "" }];
  d.characters = d.characters.map((c) => ({ ...c, shots: [0, 1, 2] }));
  const out = applyListOp(d, { list: "shots", op: "remove", index: 1 });
  expect(out.shots.map((s) => s.action)).toEqual([d.shots[0]?.action, d.shots[2]?.action]);
  expect(out.dialogue.map((l) => l.shot)).toEqual(["0", "1"]);
  expect(out.characters[0]?.shots).toEqual([0, 1]);
});

test("moving a shot carries its references with it; adding one shifts the later ones", () => {
  const d = draftFromBrief(load("product-visualisation.json"));
  d.dialogue = [{ speaker: "voiceover", text: "x", shot: "2", delivery: "" }];
  const moved = applyListOp(d, { list: "shots", op: "up", index: 2 });
  expect(moved.shots[1]?.action).toBe(d.shots[2]?.action);
  expect(moved.dialogue[0]?.shot).toBe("1");
  const added = applyListOp(d, { list: "shots", op: "add", index: 1 });
  expect(added.shots).toHaveLength(4);
  expect(added.shots[1]?.action).toBe("");
  expect(added.shots[1]?.setting).toBe(d.shots[0]?.setting);
  expect(added.dialogue[0]?.shot).toBe("3");
  expect(added.props[0]?.shots).toEqual([0, 2, 3]);
});

test("the last shot cannot be removed, and list intents decode only when well formed", () => {
  const d = draftFromBrief({ useCase: "physics-previz", title: "t", shots: [{ framing: "wide", action: "a", setting: "s", seconds: 4 }] });
  expect(applyListOp(d, { list: "shots", op: "remove", index: 0 })).toBe(d);
  expect(decodeListOp("list:dialogue:add:-1")).toBeNull();
  expect(decodeListOp("list:effects:remove:2")).toEqual({ list: "effects", op: "remove", index: 2 });
  expect(decodeListOp("list:secrets:add:0")).toBeNull();
  const withLine = applyListOp(d, { list: "dialogue", op: "add", index: 0 });
  expect(withLine.dialogue).toEqual([{ speaker: "voiceover", text: "", shot: "0", delivery: "" }]);
});

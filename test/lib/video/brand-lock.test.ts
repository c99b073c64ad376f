// Brand lock for video briefs: off-kit colours and a palette lead the kit lacks are refused for members
// who are not owners, at the route (save and generate), with the field named; kit colours pass.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { brandLockIssues } from "~/lib/video/brand-lock.ts";
import { parseBrief } from "~/lib/video/brief.ts";
import { draftFromBrief, draftToFormEntries } from "~/lib/video/brief-form.ts";
import { importKitFile } from "~/models/kit-import.server.ts";
import { getKit } from "~/models/kit.server.ts";
import { createVideoBrief, exampleBriefs, getVideoBrief } from "~/models/video-brief.server.ts";
import { action as briefAction } from "~/routes/video.$briefId.tsx";
import { asMember, makeMember, makeWorkspace, type TestMember, type TestWorkspace } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

let ws: TestWorkspace;
let editor: TestMember;
let owner: TestMember;
let slug = "";
let palette: Record<string, { color: string; name: string }> = {};

beforeAll(async () => {
  ws = await makeWorkspace();
  editor = await makeMember(ws, "editor");
  owner = await makeMember(ws, "owner");
  const file = path.resolve(__dirname, "../../../brand-kits/harbour-and-vine/kit.json");
  slug = (await importKitFile(ws, readFileSync(file, "utf8"), { fileName: file, baseDir: path.dirname(file) })).slug;
  const kit = await getKit(ws, slug);
  palette = kit?.kit.palette ?? {};
});

async function exampleWithColours(colours: { subject: string; colour: string }[]) {
  const example = (await exampleBriefs())[0];
  if (!example) throw new Error("no example brief");
  return parseBrief({ ...example.brief, colours });
}

test("kit colours (and near ones) pass; a colour far from every kit colour and an unknown palette lead are named", async () => {
  const primary = palette.primary?.color ?? "#000000";
  const ok = await exampleWithColours([{ subject: "the apron", colour: primary }]);
  expect(brandLockIssues(ok, { palette: palette as never })).toEqual([]);
  const bad = parseBrief({ ...(await exampleWithColours([{ subject: "the apron", colour: primary }, { subject: "the balloon", colour: "#00ff00" }])), paletteLead: "neon" });
  const issues = brandLockIssues(bad, { palette: palette as never });
  expect(issues.map((i) => i.path)).toEqual(["colours.1.colour", "paletteLead"]);
  expect(issues[0]?.message).toMatch(/"#00ff00" is off-brand \(\d+\.\d from the nearest kit colour, .+\); the kit is locked/);
});

function formFor(brief: unknown, intent: string): Record<string, string> {
  const entries = draftToFormEntries(draftFromBrief(brief));
  return { ...Object.fromEntries(entries), intent };
}

test("an editor cannot save or generate a brief with an off-kit colour; nothing is written; the owner can save it", async () => {
  const clean = await exampleWithColours([]);
  const saved = await createVideoBrief(ws, slug, clean);
  const offBrand = await exampleWithColours([{ subject: "the balloon", colour: "#00ff00" }]);
  for (const intent of ["save", "generate"]) {
    const r = await settle<{ errors?: Record<string, string>; error?: string }>(
      briefAction({ request: asMember(editor, `/video/${saved.id}`, { form: formFor(offBrand, intent) }), params: { briefId: saved.id }, ...ctx } as never),
    );
    expect(r.status).toBe(400);
    expect(r.data.error).toMatch(/brand kit is locked/);
    expect(Object.keys(r.data.errors ?? {})).toEqual(["colours.0.colour"]);
  }
  expect((await getVideoBrief(ws, saved.id))?.brief?.colours).toEqual([]);
  const byOwner = await settle(briefAction({ request: asMember(owner, `/video/${saved.id}`, { form: formFor(offBrand, "save") }), params: { briefId: saved.id }, ...ctx } as never));
  expect(byOwner.status).toBe(302);
  expect((await getVideoBrief(ws, saved.id))?.brief?.colours.map((c) => c.colour)).toEqual(["#00ff00"]);
});

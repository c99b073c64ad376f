// Studio briefs per kit (validated writes, errors by field, cascade with the kit), the example briefs,
// and studio renders' conditional state changes.
import { expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { BriefValidationError } from "~/lib/video/brief.ts";
import { createKit, deleteKit, KitNotFoundError } from "~/models/kit.server.ts";
import { createVideoBrief, deleteVideoBrief, exampleBrief, exampleBriefs, getVideoBrief, listVideoBriefs, updateVideoBrief } from "~/models/video-brief.server.ts";
import {
  claimRenderFinishing,
  completeVideoRender,
  createVideoRender,
  failVideoRender,
  getVideoRender,
  listVideoRenders,
  markVideoRenderCancelled,
  setRenderProgress,
} from "~/models/video-render.server.ts";
import { USE_CASES } from "~/lib/video/brief.ts";
import { makeKit } from "../factories/kit.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

async function kitRow(name: string) {
  return createKit(ws, makeKit(name));
}

test("the examples cover every use case and each is a valid brief", async () => {
  const examples = await exampleBriefs();
  expect(examples.map((e) => e.useCase).sort()).toEqual([...USE_CASES].sort());
  expect((await exampleBrief("ugc-testimonial"))?.brief.polish).toBe("raw-ugc");
  expect(await exampleBrief("../package")).toBeNull();
});

test("a brief is saved per kit, validated, listed newest first, and updated in place", async () => {
  const kit = await kitRow("Brief Bakery");
  const other = await kitRow("Other Bakery");
  const example = (await exampleBrief("product-visualisation"))!.brief;
  const first = await createVideoBrief(ws, kit.slug, example);
  expect(first).toMatchObject({ kitId: kit.id, kitSlug: kit.slug, title: example.title, useCase: "product-visualisation", issues: [] });
  expect(first.brief).toEqual(example);
  await createVideoBrief(ws, other.slug, example);
  const second = await createVideoBrief(ws, kit.slug, { ...example, title: "Second" });
  expect((await listVideoBriefs(ws, { kitId: kit.id })).map((b) => b.id)).toEqual([second.id, first.id]);

  const updated = await updateVideoBrief(ws, first.id, { ...example, title: "Renamed", useCase: "style-exploration" });
  expect(updated).toMatchObject({ title: "Renamed", useCase: "style-exploration" });
  expect((await listVideoBriefs(ws, { kitId: kit.id }))[0]?.id).toBe(first.id);
  expect(await updateVideoBrief(ws, "nope", example)).toBeNull();
});

test("a bad brief is refused naming every field, and nothing is written", async () => {
  const kit = await kitRow("Strict Bakery");
  const example = (await exampleBrief("product-visualisation"))!.brief;
  const bad = { ...example, title: "", shots: [{ ...example.shots[0], seconds: 30 }] };
  const error = await createVideoBrief(ws, kit.slug, bad).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BriefValidationError);
  expect((error as BriefValidationError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(["title", "shots.0.seconds"]));
  expect(await listVideoBriefs(ws, { kitId: kit.id })).toEqual([]);
  await expect(createVideoBrief(ws, "no-such-kit", example)).rejects.toBeInstanceOf(KitNotFoundError);
});

test("a stored brief that no longer validates still opens, with its issues", async () => {
  const kit = await kitRow("Legacy Bakery");
  const saved = await createVideoBrief(ws, kit.slug, (await exampleBrief("physics-previz"))!.brief);
  await prisma.videoBrief.update({ where: { id: saved.id }, data: { data: JSON.stringify({ ...(saved.data as object), useCase: "hologram" }) } });
  const reopened = await getVideoBrief(ws, saved.id);
  expect(reopened?.brief).toBeNull();
  expect(reopened?.issues).toEqual([{ path: "useCase", message: expect.stringMatching(/product-visualisation/) }]);
  expect(reopened?.data).toMatchObject({ useCase: "hologram", title: saved.title });
});

test("deleting a brief or its kit removes its renders", async () => {
  const kit = await kitRow("Cascade Bakery");
  const example = (await exampleBrief("physics-previz"))!.brief;
  const a = await createVideoBrief(ws, kit.slug, example);
  const b = await createVideoBrief(ws, kit.slug, example);
  const ra = await createVideoRender({ briefId: a.id, provider: "local", jobIds: ["j1"] });
  await createVideoRender({ briefId: b.id, provider: "local", jobIds: ["j2"] });
  expect(await deleteVideoBrief(ws, a.id)).toBe(true);
  expect(await getVideoRender(ra.id)).toBeNull();
  expect(await deleteVideoBrief(ws, a.id)).toBe(false);
  await deleteKit(ws, kit.slug);
  expect(await getVideoBrief(ws, b.id)).toBeNull();
  expect(await prisma.videoRender.count({ where: { briefId: b.id } })).toBe(0);
});

test("render states change only from the states that allow it", async () => {
  const kit = await kitRow("State Bakery");
  const brief = await createVideoBrief(ws, kit.slug, (await exampleBrief("physics-previz"))!.brief);
  await expect(createVideoRender({ briefId: brief.id, provider: "local", jobIds: [] })).rejects.toThrow(/jobIds/);
  const r = await createVideoRender({ briefId: brief.id, label: "Golden hour", provider: "local", jobIds: ["a", "b"], options: { cta: "Visit us", logoBug: true } });
  expect(r).toMatchObject({ status: "clips", label: "Golden hour", jobIds: ["a", "b"], options: { endCard: true, cta: "Visit us", logoBug: true }, kitId: kit.id, briefTitle: brief.title });
  expect(await setRenderProgress(r.id, 90)).toBe(false); // not finishing yet
  expect(await claimRenderFinishing(r.id)).toBe(true);
  expect(await claimRenderFinishing(r.id)).toBe(false); // exactly one claim
  expect(await claimRenderFinishing(r.id, new Date(Date.now() - 60_000))).toBe(false); // not stale
  expect(await claimRenderFinishing(r.id, new Date(Date.now() + 60_000))).toBe(true); // stale: taken over
  expect(await setRenderProgress(r.id, 140)).toBe(true);
  expect((await getVideoRender(r.id))?.progress).toBe(99);
  expect(await completeVideoRender(r.id, { assetId: "asset1", thumbnailKey: "f".repeat(64), seconds: 14.5, width: 720, height: 1280 })).toBe(true);
  expect(await markVideoRenderCancelled(r.id)).toBe(false);
  expect(await failVideoRender(r.id, "late failure")).toBe(false);
  expect(await getVideoRender(r.id)).toMatchObject({ status: "completed", progress: 100, error: null, seconds: 14.5 });

  const c = await createVideoRender({ briefId: brief.id, provider: "local", jobIds: ["c"] });
  expect(await markVideoRenderCancelled(c.id)).toBe(true);
  expect(await claimRenderFinishing(c.id)).toBe(false);
  expect((await listVideoRenders({ kitId: kit.id })).map((x) => x.id)).toEqual([c.id, r.id]);
  expect((await listVideoRenders({ briefId: brief.id, status: ["completed"] })).map((x) => x.id)).toEqual([r.id]);
});

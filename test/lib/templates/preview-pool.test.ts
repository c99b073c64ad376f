// Previews through the render pool: a full queue refuses an uncached preview with BusyError (a 503 with
// Retry-After from the routes' error helper), a cached one is served without a slot, and exports wait;
// so do the video's brand frames and the audit's drawing of a saved design.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, expect, test } from "vitest";
import { parseKit } from "~/lib/kit/schema.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { badRequest } from "~/lib/templates/design-response.server.ts";
import { clearPreviewCache, renderDesign, renderPreview, type KitRef } from "~/lib/templates/render-design.server.ts";
import { BusyError, createRenderPool, setRenderPool } from "~/lib/templates/render-pool.server.ts";
import { prepareKit } from "~/lib/templates/context.server.ts";
import { loadAuditSource } from "~/lib/audit/sources.server.ts";
import { renderEndCard, renderReferenceFrame } from "~/lib/video/post.server.ts";
import { createDesign } from "~/models/design.server.ts";
import { exampleKit } from "../../models/design-fixtures.ts";
import { makeMember, makeWorkspace } from "../../support/auth.ts";

let kit: KitRef;
beforeAll(async () => {
  const dir = path.resolve("brand-kits", "harbour-and-vine");
  kit = { id: "pool-test-kit", slug: "harbour-and-vine", version: 1, kit: parseKit(JSON.parse(await readFile(path.join(dir, "kit.json"), "utf8")), "harbour-and-vine"), baseDir: dir };
});
afterEach(() => {
  setRenderPool(undefined);
  clearPreviewCache();
});

const sample = getTemplate("instagram-post").sample as Record<string, unknown>;
const input = (title: string) => ({ kit, templateId: "instagram-post", formatId: "ig-square", content: { ...sample, headline: title }, maxWidth: 200, maxHeight: 200 });

/** Occupies every slot of `pool` until `release()`. */
function occupy(pool: ReturnType<typeof createRenderPool>, slots: number) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held = Array.from({ length: slots }, () => pool.run(() => gate));
  return { release: async () => (release(), await Promise.all(held)) };
}

test("a full pool refuses an uncached preview with BusyError, answered as 503 with Retry-After", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 0 });
  setRenderPool(pool);
  const busy = occupy(pool, 1);
  const error = await renderPreview(input("Refused")).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusyError);
  const res = badRequest(error);
  expect(res.status).toBe(503);
  expect(Number(res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
  expect(res.headers.get("Content-Type")).toContain("application/json");
  expect(((await res.json()) as { error: string }).error).toMatch(/busy/);
  await busy.release();
  // Once a slot is free the same preview renders.
  const out = await renderPreview(input("Refused"));
  expect(out.cached).toBe(false);
  expect(out.bytes.subarray(1, 4).toString()).toBe("PNG");
});

test("a cached preview is served while every slot is busy; requests for one preview share a queue place", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 1 });
  setRenderPool(pool);
  const first = await renderPreview(input("Cached"));
  const busy = occupy(pool, 1);
  const again = await renderPreview(input("Cached"));
  expect(again.cached).toBe(true);
  expect(again.key).toBe(first.key);
  // Three requests for one new preview take one queue place: the fourth, different, is refused.
  const shared = [renderPreview(input("Shared")), renderPreview(input("Shared")), renderPreview(input("Shared"))];
  await expect(renderPreview(input("Other"))).rejects.toBeInstanceOf(BusyError);
  expect(pool.stats()).toMatchObject({ active: 1, queued: 1 });
  await busy.release();
  const outs = await Promise.all(shared);
  expect(new Set(outs.map((o) => o.key)).size).toBe(1);
  expect(pool.stats()).toMatchObject({ active: 0, queued: 0 });
});

test("an export waits for a slot instead of being refused", async () => {
  const pool = createRenderPool({ concurrency: 1, queueLimit: 0 });
  setRenderPool(pool);
  const busy = occupy(pool, 1);
  let done = false;
  const exported = renderDesign({ kit, templateId: "instagram-post", content: sample, formatId: "ig-square", output: "png" }).then((r) => ((done = true), r));
  await new Promise((r) => setTimeout(r, 50));
  expect(done).toBe(false);
  expect(pool.stats().queued).toBe(1);
  await busy.release();
  const out = await exported;
  expect(out.mime).toBe("image/png");
});

test("brand frames for videos and the audit's drawing of a design wait for a render slot too", async () => {
  const ws = await makeWorkspace();
  const editor = await makeMember(ws, "editor");
  const saved = await exampleKit(ws);
  const design = await createDesign(editor.scope, { kitId: saved.id, templateId: "instagram-post", formats: ["ig-square"] });
  const prepared = await prepareKit(kit.kit, { baseDir: kit.baseDir });
  const size = { width: 180, height: 320 };
  const pool = createRenderPool({ concurrency: 1, queueLimit: 0 });
  setRenderPool(pool);
  const busy = occupy(pool, 1);
  const finished: string[] = [];
  const work = [
    renderReferenceFrame(prepared, size).then(() => finished.push("reference")),
    renderEndCard(prepared, size).then(() => finished.push("end card")),
    loadAuditSource(editor.scope, { designId: design.id }).then(() => finished.push("audit")),
  ];
  await new Promise((r) => setTimeout(r, 300));
  expect(finished).toEqual([]);
  expect(pool.stats().queued).toBe(3);
  const before = pool.stats().completed;
  await busy.release();
  await Promise.all(work);
  expect(finished.sort()).toEqual(["audit", "end card", "reference"]);
  expect(pool.stats().completed - before).toBe(4); // the task that held the slot, then the three
});

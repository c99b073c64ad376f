// Library routes called directly: download headers, thumbnails (file, current, replaced version),
// the re-render action and its progress endpoint, deletes, and the kit page's stale count.
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { getBlobStore } from "~/storage.server.ts";
import { prisma } from "~/db.server.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { checkLibrary } from "~/models/library-check.server.ts";
import { loader as fileLoader } from "~/routes/library.$id.file.ts";
import { loader as thumbLoader } from "~/routes/library.$id.thumbnail.ts";
import { loader as indexLoader, action as indexAction } from "~/routes/library._index.tsx";
import { loader as assetLoader, action as assetAction } from "~/routes/library.$id.tsx";
import { action as rerenderAction } from "~/routes/library.rerender.tsx";
import { loader as progressLoader } from "~/routes/library.rerender.progress.ts";
import { loader as kitLoader } from "~/routes/kits.$slug._index.tsx";
import { changePrimary, exampleKit, exportedPost, type TestKit } from "../lib/rerender/fixtures.ts";
import { asMember, makeMember, makeWorkspace, type TestMember, type TestWorkspace } from "../support/auth.ts";

// Re-rendering and deleting from the library is an editor's work; an editor also browses and downloads.
let workspace: TestWorkspace;
let editor: TestMember;
let kit: TestKit;
beforeAll(async () => {
  workspace = await makeWorkspace();
  editor = await makeMember(workspace, "editor");
  kit = await exampleKit(workspace, "harbour-and-vine");
});

const ctx = { context: {} };
const get = (url: string) => asMember(editor, url);
const post = (url: string, fields: Record<string, string>) => asMember(editor, url, { method: "POST", body: new URLSearchParams(fields) });

async function call(p: Promise<unknown>): Promise<Response> {
  try {
    const r = await p;
    if (r instanceof Response) return r;
    throw new Error("expected a Response");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

test("download sends the stored bytes as an attachment with explicit headers", async () => {
  const { asset, bytes } = await exportedPost(editor.scope, kit, "Harbour nights");
  const r = await call(fileLoader({ request: get(`/library/${asset.id}/file`), params: { id: asset.id }, ...ctx }));
  expect(r.status).toBe(200);
  expect(Object.fromEntries(r.headers)).toMatchObject({
    "content-type": "image/png",
    "content-length": String(bytes.length),
    "content-disposition": 'attachment; filename="harbour-nights-link-card.png"',
    "x-content-type-options": "nosniff",
  });
  expect(Buffer.compare(Buffer.from(await r.arrayBuffer()), bytes)).toBe(0);
  expect((await call(fileLoader({ request: get("/library/nope/file"), params: { id: "nope" }, ...ctx }))).status).toBe(404);
  expect((await call(fileLoader({ request: get("/library/../file"), params: { id: "../x" }, ...ctx }))).status).toBe(404);
});

test("thumbnails: the file scaled down, the same content in the current kit, and a replaced version drawn from its kit version", async () => {
  const { asset } = await exportedPost(editor.scope, kit, "Before and after");
  const thumb = await call(thumbLoader({ request: get(`/library/${asset.id}/thumbnail`), params: { id: asset.id }, ...ctx }));
  expect(thumb.headers.get("content-type")).toBe("image/png");
  const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
  expect([meta.width, meta.height]).toEqual([480, 252]);

  await changePrimary(workspace, kit.slug, "#7a1f5c");
  const pixel = async (r: Response) => {
    const img = sharp(Buffer.from(await r.arrayBuffer()));
    const { width = 0, height = 0 } = await img.metadata();
    const { data } = await img.extract({ left: Math.round(width * 0.96), top: Math.round(height * 0.95), width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    return `#${[...data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  };
  const before = await call(thumbLoader({ request: get(`/library/${asset.id}/thumbnail`), params: { id: asset.id }, ...ctx }));
  const after = await call(thumbLoader({ request: get(`/library/${asset.id}/thumbnail?v=current`), params: { id: asset.id }, ...ctx }));
  expect(await pixel(before)).toBe("#17324d");
  expect(await pixel(after)).toBe("#7a1f5c");
  expect(after.headers.get("x-kit-version")).toBe("2");

  // Re-render from the detail page; the old id now leads to the new version, its picture still shows v1.
  const done = await call(assetAction({ request: post(`/library/${asset.id}`, { intent: "rerender" }), params: { id: asset.id }, ...ctx }));
  const newId = done.headers.get("location")?.split("/").pop() ?? "";
  expect(newId).not.toBe(asset.id);
  expect(await getBlobStore().has(asset.storageKey)).toBe(false);
  const oldPicture = await call(thumbLoader({ request: get(`/library/${asset.id}/thumbnail`), params: { id: asset.id }, ...ctx }));
  expect([oldPicture.headers.get("x-kit-version"), await pixel(oldPicture)]).toEqual(["1", "#17324d"]);
  const moved = await call(assetLoader({ request: get(`/library/${asset.id}`), params: { id: asset.id }, ...ctx }));
  expect([moved.status, moved.headers.get("location")]).toEqual([302, `/library/${newId}`]);
  const detail = (await assetLoader({ request: get(`/library/${newId}`), params: { id: newId }, ...ctx })) as { history: { id: string; kitVersion: number }[]; stale: boolean };
  expect(detail).toMatchObject({ stale: false, history: [{ id: asset.id, kitVersion: 1 }] });
});

test("the kit page counts stale assets; the re-render button runs a job whose progress endpoint reaches the end", async () => {
  const other = await exampleKit(workspace, "wild-stem-florals");
  await exportedPost(editor.scope, other, "Sunflowers");
  await exportedPost(editor.scope, other, "Hydrangeas");
  await changePrimary(workspace, other.slug, "#445566");
  const page = (await kitLoader({ request: get(`/kits/${other.slug}`), params: { slug: other.slug }, ...ctx })) as { staleAssets: number };
  expect(page.staleAssets).toBe(2);

  const started = await call(rerenderAction({ request: post("/library/rerender", { intent: "start", kit: other.id }), params: {}, ...ctx }));
  expect(started.status).toBe(302);
  const jobId = new URL(started.headers.get("location") ?? "", "http://x").searchParams.get("job") ?? "";
  let progress: { status: string; done: number; total: number; finished: boolean } = { status: "", done: 0, total: 0, finished: false };
  for (let i = 0; i < 200 && !progress.finished; i++) {
    const r = await call(progressLoader({ request: get(`/library/rerender/progress?job=${jobId}`), params: {}, ...ctx }));
    expect(r.headers.get("cache-control")).toBe("no-store");
    progress = (await r.json()) as typeof progress;
    if (!progress.finished) await new Promise((res) => setTimeout(res, 50));
  }
  expect(progress).toMatchObject({ status: "completed", done: 2, total: 2, finished: true });
  expect(((await kitLoader({ request: get(`/kits/${other.slug}`), params: { slug: other.slug }, ...ctx })) as { staleAssets: number }).staleAssets).toBe(0);
  const again = await rerenderAction({ request: post("/library/rerender", { intent: "start", kit: other.id }), params: {}, ...ctx });
  expect(again).toMatchObject({ data: { message: expect.stringMatching(/Nothing is stale/) } });
});

test("the library lists with filters and deletes from the list, file included", async () => {
  const { asset } = await exportedPost(editor.scope, kit, "List and delete", { formatId: "ig-square" });
  const listed = (await indexLoader({ request: get(`/library?format=ig-square&kit=${kit.slug}`), params: {}, ...ctx })) as { items: { id: string; format: string }[]; total: number };
  expect(listed.items.map((i) => [i.id, i.format])).toEqual([[asset.id, "Instagram square 1080×1080"]]);
  const none = (await indexLoader({ request: get("/library?kit=no-such-kit"), params: {}, ...ctx })) as { total: number };
  expect(none.total).toBe(0);
  const r = await call(indexAction({ request: post("/library", { intent: "delete", id: asset.id, back: "/library?format=ig-square" }), params: {}, ...ctx }));
  expect([r.status, r.headers.get("location")]).toEqual([302, "/library?format=ig-square"]);
  expect(await getBlobStore().has(asset.storageKey)).toBe(false);
  const second = await exportedPost(editor.scope, kit, "Offsite back link");
  const offsite = await call(indexAction({ request: post("/library", { intent: "delete", id: second.asset.id, back: "//evil.example/library" }), params: {}, ...ctx }));
  expect(offsite.headers.get("location")).toBe("/library");
});

test("a video asset: downloads as MP4, its thumbnail is the studio's still, and check keeps that still", async () => {
  const store = getBlobStore();
  const still = await sharp({ create: { width: 720, height: 1280, channels: 3, background: "#ff0066" } }).jpeg().toBuffer();
  const stillKey = await store.put(still);
  const video = await recordAsset({ kitId: kit.id, kitVersion: 1, templateId: "video", format: "reel-vertical", contentHash: "e".repeat(64), bytes: new TextEncoder().encode("pretend mp4 bytes"), mime: "video/mp4" });
  const brief = await prisma.videoBrief.create({ data: { kitId: kit.id, title: "Spring reel", useCase: "product", data: "{}" } });
  await prisma.videoRender.create({ data: { briefId: brief.id, provider: "local", status: "completed", assetId: video.id, thumbnailKey: stillKey } });

  const file = await call(fileLoader({ request: get(`/library/${video.id}/file`), params: { id: video.id }, ...ctx }));
  expect([file.headers.get("content-type"), file.headers.get("content-disposition")]).toEqual(["video/mp4", 'attachment; filename="video-reel-vertical.mp4"']);
  const thumb = await call(thumbLoader({ request: get(`/library/${video.id}/thumbnail`), params: { id: video.id }, ...ctx }));
  const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
  expect([thumb.headers.get("content-type"), meta.width, meta.height]).toEqual(["image/png", 270, 480]);
  // The still is named only in the video studio's table: it is in use, not an orphan.
  const report = await checkLibrary({ repair: true });
  expect(report.orphans.map((o) => o.key)).not.toContain(stillKey);
  expect(await store.has(stillKey)).toBe(true);
});

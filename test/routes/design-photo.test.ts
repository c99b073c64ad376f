// The editor's picture of a photo in a design's image slot: only a photo the saved design uses, as a
// JPEG of at most 240 px, to any member of the design's workspace; anything else is a plain 404.
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { getTemplate } from "~/lib/templates/registry.ts";
import { createDesign, storeDesignImage, type Design } from "~/models/design.server.ts";
import { loader as photoLoader } from "~/routes/designs.$id.photo.ts";
import { getBlobStore } from "~/storage.server.ts";
import { exampleKit } from "../models/design-fixtures.ts";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../support/auth.ts";
import { ctx, settle } from "../support/route-result.ts";

let viewer: TestMember;
let design: Design;
let photo: string;
let unused: string;
beforeAll(async () => {
  const ws = await makeWorkspace();
  viewer = await makeMember(ws, "viewer");
  const editor = await makeMember(ws, "editor");
  const kit = await exampleKit(ws);
  // A tall photo: the thumbnail keeps its shape inside 240 × 240.
  photo = await storeDesignImage(await sharp({ create: { width: 600, height: 900, channels: 3, background: "#2e6b4f" } }).jpeg().toBuffer(), "shop-front.jpg");
  unused = await storeDesignImage(await sharp({ create: { width: 40, height: 40, channels: 3, background: "#000000" } }).png().toBuffer(), "other.png");
  design = await createDesign(editor.scope, { kitId: kit.id, templateId: "instagram-post", formats: ["ig-square"], content: { ...(getTemplate("instagram-post").sample as object), photo } });
});

const get = (ref: string, headers: Record<string, string> = {}) =>
  settle(photoLoader({ request: asMember(viewer, `/designs/${design.id}/photo?ref=${encodeURIComponent(ref)}`, { headers }), params: { id: design.id }, ...ctx }));

test("a photo the design uses: a small JPEG with its shape, cacheable, revalidated by ETag", async () => {
  const res = (await photoLoader({ request: asMember(viewer, `/designs/${design.id}/photo?ref=${photo}`), params: { id: design.id }, ...ctx })) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("image/jpeg");
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(res.headers.get("Cache-Control")).toBe("private, max-age=86400");
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 160, 240]);
  const again = await get(photo, { "If-None-Match": res.headers.get("ETag") ?? "" });
  expect(again.status).toBe(304);
});

test("a photo the design does not use, a malformed ref, an unknown design, a lost file: 404", async () => {
  expect((await get(unused)).status).toBe(404);
  expect((await get("sha256:xyz")).status).toBe(404);
  expect((await get("../../etc/passwd")).status).toBe(404);
  const unknown = await settle(photoLoader({ request: asMember(viewer, `/designs/nope/photo?ref=${photo}`), params: { id: "nope" }, ...ctx }));
  expect(unknown.status).toBe(404);
  await getBlobStore().delete(photo.slice(7));
  const lost = await get(photo);
  expect(lost.status).toBe(404);
  expect(lost.text).toBe("Not found");
});

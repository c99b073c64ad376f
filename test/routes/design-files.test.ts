// Design resource routes called directly with Requests: previews, exports, the ZIP, thumbnails.
import sharp from "sharp";
import { unzipSync } from "fflate";
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { createDesign, type Design } from "~/models/design.server.ts";
import { listAssets } from "~/models/asset.server.ts";
import { saveKit } from "~/models/kit.server.ts";
import { getBlobStore, sha256 } from "~/storage.server.ts";
import { loader as previewLoader, action as previewAction } from "~/routes/designs.$id.preview.ts";
import { loader as exportLoader } from "~/routes/designs.$id.export.$format.ts";
import { loader as zipLoader } from "~/routes/designs.$id.zip.ts";
import { loader as thumbLoader } from "~/routes/templates.$id.thumbnail.ts";
import { exampleKit, pdfPageCount } from "../models/design-fixtures.ts";
import { asMember, makeMember, makeWorkspace, type TestMember, type TestWorkspace } from "../support/auth.ts";

// Exports and ZIPs are an editor's; previews and thumbnails are open to viewers too.
let workspace: TestWorkspace;
let editor: TestMember;
let kit: Awaited<ReturnType<typeof exampleKit>>;
let post: Design;
let menu: Design;
beforeAll(async () => {
  workspace = await makeWorkspace();
  editor = await makeMember(workspace, "editor");
  kit = await exampleKit(workspace);
  post = await createDesign(editor.scope, { kitId: kit.id, templateId: "instagram-post", name: "Terrace lunch", formats: ["ig-square"] });
  menu = await createDesign(editor.scope, { kitId: kit.id, templateId: "menu", name: "Dinner menu", formats: ["a4"] });
});

const ctx = { context: {} };
const get = (url: string, headers: Record<string, string> = {}) => asMember(editor, url, { headers });

/** Runs a loader/action and returns its Response, whether returned or thrown. */
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

const bytesOf = async (r: Response) => Buffer.from(await r.arrayBuffer());
const encode = (content: unknown) => Buffer.from(JSON.stringify(content)).toString("base64url");

function expectFileHeaders(res: Response, mime: string, bytes: Buffer, disposition: RegExp) {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe(mime);
  expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
  expect(res.headers.get("Content-Disposition")).toMatch(disposition);
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(res.headers.get("Cache-Control")).toBeTruthy();
}

test("PNG export: headers, real pixel size, recorded as an asset with kit version and content hash", async () => {
  const res = await call(exportLoader({ request: get(`/designs/${post.id}/export/png?size=ig-portrait`), params: { id: post.id, format: "png" }, ...ctx }));
  const bytes = await bytesOf(res);
  expectFileHeaders(res, "image/png", bytes, /^attachment; filename="terrace-lunch-ig-portrait\.png"$/);
  expect(res.headers.get("Cache-Control")).toContain("no-store");
  const meta = await sharp(bytes).metadata();
  expect([meta.width, meta.height]).toEqual([1080, 1350]);
  const asset = (await listAssets(editor.scope, { designId: post.id })).find((a) => a.id === res.headers.get("X-Asset-Id"));
  expect(asset).toMatchObject({ kitId: kit.id, kitVersion: kit.version, templateId: "instagram-post", format: "ig-portrait", mime: "image/png", storageKey: sha256(bytes), bytes: bytes.length, stale: false });
  expect(asset?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(await getBlobStore().has(sha256(bytes))).toBe(true);
});

test("JPEG and WebP exports of a print format come out at 300 dpi", async () => {
  const jpeg = await call(exportLoader({ request: get(`/designs/${menu.id}/export/jpeg`), params: { id: menu.id, format: "jpeg" }, ...ctx }));
  const meta = await sharp(await bytesOf(jpeg)).metadata();
  expect([jpeg.headers.get("Content-Type"), meta.width, meta.height]).toEqual(["image/jpeg", 2480, 3508]);
  const webp = await call(exportLoader({ request: get(`/designs/${post.id}/export/webp?size=banner`), params: { id: post.id, format: "webp" }, ...ctx }));
  const wmeta = await sharp(await bytesOf(webp)).metadata();
  expect([webp.headers.get("Content-Type"), wmeta.format, wmeta.width, wmeta.height]).toEqual(["image/webp", "webp", 1500, 500]);
});

test("PDF export: starts with %PDF, has the design's pages, grows by bleed and crop marks with bleed=1", async () => {
  const plain = await call(exportLoader({ request: get(`/designs/${menu.id}/export/pdf?size=letter`), params: { id: menu.id, format: "pdf" }, ...ctx }));
  const bytes = await bytesOf(plain);
  expectFileHeaders(plain, "application/pdf", bytes, /filename="dinner-menu-letter\.pdf"/);
  expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
  expect(pdfPageCount(bytes)).toBe(Number(plain.headers.get("X-Design-Pages")));
  expect(bytes.toString("latin1")).toMatch(/\/MediaBox \[0 0 612(\.0+)? 792(\.0+)?\]/);
  const bleed = await call(exportLoader({ request: get(`/designs/${menu.id}/export/pdf?size=letter&bleed=1`), params: { id: menu.id, format: "pdf" }, ...ctx }));
  const bleedBytes = await bytesOf(bleed);
  expect(bleed.headers.get("Content-Disposition")).toContain("dinner-menu-letter-bleed.pdf");
  expect(bleedBytes.toString("latin1")).toContain("/TrimBox");
  expect(pdfPageCount(bleedBytes)).toBe(pdfPageCount(bytes));
});

test("exports: unknown design or output format is 404, a size the template lacks is 400 naming size", async () => {
  expect((await call(exportLoader({ request: get("/designs/nope/export/png"), params: { id: "nope", format: "png" }, ...ctx }))).status).toBe(404);
  expect((await call(exportLoader({ request: get(`/designs/${post.id}/export/gif`), params: { id: post.id, format: "gif" }, ...ctx }))).status).toBe(404);
  const bad = await call(exportLoader({ request: get(`/designs/${post.id}/export/png?size=a4`), params: { id: post.id, format: "png" }, ...ctx }));
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ error: expect.stringMatching(/^size: "a4" is not a format of Social post/) });
});

test("ZIP: every format as PNG, plus a bleed PDF per print format, each recorded as an asset", async () => {
  const before = await prisma.asset.count({ where: { designId: menu.id } });
  const res = await call(zipLoader({ request: get(`/designs/${menu.id}/zip`), params: { id: menu.id }, ...ctx }));
  const zip = await bytesOf(res);
  expectFileHeaders(res, "application/zip", zip, /filename="dinner-menu-all-formats\.zip"/);
  const files = unzipSync(new Uint8Array(zip));
  const names = Object.keys(files).sort();
  expect(names).toEqual(expect.arrayContaining(["dinner-menu-a4.png", "dinner-menu-a4-bleed.pdf", "dinner-menu-letter.png", "dinner-menu-letter-bleed.pdf"]));
  expect(names.every((n) => /^dinner-menu-(a4|letter)(-p\d+)?(\.png|-bleed\.pdf)$/.test(n))).toBe(true);
  const letter = await sharp(Buffer.from(files["dinner-menu-letter.png"]!)).metadata();
  expect([letter.width, letter.height]).toEqual([2550, 3300]);
  expect(Buffer.from(files["dinner-menu-a4-bleed.pdf"]!).subarray(0, 4).toString()).toBe("%PDF");
  const assets = await listAssets(editor.scope, { designId: menu.id });
  for (const name of names) {
    const key = sha256(files[name]!);
    expect(assets.some((a) => a.storageKey === key)).toBe(true);
  }
  expect(await prisma.asset.count({ where: { designId: menu.id } })).toBeGreaterThanOrEqual(before + 1);

  const social = unzipSync(new Uint8Array(await bytesOf(await call(zipLoader({ request: get(`/designs/${post.id}/zip`), params: { id: post.id }, ...ctx })))));
  expect(Object.keys(social).sort()).toEqual(["terrace-lunch-banner.png", "terrace-lunch-ig-portrait.png", "terrace-lunch-ig-square.png", "terrace-lunch-link-card.png", "terrace-lunch-story.png"]);
  expect((await call(zipLoader({ request: get("/designs/nope/zip"), params: { id: "nope" }, ...ctx }))).status).toBe(404);
});

test("preview of unsaved content: PNG that fits the editor, headers, 400 naming the field for bad content", async () => {
  const content = { ...post.content, headline: "A brand new headline" };
  const res = await call(previewLoader({ request: get(`/designs/${post.id}/preview?format=ig-square&kv=${kit.version}&c=${encode(content)}`), params: { id: post.id }, ...ctx }));
  const png = await bytesOf(res);
  expectFileHeaders(res, "image/png", png, /^inline;/);
  expect(res.headers.get("Cache-Control")).toBe("private, max-age=3600");
  expect(res.headers.get("X-Design-Pages")).toBe("1");
  expect(JSON.parse(decodeURIComponent(res.headers.get("X-Design-Overflow") ?? ""))).toEqual([]);
  const meta = await sharp(png).metadata();
  expect([meta.width, meta.height]).toEqual([900, 900]);

  const bad = await call(previewLoader({ request: get(`/designs/${post.id}/preview?c=${encode({ ...post.content, headline: "" })}`), params: { id: post.id }, ...ctx }));
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ issues: [{ path: "headline", message: "write a headline" }] });
  const garbled = await call(previewLoader({ request: get(`/designs/${post.id}/preview?c=%7B%7D!!`), params: { id: post.id }, ...ctx }));
  expect(garbled.status).toBe(400);
  expect((await garbled.json()).error).toMatch(/^c: /);
  const huge = await call(previewLoader({ request: get(`/designs/${post.id}/preview?c=${"A".repeat(20_000)}`), params: { id: post.id }, ...ctx }));
  expect(huge.status).toBe(400);
  expect((await call(previewLoader({ request: get(`/designs/${post.id}/preview?format=a4`), params: { id: post.id }, ...ctx }))).status).toBe(400);
  expect((await call(previewLoader({ request: get("/designs/nope/preview"), params: { id: "nope" }, ...ctx }))).status).toBe(404);
});

test("preview: a repeat request hits the server cache and a matching ETag gets 304", async () => {
  const url = `/designs/${post.id}/preview?format=story&kv=${kit.version}&c=${encode({ ...post.content, headline: "Cache me" })}`;
  const first = await call(previewLoader({ request: get(url), params: { id: post.id }, ...ctx }));
  const second = await call(previewLoader({ request: get(url), params: { id: post.id }, ...ctx }));
  expect(first.headers.get("X-Preview-Cache")).toBe("miss");
  expect(second.headers.get("X-Preview-Cache")).toBe("hit");
  expect(Buffer.compare(await bytesOf(first), await bytesOf(second))).toBe(0);
  const etag = second.headers.get("ETag") ?? "";
  const revalidated = await call(previewLoader({ request: get(url, { "If-None-Match": etag }), params: { id: post.id }, ...ctx }));
  expect(revalidated.status).toBe(304);
  // A URL naming an old kit version is not cached by the browser.
  const old = await call(previewLoader({ request: get(url.replace(`kv=${kit.version}`, "kv=0")), params: { id: post.id }, ...ctx }));
  expect(old.headers.get("Cache-Control")).toBe("private, no-cache");
});

test("preview by POST takes larger content as JSON; pages past the end are a 400", async () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ name: `Dish number ${i + 1}`, description: "Something seasonal and good, cooked over coals", price: String(10 + (i % 9)) }));
  const content = { ...menu.content, sections: [{ title: "Everything", items }] };
  const post1 = asMember(editor, `/designs/${menu.id}/preview`, { method: "POST", body: JSON.stringify({ format: "a4", page: 2, content }), headers: { "Content-Type": "application/json" } });
  const res = await call(previewAction({ request: post1, params: { id: menu.id }, ...ctx }));
  expect(res.status).toBe(200);
  expect(Number(res.headers.get("X-Design-Pages"))).toBeGreaterThanOrEqual(2);
  expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
  const past = asMember(editor, `/designs/${menu.id}/preview`, { method: "POST", body: JSON.stringify({ format: "a4", page: 40, content }) });
  const pastRes = await call(previewAction({ request: past, params: { id: menu.id }, ...ctx }));
  expect(pastRes.status).toBe(400);
  expect((await pastRes.json()).error).toMatch(/^page: /);
  const notJson = asMember(editor, `/designs/${menu.id}/preview`, { method: "POST", body: "{" });
  expect((await call(previewAction({ request: notJson, params: { id: menu.id }, ...ctx }))).status).toBe(400);
});

test("template thumbnails: small PNG in the chosen kit, cacheable when the URL names the kit version", async () => {
  const res = await call(thumbLoader({ request: get(`/templates/instagram-post/thumbnail?kit=${kit.slug}&format=ig-portrait&v=${kit.version}`), params: { id: "instagram-post" }, ...ctx }));
  const png = await bytesOf(res);
  expectFileHeaders(res, "image/png", png, /^inline;/);
  expect(res.headers.get("Cache-Control")).toBe("private, max-age=86400");
  const meta = await sharp(png).metadata();
  expect(meta.width).toBeLessThanOrEqual(420);
  expect(meta.height).toBeLessThanOrEqual(520);
  expect((await call(thumbLoader({ request: get("/templates/nope/thumbnail"), params: { id: "nope" }, ...ctx }))).status).toBe(404);
  expect((await call(thumbLoader({ request: get("/templates/menu/thumbnail?kit=nope"), params: { id: "menu" }, ...ctx }))).status).toBe(404);
  expect((await call(thumbLoader({ request: get("/templates/menu/thumbnail?format=story"), params: { id: "menu" }, ...ctx }))).status).toBe(400);
});

test("after a kit save, earlier exports show as stale", async () => {
  await call(exportLoader({ request: get(`/designs/${post.id}/export/png`), params: { id: post.id, format: "png" }, ...ctx }));
  await saveKit(workspace, kit.slug, { ...kit.kit, palette: { ...kit.kit.palette, accent: { ...kit.kit.palette.accent, color: "#d94f3a" } } });
  const assets = await listAssets(editor.scope, { designId: post.id });
  expect(assets.length).toBeGreaterThan(0);
  expect(assets.every((a) => a.stale)).toBe(true);
});

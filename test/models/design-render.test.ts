// The render service: resolution per format, print PDFs with bleed, content hashes and the preview cache.
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { ContentError, getTemplate } from "~/lib/templates/registry.ts";
import { canonicalJson, clearPreviewCache, designFileName, previewCacheStats, renderDesign, renderPreview, validateContent } from "~/lib/templates/render-design.server.ts";
import { exampleKit, pdfPageCount } from "./design-fixtures.ts";
import { makeWorkspace } from "../support/auth.ts";

const ws = await makeWorkspace();

let kit: Awaited<ReturnType<typeof exampleKit>>;
beforeAll(async () => {
  kit = await exampleKit(ws);
});

const post = () => structuredClone(getTemplate("instagram-post").sample) as Record<string, unknown>;
const menu = () => structuredClone(getTemplate("menu").sample) as Record<string, unknown>;

test("social formats export at 1×, print formats at 300 dpi", async () => {
  const square = await renderDesign({ kit, templateId: "instagram-post", content: post(), formatId: "ig-square", output: "png", name: "Long lunch" });
  expect(square).toMatchObject({ mime: "image/png", width: 1080, height: 1080, pages: 1, fileName: "long-lunch-ig-square.png" });
  const meta = await sharp(square.bytes).metadata();
  expect([meta.width, meta.height]).toEqual([1080, 1080]);

  const a4 = await renderDesign({ kit, templateId: "menu", content: menu(), formatId: "a4", output: "jpeg" });
  const a4meta = await sharp(a4.bytes).metadata();
  expect([a4meta.format, a4meta.width, a4meta.height, Math.round(a4meta.density ?? 0)]).toEqual(["jpeg", 2480, 3508, 300]);
  expect(a4.fileName).toBe("menu-a4.jpg");
});

test("a print PDF gets 3 mm bleed and crop marks only when asked, and is byte-stable", async () => {
  const plain = await renderDesign({ kit, templateId: "menu", content: menu(), formatId: "a4", output: "pdf" });
  const bleed = await renderDesign({ kit, templateId: "menu", content: menu(), formatId: "a4", output: "pdf", bleed: true, name: "Dinner" });
  expect(plain.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect([Math.round(plain.width), Math.round(plain.height)]).toEqual([595, 842]);
  // Bleed (3 mm) plus the crop-mark slug (5 mm) on each side: 16 mm wider and taller.
  expect(Math.round(bleed.width - plain.width)).toBe(Math.round((16 / 25.4) * 72));
  expect(bleed.fileName).toBe("dinner-a4-bleed.pdf");
  expect(pdfPageCount(bleed.bytes)).toBe(bleed.pages);
  const again = await renderDesign({ kit, templateId: "menu", content: menu(), formatId: "a4", output: "pdf", bleed: true, name: "Dinner" });
  expect(Buffer.compare(again.bytes, bleed.bytes)).toBe(0);
  // Bleed is a print notion: a social format's PDF has none.
  const social = await renderDesign({ kit, templateId: "instagram-post", content: post(), formatId: "ig-square", output: "pdf", bleed: true });
  expect([Math.round(social.width), Math.round(social.height)]).toEqual([810, 810]);
  expect(social.fileName).toBe("instagram-post-ig-square.pdf");
});

test("the content hash ignores key order and applies schema defaults", () => {
  const a = validateContent("instagram-post", { headline: "Hi", body: "", eyebrow: "New this week", cta: "" });
  const b = validateContent("instagram-post", { cta: "", headline: "Hi" });
  expect(a.contentHash).toBe(b.contentHash);
  expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(validateContent("instagram-post", { headline: "Ho" }).contentHash).not.toBe(a.contentHash);
  expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
});

test("bad content is refused with the field named", async () => {
  const content = post();
  content.headline = "";
  const error = await renderDesign({ kit, templateId: "instagram-post", content, formatId: "ig-square", output: "png" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContentError);
  expect((error as ContentError).issues).toEqual([{ path: "headline", message: "write a headline" }]);
  await expect(renderDesign({ kit, templateId: "menu", content: menu(), formatId: "ig-square", output: "png" })).rejects.toThrow(/^format: "ig-square" is not a format of Restaurant menu/);
});

test("previews fit the editor box and a second identical request is served from the cache", async () => {
  clearPreviewCache();
  const before = previewCacheStats();
  const first = await renderPreview({ kit, templateId: "instagram-post", content: post(), formatId: "story" });
  expect(first.cached).toBe(false);
  expect([first.width, first.height]).toEqual([675, 1200]);
  const started = performance.now();
  const second = await renderPreview({ kit, templateId: "instagram-post", content: { ...post() }, formatId: "story" });
  const ms = performance.now() - started;
  expect(second.cached).toBe(true);
  expect(second.bytes).toBe(first.bytes); // the very same Buffer: no second render
  expect(second.key).toBe(first.key);
  expect(ms).toBeLessThan(20);
  const after = previewCacheStats();
  expect(after.renders - before.renders).toBe(1);
  expect(after.hits - before.hits).toBe(1);

  // Any change that shapes the picture is a different entry: content, format, page, kit version.
  const changed = await renderPreview({ kit, templateId: "instagram-post", content: { ...post(), headline: "Changed" }, formatId: "story" });
  expect(changed.cached).toBe(false);
  const newer = await renderPreview({ kit: { ...kit, version: kit.version + 1 }, templateId: "instagram-post", content: post(), formatId: "story" });
  expect(newer.cached).toBe(false);
  expect(previewCacheStats().renders - before.renders).toBe(3);
});

test("concurrent identical previews share one render", async () => {
  clearPreviewCache();
  const before = previewCacheStats().renders;
  const content = { ...post(), headline: "Concurrent" };
  const [a, b, c] = await Promise.all([0, 1, 2].map(() => renderPreview({ kit, templateId: "instagram-post", content, formatId: "ig-square" })));
  expect(previewCacheStats().renders - before).toBe(1);
  expect(a?.bytes).toBe(b?.bytes);
  expect(b?.bytes).toBe(c?.bytes);
});

test("file names are slugs with format, page and bleed", () => {
  expect(designFileName("Café Crème — Summer!", "a4", "png", { page: 1 })).toBe("cafe-creme-summer-a4-p2.png");
  expect(designFileName("", "story", "webp")).toBe("design-story.webp");
  expect(designFileName("x", "a5", "png", { bleed: true })).toBe("x-a5.png");
});

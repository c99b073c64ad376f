// The server's fast path for previews already in memory gives exactly the route's answer (status,
// headers, bytes, 304s), renders nothing, and steps aside (null, so Remix answers) for anything else:
// no session, a forged cookie, another workspace's design, bad parameters, a picture not rendered yet.
import { afterAll, beforeAll, expect, test } from "vitest";
import { answerCachedPreview, type FastRequest } from "~/lib/templates/preview-fast-path.server.ts";
import { previewCacheStats } from "~/lib/templates/render-design.server.ts";
import { createDesign, type Design } from "~/models/design.server.ts";
import { loader as previewLoader } from "~/routes/designs.$id.preview.ts";
import { exampleKit } from "../../models/design-fixtures.ts";
import { asMember, makeMember, makeWorkspace, type TestMember } from "../../support/auth.ts";

let viewer: TestMember;
let stranger: TestMember;
let post: Design;
let kitVersion: number;
beforeAll(async () => {
  // The short memories (session, design) are on, as in production.
  process.env.MARQUE_SHORT_MEMORY_MS = "60000";
  const ws = await makeWorkspace();
  viewer = await makeMember(ws, "viewer");
  const editor = await makeMember(ws, "editor");
  stranger = await makeMember(await makeWorkspace(), "owner");
  const kit = await exampleKit(ws);
  kitVersion = kit.version;
  post = await createDesign(editor.scope, { kitId: kit.id, templateId: "instagram-post", name: "Terrace lunch", formats: ["ig-square"] });
});
afterAll(() => {
  delete process.env.MARQUE_SHORT_MEMORY_MS;
});

const encode = (content: unknown) => Buffer.from(JSON.stringify(content)).toString("base64url");
const fast = (url: string, over: Partial<FastRequest> = {}) => answerCachedPreview({ method: "GET", url, cookie: viewer.cookie, ifNoneMatch: null, ...over });

async function viaRoute(url: string, headers: Record<string, string> = {}) {
  const res = (await previewLoader({ request: asMember(viewer, url, { headers }), params: { id: post.id }, context: {} })) as Response;
  return { status: res.status, headers: Object.fromEntries(res.headers), bytes: Buffer.from(await res.arrayBuffer()) };
}

test("a preview in memory: the same status, headers and bytes as the route, without a render", async () => {
  const url = `/designs/${post.id}/preview?format=ig-square&c=${encode({ headline: "Lunch on the terrace", body: "Noon to three" })}`;
  expect(await fast(url)).toBeNull(); // not rendered yet: the route renders it
  const first = await viaRoute(url);
  expect(first.status).toBe(200);
  expect(first.headers["x-preview-cache"]).toBe("miss");

  const renders = previewCacheStats().renders;
  const reply = await fast(url);
  const route = await viaRoute(url);
  expect(reply?.status).toBe(200);
  expect(Object.fromEntries(Object.entries(reply?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))).toEqual(route.headers);
  expect(route.headers["x-preview-cache"]).toBe("hit");
  expect(Buffer.from(reply?.bytes ?? []).equals(route.bytes)).toBe(true);
  expect(route.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(previewCacheStats().renders).toBe(renders);

  // The browser already holds it: a 304 with the same ETag either way.
  const etag = route.headers.etag ?? "";
  const notModified = await fast(url, { ifNoneMatch: etag });
  const routeNotModified = await viaRoute(url, { "If-None-Match": etag });
  expect(notModified?.status).toBe(304);
  expect(notModified?.bytes).toBeUndefined();
  expect(routeNotModified.status).toBe(304);
  expect(notModified?.headers.ETag).toBe(etag);
});

test("the saved design: cacheable by the browser only when the URL pins its version and the kit's", async () => {
  const pinned = `/designs/${post.id}/preview?v=${post.updatedAt.getTime()}&kv=${kitVersion}`;
  expect((await viaRoute(pinned)).status).toBe(200);
  const reply = await fast(pinned);
  expect(reply?.headers["X-Preview-Cache"]).toBe("hit");
  expect(reply?.headers["Cache-Control"]).toBe("private, max-age=3600");
  expect((await fast(`/designs/${post.id}/preview`))?.headers["Cache-Control"]).toBe("private, no-cache");
  expect((await fast(`/designs/${post.id}/preview?v=1&kv=${kitVersion}`))?.headers["Cache-Control"]).toBe("private, no-cache");
});

test("anything it cannot answer from memory goes to the route", async () => {
  const url = `/designs/${post.id}/preview?format=ig-square&c=${encode({ headline: "Cached for the refusals" })}`;
  expect((await viaRoute(url)).status).toBe(200);
  expect(await fast(url)).not.toBeNull();

  expect(await fast(url, { cookie: null })).toBeNull();
  expect(await fast(url, { cookie: `${viewer.cookie.slice(0, -3)}abc` })).toBeNull(); // signature broken
  expect(await fast(url, { cookie: stranger.cookie })).toBeNull(); // another workspace: the route says 404
  expect(await fast(url, { method: "POST" })).toBeNull();
  expect(await fast(url.replace("/preview", "/export/png"))).toBeNull();
  expect(await fast(url.replace("format=ig-square", "format=billboard"))).toBeNull(); // the route's 400 names the field
  expect(await fast(url.replace(/c=[^&]+/, "c=%%%"))).toBeNull();
  expect(await fast(`/designs/%E0%A4%A/preview`)).toBeNull();
  expect(await fast(url.replace(post.id, "no-such-design"))).toBeNull();
});

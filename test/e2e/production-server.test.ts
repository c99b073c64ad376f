// The production server (server.js) over real HTTP: a preview already in memory is answered by the fast
// path with the same headers and bytes the route gave, and only to a signed-in member of the design's
// workspace; the client build's files are served with their caching, and other URLs reach Remix.
import { beforeAll, expect, inject, test } from "vitest";

const baseUrl = inject("baseUrl");
const owner = inject("owner");
let cookie = "";
let designId = "";

async function signIn(): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl },
    body: new URLSearchParams({ email: owner.email, password: owner.password, redirectTo: "/kits" }),
  });
  expect(res.status).toBe(302);
  const session = res.headers.getSetCookie().find((c) => c.startsWith("marque_session="));
  expect(session, "no session cookie after signing in").toBeTruthy();
  return (session ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  cookie = await signIn();
  const res = await fetch(`${baseUrl}/designs/new`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, Cookie: cookie },
    body: new URLSearchParams({ templateId: "instagram-post", kit: "harbour-and-vine", format: "ig-square" }),
  });
  expect(res.status).toBe(302);
  designId = /\/designs\/([^/?]+)/.exec(res.headers.get("Location") ?? "")?.[1] ?? "";
  expect(designId).toBeTruthy();
});

const encode = (content: unknown) => Buffer.from(JSON.stringify(content)).toString("base64url");
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => !["date", "x-preview-cache", "connection", "keep-alive"].includes(k)));

test("a cached preview: the same answer as the first, rendered one; signed-out and forged cookies go to sign-in", async () => {
  const url = `${baseUrl}/designs/${designId}/preview?format=ig-square&c=${encode({ headline: "Served from memory" })}`;
  const first = await fetch(url, { headers: { Cookie: cookie } });
  const firstBytes = Buffer.from(await first.arrayBuffer());
  expect(first.status).toBe(200);
  expect(first.headers.get("X-Preview-Cache")).toBe("miss");
  const again = await fetch(url, { headers: { Cookie: cookie } });
  const againBytes = Buffer.from(await again.arrayBuffer());
  expect(again.headers.get("X-Preview-Cache")).toBe("hit");
  expect(headersOf(again)).toEqual(headersOf(first));
  expect(againBytes.equals(firstBytes)).toBe(true);
  expect(againBytes.subarray(1, 4).toString("latin1")).toBe("PNG");

  const revalidated = await fetch(url, { headers: { Cookie: cookie, "If-None-Match": again.headers.get("ETag") ?? "" } });
  expect(revalidated.status).toBe(304);

  for (const headers of [{}, { Cookie: `${cookie.slice(0, -4)}AAAA` }] as Record<string, string>[]) {
    const refused = await fetch(url, { headers, redirect: "manual" });
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(refused.headers.get("Content-Type") ?? "").not.toContain("image/png");
  }
});

test("client build files are served with their caching; anything else reaches the app", async () => {
  const html = await (await fetch(`${baseUrl}/login`)).text();
  const asset = /(\/assets\/[\w.-]+\.js)/.exec(html)?.[1];
  expect(asset, "no script asset in the login page").toBeTruthy();
  const script = await fetch(`${baseUrl}${asset}`);
  expect(script.status).toBe(200);
  expect(script.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  expect(script.headers.get("Content-Type")).toMatch(/javascript/);

  const icon = await fetch(`${baseUrl}/favicon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get("Cache-Control")).toBe("public, max-age=3600");

  const missing = await fetch(`${baseUrl}/assets/no-such-file.js`, { headers: { Cookie: cookie } });
  expect(missing.status).toBe(404);
  expect(missing.headers.get("Content-Security-Policy")).toContain("nonce-"); // Remix's own 404 page

  const traversal = await fetch(`${baseUrl}/assets/..%2f..%2fserver%2findex.js`);
  expect(traversal.status).toBe(404);
  expect(await traversal.text()).not.toContain("createRequestHandler");
});

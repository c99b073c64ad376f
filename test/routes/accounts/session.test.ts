// Cookie sessions end to end through the login and logout routes: cookie attributes, signatures,
// logout and expiry, and the Origin check on the POSTs that start and end a session.
import { afterEach, beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { resetEnvCache } from "~/env.server.ts";
import { getAuth } from "~/lib/auth/guard.server.ts";
import { resetRateLimits } from "~/lib/auth/rate-limit.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout.tsx";
import { loader as settingsLoader } from "~/routes/settings._index.tsx";
import { asMember, BASE, makeMember, makeWorkspace, type TestMember } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

const PASSWORD = "correct horse battery"; // makeMember's
const saved = { ...process.env };

beforeEach(() => resetRateLimits());
afterEach(() => {
  for (const k of ["TRUST_PROXY", "MARQUE_PUBLIC_URL"]) if (saved[k] === undefined) delete process.env[k];
  resetEnvCache();
});

function login(email: string, init: { url?: string; headers?: Record<string, string> } = {}) {
  const req = asMember(null, init.url ?? "/login", { form: { email, password: PASSWORD, redirectTo: "/kits" }, headers: init.headers });
  return settle(loginAction({ request: req, params: {}, ...ctx }));
}

function cookieOf(setCookie: string | null): string {
  return (setCookie ?? "").split(";")[0] ?? "";
}

test("signing in sets an httpOnly, SameSite=Lax, path-wide cookie that expires; not Secure over plain http", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  const r = await login(member.email);
  expect(r.status).toBe(302);
  expect(r.location).toBe("/kits");
  const setCookie = r.headers.get("Set-Cookie") ?? "";
  expect(setCookie).toMatch(/^marque_session=/);
  expect(setCookie).toMatch(/; HttpOnly/i);
  expect(setCookie).toMatch(/; SameSite=Lax/i);
  expect(setCookie).toMatch(/; Path=\//);
  expect(setCookie).toMatch(/; Expires=/);
  expect(setCookie).not.toMatch(/Secure/i);
  const auth = await getAuth(asMember({ cookie: cookieOf(setCookie) }, "/kits"));
  expect(auth?.user.email).toBe(member.email);
  // The database holds the token's hash, never the token.
  const token = decodeURIComponent(cookieOf(setCookie).split("=")[1] ?? "");
  const rows = await prisma.session.findMany({ where: { userId: member.id }, select: { id: true } });
  expect(rows.every((row) => !token.includes(row.id) && row.id.length === 64)).toBe(true);
});

test("the cookie is Secure over https, and behind a trusted proxy that says X-Forwarded-Proto: https", async () => {
  const member = await makeMember(await makeWorkspace(), "viewer");
  const https = await login(member.email, { url: "https://marque.test/login", headers: { Origin: "https://marque.test" } });
  expect(https.headers.get("Set-Cookie")).toMatch(/; Secure/i);

  const forwarded = { "X-Forwarded-Proto": "https" };
  expect((await login(member.email, { headers: forwarded })).headers.get("Set-Cookie")).not.toMatch(/Secure/i); // untrusted header ignored
  process.env.TRUST_PROXY = "1";
  resetEnvCache();
  expect((await login(member.email, { headers: forwarded })).headers.get("Set-Cookie")).toMatch(/; Secure/i);
});

test("a tampered or unsigned cookie is anonymous", async () => {
  const member = await makeMember(await makeWorkspace(), "owner");
  expect(await getAuth(asMember(member, "/kits"))).not.toBeNull();
  const [name, value = ""] = member.cookie.split("=");
  const decoded = decodeURIComponent(value);
  const dot = decoded.lastIndexOf(".");
  const payload = decoded.slice(0, dot);
  const signature = decoded.slice(dot + 1);
  const flipped = signature.slice(0, -2) + (signature.at(-2) === "A" ? "B" : "A") + signature.at(-1);
  for (const cookie of [`${name}=${encodeURIComponent(`${payload}.${flipped}`)}`, `${name}=${encodeURIComponent(payload)}`, `${name}=${btoa(JSON.stringify("made-up-token"))}`, `${name}=`]) {
    expect(await getAuth(asMember({ cookie }, "/kits")), cookie).toBeNull();
    const r = await settle(settingsLoader({ request: asMember({ cookie }, "/settings"), params: {}, ...ctx }));
    expect(r.location).toBe("/login?redirectTo=%2Fsettings");
  }
});

test("logout deletes the session row, so the old cookie stops working; other sessions of the user stay", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  const other = cookieOf((await login(member.email)).headers.get("Set-Cookie"));
  expect(await prisma.session.count({ where: { userId: member.id } })).toBe(2);
  const r = await settle(logoutAction({ request: asMember(member, "/logout", { method: "POST" }), params: {}, ...ctx }));
  expect(r.status).toBe(302);
  expect(r.location).toBe("/login");
  expect(r.headers.get("Set-Cookie")).toMatch(/^marque_session=; .*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
  expect(await prisma.session.count({ where: { userId: member.id } })).toBe(1);
  expect(await getAuth(asMember(member, "/kits"))).toBeNull();
  expect((await getAuth(asMember({ cookie: other }, "/kits")))?.userId).toBe(member.id);
});

test("GET /logout signs nobody out (it shows a button that POSTs)", async () => {
  const member = await makeMember(await makeWorkspace(), "viewer");
  const r = await settle(logoutLoader({ request: asMember(member, "/logout"), params: {}, ...ctx }));
  expect(r.status).toBe(200);
  expect(await getAuth(asMember(member, "/kits"))).not.toBeNull();
  expect((await settle(logoutLoader({ request: asMember(null, "/logout"), params: {}, ...ctx }))).location).toBe("/login?redirectTo=%2Flogout");
});

test("an expired session is anonymous and its row is removed", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  await prisma.session.updateMany({ where: { userId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await getAuth(asMember(member, "/kits"))).toBeNull();
  expect(await prisma.session.count({ where: { userId: member.id } })).toBe(0);
});

test("MARQUE_SESSION_DAYS sets how long the cookie and the session last", async () => {
  const member = await makeMember(await makeWorkspace(), "viewer");
  process.env.MARQUE_SESSION_DAYS = "2";
  resetEnvCache();
  try {
    const r = await login(member.email);
    const expires = new Date(/Expires=([^;]+)/.exec(r.headers.get("Set-Cookie") ?? "")?.[1] ?? 0).getTime();
    expect(Math.abs(expires - (Date.now() + 2 * 86_400_000))).toBeLessThan(60_000);
  } finally {
    delete process.env.MARQUE_SESSION_DAYS;
  }
});

async function refused(p: Promise<unknown>) {
  const r = await settle(p);
  return { status: r.status, text: r.text ?? "" };
}

test("logout and login POSTs without an Origin, or from another site, are refused with 403", async () => {
  const member: TestMember = await makeMember(await makeWorkspace(), "owner");
  const noOrigin = new Request(`${BASE}/logout`, { method: "POST", headers: { Cookie: member.cookie }, body: new FormData() });
  expect(await refused(logoutAction({ request: noOrigin, params: {}, ...ctx }))).toEqual({ status: 403, text: expect.stringMatching(/no Origin header/) });
  const evil = asMember(member, "/logout", { method: "POST", headers: { Origin: "https://evil.example" } });
  expect(await refused(logoutAction({ request: evil, params: {}, ...ctx }))).toEqual({ status: 403, text: expect.stringMatching(/another site \(evil\.example\)/) });
  expect(await getAuth(asMember(member, "/kits"))).not.toBeNull(); // still signed in

  const form = { email: member.email, password: PASSWORD };
  for (const headers of [{ Origin: "https://evil.example" }, { Origin: "null" }]) {
    const r = await refused(loginAction({ request: asMember(null, "/login", { form, headers }), params: {}, ...ctx }));
    expect(r.status, JSON.stringify(headers)).toBe(403);
  }
  const bare = new Request(`${BASE}/login`, { method: "POST", body: new URLSearchParams(form) });
  expect((await refused(loginAction({ request: bare, params: {}, ...ctx }))).status).toBe(403);
  // A same-site Referer stands in for a missing Origin (some older browsers omit it).
  const viaReferer = new Request(`${BASE}/login`, { method: "POST", headers: { Referer: `${BASE}/login` }, body: new URLSearchParams(form) });
  expect((await settle(loginAction({ request: viaReferer, params: {}, ...ctx }))).status).toBe(302);
});

test("behind a proxy, MARQUE_PUBLIC_URL's origin is accepted for POSTs", async () => {
  const member = await makeMember(await makeWorkspace(), "viewer");
  const req = () => asMember(member, "/logout", { method: "POST", headers: { Origin: "https://brand.example.com" } });
  expect((await settle(logoutAction({ request: req(), params: {}, ...ctx }))).status).toBe(403);
  process.env.MARQUE_PUBLIC_URL = "https://brand.example.com";
  resetEnvCache();
  const r = await settle(logoutAction({ request: req(), params: {}, ...ctx }));
  expect(r.status).toBe(302);
  expect(r.headers.get("Set-Cookie")).toMatch(/; Secure/i); // an https public URL means the browser sees https
});

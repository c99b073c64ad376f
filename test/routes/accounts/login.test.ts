// Signing in: one generic message for any mismatch, rate limits (per account, per client address
// behind a trusted proxy), and redirects that never leave the site.
import { afterEach, beforeEach, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { resetEnvCache } from "~/env.server.ts";
import { resetRateLimits } from "~/lib/auth/rate-limit.server.ts";
import { action as loginAction, loader as loginLoader } from "~/routes/login.tsx";
import { asMember, makeMember, makeWorkspace } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

const PASSWORD = "correct horse battery"; // makeMember's
type Answer = { error: string | null; fields: Record<string, string> };

beforeEach(() => resetRateLimits());
afterEach(() => {
  delete process.env.TRUST_PROXY;
  resetEnvCache();
});

function login(email: string, password: string, extra: { redirectTo?: string; headers?: Record<string, string> } = {}) {
  const form = { email, password, redirectTo: extra.redirectTo ?? "" };
  return settle<Answer>(loginAction({ request: asMember(null, "/login", { form, headers: extra.headers }), params: {}, ...ctx }));
}

test("a wrong password and an unknown email get the same message, which names neither", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  const wrong = await login(member.email, "not the password");
  const unknown = await login("nobody@example.com", PASSWORD);
  expect(wrong.status).toBe(400);
  expect(unknown.status).toBe(400);
  expect(wrong.data).toEqual(unknown.data);
  expect(wrong.data.error).toBe("The email or password is wrong.");
  expect(wrong.headers.get("Set-Cookie")).toBeNull();
  const missing = await login("", "");
  expect(missing.data.fields).toEqual({ email: "enter your email", password: "enter your password" });
});

test("email is matched case-insensitively and the right password signs in", async () => {
  const member = await makeMember(await makeWorkspace(), "viewer", "Mixed.Case@Example.com".toLowerCase());
  const r = await login("  MIXED.case@example.COM ", PASSWORD);
  expect(r.status).toBe(302);
  expect(r.headers.get("Set-Cookie")).toMatch(/^marque_session=/);
  expect(await prisma.session.count({ where: { userId: member.id } })).toBe(2);
});

test("the 6th attempt on one account within 15 minutes is refused with 429 and Retry-After, even with the right password", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  for (let i = 0; i < 5; i++) expect((await login(member.email, `guess ${i}`)).status).toBe(400);
  const sixth = await login(member.email, PASSWORD);
  expect(sixth.status).toBe(429);
  expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(800);
  expect(Number(sixth.headers.get("Retry-After"))).toBeLessThanOrEqual(900);
  expect(sixth.data.error).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes\.$/);
  expect(sixth.headers.get("Set-Cookie")).toBeNull();
  // Another account is not affected.
  const other = await makeMember(await makeWorkspace(), "editor");
  expect((await login(other.email, PASSWORD)).status).toBe(302);
});

test("a successful sign-in clears the account's failed attempts", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  for (let i = 0; i < 4; i++) await login(member.email, "wrong password");
  expect((await login(member.email, PASSWORD)).status).toBe(302);
  for (let i = 0; i < 5; i++) expect((await login(member.email, "wrong again")).status).toBe(400);
  expect((await login(member.email, "wrong again")).status).toBe(429);
});

test("behind a trusted proxy, one client address gets 20 attempts across accounts; others are not affected", async () => {
  process.env.TRUST_PROXY = "1";
  resetEnvCache();
  const from = (ip: string) => ({ "X-Forwarded-For": `${ip}, 10.0.0.1` });
  for (let i = 0; i < 20; i++) expect((await login(`user${i}@example.com`, "guess", { headers: from("203.0.113.9") })).status).toBe(400);
  expect((await login("user99@example.com", "guess", { headers: from("203.0.113.9") })).status).toBe(429);
  expect((await login("user99@example.com", "guess", { headers: from("198.51.100.7") })).status).toBe(400);
});

test("without a trusted proxy, X-Forwarded-For is ignored (a client cannot pick its own address)", async () => {
  for (let i = 0; i < 25; i++) expect((await login(`spray${i}@example.com`, "guess", { headers: { "X-Forwarded-For": "203.0.113.9" } })).status).toBe(400);
});

test("redirectTo: a same-site path is followed; another site or a scheme falls back to /kits", async () => {
  const member = await makeMember(await makeWorkspace(), "owner");
  expect((await login(member.email, PASSWORD, { redirectTo: "/designs/abc?format=story" })).location).toBe("/designs/abc?format=story");
  for (const bad of ["https://evil.example/phish", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
    expect((await login(member.email, PASSWORD, { redirectTo: bad })).location, bad).toBe("/kits");
  }
  const page = await settle<{ redirectTo: string }>(loginLoader({ request: asMember(null, "/login?redirectTo=%2F%2Fevil.example"), params: {}, ...ctx }));
  expect(page.data.redirectTo).toBe("/kits");
});

test("the sign-in page sends a signed-in user on to where they were going", async () => {
  const member = await makeMember(await makeWorkspace(), "viewer");
  const r = await settle(loginLoader({ request: asMember(member, "/login?redirectTo=%2Ftemplates"), params: {}, ...ctx }));
  expect(r.location).toBe("/templates");
});

test("an account that belongs to no workspace any more cannot sign in, and is told why", async () => {
  const member = await makeMember(await makeWorkspace(), "editor");
  await prisma.membership.deleteMany({ where: { userId: member.id } });
  const r = await login(member.email, PASSWORD);
  expect(r.status).toBe(403);
  expect(r.data.error).toMatch(/not a member of any workspace/);
});

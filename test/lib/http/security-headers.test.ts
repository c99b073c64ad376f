// The page security headers: a nonce-based script policy, no framing, no sniffing, and the dev relaxations
// (Vite's HMR socket) only in development.
import { expect, test } from "vitest";
import { contentSecurityPolicy, createNonce, setSecurityHeaders } from "~/lib/http/security-headers.server.ts";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values]));
}

test("a nonce is 128 random bits in base64, new for every call", () => {
  const nonces = new Set(Array.from({ length: 50 }, createNonce));
  expect(nonces.size).toBe(50);
  for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
});

test("scripts run only from our origin or with the request's nonce; nothing may frame, embed or rebase the page", () => {
  const d = directives(contentSecurityPolicy("abc123=="));
  expect(d.get("default-src")).toEqual(["'self'"]);
  expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
  expect(d.get("script-src")).not.toContain("'unsafe-inline'");
  expect(d.get("script-src")).not.toContain("'unsafe-eval'");
  expect(d.get("object-src")).toEqual(["'none'"]);
  expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  expect(d.get("base-uri")).toEqual(["'self'"]);
  expect(d.get("form-action")).toEqual(["'self'"]);
  expect(d.get("connect-src")).toEqual(["'self'"]);
  expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  expect(d.get("media-src")).toEqual(["'self'", "blob:"]);
  expect(d.get("font-src")).toEqual(["'self'", "data:"]);
});

test("development adds only Vite's HMR websocket to connect-src", () => {
  const prod = directives(contentSecurityPolicy("n"));
  const dev = directives(contentSecurityPolicy("n", { development: true }));
  expect(dev.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  for (const [name, values] of prod) if (name !== "connect-src") expect(dev.get(name)).toEqual(values);
});

test("every page header is set", () => {
  const headers = new Headers({ "Content-Type": "text/html" });
  setSecurityHeaders(headers, "n0nce");
  expect(headers.get("Content-Security-Policy")).toContain("'nonce-n0nce'");
  expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(headers.get("X-Frame-Options")).toBe("DENY");
  expect(headers.get("Referrer-Policy")).toBe("same-origin");
  expect(headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
  expect(headers.get("Permissions-Policy")).toMatch(/^camera=\(\), microphone=\(\)/);
});

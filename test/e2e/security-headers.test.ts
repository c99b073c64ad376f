// Page security in a real browser against the production build: every HTML page carries the CSP with a
// fresh nonce that its inline scripts (Remix's, React's) carry too, and the pages hydrate with no CSP
// violation. Signed-out pages only: nothing here creates an account (the first-run journey does that).
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ANONYMOUS = ["/setup", "/login", "/no-such-page"];

test("HTML pages: CSP with a new nonce per response, carried by every inline script; framing, sniffing and referrers off", async () => {
  const nonces = new Set<string>();
  for (const path of ANONYMOUS) {
    const res = await fetch(`${baseUrl}${path}`);
    const html = await res.text();
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, `${path}: no nonce in ${csp}`).toBeTruthy();
    nonces.add(nonce as string);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? "");
    expect(scripts.length, `${path}: no scripts`).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs, `${path}: a script without this response's nonce`).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(res.headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(res.headers.get("Permissions-Policy")).toContain("camera=()");
  }
  expect(nonces.size).toBe(ANONYMOUS.length);
});

test("signed-out pages hydrate under the CSP with no violation and no console error", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // The 404 page's own status is logged as a failed resource; anything else is a problem.
    if (m.type() === "error" && !/status of 404/.test(m.text())) problems.push(`${page.url()}: ${m.text().slice(0, 200)}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${String(e).slice(0, 200)}`));
  for (const path of ANONYMOUS) {
    await page.goto(`${baseUrl}${path}`);
    await page.waitForLoadState("networkidle");
    const state = await page.evaluate(() => {
      const w = window as unknown as { __cspViolations?: string[]; __remixRouter?: unknown };
      return { hydrated: Boolean(w.__remixRouter), violations: w.__cspViolations ?? [] };
    });
    expect(state, path).toEqual({ hydrated: true, violations: [] });
  }
  await context.close();
  expect(problems).toEqual([]);
});

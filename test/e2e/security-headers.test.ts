// Page security in a real browser against the production build: every HTML page carries the CSP with a
// fresh nonce that its inline scripts (Remix's, React's) carry too, and the pages, signed out and signed
// in, hydrate with no CSP violation (a violation the page's code catches logs no console error, so the
// browser's securitypolicyviolation events are collected too).
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "./browser.ts";

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

/** Visits each path and expects it hydrated with no CSP violation event and no console error. */
async function expectCleanUnderCsp(page: Page, paths: string[], ready: (path: string) => Promise<void> = async () => {}) {
  await page.context().addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const problems: string[] = [];
  page.on("console", (m) => {
    // The 404 page's own status is logged as a failed resource; anything else is a problem.
    if (m.type() === "error" && !/status of 404/.test(m.text())) problems.push(`${page.url()}: ${m.text().slice(0, 200)}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${String(e).slice(0, 200)}`));
  for (const path of paths) {
    await page.goto(`${baseUrl}${path}`);
    await page.waitForLoadState("networkidle");
    await ready(path);
    const state = await page.evaluate(() => {
      const w = window as unknown as { __cspViolations?: string[]; __remixRouter?: unknown };
      return { hydrated: Boolean(w.__remixRouter), violations: w.__cspViolations ?? [] };
    });
    expect(state, path).toEqual({ hydrated: true, violations: [] });
  }
  await page.context().close();
  expect(problems).toEqual([]);
}

test("signed-out pages hydrate under the CSP with no violation and no console error", async () => {
  await expectCleanUnderCsp(await (await browser.newContext()).newPage(), ANONYMOUS);
});

test("signed-in pages (kit editor, design editor with its blob: preview, audit, video) hydrate with no CSP violation", async () => {
  const page = await signedInPage(browser, baseUrl);
  // A design to open in the editor, whose live preview is a blob: image.
  await page.goto(`${baseUrl}/templates`);
  await page.click('[data-template="instagram-post"] button:has-text("Use this template")');
  await page.waitForURL(/\/designs\/[a-z0-9]+$/);
  const editor = new URL(page.url()).pathname;
  const paths = ["/kits", "/kits/harbour-and-vine", "/kits/harbour-and-vine/edit", "/templates", "/designs", editor, "/designs/bulk", "/library", "/audit", "/video", "/settings", "/workspaces"];
  await expectCleanUnderCsp(page, paths, async (path) => {
    if (path === editor) await expect.poll(() => page.locator("[data-testid=design-preview]").getAttribute("src")).toMatch(/^blob:/);
  });
});

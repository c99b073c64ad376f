// The kit journey in a real browser: create a kit, push a colour until contrast fails, save,
// upload a font, and find the kit in the list.
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "./browser.ts";

const require = createRequire(import.meta.url);
const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signedInPage(browser, baseUrl, { viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

test("the example kits are listed on first start", async () => {
  await page.goto(`${baseUrl}/kits`);
  const cards = page.locator("[data-kit]");
  expect(await cards.count()).toBeGreaterThanOrEqual(3);
  await expect.poll(() => page.locator("[data-kit] img").first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test("create a kit, trigger a contrast warning, save, upload a font, see it in the list", async () => {
  await page.goto(`${baseUrl}/kits/new`);
  await page.fill("#name", "Journey Café");
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/kits\/journey-cafe\/edit/);
  await expect.poll(() => page.locator("[data-testid=contrast-warning]").count()).toBe(0);

  const text = page.locator('input[name="palette.text.color"]');
  let chosen = "";
  for (const colour of ["#555555", "#888888", "#aaaaaa"]) {
    chosen = colour;
    await text.fill(colour);
    if (await page.locator("[data-testid=contrast-warning]").count()) break;
  }
  const warning = page.locator("[data-testid=contrast-warning]");
  await expect.poll(() => warning.textContent()).toContain("Body text fails");
  await page.click('button[name=intent][value=save]');
  await page.waitForURL(/saved=2/);
  await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain("Saved as version 2");
  await expect.poll(() => page.inputValue('input[name="palette.text.color"]')).toBe(chosen);

  const font = require.resolve("@expo-google-fonts/playfair-display/700Bold/PlayfairDisplay_700Bold.ttf");
  await page.setInputFiles('input[aria-label="heading font file"]', font);
  await page.click('button[name=intent][value=upload-font]:has-text("Upload heading font")');
  await expect.poll(() => page.locator(".notice.ok").textContent()).toContain("Playfair Display");
  // The notice comes with the action's answer; the form follows when the page's data reloads.
  await expect.poll(() => page.inputValue('input[name="typography.heading.family"]')).toBe("Playfair Display");

  await page.goto(`${baseUrl}/kits`);
  const card = page.locator('[data-kit="journey-cafe"]');
  await expect.poll(() => card.count()).toBe(1);
  expect(await card.textContent()).toContain("v3");
  await page.screenshot({ path: ".cache/e2e-kits.png", fullPage: true });
});

test("every main page hydrates without console errors", async () => {
  const problems: string[] = [];
  const p = await signedInPage(browser, baseUrl);
  p.on("console", (m) => {
    if (m.type() === "error") problems.push(`${p.url()}: ${m.text().slice(0, 200)}`);
  });
  p.on("pageerror", (e) => problems.push(`${p.url()}: ${String(e).slice(0, 200)}`));
  for (const path of ["/kits", "/kits/harbour-and-vine", "/kits/harbour-and-vine/edit", "/kits/harbour-and-vine/history", "/templates", "/designs", "/designs/bulk", "/library", "/audit", "/video", "/settings", "/settings/activity", "/workspaces"]) {
    await p.goto(`${baseUrl}${path}`);
    await p.waitForLoadState("networkidle");
  }
  await p.close();
  expect(problems).toEqual([]);
});

// The design journey in a real browser: gallery -> use a template -> type a headline -> the live
// preview changes -> export a PNG and a PDF (downloads). Then the same editor without JavaScript:
// a list button adds a menu item and Save still saves.
import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(".cache", { recursive: true });
  browser = await launchBrowser();
  page = await signedInPage(browser, baseUrl, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
});
afterAll(async () => {
  await browser?.close();
});

test("gallery -> editor: typing a headline refreshes the preview; PNG and PDF exports download", async () => {
  const consoleErrors: string[] = [];
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await page.goto(`${baseUrl}/templates`);
  const cards = page.locator("[data-template]");
  expect(await cards.count()).toBeGreaterThanOrEqual(2);
  const thumb = page.locator('[data-template="instagram-post"] img');
  await thumb.scrollIntoViewIfNeeded(); // thumbnails load lazily
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: ".cache/e2e-templates.png", fullPage: true });

  await page.click('[data-template="instagram-post"] button:has-text("Use this template")');
  await page.waitForURL(/\/designs\/[a-z0-9]+$/);
  const preview = page.locator("[data-testid=design-preview]");
  await expect.poll(() => preview.getAttribute("data-content-hash")).toMatch(/^[0-9a-f]{64}$/);
  const before = await preview.getAttribute("data-content-hash");
  const beforeSrc = await preview.getAttribute("src");

  await page.fill('[name="content.headline"]', "Oysters every Friday night");
  await expect.poll(() => preview.getAttribute("data-content-hash"), { timeout: 10_000 }).not.toBe(before);
  expect(await preview.getAttribute("src")).not.toBe(beforeSrc);
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
  await page.screenshot({ path: ".cache/e2e-editor.png", fullPage: true });

  // Unsaved changes are saved before the export, so the file matches the saved design.
  const [png] = await Promise.all([page.waitForEvent("download"), page.click('[data-export="png"]')]);
  expect(png.suggestedFilename()).toMatch(/-ig-square\.png$/);
  const pngMeta = await sharp(await readFile((await png.path()) as string)).metadata();
  expect([pngMeta.width, pngMeta.height]).toEqual([1080, 1080]);
  await expect.poll(() => page.locator("[role=status]").first().textContent()).toBe("Saved");

  await page.selectOption("#format", "story");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.click('[data-export="pdf"]')]);
  expect(pdf.suggestedFilename()).toMatch(/-story\.pdf$/);
  const pdfBytes = await readFile((await pdf.path()) as string);
  expect(pdfBytes.subarray(0, 4).toString()).toBe("%PDF");

  await page.reload();
  expect(await page.inputValue('[name="content.headline"]')).toBe("Oysters every Friday night");
  expect(consoleErrors).toEqual([]);
});

test("without JavaScript the editor still adds a menu item and saves", async () => {
  const noJs = await signedInPage(browser, baseUrl, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const context = noJs.context();
  try {
    await noJs.goto(`${baseUrl}/templates`);
    await noJs.click('[data-template="menu"] button:has-text("Use this template")');
    await noJs.waitForURL(/\/designs\/[a-z0-9]+$/);
    const items = noJs.locator('[data-item^="content.sections.0.items."]');
    const count = await items.count();
    await noJs.click('fieldset[data-field="content.sections.0.items"] > button:has-text("Add item")');
    await noJs.waitForLoadState("load");
    expect(await items.count()).toBe(count + 1);
    await noJs.fill(`[name="content.sections.0.items.${count}.name"]`, "Smoked eel toast");
    await noJs.fill(`[name="content.sections.0.items.${count}.price"]`, "9");
    await noJs.click('button[name=intent][value=save]');
    await noJs.waitForURL(/saved=1/);
    expect(await noJs.inputValue(`[name="content.sections.0.items.${count}.name"]`)).toBe("Smoked eel toast");
  } finally {
    await context.close();
  }
});

// Two people on one design in real browsers: the first save wins; the second gets the "changed by
// someone else" panel listing what differs, nothing of the first is lost, and "keep my edit" then Save
// puts the second change on top.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let first: Page;
let second: Page;

beforeAll(async () => {
  mkdirSync(".cache", { recursive: true });
  browser = await launchBrowser();
  first = await signedInPage(browser, baseUrl, { viewport: { width: 1280, height: 900 } });
  second = await signedInPage(browser, baseUrl, { viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

async function saved(page: Page) {
  await expect.poll(() => page.locator('[role="status"]').first().textContent(), { timeout: 15_000 }).toBe("Saved");
}

test("a stale save shows the other version for review; keeping my edit then saving puts it on top", async () => {
  await first.goto(`${baseUrl}/templates`);
  await first.click('[data-template="event-flyer"] button:has-text("Use this template")');
  await first.waitForURL(/\/designs\/[a-z0-9]+$/);
  const url = first.url();
  await second.goto(url);

  await first.fill('[name="content.title"]', "Tulip morning");
  await first.click('button[name="intent"][value="save"]');
  await saved(first);

  await second.fill('[name="content.title"]', "Peony evening");
  await second.click('button[name="intent"][value="save"]');
  const panel = second.locator("[data-testid=design-conflict]");
  await panel.waitFor({ timeout: 15_000 });
  expect(await panel.textContent()).toMatch(/changed by someone else/);
  expect(await panel.locator("tbody tr").filter({ hasText: "title" }).textContent()).toMatch(/Tulip morning.*Peony evening/);
  await panel.screenshot({ path: ".cache/e2e-design-conflict.png" });

  // Nothing was overwritten: a fresh load shows the first person's title.
  const check = await second.context().newPage();
  await check.goto(url);
  expect(await check.inputValue('[name="content.title"]')).toBe("Tulip morning");

  await panel.locator('button:has-text("Keep my edit")').click();
  await second.click('button[name="intent"][value="save"]');
  await saved(second);
  await check.reload();
  expect(await check.inputValue('[name="content.title"]')).toBe("Peony evening");
});

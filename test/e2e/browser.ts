// Real headless Chromium (Debian's `chromium` package) through playwright-core.
import { inject } from "vitest";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Signs in through the real /login form (works with JavaScript off too); lands on /kits. */
export async function signIn(page: Page, baseUrl: string, as: { email: string; password: string }) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', as.email);
  await page.fill('input[name="password"]', as.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('main button[type="submit"]')]);
}

/** A page in a new browser context, signed in (by default as the owner the e2e setup created). */
export async function signedInPage(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}, as: { email: string; password: string } = inject("owner")): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, baseUrl, as);
  return page;
}

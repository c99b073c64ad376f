// The accounts journey in a real browser, on a server of its own with a fresh database: first-run
// setup, the owner invites an editor (copying the link shown), the editor sets a password through the
// link, makes an event flyer in the kit and exports a PNG, and cannot change the kit.
import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startServer, type E2EServer } from "./server.ts";

const OWNER = { email: "olive@harbour.example", password: "violet ferry lantern", workspace: "Harbour Group" };
const EDITOR = { email: "ed@harbour.example", password: "tidal basin marigold" };
const KIT = "harbour-and-vine";

let server: E2EServer;
let browser: Browser;
let owner: Page;
let editor: Page;
let inviteLink = "";
const pageErrors: string[] = [];

function watch(page: Page) {
  page.on("pageerror", (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

beforeAll(async () => {
  mkdirSync(".cache", { recursive: true });
  server = await startServer(); // the global setup has built the app
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("first run: every page leads to setup; the owner account is created in the browser", async () => {
  owner = watch(await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage());
  await owner.goto(`${server.baseUrl}/kits/${KIT}`);
  expect(new URL(owner.url()).pathname).toBe("/setup");
  expect(await owner.locator("nav[aria-label=Main]").count()).toBe(0); // no app until someone owns it
  await owner.fill('input[name="email"]', OWNER.email);
  await owner.fill('input[name="name"]', "Olive Owner");
  await owner.fill('input[name="password"]', OWNER.password);
  await owner.fill('input[name="confirm"]', OWNER.password);
  await owner.fill('input[name="workspaceName"]', OWNER.workspace);
  await owner.screenshot({ path: ".cache/e2e-setup.png", fullPage: true });
  await Promise.all([owner.waitForURL(/\/kits$/), owner.click('main button[type="submit"]')]);
  const account = owner.locator("[data-testid=account]");
  await expect.poll(() => account.textContent()).toContain(OWNER.email);
  expect(await account.textContent()).toContain(OWNER.workspace);
  expect(await owner.locator(`[data-kit="${KIT}"]`).count()).toBe(1); // the example kits came with the workspace

  // Setup cannot be run again.
  const anon = await browser.newContext();
  const again = await anon.newPage();
  await again.goto(`${server.baseUrl}/setup`);
  expect(new URL(again.url()).pathname).toBe("/login");
  await anon.close();
});

test("the owner invites an editor and copies the link shown", async () => {
  await owner.goto(`${server.baseUrl}/settings`);
  await owner.fill('input[name="email"]', EDITOR.email);
  await owner.selectOption('select[name="role"]#invite-role', "editor");
  await owner.click('button:has-text("Create invitation link")');
  const link = owner.locator("[data-testid=invite-link]");
  await expect.poll(() => link.count()).toBe(1);
  inviteLink = await link.inputValue();
  expect(inviteLink).toMatch(new RegExp(`^${server.baseUrl}/invite/[\\w-]{43}$`));
  await expect.poll(() => owner.locator(`[data-invitation="${EDITOR.email}"]`).count()).toBe(1);
  await owner.screenshot({ path: ".cache/e2e-settings-invite.png", fullPage: true });
});

test("the editor opens the link in another browser, sets a password and lands in the workspace", async () => {
  editor = watch(await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage());
  await editor.goto(inviteLink);
  expect(await editor.locator("h1").textContent()).toBe(`Join ${OWNER.workspace}`);
  expect(await editor.locator("[data-testid=invite-role]").textContent()).toBe("Editor");
  expect(await editor.inputValue('input[name="email"]')).toBe(EDITOR.email);
  await editor.fill('input[name="password"]', EDITOR.password);
  await editor.fill('input[name="confirm"]', EDITOR.password);
  await editor.screenshot({ path: ".cache/e2e-invite.png", fullPage: true });
  await Promise.all([editor.waitForURL(/\/kits$/), editor.click('button:has-text("Create account and join")')]);
  await expect.poll(() => editor.locator("[data-testid=account]").textContent()).toContain(EDITOR.email);

  // The link is used up.
  const other = await browser.newContext();
  const reuse = await other.newPage();
  const res = await reuse.goto(inviteLink);
  expect(res?.status()).toBe(410);
  expect(await reuse.locator("[role=alert]").textContent()).toContain("already been used");
  await other.close();
});

test("the editor makes an event flyer in the kit and exports a PNG", async () => {
  await editor.goto(`${server.baseUrl}/templates?kit=${KIT}`);
  await Promise.all([editor.waitForURL(/\/designs\/[a-z0-9]+$/), editor.click('[data-template="event-flyer"] button:has-text("Use this template")')]);
  const preview = editor.locator("[data-testid=design-preview]");
  await expect.poll(() => preview.getAttribute("data-content-hash")).toMatch(/^[0-9a-f]{64}$/);
  const before = await preview.getAttribute("data-content-hash");
  await editor.fill('[name="content.title"]', "Harbour supper club");
  await expect.poll(() => preview.getAttribute("data-content-hash"), { timeout: 10_000 }).not.toBe(before);
  const [png] = await Promise.all([editor.waitForEvent("download"), editor.click('[data-export="png"]')]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const meta = await sharp(await readFile((await png.path()) as string)).metadata();
  expect(meta.format).toBe("png");
  expect(meta.width).toBeGreaterThan(300);
  expect(Math.abs((meta.width ?? 0) / (meta.height ?? 1) - 148 / 210)).toBeLessThan(0.01); // A5, the flyer's first format
  await editor.screenshot({ path: ".cache/e2e-editor-flyer.png", fullPage: true });
});

test("the editor cannot change the kit: no Edit button, the edit form's POST is 403, the edit page refuses", async () => {
  await editor.goto(`${server.baseUrl}/kits/${KIT}`);
  expect(await editor.locator("h1").first().textContent()).toContain("Harbour & Vine");
  expect(await editor.locator('a:has-text("Edit kit"), a[href$="/edit"]').count()).toBe(0);

  // The same POST the owner's edit form sends, with the editor's session and a same-site Origin.
  const res = await editor.request.post(`${server.baseUrl}/kits/${KIT}/edit`, {
    form: { intent: "save", baseVersion: "1", name: "Hijacked" },
    headers: { Origin: server.baseUrl },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("Only a workspace owner");

  const page = await editor.goto(`${server.baseUrl}/kits/${KIT}/edit`);
  expect(page?.status()).toBe(403);
  expect(await editor.locator("[role=alert]").textContent()).toContain("Only a workspace owner can do this");
  await editor.screenshot({ path: ".cache/e2e-editor-refused.png", fullPage: true });

  // Nothing changed, and the owner still can.
  await owner.goto(`${server.baseUrl}/kits/${KIT}`);
  expect(await owner.locator("h1").first().textContent()).toContain("Harbour & Vine");
  expect(await owner.locator('a:has-text("Edit kit")').count()).toBe(1);
  expect(pageErrors).toEqual([]);
});

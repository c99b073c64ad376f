// The video journey in a real browser against the production server: open the studio, start from an
// example brief, edit a shot and see the prompt follow (in the kit's colour names, traced to its
// fields), generate with the offline provider, watch the progress reach 100 %, and play the result.
import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "./browser.ts";

const baseUrl = inject("baseUrl");
const kitDoc = JSON.parse(readFileSync("brand-kits/harbour-and-vine/kit.json", "utf8")) as { palette: Record<string, { name: string }> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(".cache", { recursive: true });
  browser = await launchBrowser();
  page = await signedInPage(browser, baseUrl, { viewport: { width: 1360, height: 960 } });
});
afterAll(async () => {
  await browser?.close();
});

test("studio -> example brief -> live prompt -> generate (local) -> 100 % -> the MP4 plays", async () => {
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${baseUrl}/video?kit=harbour-and-vine`);
  await expect.poll(() => page.locator("[data-example]").count()).toBe(8);
  await page.screenshot({ path: ".cache/e2e-video-home.png", fullPage: true });

  await page.click('[data-example="product-visualisation"]');
  await page.waitForURL(/\/video\/[a-z0-9]+$/);
  const panel = page.locator("[data-testid=prompt-panel]");
  const prompt = () => panel.locator(".prompt-lines").first().innerText();
  // The prompt carries the kit's colours by name, never as codes.
  const anchors = panel.locator(".prompt-lines li", { hasText: "Palette anchors" }).first();
  for (const role of ["primary", "secondary", "accent"]) expect(await anchors.innerText()).toContain(kitDoc.palette[role]?.name);
  expect(await prompt()).not.toMatch(/#[0-9a-f]{6}\b/i);

  // Editing a shot recompiles the prompt as you type.
  await page.fill('[name="shots.0.action"]', "a bee lands on a ruffled garden rose as the bouquet turns on its stand");
  await expect.poll(prompt, { timeout: 10_000 }).toContain("A bee lands on a ruffled garden rose");

  // A prompt line says where it came from; the brief field that wrote it lights up.
  await anchors.click();
  await expect.poll(() => page.locator("[data-testid=why] [data-source]").first().getAttribute("data-source")).toBe("kit.palette.primary.name");
  const shotLine = panel.locator(".prompt-lines li", { hasText: "A bee lands" }).first();
  await shotLine.click();
  await expect.poll(() => page.locator('[data-path="shots.0.action"]').getAttribute("class")).toMatch(/\bhl\b/);

  // A/B variants are labelled with the axis they change.
  await expect.poll(() => panel.locator("[data-variant]").count()).toBeGreaterThanOrEqual(3);
  expect(await panel.locator('[data-variant="Golden hour"]').innerText()).toContain("lighting");
  await page.screenshot({ path: ".cache/e2e-video-editor.png" });

  // Generate with the offline animatic (the default; the unconfigured service is disabled, with why).
  expect(await page.locator('input[name=provider][value=openai]').isDisabled()).toBe(true);
  expect(await page.locator(".provider-reason").innerText()).toMatch(/OPENAI_API_KEY/);
  await page.click("[data-testid=generate]");
  await page.waitForURL(/\?job=[a-z0-9]+/);
  const jobId = /job=([a-z0-9]+)/.exec(page.url())?.[1] ?? "";
  const card = page.locator(`[data-job="${jobId}"]`);
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        // Bar and status read together, so the last value seen belongs to the final state.
        const state = await card.evaluate((el) => ({ status: el.getAttribute("data-status"), value: Number(el.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")) }));
        seen.push(state.value);
        return state.status;
      },
      { timeout: 180_000, interval: 250 },
    )
    .toBe("completed");
  expect(seen.at(-1)).toBe(100);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(new Set(seen).size).toBeGreaterThan(2); // it moved while we watched, not just 0 then 100
  expect(await card.locator("[data-testid=job-percent]").innerText()).toBe("100 %");

  // The finished video plays: metadata, decoded frames, and time that moves.
  const status = (await (await page.request.get(`${baseUrl}/video/jobs/${jobId}`)).json()) as { video: { seconds: number; width: number; height: number } };
  const video = card.locator("video[data-testid=job-video]");
  await video.scrollIntoViewIfNeeded();
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    v.preload = "auto";
    v.load();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const meta = await video.evaluate((v: HTMLVideoElement) => ({ duration: v.duration, width: v.videoWidth, height: v.videoHeight, error: v.error?.message ?? null }));
  expect(meta.error).toBeNull();
  expect([meta.width, meta.height]).toEqual([status.video.width, status.video.height]);
  expect(Math.abs(meta.duration - status.video.seconds)).toBeLessThan(0.2);
  expect(meta.duration).toBeGreaterThan(12); // 12 s of shots plus the end card
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
  // Seeking works (the server answers byte ranges).
  await video.evaluate((v: HTMLVideoElement, to: number) => {
    v.pause();
    v.currentTime = to;
  }, meta.duration - 1);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => (v.seeking ? -1 : v.currentTime)), { timeout: 10_000 }).toBeGreaterThan(meta.duration - 1.5);
  const download = await card.locator("[data-testid=download-mp4]").getAttribute("href");
  const res = await page.request.get(`${baseUrl}${download}`); // with the page's session cookie
  expect(res.headers()["content-type"]).toBe("video/mp4");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="the-saturday-hand-tied-bouquet\.mp4"$/);
  await page.screenshot({ path: ".cache/e2e-video-done.png", fullPage: true });
  expect(pageErrors).toEqual([]);
});

// `marque video prompt | generate` against a real database (example kits seeded on first use), the example
// briefs and the npm ffmpeg: the prompt and its variants, an MP4 written atomically, and clear errors.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { probeMedia } from "~/lib/video/ffmpeg.server.ts";
import { cliIn } from "../support/cli.ts";
import { briefPath, exampleBriefJson, useNpmFfmpeg } from "../support/video-frames.ts";

const { work, run } = cliIn("marque-cli-video-");

beforeAll(() => {
  useNpmFfmpeg();
});

test("video prompt prints the compiled prompt in the kit's words", async () => {
  const r = await run("video", "prompt", "--kit", "pulse-cycle-studio", "--brief", briefPath("dynamic-storyboard"));
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^# Clip 1 of 1 · 12 s · 720x1280 · local-animatic · shots 1, 2, 3, 4/);
  expect(r.out).toContain("Palette anchors:");
  expect(r.out).toContain("electric magenta");
  expect(r.out).toContain("Dialogue:");
});

test("video prompt --json parses and carries clips, params and the trace", async () => {
  const r = await run("video", "prompt", "--kit", "harbour-and-vine", "--brief", briefPath("multi-shot-story"), "--json");
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.out) as { kit: string; clips: { prompt: string; params: { seconds: number; size: string }; trace: { source: string }[] }[]; warnings: unknown[] };
  expect(doc.kit).toBe("harbour-and-vine");
  expect(doc.clips.map((c) => c.params)).toEqual([
    { model: "local-animatic", seconds: 12, size: "1280x720" },
    { model: "local-animatic", seconds: 8, size: "1280x720" },
  ]);
  expect(doc.clips[0]?.trace.some((t) => t.source.startsWith("kit.palette."))).toBe(true);
});

test("video prompt --variants 2 gives two labelled variants, as text and as JSON", async () => {
  const text = await run("video", "prompt", "--kit", "wild-stem-florals", "--brief", briefPath("ugc-testimonial"), "--variants", "2");
  expect(text.code).toBe(0);
  expect(text.out.match(/^## Variant [AB]: .+ \((lighting|palette-emphasis|framing|line-reading)\)$/gm)).toHaveLength(2);
  const json = await run("video", "prompt", "--kit", "wild-stem-florals", "--brief", briefPath("ugc-testimonial"), "--variants", "2", "--json");
  const doc = JSON.parse(json.out) as { variants: { label: string; axis: string; clips: { prompt: string }[] }[] };
  expect(doc.variants).toHaveLength(2);
  expect(new Set(doc.variants.map((v) => v.axis)).size).toBe(2);
  expect(doc.variants[0]?.clips[0]?.prompt).not.toBe(doc.variants[1]?.clips[0]?.prompt);
  expect((await run("video", "prompt", "--kit", "wild-stem-florals", "--brief", briefPath("ugc-testimonial"), "--variants", "0")).err).toMatch(/--variants: give a whole number from 1 to 12/);
});

test("video generate --provider local writes a playable MP4 (shots + end card) atomically", async () => {
  const brief = exampleBriefJson("style-exploration") as Record<string, unknown>;
  writeFileSync(path.join(work, "wreath.json"), JSON.stringify(brief));
  const started = Date.now();
  const r = await run("video", "generate", "--kit", "wild-stem-florals", "--brief", "wreath.json", "--provider", "local", "--size", "360x640", "--cta", "Order a wreath", "--out", "out/wreath.mp4", "--json");
  expect(r.err).not.toMatch(/marque:/);
  expect(r.code).toBe(0);
  console.info(`CLI video generate (2 shots, 8 s + end card, 360x640): ${Date.now() - started} ms`);
  const summary = JSON.parse(r.out) as { out: string; width: number; height: number; seconds: number; clips: number; assetId: string; endCard: string };
  expect(summary).toMatchObject({ out: "out/wreath.mp4", width: 360, height: 640, clips: 1, endCard: "template" });
  const info = await probeMedia(path.join(work, "out", "wreath.mp4"));
  expect([info.width, info.height, info.videoCodec, info.pixelFormat]).toEqual([360, 640, "h264", "yuv420p"]);
  expect(Math.abs(info.duration - 10.5)).toBeLessThanOrEqual(0.1);
  expect(readdirSync(path.join(work, "out"))).toEqual(["wreath.mp4"]); // no temp file left behind
  expect(r.err).toContain("Making 1 clip with local");
}, 180_000);

test("errors exit 1 with a clear message: missing brief file, invalid brief naming the field, unknown kit, bad --out", async () => {
  const missing = await run("video", "generate", "--kit", "pulse-cycle-studio", "--brief", "nope.json", "--out", "x.mp4");
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/marque: nope\.json: cannot read the brief \(no such file\)/);

  const bad = { ...(exampleBriefJson("style-exploration") as Record<string, unknown>), aspect: "4:3" };
  writeFileSync(path.join(work, "bad.json"), JSON.stringify(bad));
  const invalid = await run("video", "prompt", "--kit", "pulse-cycle-studio", "--brief", "bad.json");
  expect(invalid.code).toBe(1);
  expect(invalid.err).toMatch(/marque: bad\.json: aspect: /);

  writeFileSync(path.join(work, "broken.json"), "{ not json");
  expect((await run("video", "prompt", "--kit", "pulse-cycle-studio", "--brief", "broken.json")).err).toMatch(/broken\.json: not valid JSON/);

  const kit = await run("video", "generate", "--kit", "no-such-kit", "--brief", briefPath("style-exploration"), "--out", "x.mp4");
  expect(kit.code).toBe(1);
  expect(kit.err).toMatch(/marque: No brand kit "no-such-kit"/);

  const out = await run("video", "generate", "--kit", "pulse-cycle-studio", "--brief", briefPath("style-exploration"), "--out", "x.mov");
  expect(out.code).toBe(1);
  expect(out.err).toMatch(/--out: the video is an MP4/);

  const flag = await run("video", "prompt", "--kit", "pulse-cycle-studio", "--brief", briefPath("style-exploration"), "--bogus");
  expect(flag.code).toBe(1);
  expect(flag.err).toMatch(/Unknown option '--bogus'/);
  expect(readdirSync(work).filter((f) => f.endsWith(".mp4") || f.endsWith(".tmp"))).toEqual([]);
});

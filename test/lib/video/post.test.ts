// Post-production with the npm ffmpeg: clips trimmed and joined, the logo bug over the shots only, the
// crossfade into the end card, and the end card's last frame in the kit's colours; the brand frames' sizes.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, expect, test } from "vitest";
import { parseKit } from "~/lib/kit/schema.ts";
import { prepareKit, type PreparedKit } from "~/lib/templates/context.server.ts";
import { extractFrame, probeMedia, runFfmpeg } from "~/lib/video/ffmpeg.server.ts";
import { postProduce, renderEndCard, renderLogoBug, renderReferenceFrame } from "~/lib/video/post.server.ts";
import { deltaE, flatKitColourPoints, meanColour, pixel, rawPixels, useNpmFfmpeg, type Raw } from "../../support/video-frames.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "marque-post-"));
const RED = "#c03030";
const BLUE = "#3050c0";
let prepared: PreparedKit;

beforeAll(async () => {
  useNpmFfmpeg();
  const dir = path.resolve("brand-kits/pulse-cycle-studio");
  const kit = parseKit(JSON.parse(readFileSync(path.join(dir, "kit.json"), "utf8")));
  prepared = await prepareKit(kit, { baseDir: dir });
});

/** A flat-colour test clip (optionally with a tone), made by the same ffmpeg. */
async function clip(name: string, colour: string, seconds: number, o: { size?: string; audio?: boolean } = {}) {
  const file = path.join(work, name);
  const audio = o.audio ? ["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=44100:duration=${seconds}`] : [];
  await runFfmpeg([
    "-y", "-loglevel", "error",
    "-f", "lavfi", "-i", `color=c=${colour}:s=${o.size ?? "360x640"}:r=24:d=${seconds}`,
    ...audio,
    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
    ...(o.audio ? ["-c:a", "aac", "-shortest"] : []),
    file,
  ]);
  return file;
}

test("clips are trimmed to their shots, joined, branded with the logo bug, and crossfade into the end card", async () => {
  const size = { width: 360, height: 640 };
  const a = await clip("red.mp4", RED, 4);
  const b = await clip("blue.mp4", BLUE, 4, { size: "720x1280" }); // another size: scaled to fit
  const card = await renderEndCard(prepared, size, { cta: "Book your bike", handle: "@pulse" });
  expect(card.source).toBe("template");
  const bug = await renderLogoBug(prepared, size);
  const out = path.join(work, "final.mp4");
  const progress: number[] = [];
  const info = await postProduce([{ file: a, seconds: 3 }, { file: b, seconds: 2 }], out, {
    ...size,
    workDir: work,
    endCard: { png: card.png, seconds: 2, fadeSeconds: 0.5 },
    logoBug: bug!,
    onProgress: (p) => progress.push(p),
  });
  expect([info.width, info.height, info.pixelFormat, info.hasAudio]).toEqual([360, 640, "yuv420p", false]);
  expect(Math.abs(info.duration - 7)).toBeLessThanOrEqual(0.1);
  expect(progress.at(-1)).toBeGreaterThan(0.9);

  // Shot time: clip colours, with the bug in the bottom-right corner (not plain clip colour there).
  const redFrame = await rawPixels(await extractFrame(out, 1.5));
  expect(deltaE(meanColour(redFrame, 10, 10, 40, 40), RED)).toBeLessThanOrEqual(3);
  const u = 3.6;
  const bugBox = { x: Math.round(360 - 5 * u - 22 * u), y: Math.round(640 - 5 * u - 11 * u), w: Math.round(22 * u), h: Math.round(11 * u) };
  const marked = (img: Raw, box: typeof bugBox) => {
    let n = 0;
    for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) if (deltaE(pixel(img, x, y), RED) > 15) n++;
    return n;
  };
  expect(marked(redFrame, bugBox)).toBeGreaterThan(100);
  expect(marked(redFrame, { ...bugBox, x: 10, y: 10 })).toBe(0);
  const blueFrame = await rawPixels(await extractFrame(out, 4));
  expect(deltaE(meanColour(blueFrame, 10, 10, 40, 40), BLUE)).toBeLessThanOrEqual(3);

  // Mid-crossfade (5.0–5.5 s): neither the last shot nor the card yet.
  const primary = prepared.kit.palette.primary.color;
  const mid = meanColour(await rawPixels(await extractFrame(out, 5.25)), 10, 10, 40, 40);
  expect(deltaE(mid, BLUE)).toBeGreaterThan(5);
  expect(deltaE(mid, primary)).toBeGreaterThan(5);

  // Last frame: every flat kit-coloured area of the end card is still that kit colour after H.264.
  const cardPixels = await rawPixels(card.png);
  const points = flatKitColourPoints(cardPixels, prepared.kit, 12);
  console.info("end-card kit colour points:", [...points].map(([r, l]) => `${r}×${l.length}`).join(", "));
  expect(points.has("primary")).toBe(true);
  expect(points.size).toBeGreaterThanOrEqual(2);
  const last = await rawPixels(await extractFrame(out, 6.95));
  for (const [role, list] of points) {
    const hex = prepared.kit.palette[role]!.color;
    const spread = list.filter((_, i) => i % Math.ceil(list.length / 20) === 0); // ~20 points across the card
    for (const p of spread) expect({ role, at: p, dE: deltaE(meanColour(last, p.x - 1, p.y - 1, 3, 3), hex) <= 3 }).toEqual({ role, at: p, dE: true });
  }
  // No bug on the end card: that corner matches the card as drawn.
  expect(deltaE(meanColour(last, bugBox.x, bugBox.y, bugBox.w, bugBox.h), meanColour(cardPixels, bugBox.x, bugBox.y, bugBox.w, bugBox.h))).toBeLessThanOrEqual(3);
}, 120_000);

test("sound is kept when a clip has it, silent clips get silence, and the end card runs silent to the end", async () => {
  const a = await clip("tone.mp4", RED, 3, { audio: true });
  const b = await clip("quiet.mp4", BLUE, 3);
  const card = await renderEndCard(prepared, { width: 360, height: 640 });
  const out = path.join(work, "sound.mp4");
  const info = await postProduce([{ file: a, seconds: 2 }, { file: b, seconds: 3 }], out, { width: 360, height: 640, workDir: work, endCard: { png: card.png, seconds: 1.5 } });
  expect(info.hasAudio).toBe(true);
  expect(Math.abs(info.duration - 6.5)).toBeLessThanOrEqual(0.1);
}, 120_000);

test("without an end card the video is just the joined shots; a clip too short for its shots is refused by index", async () => {
  const a = await clip("short.mp4", RED, 2);
  const out = path.join(work, "plain.mp4");
  const info = await postProduce([{ file: a, seconds: 2 }], out, { width: 360, height: 640, workDir: work });
  expect(Math.abs(info.duration - 2)).toBeLessThanOrEqual(0.1);
  await expect(postProduce([{ file: a, seconds: 2 }, { file: a, seconds: 4 }], out, { width: 360, height: 640, workDir: work })).rejects.toThrow(/clips\.1: the clip lasts 2 s, shorter than the 4 s/);
}, 60_000);

test("the reference frame and end card are drawn at exactly the video size, in the kit's colours", async () => {
  for (const [width, height] of [[720, 1280], [1280, 720], [1024, 1792]] as const) {
    const ref = await sharp(await renderReferenceFrame(prepared, { width, height })).metadata();
    expect([ref.format, ref.width, ref.height]).toEqual(["png", width, height]);
    const end = await renderEndCard(prepared, { width, height }, { cta: "Book your bike" });
    const meta = await sharp(end.png).metadata();
    expect([meta.width, meta.height]).toEqual([width, height]);
    const px = await rawPixels(end.png);
    expect(deltaE(meanColour(px, 2, 2, 8, 8), prepared.kit.palette.primary.color)).toBeLessThanOrEqual(1);
  }
  const ref = await rawPixels(await renderReferenceFrame(prepared, { width: 720, height: 1280 }));
  expect(deltaE(meanColour(ref, 4, 4, 30, 30), prepared.kit.palette.background.color)).toBeLessThanOrEqual(1);
  await expect(renderReferenceFrame(prepared, { width: 721, height: 1280 })).rejects.toThrow(/even width and height/);
}, 60_000);

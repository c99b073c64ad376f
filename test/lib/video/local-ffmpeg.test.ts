// ffmpeg plumbing: which binary, arguments never through a shell, failures and aborts as FfmpegError,
// the probe parser on both the npm build's and a newer ffmpeg's output.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, expect, test } from "vitest";
import { resetEnvCache } from "~/env.server.ts";
import { extractFrame, FfmpegError, parseProbe, probeMedia, resolveFfmpeg, runFfmpeg } from "~/lib/video/ffmpeg.server.ts";
import { useNpmFfmpeg } from "../../support/video-frames.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "marque-ffmpeg-"));
let npmBin: string;

beforeAll(() => {
  npmBin = useNpmFfmpeg();
});
afterEach(() => {
  useNpmFfmpeg();
});

test("FFMPEG_PATH that is not an executable file is refused by name", () => {
  process.env.FFMPEG_PATH = path.join(work, "no-ffmpeg-here");
  resetEnvCache();
  expect(() => resolveFfmpeg()).toThrow(/FFMPEG_PATH: ".*no-ffmpeg-here" is not an executable file/);
  process.env.FFMPEG_PATH = "ffmpeg"; // relative: never looked up against the working directory
  resetEnvCache();
  expect(() => resolveFfmpeg()).toThrow(/give an absolute path/);
});

test("without FFMPEG_PATH the npm build is used when PATH has no ffmpeg", () => {
  delete process.env.FFMPEG_PATH;
  resetEnvCache();
  const saved = process.env.PATH;
  process.env.PATH = work; // a folder without ffmpeg
  try {
    expect(resolveFfmpeg()).toEqual({ path: npmBin, source: "npm" });
  } finally {
    process.env.PATH = saved;
  }
});

test("arguments go to ffmpeg as they are: shell syntax in a file name is just a file name", async () => {
  const name = path.join(work, "a; touch pwned $(id).mp4");
  await runFfmpeg(["-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=red:s=64x64:r=8:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", name]);
  const info = await probeMedia(name);
  expect([info.width, info.height, info.videoCodec]).toEqual([64, 64, "h264"]);
  const png = await extractFrame(name, 0.5);
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  await expect(extractFrame(name, 5)).rejects.toThrow(/no frame at 5 s/);
});

test("a failing run is an FfmpegError with the end of ffmpeg's message; a bad argument never starts it", async () => {
  const error = await runFfmpeg(["-i", path.join(work, "missing.mp4"), "-f", "null", "-"]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FfmpegError);
  expect((error as Error).message).toMatch(/ffmpeg failed \(exit 1\): .*missing\.mp4/);
  expect(() => runFfmpeg(["-i", "a\0b"])).toThrow(/argument 1 is not a plain string/);
  writeFileSync(path.join(work, "not-a-video.mp4"), "hello");
  await expect(probeMedia(path.join(work, "not-a-video.mp4"))).rejects.toThrow(/not-a-video\.mp4: not a readable video/);
});

test("abort and timeout stop ffmpeg", async () => {
  const long = ["-y", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "color=c=blue:s=64x64:r=8:d=60", "-f", "null", "-"];
  const controller = new AbortController();
  const running = runFfmpeg(long, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("stopped by the user")), 200);
  await expect(running).rejects.toThrow("stopped by the user");
  await expect(runFfmpeg(long, { timeoutMs: 300 })).rejects.toThrow(/took longer than 300 ms and was stopped/);
});

test("progress reports seconds written", async () => {
  const seen: number[] = [];
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "color=c=blue:s=64x64:r=8:d=3", "-c:v", "libx264", path.join(work, "p.mp4")], { onProgress: (s) => seen.push(s) });
  expect(seen.at(-1)).toBeCloseTo(3, 0);
});

test("the probe parser reads the 2018 npm build's and a 2022 ffmpeg's stream lines alike", () => {
  const old = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':
  Duration: 00:00:12.00, start: 0.000000, bitrate: 442 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 720x1280 [SAR 1:1 DAR 9:16], 440 kb/s, 24 fps, 24 tbr, 12288 tbn, 48 tbc (default)`;
  expect(parseProbe(old)).toEqual({ duration: 12, width: 720, height: 1280, videoCodec: "h264", pixelFormat: "yuv420p", fps: 24, hasAudio: false });
  const newer = `  Duration: 00:01:02.50, start: 0.000000, bitrate: 1200 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709, progressive), 1280x720 [SAR 1:1 DAR 16:9], 1000 kb/s, 23.98 fps, 23.98 tbr, 24k tbn (default)
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)`;
  expect(parseProbe(newer)).toEqual({ duration: 62.5, width: 1280, height: 720, videoCodec: "h264", pixelFormat: "yuv420p", fps: 23.98, hasAudio: true });
});

// ffmpeg for the animatic and post-production: which binary (FFMPEG_PATH, else `ffmpeg` on PATH, else the
// static build shipped in @ffmpeg-installer/ffmpeg), spawned with an argument array and never a shell, with
// progress, timeout and abort; plus a probe and a frame grab that need no ffprobe (npm ships none).
import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getEnv } from "../../env.server.ts";

export type FfmpegSource = "env" | "path" | "npm";

export class FfmpegError extends Error {
  constructor(
    message: string,
    /** The end of ffmpeg's stderr, for logs; may name temp files, never user secrets. */
    public readonly detail = "",
  ) {
    super(message);
    this.name = "FfmpegError";
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

let resolved: { key: string; path: string; source: FfmpegSource } | null = null;

/** The ffmpeg binary to run and where it came from; cached per FFMPEG_PATH/PATH value. */
export function resolveFfmpeg(): { path: string; source: FfmpegSource } {
  const configured = getEnv().FFMPEG_PATH;
  const key = `${configured ?? ""}\0${process.env.PATH ?? ""}`;
  if (resolved?.key === key) return resolved;
  let found: { path: string; source: FfmpegSource } | null = null;
  if (configured) {
    if (!path.isAbsolute(configured) || !isExecutable(configured)) {
      throw new FfmpegError(`FFMPEG_PATH: "${configured.slice(0, 200)}" is not an executable file (give an absolute path, or unset it to use the bundled ffmpeg)`);
    }
    found = { path: configured, source: "env" };
  }
  // A system ffmpeg is usually newer than the npm build (2018), so it wins when present.
  for (const dir of found ? [] : (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, process.platform === "win32" ? "ffmpeg.exe" : "ffmpeg");
    if (isExecutable(candidate)) {
      found = { path: candidate, source: "path" };
      break;
    }
  }
  if (!found) {
    try {
      const npmPath = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
      if (isExecutable(npmPath)) found = { path: npmPath, source: "npm" };
    } catch {
      // no build for this platform: fall through to the error
    }
  }
  if (!found) throw new FfmpegError("ffmpeg was not found: install it (apt install ffmpeg), or set FFMPEG_PATH to the binary");
  resolved = { key, ...found };
  return found;
}

export type RunOptions = {
  signal?: AbortSignal;
  /** Kill ffmpeg after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Seconds of output written so far (from `-progress`), for progress bars. */
  onProgress?: (seconds: number) => void;
  /** Collect stdout (a frame piped out); otherwise it carries progress lines. */
  captureStdout?: boolean;
  /** Exit codes that count as success (the probe expects 1: "no output file"). */
  okCodes?: number[];
  /** Override the binary (tests). */
  ffmpegPath?: string;
};

const STDERR_KEEP = 64 * 1024;
const STDOUT_MAX = 256 * 1024 * 1024;

/** Runs ffmpeg with `args` (an array, never a shell string); resolves with stdout and the end of stderr. */
export function runFfmpeg(args: readonly string[], options: RunOptions = {}): Promise<{ stdout: Buffer; stderr: string }> {
  for (const [i, arg] of args.entries()) {
    if (typeof arg !== "string" || arg.includes("\0")) throw new FfmpegError(`ffmpeg argument ${i} is not a plain string`);
  }
  const bin = options.ffmpegPath ?? resolveFfmpeg().path;
  const progress = options.onProgress && !options.captureStdout ? ["-progress", "pipe:1", "-nostats"] : [];
  const full = ["-hide_banner", "-nostdin", ...progress, ...args];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(options.signal.reason ?? new FfmpegError("ffmpeg was cancelled"));
    const child = spawn(bin, full, { shell: false, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let stderr = "";
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let pending = "";
    let settled = false;
    let killedFor: Error | null = null;
    const kill = (why: Error) => {
      killedFor ??= why;
      child.kill("SIGKILL");
    };
    const limit = options.timeoutMs ?? 600_000;
    const timer = setTimeout(() => kill(new FfmpegError(`ffmpeg took longer than ${limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`} and was stopped`)), limit);
    const onAbort = () => kill(options.signal?.reason instanceof Error ? options.signal.reason : new FfmpegError("ffmpeg was cancelled"));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEEP);
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (options.captureStdout) {
        stdoutBytes += chunk.length;
        if (stdoutBytes > STDOUT_MAX) return kill(new FfmpegError("ffmpeg produced more output than expected"));
        chunks.push(chunk);
        return;
      }
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        // `out_time=00:00:03.500000` exists in every ffmpeg version (out_time_us does not in old ones).
        const m = /^out_time=(-?)(\d+):(\d+):([\d.]+)/.exec(line.trim());
        if (m && !m[1]) options.onProgress?.(Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]));
      }
    });
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(chunks), stderr });
    };
    child.on("error", (error) => finish(new FfmpegError(`could not run ffmpeg (${bin}): ${error.message}`)));
    child.on("close", (code) => {
      if (killedFor) return finish(killedFor);
      if (code !== null && (code === 0 || options.okCodes?.includes(code))) return finish(null);
      finish(new FfmpegError(`ffmpeg failed (exit ${code ?? "signal"}): ${lastLines(stderr)}`, stderr.slice(-4000)));
    });
  });
}

function lastLines(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.slice(-3).join(" | ").slice(0, 600) || "no error output";
}

export type MediaInfo = {
  /** Seconds, from the container (10 ms resolution). */
  duration: number;
  width: number;
  height: number;
  videoCodec: string;
  pixelFormat: string;
  fps: number | null;
  hasAudio: boolean;
};

/** Splits "a, b(c, d), e" at top-level commas. */
function topLevelParts(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      parts.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** Reads what `ffmpeg -i` prints about a file. */
export function parseProbe(stderr: string, label = "file"): MediaInfo {
  const d = /Duration: (\d+):(\d+):([\d.]+)/.exec(stderr);
  const video = /Stream #\d+:\d+[^:]*: Video: (.*)/.exec(stderr);
  if (!d || !video?.[1]) throw new FfmpegError(`${label}: not a readable video (${lastLines(stderr)})`, stderr.slice(-4000));
  const parts = topLevelParts(video[1]);
  const size = parts.map((p) => /^(\d+)x(\d+)/.exec(p)).find(Boolean);
  const fps = parts.map((p) => /^([\d.]+) fps/.exec(p)).find(Boolean);
  if (!size) throw new FfmpegError(`${label}: no frame size in the video stream`, stderr.slice(-4000));
  return {
    duration: Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]),
    width: Number(size[1]),
    height: Number(size[2]),
    videoCodec: (parts[0] ?? "").split(" ")[0] ?? "",
    pixelFormat: (parts[1] ?? "").replace(/\(.*$/, ""),
    fps: fps ? Number(fps[1]) : null,
    hasAudio: /Stream #\d+:\d+[^:]*: Audio:/.test(stderr),
  };
}

/** Size, duration, codec and audio of a media file, from `ffmpeg -i` (no ffprobe needed). */
export async function probeMedia(file: string, options: Pick<RunOptions, "signal" | "ffmpegPath"> = {}): Promise<MediaInfo> {
  const { stderr } = await runFfmpeg(["-i", file], { ...options, okCodes: [1], timeoutMs: 30_000 });
  return parseProbe(stderr, path.basename(file));
}

/** One decoded frame at `seconds` as PNG bytes (accurate seek: decodes from the keyframe before it). */
export async function extractFrame(file: string, seconds: number, options: Pick<RunOptions, "signal" | "ffmpegPath"> = {}): Promise<Buffer> {
  if (!(seconds >= 0)) throw new FfmpegError(`frame time must be 0 or more seconds, got ${seconds}`);
  const { stdout } = await runFfmpeg(["-ss", seconds.toFixed(3), "-i", file, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"], {
    ...options,
    captureStdout: true,
    timeoutMs: 60_000,
  });
  if (stdout.length === 0) throw new FfmpegError(`${path.basename(file)}: no frame at ${seconds} s (the video is shorter)`);
  return stdout;
}

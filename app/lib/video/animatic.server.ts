// Draws an animatic: one storyboard frame per shot (render engine, kit fonts), each held for its seconds
// with a slow push-in (ffmpeg zoompan on a frame drawn at 2×, so the zoom stays smooth), concatenated and
// encoded to H.264 yuv420p MP4 at the exact size and length asked for.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { ResolveOptions } from "../kit/files.server.ts";
import type { BrandKit } from "../kit/schema.ts";
import { renderScene } from "../render/render.server.ts";
import { renderPool } from "../templates/render-pool.server.ts";
import { prepareKit } from "../templates/context.server.ts";
import type { VideoBrief } from "./brief.ts";
import { runFfmpeg } from "./ffmpeg.server.ts";
import { VideoProviderError } from "./providers/types.ts";
import { storyboardScene } from "./storyboard.ts";

export type AnimaticOptions = {
  /** Frames per second (default 24); shot lengths are whole or half seconds, so keep it even. */
  fps?: number;
  /** How far each shot zooms over its length (default 0.06 = 6 %). */
  pushIn?: number;
  /** x264 preset (default veryfast: on 2 cores it is as quick as ultrafast here and files are ~10× smaller). */
  preset?: string;
  crf?: number;
  /** Frames are drawn at this multiple of the video size before the zoom (default 2). */
  supersample?: number;
  ffmpegPath?: string;
};

export type AnimaticInput = {
  kit: BrandKit;
  brief: VideoBrief;
  /** Brief shot indices to draw, in order. */
  shots: number[];
  files?: ResolveOptions;
  width: number;
  height: number;
  /** Clip length: the last shot is held (or the shots cut) to fill exactly this. */
  seconds: number;
};

export type AnimaticRun = AnimaticOptions & { signal?: AbortSignal; onProgress?: (fraction: number) => void };

/** How long each shot stays on screen in a clip of `total` seconds: the last is held to the end, shots past it are cut. */
export function holdDurations(shotSeconds: readonly number[], total: number): number[] {
  let t = 0;
  return shotSeconds.map((s, i) => {
    const hold = i === shotSeconds.length - 1 ? Math.max(0, total - t) : Math.max(0, Math.min(s, total - t));
    t += hold;
    return hold;
  });
}

/** A camera note that moves away from the subject gets a pull-back; everything else a push-in. */
export function zoomsOut(camera: string): boolean {
  return /pull[- ]?(back|out)|zoom(s|ing)? out|dolly(ing)? out|pulls away/i.test(camera);
}

export function checkVideoSize(width: number, height: number) {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16 || width > 4096 || height > 4096) {
    throw new VideoProviderError("refused", `A video of ${width}×${height} px cannot be made: each side must be 16–4096 px.`);
  }
  if (width % 2 || height % 2) throw new VideoProviderError("refused", `H.264 needs an even width and height; ${width}×${height} is not.`);
}

export async function renderAnimatic(input: AnimaticInput, run: AnimaticRun = {}): Promise<{ video: Buffer; thumbnail: Buffer }> {
  const { width: W, height: H } = input;
  checkVideoSize(W, H);
  const fps = run.fps ?? 24;
  const pushIn = run.pushIn ?? 0.06;
  const supersample = run.supersample ?? 2;
  if (!(input.seconds > 0 && input.seconds <= 600)) throw new VideoProviderError("refused", `A clip of ${input.seconds} s cannot be made (1–600 s).`);
  const holds = holdDurations(
    input.shots.map((i) => input.brief.shots[i]?.seconds ?? 0),
    input.seconds,
  );
  const frameCounts = holds.map((s) => Math.round(s * fps));
  const progress = (f: number) => run.onProgress?.(Math.max(0, Math.min(1, f)));

  const prepared = await prepareKit(input.kit, input.files ?? {});
  const logo = prepared.logos.primary ?? prepared.logos.mark ?? prepared.logos.mono;
  const dir = await mkdtemp(path.join(os.tmpdir(), "marque-animatic-"));
  try {
    const shown = input.shots.map((shot, k) => ({ shot, frames: frameCounts[k] ?? 0 })).filter((s) => s.frames > 0);
    const files: string[] = [];
    let thumbnail: Buffer | null = null;
    for (const [k, s] of shown.entries()) {
      run.signal?.throwIfAborted();
      const scene = storyboardScene(input.kit, input.brief, { shot: s.shot, width: W, height: H, logo });
      const png = await renderPool().run(() => renderScene(scene, { format: "png", scale: supersample, fonts: prepared.fonts }), { wait: true });
      const file = path.join(dir, `shot-${k}.png`);
      await writeFile(file, png.bytes);
      files.push(file);
      thumbnail ??= await sharp(png.bytes).resize(W, H).jpeg({ quality: 82 }).toBuffer();
      progress((0.25 * (k + 1)) / shown.length);
    }
    if (!thumbnail) throw new VideoProviderError("refused", "The clip has no shot to draw.");

    const chains = shown.map((s, k) => {
      const d = s.frames;
      const t = d > 1 ? `on/${d - 1}` : "0";
      const zoom = zoomsOut(input.brief.shots[s.shot]?.camera ?? "") ? `1+${pushIn}*(1-${t})` : `1+${pushIn}*${t}`;
      // x/y keep the zoom centred; zoompan rounds them in the 2× frame, i.e. to half an output pixel.
      return `[${k}:v]zoompan=z='${zoom}':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=${d}:s=${W}x${H}:fps=${fps},setsar=1[v${k}]`;
    });
    const graph = `${chains.join(";")};${shown.map((_, k) => `[v${k}]`).join("")}concat=n=${shown.length}:v=1:a=0,format=yuv420p[out]`;
    const out = path.join(dir, "animatic.mp4");
    const total = frameCounts.reduce((a, b) => a + b, 0) / fps;
    await runFfmpeg(
      [
        "-y",
        "-loglevel", "error",
        ...files.flatMap((f) => ["-i", f]),
        "-filter_complex", graph,
        "-map", "[out]",
        "-c:v", "libx264", "-preset", run.preset ?? "veryfast", "-crf", String(run.crf ?? 23),
        "-pix_fmt", "yuv420p", "-r", String(fps), "-movflags", "+faststart", "-an",
        out,
      ],
      { signal: run.signal, ffmpegPath: run.ffmpegPath, onProgress: (s) => progress(0.25 + (0.75 * s) / total) },
    );
    const video = await readFile(out);
    progress(1);
    return { video, thumbnail };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

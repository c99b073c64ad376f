// Post-production for any provider's clips: the brand frames (reference frame, end card, logo bug) drawn by
// the render engine at the video's exact size, and one ffmpeg pass that trims each clip to its shots,
// joins them, lays the logo bug over the shots and crossfades into the end card.
// The crossfade is an alpha fade overlaid on the held last frame, not `xfade`: the npm ffmpeg (2018) predates it.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { renderScene } from "../render/render.server.ts";
import type { SceneInput } from "../render/scene.ts";
import type { PreparedKit } from "../templates/context.server.ts";
import { getFormat } from "../templates/formats.ts";
import { getTemplate, renderTemplate } from "../templates/registry.ts";
import { renderPool } from "../templates/render-pool.server.ts";
import { probeMedia, runFfmpeg, type MediaInfo } from "./ffmpeg.server.ts";
import { checkVideoSize } from "./animatic.server.ts";
import { endCardScene, logoBugScene, openingScene, type FrameSize } from "./storyboard.ts";

export const END_CARD_TEMPLATE = "reel-end-card";

// Brand frames take a render slot like every other render, waiting for one (a job must not be refused).
async function renderFrame(scene: SceneInput, prepared: PreparedKit): Promise<Buffer> {
  return (await renderPool().run(() => renderScene(scene, { format: "png", fonts: prepared.fonts }), { wait: true })).bytes;
}

/** The first frame given to a provider: the kit's background and logo at the video's exact size. */
export async function renderReferenceFrame(prepared: PreparedKit, size: FrameSize): Promise<Buffer> {
  checkVideoSize(size.width, size.height);
  return renderFrame(openingScene(prepared.kit, { ...size, logo: prepared.logos.primary ?? prepared.logos.mark }), prepared);
}

export type EndCardContent = {
  /** Empty or absent: the kit's tagline. */
  tagline?: string;
  cta?: string;
  /** "@handle · site.com" (the end-card template shows it; the built-in card does not). */
  handle?: string;
};

/**
 * The end card as a PNG at exactly the video size: the `reel-end-card` template drawn at the reel format of
 * the same orientation (scaled, cropped to cover when the aspect differs slightly), else a built-in card.
 */
export async function renderEndCard(prepared: PreparedKit, size: FrameSize, content: EndCardContent = {}): Promise<{ png: Buffer; source: "template" | "built-in" }> {
  checkVideoSize(size.width, size.height);
  const tagline = content.tagline?.trim() || prepared.kit.voice.tagline;
  let template;
  try {
    template = getTemplate(END_CARD_TEMPLATE);
  } catch {
    template = null; // not in this build's template library: draw the built-in card
  }
  if (template) {
    const formatId = size.height >= size.width ? "reel-vertical" : "reel-horizontal";
    const format = getFormat(formatId);
    const scale = Math.max(size.width / format.width, size.height / format.height);
    const body = { tagline, cta: content.cta?.trim() ?? "", handle: content.handle?.trim() ?? "" };
    const out = await renderPool().run(() => renderTemplate(template, body, prepared, formatId, { format: "png", scale }), { wait: true });
    const png = out.width === size.width && out.height === size.height ? out.bytes : await sharp(out.bytes).resize(size.width, size.height, { fit: "cover" }).png().toBuffer();
    return { png, source: "template" };
  }
  const logo = prepared.logos.reverse ?? prepared.logos.mono ?? prepared.logos.primary;
  return { png: await renderFrame(endCardScene(prepared.kit, { ...size, tagline, cta: content.cta, logo }), prepared), source: "built-in" };
}

/** A full-frame transparent PNG with the kit's mark in the corner; null when the kit has no logo. */
export async function renderLogoBug(prepared: PreparedKit, size: FrameSize, opacity = 0.85): Promise<Buffer | null> {
  const logo = prepared.logos.mark ?? prepared.logos.primary ?? prepared.logos.mono;
  if (!logo) return null;
  return renderFrame(logoBugScene(logo, { ...size, opacity }), prepared);
}

export type PostClip = {
  file: string;
  /** Seconds to keep from the clip's start (its shots; a provider's 4/8/12 s clip may run longer). */
  seconds: number;
};

export type PostOptions = FrameSize & {
  fps?: number;
  endCard?: { png: Buffer | string; seconds: number; fadeSeconds?: number };
  /** Full-frame transparent PNG laid over the shots (not over the end card, which has its own logo). */
  logoBug?: Buffer | string;
  preset?: string;
  crf?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  ffmpegPath?: string;
  /** Where image inputs are written when given as bytes. */
  workDir: string;
};

/** Total length of the finished video: the shots plus the end card (the crossfade runs over the card). */
export function finalSeconds(clips: readonly PostClip[], endCardSeconds = 0): number {
  return clips.reduce((t, c) => t + c.seconds, 0) + endCardSeconds;
}

/** Joins, brands and encodes the clips into `out` (H.264 yuv420p, AAC when any clip has sound); returns its probe. */
export async function postProduce(clips: PostClip[], out: string, o: PostOptions): Promise<MediaInfo> {
  const { width: W, height: H } = o;
  checkVideoSize(W, H);
  if (!clips.length) throw new Error("clips: nothing to put together");
  const fps = o.fps ?? 24;
  const probes = await Promise.all(clips.map((c) => probeMedia(c.file, { signal: o.signal, ffmpegPath: o.ffmpegPath })));
  clips.forEach((c, i) => {
    const have = probes[i]?.duration ?? 0;
    if (!(c.seconds > 0)) throw new Error(`clips.${i}.seconds: must be more than 0`);
    // Containers round to 10 ms; a clip a frame short is still used (its last frame is held by tpad below).
    if (have + 0.1 < c.seconds) throw new Error(`clips.${i}: the clip lasts ${have} s, shorter than the ${c.seconds} s its shots need`);
  });
  const shots = finalSeconds(clips);
  const endCard = o.endCard && o.endCard.seconds > 0 ? o.endCard : undefined;
  const fade = endCard ? Math.min(endCard.fadeSeconds ?? 0.5, endCard.seconds) : 0;
  const total = shots + (endCard?.seconds ?? 0);

  const inputs: string[] = clips.flatMap((c) => ["-i", c.file]);
  const file = async (name: string, data: Buffer | string) => {
    if (typeof data === "string") return data;
    const p = path.join(o.workDir, name);
    await writeFile(p, data);
    return p;
  };
  let next = clips.length;
  const graph: string[] = [];
  clips.forEach((c, i) => {
    const s = c.seconds.toFixed(3);
    // The last clip's final frame is held under the end card's fade-in. Padding here, where the link still
    // has a frame rate, not after concat: the 2018 build's tpad then stamps clones with one timestamp.
    const hold = endCard && i === clips.length - 1 ? `,tpad=stop_mode=clone:stop_duration=${endCard.seconds.toFixed(3)}` : "";
    // The first tpad covers a clip a frame or two short of its nominal length; trim then cuts it exactly.
    graph.push(`[${i}:v]setpts=PTS-STARTPTS,fps=${fps},scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},setsar=1,tpad=stop_mode=clone:stop_duration=1,trim=duration=${s},setpts=PTS-STARTPTS,format=yuv420p${hold}[c${i}]`);
  });
  graph.push(`${clips.map((_, i) => `[c${i}]`).join("")}concat=n=${clips.length}:v=1:a=0[joined]`);
  let main = "joined";
  if (o.logoBug) {
    inputs.push("-i", await file("logo-bug.png", o.logoBug));
    graph.push(`[${next++}:v]format=rgba[bug];[${main}][bug]overlay=0:0:format=auto,format=yuv420p[branded]`);
    main = "branded";
  }
  if (endCard) {
    const e = endCard.seconds.toFixed(3);
    inputs.push("-loop", "1", "-framerate", String(fps), "-t", e, "-i", await file("end-card.png", endCard.png));
    graph.push(`[${next++}:v]scale=${W}:${H},setsar=1,format=yuva420p,${fade > 0 ? `fade=t=in:st=0:d=${fade.toFixed(3)}:alpha=1,` : ""}setpts=PTS-STARTPTS+${shots.toFixed(3)}/TB[card]`);
    graph.push(`[${main}][card]overlay=0:0:eof_action=pass,trim=duration=${total.toFixed(3)},format=yuv420p[vout]`);
  } else {
    graph.push(`[${main}]null[vout]`);
  }
  const withAudio = probes.some((p) => p.hasAudio);
  if (withAudio) {
    clips.forEach((c, i) => {
      const s = c.seconds.toFixed(3);
      graph.push(
        probes[i]?.hasAudio
          ? `[${i}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,apad,atrim=duration=${s},asetpts=PTS-STARTPTS[a${i}]`
          : `anullsrc=r=48000:cl=stereo,atrim=duration=${s}[a${i}]`,
      );
    });
    graph.push(`${clips.map((_, i) => `[a${i}]`).join("")}concat=n=${clips.length}:v=0:a=1,apad,atrim=duration=${total.toFixed(3)}[aout]`);
  }
  await runFfmpeg(
    [
      "-y", "-loglevel", "error",
      ...inputs,
      "-filter_complex", graph.join(";"),
      "-map", "[vout]",
      ...(withAudio ? ["-map", "[aout]", "-c:a", "aac", "-b:a", "128k"] : ["-an"]),
      "-c:v", "libx264", "-preset", o.preset ?? "veryfast", "-crf", String(o.crf ?? 23), "-pix_fmt", "yuv420p",
      "-r", String(fps), "-t", total.toFixed(3), "-movflags", "+faststart",
      out,
    ],
    { signal: o.signal, ffmpegPath: o.ffmpegPath, onProgress: (t) => o.onProgress?.(Math.min(1, t / total)) },
  );
  return probeMedia(out, { signal: o.signal, ffmpegPath: o.ffmpegPath });
}

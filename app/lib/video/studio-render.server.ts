// Runs studio renders: queue the clip jobs (generate.server.ts), follow them, post-produce the finished
// video once they are all done, and report one status for the page's progress bar. The state lives in
// the database, so a runner that died (restart) is picked up again by the next status read.
import type { Scope } from "../auth/scope.ts";
import { getEnv, type Env } from "../../env.server.ts";
import { errorMessage } from "../errors.ts";
import { getAsset } from "../../models/asset.server.ts";
import { getVideoJob, type VideoJob } from "../../models/video-job.server.ts";
import {
  claimRenderFinishing,
  completeVideoRender,
  createVideoRender,
  failVideoRender,
  findVideoRender,
  getVideoRender,
  markVideoRenderCancelled,
  setRenderProgress,
  type RenderOptions,
  type VideoRender,
} from "../../models/video-render.server.ts";
import { getVideoBrief } from "../../models/video-brief.server.ts";
import type { VideoBrief } from "./brief.ts";
import { finishVideo, queueVideo, VideoGenerationError, waitForVideo } from "./generate.server.ts";
import { cancelVideoJob } from "./worker.server.ts";

/** Share of the bar for the clips; post-production fills the rest. */
export const CLIPS_SHARE = 85;
/** A finishing step not heard from for this long belongs to a process that died: take it over. */
const STALE_FINISH_MS = 10 * 60_000;

type Runner = { abort: AbortController; done: Promise<void> };
declare global {
  // eslint-disable-next-line no-var
  var __marqueRenderRunners: Map<string, Runner> | undefined;
}
const runners = (globalThis.__marqueRenderRunners ??= new Map<string, Runner>());

export type StartRenderInput = {
  briefId: string;
  brief: VideoBrief;
  label?: string;
  provider?: string;
  /** Default: the local animatic's, or MARQUE_VIDEO_MODEL for other providers. */
  model?: string;
  /** "WIDTHxHEIGHT"; default from the brief's aspect. */
  size?: string;
  options?: Partial<RenderOptions>;
};

/** Queues the brief's clips and starts following them; throws (naming the field) before anything is queued when the input is bad. */
export async function startRender(scope: Scope, input: StartRenderInput): Promise<VideoRender> {
  const saved = await getVideoBrief(scope, input.briefId);
  if (!saved) throw new VideoGenerationError(`there is no brief "${input.briefId.slice(0, 40)}"`);
  const queued = await queueVideo(scope, { kitSlug: saved.kitSlug, brief: input.brief, provider: input.provider ?? "local", model: input.model, size: input.size });
  const render = await createVideoRender({ briefId: saved.id, label: input.label, provider: queued.provider, jobIds: queued.jobIds, options: input.options });
  follow(render.id);
  return render;
}

/** Makes sure an active render has a runner in this process (after a restart, or one started elsewhere). */
export function follow(renderId: string): void {
  if (runners.has(renderId)) return;
  const abort = new AbortController();
  const done = run(renderId, abort.signal)
    .catch((error: unknown) => console.error(`Video render ${renderId}: runner crashed`, error))
    .finally(() => runners.delete(renderId));
  runners.set(renderId, { abort, done });
}

/** Resolves when this process's runner for the render (if any) has stopped: for tests and shutdown. */
export async function settled(renderId: string): Promise<void> {
  await runners.get(renderId)?.done;
}

async function run(renderId: string, signal: AbortSignal) {
  const render = await getVideoRender(renderId);
  if (!render) return;
  if (render.status === "finishing") {
    // Someone else's runner, unless it went quiet long ago.
    if (!(await claimRenderFinishing(renderId, new Date(Date.now() - STALE_FINISH_MS)))) return;
    return finish(render, signal);
  }
  if (render.status !== "clips") return;
  try {
    await waitForVideo(render.jobIds, { signal, pollMs: 400 });
  } catch (error) {
    if (signal.aborted) return;
    await failVideoRender(renderId, error instanceof VideoGenerationError ? error.message : `Following the clips failed: ${errorMessage(error)}`);
    return;
  }
  if (!(await claimRenderFinishing(renderId))) return; // cancelled meanwhile, or another runner has it
  await finish(render, signal);
}

async function finish(render: VideoRender, signal: AbortSignal) {
  let last = CLIPS_SHARE;
  try {
    const { endCard, cta, logoBug } = render.options;
    const result = await finishVideo(render.jobIds, {
      endCard: endCard ? { ...(cta ? { cta } : {}) } : false,
      logoBug,
      signal,
      onProgress: (f) => {
        const p = Math.floor(CLIPS_SHARE + (100 - CLIPS_SHARE) * Math.max(0, Math.min(1, f)));
        // Written only when the whole percent changes; also the finishing step's heartbeat.
        if (p > last && p < 100) {
          last = p;
          void setRenderProgress(render.id, p).catch(() => {});
        }
      },
    });
    await completeVideoRender(render.id, { assetId: result.asset.id, thumbnailKey: result.thumbnailKey, seconds: result.seconds, width: result.width, height: result.height });
  } catch (error) {
    if (signal.aborted) return;
    if (!(error instanceof VideoGenerationError)) console.error(`Video render ${render.id}: post-production failed`, error);
    await failVideoRender(render.id, `Adding the end card and joining the clips failed: ${errorMessage(error).slice(0, 400)}`);
  }
}

/** Cancels the render and its unfinished clip jobs (remote ones are deleted where the service allows). */
export async function cancelRender(scope: Scope, renderId: string): Promise<boolean> {
  const render = await findVideoRender(scope, renderId);
  if (!render || !(await markVideoRenderCancelled(renderId))) return false;
  runners.get(renderId)?.abort.abort();
  await Promise.allSettled(render.jobIds.map((id) => cancelVideoJob(id)));
  return true;
}

export type ClipState = { id: string; status: VideoJob["status"] | "missing"; progress: number; error: string | null; seconds: number; hasVideo: boolean };

export type RenderView = {
  id: string;
  briefId: string;
  briefTitle: string;
  label: string;
  provider: string;
  status: VideoRender["status"];
  /** 0..100 over the whole render: the clips, then post-production. */
  progress: number;
  /** One line for the bar: "Making clip 1 of 2", "Adding the end card", "Done". */
  stage: string;
  error: string | null;
  createdAt: string;
  clips: ClipState[];
  video: { seconds: number; width: number; height: number; bytes: number; stale: boolean } | null;
  hasReference: boolean;
};

function stageOf(render: VideoRender, clips: ClipState[]): string {
  switch (render.status) {
    case "completed":
      return "Done";
    case "failed":
      return "Failed";
    case "cancelled":
      return "Cancelled";
    case "finishing":
      return render.options.endCard ? "Adding the end card" : "Joining the clips";
  }
  const n = clips.length;
  const current = clips.findIndex((c) => c.status !== "completed");
  if (current < 0) return render.options.endCard ? "Adding the end card" : "Joining the clips";
  if (clips.every((c) => c.status === "queued")) return "Waiting for a free slot";
  return n > 1 ? `Making clip ${current + 1} of ${n}` : "Making the clip";
}

/** Everything the page shows about a render; also makes sure an active one is being followed. */
export async function renderView(scope: Scope, renderId: string): Promise<RenderView | null> {
  const render = await findVideoRender(scope, renderId);
  if (!render) return null;
  if (render.status === "clips" || render.status === "finishing") follow(render.id);
  const jobs = await Promise.all(render.jobIds.map((id) => getVideoJob(id)));
  const clips: ClipState[] = jobs.map((job, i) =>
    job
      ? { id: job.id, status: job.status, progress: job.status === "completed" ? 100 : job.progress, error: job.error, seconds: job.seconds, hasVideo: Boolean(job.outputs.video) }
      : { id: render.jobIds[i] ?? "", status: "missing", progress: 0, error: "This clip's job no longer exists.", seconds: 0, hasVideo: false },
  );
  const clipShare = clips.length ? clips.reduce((t, c) => t + c.progress, 0) / clips.length : 0;
  const progress = render.status === "completed" ? 100 : render.status === "finishing" ? render.progress : Math.floor((CLIPS_SHARE * clipShare) / 100);
  const asset = render.assetId ? await getAsset(scope, render.assetId) : null;
  return {
    id: render.id,
    briefId: render.briefId,
    briefTitle: render.briefTitle,
    label: render.label,
    provider: render.provider,
    status: render.status,
    progress,
    stage: stageOf(render, clips),
    error: render.error,
    createdAt: render.createdAt.toISOString(),
    clips,
    video: asset && render.seconds && render.width && render.height ? { seconds: render.seconds, width: render.width, height: render.height, bytes: asset.bytes, stale: asset.stale } : null,
    hasReference: Boolean(jobs[0]?.outputs.reference),
  };
}

export type ProviderChoice = { name: string; label: string; available: boolean; reason: string | null };

/** The providers the studio offers: the offline animatic always, a /v1/videos service once configured. */
export function providerChoices(env: Pick<Env, "OPENAI_API_KEY" | "MARQUE_VIDEO_MODEL"> = getEnv()): ProviderChoice[] {
  const missing = [env.OPENAI_API_KEY ? null : "OPENAI_API_KEY", env.MARQUE_VIDEO_MODEL?.trim() ? null : "MARQUE_VIDEO_MODEL"].filter(Boolean);
  return [
    { name: "local", label: "Offline animatic", available: true, reason: null },
    {
      name: "openai",
      label: env.MARQUE_VIDEO_MODEL?.trim() ? `Video service (${env.MARQUE_VIDEO_MODEL.trim()})` : "Video service",
      available: missing.length === 0,
      reason: missing.length ? `The video service is not set up: set ${missing.join(" and ")} (see .env.example) to send clips to an OpenAI-compatible /v1/videos service.` : null,
    },
  ];
}

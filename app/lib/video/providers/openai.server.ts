// The `openai` provider: any service speaking the /v1/videos contract, through the official SDK.
// The SDK's own retries are switched off (maxRetries: 0) and this module retries instead, because it
// must (1) never re-send a create whose outcome is unknown (a paid clip could be made twice), (2) let
// tests see and skip the waits, and (3) not multiply attempts (SDK 2 × ours 5 = 15 calls per poll).
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, toFile } from "openai";
import type { VideoCreateParams, VideoSeconds, VideoSize } from "openai/resources/videos";
import { getEnv } from "../../../env.server.ts";
import { AbortedError, backoffDelay, isAborted, retryAfterMs, sleep as realSleep, throwIfAborted, type BackoffPolicy, type Sleep } from "./backoff.ts";
import { failedJobMessage, httpFailure, redactSecrets, type HttpFailure } from "./openai-errors.ts";
import {
  REMOTE_SECONDS,
  SIZE_PATTERN,
  VideoProviderError,
  type CallOptions,
  type ProviderStatus,
  type VideoDownload,
  type VideoPollResult,
  type VideoProvider,
  type VideoStartInput,
} from "./types.ts";

export type OpenAIProviderOptions = {
  apiKey?: string;
  baseURL?: string;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** Tries per request, the first included. */
  maxAttempts?: number;
  retry?: BackoffPolicy;
  /** A Retry-After longer than this is not waited out here: the call fails as `unavailable` instead. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  downloadTimeoutMs?: number;
  maxDownloadBytes?: number;
};

export const DEFAULT_RETRY: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };
const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;
/** Connection errors raised before any byte was sent: retrying them cannot create a second job. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

type Operation = HttpFailure["operation"];
type Decision = { retry: boolean; waitMs: number | null; error: Error };

function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function mapStatus(status: string): ProviderStatus | "gone" {
  switch (status) {
    case "queued":
    case "pending":
      return "queued";
    case "completed":
    case "succeeded":
      return "completed";
    case "failed":
      return "failed";
    case "cancelled":
    case "canceled":
    case "expired":
      return "gone";
    default:
      // "in_progress", or a gateway's own word for it: keep polling (the worker's deadline bounds this).
      return "in_progress";
  }
}

function isMp4(bytes: Buffer) {
  return bytes.length >= 12 && bytes.toString("latin1", 4, 8) === "ftyp";
}

async function readCapped(response: Response, max: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  const tooBig = () => new VideoProviderError("bad_output", `The video service sent a ${what} larger than ${Math.round(max / 1048576)} MB; Marque did not keep it.`);
  if (Number.isFinite(declared) && declared > max) throw tooBig();
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > max) throw tooBig();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function createOpenAIProvider(options: OpenAIProviderOptions = {}): VideoProvider {
  const env = getEnv();
  const apiKey = options.apiKey ?? env.OPENAI_API_KEY;
  const baseURL = options.baseURL ?? env.OPENAI_BASE_URL;
  if (!apiKey) {
    throw new VideoProviderError("config", "The openai video provider needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible gateway). Set them, or use the local provider.");
  }
  const wait = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const policy = options.retry ?? DEFAULT_RETRY;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 10 * 60_000;
  const maxDownloadBytes = options.maxDownloadBytes ?? MAX_DOWNLOAD_BYTES;
  const client = new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
  const host = (() => {
    try {
      return new URL(client.baseURL).host;
    } catch {
      return "the configured address";
    }
  })();
  const secrets = [apiKey];

  function classify(error: unknown, op: Operation, ctx: { model?: string; size?: string }): Decision {
    if (error instanceof APIConnectionTimeoutError || (error instanceof APIConnectionError && !NOT_SENT.has(causeCode(error) ?? ""))) {
      const timedOut = error instanceof APIConnectionTimeoutError;
      if (op === "create") {
        // The request may have reached the service: sending it again could start (and bill) a second clip.
        return {
          retry: false,
          waitMs: null,
          error: new VideoProviderError(
            "uncertain",
            `The connection to the video service at ${host} ${timedOut ? "timed out" : "broke"} while sending this clip, so it may or may not have started (and been billed). Marque did not send it again; check your provider's dashboard before starting it again.`,
            { cause: error },
          ),
        };
      }
      return { retry: true, waitMs: null, error: new VideoProviderError("unavailable", `Marque could not reach the video service at ${host} (connection ${timedOut ? "timed out" : "failed"}). Try again later.`, { cause: error }) };
    }
    if (error instanceof APIConnectionError) {
      return { retry: true, waitMs: null, error: new VideoProviderError("unavailable", `Marque could not reach the video service at ${host}. Check OPENAI_BASE_URL and the internet connection.`, { cause: error }) };
    }
    if (error instanceof APIError && typeof error.status === "number") {
      const body = (error.error ?? {}) as { message?: unknown };
      const failure = httpFailure(
        { status: error.status, code: error.code, param: error.param, message: typeof body.message === "string" ? body.message : null, operation: op, host },
        { secrets, ...ctx },
      );
      const hint = error.headers?.get("x-should-retry");
      let retry = error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
      if (failure.kind === "quota") retry = false;
      if (hint === "true") retry = true;
      if (hint === "false") retry = false;
      return { retry, waitMs: retryAfterMs(error.headers, now()), error: failure };
    }
    return { retry: false, waitMs: null, error: error instanceof Error ? error : new Error(String(error)) };
  }

  /** Runs one SDK call with bounded retries; waits follow Retry-After when sent, else backoff with jitter. */
  async function call<T>(op: Operation, signal: AbortSignal | undefined, ctx: { model?: string; size?: string }, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(signal);
      try {
        return await fn();
      } catch (error) {
        if (signal?.aborted || isAborted(error)) throw new AbortedError();
        const decision = classify(error, op, ctx);
        if (!decision.retry || attempt + 1 >= maxAttempts) throw decision.error;
        const delay = decision.waitMs ?? backoffDelay(attempt, policy, random);
        if (delay > maxRetryAfterMs) throw decision.error;
        await wait(delay, signal);
      }
    }
  }

  async function start(input: VideoStartInput, opts: CallOptions = {}) {
    const seconds = String(input.seconds);
    if (!(REMOTE_SECONDS as readonly string[]).includes(seconds)) {
      throw new VideoProviderError("refused", `The video service makes clips of ${REMOTE_SECONDS.join(", ")} seconds; this clip asks for ${input.seconds}.`);
    }
    if (!SIZE_PATTERN.test(input.size)) throw new VideoProviderError("refused", `The video size "${input.size}" is not WIDTHxHEIGHT (e.g. 720x1280).`);
    if (!input.model.trim()) throw new VideoProviderError("config", "No video model is configured. Set MARQUE_VIDEO_MODEL to the model your video service offers.");
    const ctx = { model: input.model, size: input.size };
    const video = await call("create", opts.signal, ctx, async () => {
      const body: VideoCreateParams = { prompt: input.prompt, model: input.model, seconds: seconds as VideoSeconds, size: input.size as VideoSize };
      if (input.referenceImage) {
        const ext = input.referenceImage.mime.split("/")[1] === "jpeg" ? "jpg" : input.referenceImage.mime.split("/")[1];
        body.input_reference = await toFile(input.referenceImage.bytes, `reference.${ext}`, { type: input.referenceImage.mime });
      }
      // Gateways that honour Idempotency-Key turn a repeated create (after a 5xx or 429) into the same job.
      return client.videos.create(body, { signal: opts.signal, headers: { "Idempotency-Key": `marque-video-${input.jobId}` } });
    });
    if (!video.id) throw new VideoProviderError("bad_output", "The video service accepted the clip but sent no id to follow it by.");
    return { remoteId: video.id };
  }

  async function poll(remoteId: string, opts: CallOptions = {}): Promise<VideoPollResult> {
    const video = await call("retrieve", opts.signal, {}, () => client.videos.retrieve(remoteId, { signal: opts.signal }));
    const progress = Math.max(0, Math.min(100, Math.round(Number(video.progress) || 0)));
    const status = mapStatus(String(video.status));
    if (status === "gone") {
      return { status: "failed", progress, error: `The video service stopped this clip (status “${String(video.status)}”).` };
    }
    if (status === "failed") return { status, progress, error: failedJobMessage(video.error, { secrets, size: String(video.size ?? "") || undefined }) };
    return { status, progress: status === "completed" ? 100 : progress };
  }

  async function fetchVariant(remoteId: string, variant: "video" | "thumbnail", signal?: AbortSignal) {
    return call("download", signal, {}, async () => {
      const response = await client.videos.downloadContent(remoteId, { variant }, { signal, timeout: downloadTimeoutMs });
      return readCapped(response, maxDownloadBytes, variant === "video" ? "video" : "thumbnail");
    });
  }

  async function download(remoteId: string, opts: CallOptions = {}): Promise<VideoDownload> {
    const video = await fetchVariant(remoteId, "video", opts.signal);
    if (!isMp4(video)) throw new VideoProviderError("bad_output", "The video service sent a file that is not an MP4 video.");
    let thumbnail: Buffer | undefined;
    try {
      thumbnail = await fetchVariant(remoteId, "thumbnail", opts.signal);
      if (thumbnail.length === 0) thumbnail = undefined;
    } catch (error) {
      // A still is a nicety: a service without thumbnails must not cost the clip.
      if (error instanceof AbortedError) throw error;
      thumbnail = undefined;
    }
    return thumbnail ? { video, thumbnail } : { video };
  }

  async function cancel(remoteId: string, opts: CallOptions = {}) {
    try {
      await call("delete", opts.signal, {}, () => client.videos.delete(remoteId, { signal: opts.signal }));
    } catch (error) {
      if (error instanceof VideoProviderError && error.kind === "lost") return; // already gone
      throw error;
    }
  }

  return { name: "openai", restartSafe: false, start, poll, download, cancel };
}

/** For messages built outside this module (e.g. the worker's last-resort catch). */
export function redactOpenAISecrets(text: string): string {
  return redactSecrets(text, [getEnv().OPENAI_API_KEY]);
}

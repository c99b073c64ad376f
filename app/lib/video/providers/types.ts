// The one interface every video provider implements: the remote /v1/videos service and the offline
// animatic renderer alike. A provider only talks to its backend; the worker owns persistence and timing.

import type { BackoffPolicy } from "./backoff.ts";

export const PROVIDER_STATUSES = ["queued", "in_progress", "completed", "failed"] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

export type ReferenceImage = {
  bytes: Buffer;
  mime: "image/png" | "image/jpeg" | "image/webp";
};

export type VideoStartInput = {
  /** Marque's job id: a stable key for idempotency headers, or the local renderer's work id. */
  jobId: string;
  prompt: string;
  /** Model name from configuration (MARQUE_VIDEO_MODEL); the local provider may ignore it. */
  model: string;
  seconds: number;
  /** "WIDTHxHEIGHT", e.g. "720x1280". */
  size: string;
  /** First frame for the model to start from (the brand reference frame). */
  referenceImage?: ReferenceImage;
};

export type VideoPollResult = {
  status: ProviderStatus;
  /** 0..100. */
  progress: number;
  /** Plain-language reason, set when status is "failed". */
  error?: string;
};

export type VideoDownload = {
  /** MP4 bytes. */
  video: Buffer;
  /** A still (WebP, JPEG or PNG) when the backend offers one. */
  thumbnail?: Buffer;
};

export type CallOptions = { signal?: AbortSignal };

export interface VideoProvider {
  readonly name: string;
  /**
   * True when starting the same job twice costs nothing (a local render). The worker then restarts a job
   * whose start was interrupted or whose remote id became unknown; for a paid service it never does.
   */
  readonly restartSafe: boolean;
  /** How often the worker should poll this provider; a local render finishes in seconds, a remote clip in minutes. */
  readonly pollPolicy?: BackoffPolicy;
  /**
   * Starts generation and returns at once with an id to poll: the work itself may run asynchronously
   * (remotely, or in this process), reporting through `poll`.
   */
  start(input: VideoStartInput, options?: CallOptions): Promise<{ remoteId: string }>;
  /** One status check. Transient transport errors are retried inside; throws VideoProviderError when it gives up. */
  poll(remoteId: string, options?: CallOptions): Promise<VideoPollResult>;
  /** Fetches the finished files; only called after `poll` said "completed". */
  download(remoteId: string, options?: CallOptions): Promise<VideoDownload>;
  /** Stops (or deletes) the remote job; best effort, since some services cannot stop a running job. */
  cancel(remoteId: string, options?: CallOptions): Promise<void>;
}

/**
 * What went wrong, for the worker's decision:
 * - `refused`: the service said no to this request (content policy, bad parameter): fail the job.
 * - `config`: key, base URL or model wrong: fail the job; the message says which setting to fix.
 * - `quota`: out of credit or quota: fail the job.
 * - `unavailable`: transport or 5xx errors outlasted the retries: worth polling again later.
 * - `lost`: the service no longer knows the job id (expired, deleted).
 * - `uncertain`: a create may or may not have reached the service; never re-sent automatically.
 * - `bad_output`: the finished file is not what was promised.
 */
export type ProviderErrorKind = "refused" | "config" | "quota" | "unavailable" | "lost" | "uncertain" | "bad_output";

/** An error whose message is written for the café owner, never containing secrets. */
export class VideoProviderError extends Error {
  constructor(
    public readonly kind: ProviderErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "VideoProviderError";
  }
}

export function isVideoProviderError(error: unknown): error is VideoProviderError {
  return error instanceof VideoProviderError;
}

/** Clip lengths and sizes the /v1/videos contract documents. */
export const REMOTE_SECONDS = ["4", "8", "12"] as const;
export const SIZE_PATTERN = /^(\d{2,5})x(\d{2,5})$/;

// Plain-language messages for what a /v1/videos service reports, written for the café owner rather
// than the developer, with anything secret-looking scrubbed before it can reach the database or a page.
import { VideoProviderError, type ProviderErrorKind } from "./types.ts";

const MAX_QUOTED = 300;

/** Removes the given secrets and anything shaped like an API key or bearer token. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out
    .replace(/\b(sk|rk|pk|sess)-[A-Za-z0-9_\-*]{6,}/g, "[redacted]")
    .replace(/\bBearer\s+[A-Za-z0-9._\-~+/]+=*/gi, "Bearer [redacted]");
}

function quote(message: string | null | undefined, secrets: readonly (string | undefined)[]): string | null {
  const text = (message ?? "").replace(/\s+/g, " ").trim();
  if (!text) return null;
  const clean = redactSecrets(text, secrets);
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED - 1)}…` : clean;
}

const POLICY_CODES = new Set([
  "moderation_blocked",
  "content_policy_violation",
  "content_filter",
  "content_moderation",
  "input_moderation",
  "output_moderation",
  "safety_violation",
]);
const QUOTA_CODES = new Set(["insufficient_quota", "billing_hard_limit_reached", "billing_not_active", "payment_required"]);
const TIMEOUT_CODES = new Set(["timeout", "generation_timeout", "deadline_exceeded"]);
const SERVICE_CODES = new Set(["internal_error", "server_error", "video_generation_failed", "generation_failed", "processing_error"]);

export const POLICY_MESSAGE =
  "The video service refused this prompt (content policy). Try rewording the brief: describe people in general terms instead of naming real ones, leave out other brands, logos and famous characters, and keep the action everyday.";
export const QUOTA_MESSAGE =
  "Your video service account is out of credit or has reached its spending limit. Top it up in the provider's dashboard, then start the clip again.";

function looksLikePolicy(message: string) {
  return /moderation|content polic|safety system|flagged/i.test(message);
}

function looksLikeReferenceSize(message: string) {
  return /inpaint image must match|input_reference.*(size|dimension|width|height)|reference image.*(size|dimension|width|height)/i.test(message);
}

function referenceSizeMessage(size?: string) {
  return `The reference frame is not the same size as the video${size ? ` (${size})` : ""}. Marque renders its own reference frame at the video size; if you supplied your own first frame, crop it to exactly that size.`;
}

export type ErrorContext = { secrets?: readonly (string | undefined)[]; size?: string; model?: string };

/** The message for a job the service reports as `failed`, from its `error: {code, message}`. */
export function failedJobMessage(error: { code?: string | null; message?: string | null } | null | undefined, ctx: ErrorContext = {}): string {
  const code = (error?.code ?? "").toLowerCase();
  const said = quote(error?.message, ctx.secrets ?? []);
  const raw = error?.message ?? "";
  if (POLICY_CODES.has(code) || looksLikePolicy(raw)) return POLICY_MESSAGE;
  if (QUOTA_CODES.has(code)) return QUOTA_MESSAGE;
  if (looksLikeReferenceSize(raw)) return referenceSizeMessage(ctx.size);
  if (TIMEOUT_CODES.has(code)) {
    return "The video service gave up because the clip took too long to make. Try again, or try fewer or shorter shots.";
  }
  if (SERVICE_CODES.has(code)) {
    return `The video service failed while making this clip${said ? ` (it said: “${said}”)` : ""}. Nothing looks wrong with the brief; try again in a little while.`;
  }
  if (said) return `The video service could not make this clip: “${said}”${code ? ` (${code})` : ""}.`;
  return `The video service could not make this clip${code ? ` (${code})` : ""} and gave no reason.`;
}

export type HttpFailure = {
  status: number;
  code?: string | null;
  param?: string | null;
  message?: string | null;
  operation: "create" | "retrieve" | "download" | "delete";
  host: string;
};

/** A refused HTTP request (after retries, for retryable statuses) as a VideoProviderError. */
export function httpFailure(f: HttpFailure, ctx: ErrorContext = {}): VideoProviderError {
  const secrets = ctx.secrets ?? [];
  const said = quote(f.message, secrets);
  const code = (f.code ?? "").toLowerCase();
  const make = (kind: ProviderErrorKind, message: string) => new VideoProviderError(kind, message);
  const raw = f.message ?? "";

  if (QUOTA_CODES.has(code) || f.status === 402) return make("quota", QUOTA_MESSAGE);
  if (f.status === 401) {
    return make("config", `The video service at ${f.host} rejected the API key. Check OPENAI_API_KEY (and OPENAI_BASE_URL if you use a gateway).`);
  }
  if (f.status === 403) {
    return make("config", `The API key is not allowed to make videos at ${f.host}${said ? ` (it said: “${said}”)` : ""}. Check the key's project permissions.`);
  }
  if (f.status === 404) {
    if (f.operation === "create") {
      return make("config", `The service at ${f.host} has no /videos endpoint or does not know the model${ctx.model ? ` "${ctx.model}"` : ""}. Check OPENAI_BASE_URL and MARQUE_VIDEO_MODEL.`);
    }
    return make("lost", "The video service no longer has this clip (it may have expired or been deleted). Start it again.");
  }
  if (f.status === 429) {
    return make("unavailable", "The video service is busy (too many requests) and kept asking Marque to wait. Try again in a few minutes.");
  }
  if (f.status >= 500) {
    return make("unavailable", `The video service at ${f.host} is having trouble (HTTP ${f.status}) and did not recover after several tries. Try again later.`);
  }
  // 400, 409, 413, 422 and other refusals of this particular request.
  if (POLICY_CODES.has(code) || looksLikePolicy(raw)) return make("refused", POLICY_MESSAGE);
  if (looksLikeReferenceSize(raw)) return make("refused", referenceSizeMessage(ctx.size));
  if (f.param === "model" || /\bmodel\b/i.test(raw)) {
    return make("config", `The video service does not accept the model${ctx.model ? ` "${ctx.model}"` : ""}${said ? ` (it said: “${said}”)` : ""}. Set MARQUE_VIDEO_MODEL to a model your service offers.`);
  }
  return make("refused", `The video service rejected the request${said ? `: “${said}”` : ` (HTTP ${f.status})`}.`);
}

// In-process rate limits for the login and invitation endpoints: a fixed budget of attempts per key in a
// sliding window. Keys combine the endpoint with the account (email) and, behind a trusted proxy, the
// client address; a global key per endpoint caps a spray across many accounts.
import { getEnv } from "../../env.server.ts";

type Window = { hits: number[] };
const windows = new Map<string, Window>();

export type Limit = { limit: number; windowMs: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Records one attempt under each key; refused when any key is over its budget (the attempt is not counted then). */
export function hit(keys: readonly (readonly [string, Limit])[], now = Date.now()): LimitResult {
  let retry = 0;
  for (const [key, { limit, windowMs }] of keys) {
    const w = windows.get(key);
    const recent = w ? w.hits.filter((t) => t > now - windowMs) : [];
    if (w) w.hits = recent;
    if (recent.length >= limit) retry = Math.max(retry, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000));
  }
  if (retry > 0) return { ok: false, retryAfterSeconds: Math.max(1, retry) };
  for (const [key] of keys) {
    const w = windows.get(key) ?? { hits: [] };
    w.hits.push(now);
    windows.set(key, w);
  }
  if (windows.size > 50_000) prune(now);
  return { ok: true };
}

/** Forgets the attempts under a key (a successful login clears its account's failures). */
export function clear(key: string) {
  windows.delete(key);
}

function prune(now: number) {
  for (const [key, w] of windows) if (!w.hits.some((t) => t > now - 3_600_000)) windows.delete(key);
}

export function resetRateLimits() {
  windows.clear();
}

/** The client address when a trusted proxy reports it, else null (remix-serve does not expose the socket). */
export function clientAddress(request: Request): string | null {
  if (getEnv().TRUST_PROXY !== "1") return null;
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

export const LOGIN_PER_ACCOUNT: Limit = { limit: 5, windowMs: 15 * 60_000 };
export const LOGIN_PER_ADDRESS: Limit = { limit: 20, windowMs: 15 * 60_000 };
export const LOGIN_GLOBAL: Limit = { limit: 100, windowMs: 60_000 };
export const INVITE_PER_TOKEN: Limit = { limit: 10, windowMs: 15 * 60_000 };
export const INVITE_GLOBAL: Limit = { limit: 60, windowMs: 60_000 };
export const INVITE_CREATE_PER_WORKSPACE: Limit = { limit: 30, windowMs: 60 * 60_000 };

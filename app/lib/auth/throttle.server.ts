// Rate limits as a form answer: a 429 with Retry-After whose data carries the message the page shows.
import { data } from "@remix-run/node";
import { hit, type Limit } from "./rate-limit.server.ts";

export function throttle(keys: readonly (readonly [string, Limit])[], what: string) {
  const result = hit(keys);
  if (result.ok) return null;
  const minutes = Math.ceil(result.retryAfterSeconds / 60);
  const error = `Too many ${what}. Try again in ${minutes <= 1 ? "a minute" : `${minutes} minutes`}.`;
  return data({ error, fields: {} as Record<string, string> }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
}

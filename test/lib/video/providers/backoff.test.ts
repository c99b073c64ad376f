import { expect, test } from "vitest";
import { AbortedError, backoffDelay, retryAfterMs, sleep } from "~/lib/video/providers/backoff.ts";
import { redactSecrets } from "~/lib/video/providers/openai-errors.ts";

const policy = { initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0.5 };

test("backoff grows by the factor up to the cap", () => {
  expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, policy, () => 0))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
});

test("jitter takes at most its share off the delay", () => {
  expect(backoffDelay(2, policy, () => 1)).toBe(2000);
  expect(backoffDelay(2, policy, () => 0.5)).toBe(3000);
  expect(backoffDelay(2, { ...policy, jitter: 0 }, () => 1)).toBe(4000);
});

test("retry-after-ms wins over retry-after, which reads seconds or an HTTP date", () => {
  expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
  expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
  expect(retryAfterMs(new Headers({ "retry-after": "0.5" }))).toBe(500);
  const now = Date.parse("2026-11-25T10:00:00Z");
  expect(retryAfterMs(new Headers({ "retry-after": "Wed, 25 Nov 2026 10:00:07 GMT" }), now)).toBe(7000);
  expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeNull();
  expect(retryAfterMs(new Headers())).toBeNull();
});

test("sleep stops early when its signal fires", async () => {
  const controller = new AbortController();
  const pending = sleep(60_000, controller.signal);
  controller.abort();
  await expect(pending).rejects.toBeInstanceOf(AbortedError);
});

test("secrets, key-shaped strings and bearer tokens are redacted", () => {
  expect(redactSecrets("key abc123xyz and sk-live-ABCDEF123456 and Bearer tok.en-1", ["abc123xyz"])).toBe(
    "key [redacted] and [redacted] and Bearer [redacted]",
  );
});

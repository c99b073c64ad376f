// Byte ranges for media: what a <video> element asks for when it seeks, and the answers it needs.
import { expect, test } from "vitest";
import { parseRange, rangedFileResponse } from "~/lib/http/byte-range.ts";

test("single ranges, open ends and suffixes are read; anything else means the whole file", () => {
  expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
  expect(parseRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
  expect(parseRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
  expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
  expect(parseRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
  expect(parseRange(null, 1000)).toBeNull();
  expect(parseRange("bytes=0-1,5-9", 1000)).toBeNull();
  expect(parseRange("items=0-1", 1000)).toBeNull();
  expect(parseRange("bytes=9-2", 1000)).toBeNull();
  expect(parseRange("bytes=-", 1000)).toBeNull();
  expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
  expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
  expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
});

const bytes = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
const get = (headers: Record<string, string> = {}, method = "GET") => rangedFileResponse(new Request("http://x/f", { method, headers }), bytes, { mime: "video/mp4", fileName: "my film?.mp4", etag: "abc" });

test("a range gets 206 with Content-Range and exactly those bytes", async () => {
  const res = get({ Range: "bytes=10-19" });
  expect(res.status).toBe(206);
  expect(res.headers.get("Content-Range")).toBe("bytes 10-19/256");
  expect(res.headers.get("Content-Length")).toBe("10");
  expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
});

test("no range, a stale If-Range or HEAD: the whole file (no body for HEAD), with explicit headers", async () => {
  const whole = get();
  expect(whole.status).toBe(200);
  expect(Object.fromEntries(["Content-Type", "Content-Length", "Accept-Ranges", "ETag", "Content-Disposition"].map((h) => [h, whole.headers.get(h)]))).toEqual({
    "Content-Type": "video/mp4",
    "Content-Length": "256",
    "Accept-Ranges": "bytes",
    ETag: '"abc"',
    "Content-Disposition": 'inline; filename="my_film_.mp4"',
  });
  expect(get({ Range: "bytes=0-9", "If-Range": '"old"' }).status).toBe(200);
  expect(get({ Range: "bytes=0-9", "If-Range": '"abc"' }).status).toBe(206);
  const head = get({}, "HEAD");
  expect(head.headers.get("Content-Length")).toBe("256");
  expect(head.body).toBeNull();
});

test("a range past the end gets 416 naming the size; a matching ETag gets 304", () => {
  const res = get({ Range: "bytes=300-" });
  expect(res.status).toBe(416);
  expect(res.headers.get("Content-Range")).toBe("bytes */256");
  expect(get({ "If-None-Match": 'W/"abc"' }).status).toBe(304);
  expect(get({ "If-None-Match": '"other"' }).status).toBe(200);
});

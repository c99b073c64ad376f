// Row rendering pieces: bounded concurrency, safe file names, and the streamed ZIP (exact size, CRCs
// that unzip checks, no member held longer than needed).
import { unzipSync, zipSync } from "fflate";
import { expect, test } from "vitest";
import { mapLimit, rowFileName } from "~/lib/bulk/rows.server.ts";
import { crc32, zipStream } from "~/lib/bulk/zip-stream.server.ts";

test("mapLimit never runs more than the limit at once and keeps input order", async () => {
  let active = 0;
  let peak = 0;
  const out = await mapLimit([30, 10, 20, 5, 15, 1], 2, async (ms, i) => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, ms));
    active--;
    return i * 10;
  });
  expect(peak).toBe(2);
  expect(out).toEqual([0, 10, 20, 30, 40, 50]);
});

test("row file names are ASCII slugs with the row number; nothing from the data can make a path", () => {
  expect(rowFileName(3, "Oysters & Orange Wine", "a5", "pdf")).toBe("oysters-orange-wine-003-a5.pdf");
  expect(rowFileName(12, "../../etc/passwd", "ig-square", "png")).toBe("etc-passwd-012-ig-square.png");
  expect(rowFileName(7, "C:\\Windows\\system32", "story", "jpeg")).toBe("c-windows-system32-007-story.jpg");
  expect(rowFileName(1, "日本語", "a4", "webp", 1)).toBe("row-001-a4-p2.webp");
  expect(rowFileName(2, "x".repeat(300), "a4", "pdf").length).toBeLessThan(70);
});

test("crc32 matches the standard check value", () => {
  expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
});

test("the streamed ZIP has the announced size and unzips to the same files", async () => {
  const files = { "a.png": new Uint8Array(5000).map((_, i) => i % 251), "b/errors.csv": new TextEncoder().encode("row,problem\r\n1,x\r\n"), "empty.txt": new Uint8Array(0) };
  let reads = 0;
  const { stream, size } = zipStream(Object.entries(files).map(([name, bytes]) => ({ name, size: bytes.length, read: async () => (reads++, bytes) })));
  expect(reads).toBe(0); // nothing is read before the stream is pulled
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  expect(bytes.length).toBe(size);
  expect(unzipSync(bytes)).toEqual(files);
  // Same layout as a stored fflate archive would have.
  expect(size).toBe(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]]))).length);
});

test("a member whose size changed is an error, not a corrupt archive", async () => {
  const { stream } = zipStream([{ name: "x.bin", size: 10, read: async () => new Uint8Array(9) }]);
  await expect(new Response(stream).arrayBuffer()).rejects.toThrow(/x\.bin is 9 bytes, expected 10/);
});

import { expect, test } from "vitest";
import { diffKits, summariseChanges } from "~/lib/kit/diff.ts";

test("diff lists changed, added and removed leaves by dotted path", () => {
  const before = { palette: { primary: { color: "#000000", name: "ink" } }, voice: { adjectives: ["warm"] }, logos: { primary: { src: "sha256:" + "a".repeat(64) } } };
  const after = { palette: { primary: { color: "#111111", name: "ink" }, highlight: { color: "#ff0", name: "sun" } }, voice: { adjectives: ["warm", "bold"] }, logos: {} };
  const changes = diffKits(before, after);
  expect(changes).toEqual([
    { path: "logos.primary.src", kind: "removed", before: "file aaaaaaaaaaaa…" },
    { path: "palette.highlight.color", kind: "added", after: "#ff0" },
    { path: "palette.highlight.name", kind: "added", after: "sun" },
    { path: "palette.primary.color", kind: "changed", before: "#000000", after: "#111111" },
    { path: "voice.adjectives", kind: "changed", before: "warm", after: "warm, bold" },
  ]);
  expect(summariseChanges(changes)).toBe("removed logos.primary.src and 4 more");
  expect(summariseChanges([])).toBe("No changes");
});

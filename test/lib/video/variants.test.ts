import { expect, test } from "vitest";
import { compileBrief } from "~/lib/video/compile.ts";
import { AXIS_FIELDS, makeVariants } from "~/lib/video/variants.ts";
import { cafeKit, testimonialBrief } from "./fixtures.ts";

const opts = { model: "test-video-model" };

/** Dotted paths of every leaf that differs between two JSON values. */
function diffPaths(a: unknown, b: unknown, path: string[] = []): string[] {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]));
  }
  return a === b ? [] : [path.join(".")];
}

test("each variant changes exactly its labelled axis of the brief, and only the prompt lines that axis drives", () => {
  const kit = cafeKit();
  const base = testimonialBrief();
  const baseClips = compileBrief(base, kit, opts).clips;
  const variants = makeVariants(base, kit, 8, opts);
  expect(variants).toHaveLength(8);
  expect(variants.slice(0, 4).map((v) => v.axis)).toEqual(["lighting", "palette-emphasis", "framing", "line-reading"]);
  for (const v of variants) {
    const changed = diffPaths(base, v.brief);
    expect(changed.length, v.label).toBeGreaterThan(0);
    for (const path of changed) expect(path, `${v.label} changed ${path}`).toMatch(AXIS_FIELDS[v.axis]);
    expect(v.compiled.clips).toHaveLength(baseClips.length);
    v.compiled.clips.forEach((clip, c) => {
      const before = baseClips[c]!.prompt.split("\n");
      const after = clip.prompt.split("\n");
      expect(after).toHaveLength(before.length);
      const differing = clip.trace.filter((t, i) => t.text !== before[i]);
      expect(differing.length, v.label).toBeGreaterThan(0);
      for (const t of differing) {
        const fields = t.sources.map((s) => s.replace(/^brief\./, ""));
        expect(fields.some((f) => AXIS_FIELDS[v.axis].test(f)), `${v.label}: ${t.text}`).toBe(true);
      }
    });
  }
  const labels = variants.map((v) => v.label);
  expect(new Set(labels).size).toBe(labels.length);
});

test("variants are deterministic and skip axes that would not change the brief", () => {
  const kit = cafeKit();
  const silent = testimonialBrief({ dialogue: [] });
  const variants = makeVariants(silent, kit, 12, opts);
  expect(variants.some((v) => v.axis === "line-reading")).toBe(false);
  // 3 lightings + accent- and secondary-led (primary already leads) + tighter and wider.
  expect(variants.map((v) => v.label)).toEqual(["Golden hour", "Accent-led", "Tighter framing", "Overcast soft", "Secondary-led", "Wider framing", "Evening practicals"]);
  expect(JSON.stringify(makeVariants(silent, kit, 12, opts))).toBe(JSON.stringify(variants));
  const golden = variants[0]!.compiled.clips[0]!.prompt;
  expect(golden).toContain("Lighting: golden hour, low warm sun");
  expect(variants[1]!.compiled.clips[0]!.prompt).toContain("Palette anchors: buoy red leads");
  expect(() => makeVariants(silent, kit, 0, opts)).toThrow("n: ask for between 1 and 12 variants");
});

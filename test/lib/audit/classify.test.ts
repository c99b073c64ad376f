// Colour judgements of the brand audit: the CIEDE2000 classes, the neutral rule and the score sum.
import { expect, test } from "vitest";
import { DELTA_E, classifyDeltaE, isNeutral, judgeColours, nearestKitColour, onSegment } from "~/lib/audit/classify.ts";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { makeKit } from "../../factories/kit.ts";

const kit = makeKit("Audit Co", (k) => {
  k.palette.primary.color = "#2a6f97";
  k.palette.secondary.color = "#8ab17d";
  k.palette.accent.color = "#e63946";
  k.palette.background.color = "#f4f1ea";
  k.palette.surface.color = "#fbfaf7";
  k.palette.text.color = "#22252b";
  k.palette.muted.color = "#6b6f76";
});

test("classes follow the colour rules: ≤ 1 same, ≤ 2 on brand, ≤ 3.5 warn, beyond off brand", () => {
  expect(DELTA_E).toEqual({ same: 1, onBrand: 2, warn: 3.5 });
  expect(classifyDeltaE(0)).toBe("same");
  expect(classifyDeltaE(1)).toBe("same");
  expect(classifyDeltaE(1.0001)).toBe("on-brand");
  expect(classifyDeltaE(2)).toBe("on-brand");
  expect(classifyDeltaE(2.0001)).toBe("warn");
  expect(classifyDeltaE(3.5)).toBe("warn");
  expect(classifyDeltaE(3.5001)).toBe("off-brand");
});

test("the nearest kit colour is found by CIEDE2000 with the unrounded distance", () => {
  const { nearest, deltaE } = nearestKitColour("#296c97", kit);
  expect(nearest).toEqual({ role: "primary", name: kit.palette.primary.name, hex: "#2a6f97" });
  expect(deltaE).toBe(deltaE2000("#296c97", "#2a6f97"));
  expect(deltaE).toBeCloseTo(1.4971, 4);
});

test("neutrals are told apart by OKLCH chroma", () => {
  expect(isNeutral("#ffffff")).toBe(true);
  expect(isNeutral("#777777")).toBe(true);
  expect(isNeutral("#f4f1ea")).toBe(true);
  expect(isNeutral("#2a6f97")).toBe(false);
  expect(isNeutral("#e63946")).toBe(false);
});

test("a grey near a kit neutral's lightness counts as on brand and names the neutral that covers it", () => {
  // #707070 is ΔE00 > 2 from every kit colour but close in lightness to the muted grey.
  const j = judgeColours([{ hex: "#707070", share: 1 }], kit);
  const [c] = j.colours;
  expect(c?.deltaE).toBeGreaterThan(DELTA_E.onBrand);
  expect(c?.neutral).toBe(true);
  expect(c?.onBrand).toBe(true);
  expect(c?.coveredBy?.role).toBe("muted");
  expect(j.score).toBe(1);
});

test("paper white and ink black are covered by the kit's lightest and darkest neutrals", () => {
  // Lightest kit neutral at OKLCH L ≈ 0.87, darkest at ≈ 0.27: both more than 0.1 from white and black.
  const greyKit = makeKit("Stone", (k) => {
    k.palette.background.color = "#d8d5cc";
    k.palette.surface.color = "#cfcbc2";
    k.palette.text.color = "#22252b";
  });
  const j = judgeColours(
    [
      { hex: "#ffffff", share: 0.5 },
      { hex: "#000000", share: 0.5 },
    ],
    greyKit,
  );
  expect(j.colours.every((c) => c.deltaE > DELTA_E.onBrand)).toBe(true);
  expect(j.colours.map((c) => c.coveredBy?.role)).toEqual(["background", "text"]);
  expect(j.score).toBe(1);
});

test("a mid grey as the only neutral does not stand for white or black", () => {
  const midKit = makeKit("Mid", (k) => {
    k.palette.background.color = "#fdf0d5";
    k.palette.surface.color = "#ffe5b4";
    k.palette.text.color = "#003049";
    k.palette.muted.color = "#808080";
  });
  const j = judgeColours([{ hex: "#ffffff", share: 1 }], midKit);
  expect(j.colours[0]?.neutral).toBe(true);
  expect(j.colours[0]?.onBrand).toBe(false);
});

test("a kit without neutrals gives greys no allowance", () => {
  const loud = makeKit("Loud", (k) => {
    for (const [role, hex] of Object.entries({ primary: "#ff0055", secondary: "#00aa55", accent: "#ffcc00", background: "#ffe0f0", surface: "#e0f0ff", text: "#330066", muted: "#665588" })) {
      k.palette[role]!.color = hex;
    }
  });
  const j = judgeColours([{ hex: "#808080", share: 1 }], loud);
  expect(j.colours[0]?.onBrand).toBe(false);
  expect(j.score).toBe(0);
  expect(j.offBrand).toHaveLength(1);
});

test("a chromatic colour beyond ΔE00 2 is never rescued by the neutral rule", () => {
  const j = judgeColours([{ hex: "#367597", share: 1 }], kit);
  expect(j.colours[0]?.class).toBe("warn");
  expect(j.colours[0]?.onBrand).toBe(false);
  expect(j.colours[0]?.coveredBy).toBeUndefined();
});

test("the score is the share of on-brand rows; chromatic score and neutral share are reported apart", () => {
  const j = judgeColours(
    [
      { hex: "#2a6f97", share: 0.5 },
      { hex: "#ff00ff", share: 0.2 },
      { hex: "#f4f1ea", share: 0.3 },
    ],
    kit,
  );
  expect(j.score).toBeCloseTo(0.8, 10);
  expect(j.neutralShare).toBeCloseTo(0.3, 10);
  expect(j.chromaticScore).toBeCloseTo(0.5 / 0.7, 10);
  expect(j.offBrand.map((c) => c.hex)).toEqual(["#ff00ff"]);
  expect(j.offBrand[0]?.class).toBe("off-brand");
});

test("an all-neutral image has no chromatic score", () => {
  expect(judgeColours([{ hex: "#f4f1ea", share: 1 }], kit).chromaticScore).toBeNull();
});

test("a small colour between two kit colours the image uses is their anti-aliased edge, on brand", () => {
  // #8fb0c1: halfway between the primary #2a6f97 and the paper #f4f1ea in sRGB.
  expect(onSegment("#8fb0c1", "#2a6f97", "#f4f1ea")).toBe(true);
  const j = judgeColours(
    [
      { hex: "#2a6f97", share: 0.5 },
      { hex: "#f4f1ea", share: 0.485 },
      { hex: "#8fb0c1", share: 0.015 },
    ],
    kit,
  );
  const edge = j.colours[2]!;
  expect(edge.class).toBe("off-brand");
  expect(edge.blendOf?.map((c) => c.role).sort()).toEqual(["background", "primary"]);
  expect(edge.onBrand).toBe(true);
  expect(j.score).toBeCloseTo(1, 10);
});

test("an in-between colour is not an edge when it is large, off the line, or its ends are not in the image", () => {
  const big = judgeColours([{ hex: "#2a6f97", share: 0.45 }, { hex: "#f4f1ea", share: 0.45 }, { hex: "#8fb0c1", share: 0.1 }], kit);
  expect(big.colours[2]?.blendOf).toBeUndefined();
  const off = judgeColours([{ hex: "#2a6f97", share: 0.5 }, { hex: "#f4f1ea", share: 0.485 }, { hex: "#c080c1", share: 0.015 }], kit);
  expect(off.colours[2]?.onBrand).toBe(false);
  const alone = judgeColours([{ hex: "#2a6f97", share: 0.985 }, { hex: "#8fb0c1", share: 0.015 }], kit);
  expect(alone.colours[1]?.blendOf).toBeUndefined();
  expect(onSegment("#2a6f97", "#2a6f97", "#f4f1ea")).toBe(false);
});

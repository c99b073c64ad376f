import { expect, test } from "vitest";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { nameColour } from "~/lib/kit/colour-names.ts";
import { colourInWords, paletteAnchors, scrubHex } from "~/lib/video/compile-colour.ts";
import { cafeKit } from "./fixtures.ts";

test("a colour is written as its CSS keyword, its kit name when it matches a kit colour, or a description", () => {
  const kit = cafeKit();
  expect(colourInWords("Teal", kit)).toBe("teal");
  expect(colourInWords("#1f3a5f", kit)).toBe("harbour navy");
  expect(colourInWords("rgb(31 58 96)", kit)).toBe("harbour navy");
  expect(colourInWords("#00ff00", kit)).toBe(nameColour("#00ff00"));
  expect(colourInWords("#00ff00", kit)).not.toMatch(/#/);
});

test("hex codes in free text are replaced by words and reported", () => {
  const kit = cafeKit();
  expect(scrubHex("a #e4572e awning and table #12", kit)).toEqual({ text: "a buoy red awning and table #12", found: ["#e4572e"] });
  expect(scrubHex("no colours here", kit).found).toEqual([]);
  // A kit colour named with a hex code is never echoed back into the prompt.
  const oddKit = cafeKit({ palette: { ...kit.palette, accent: { color: "#e4572e", name: "#e4572e" } } });
  expect(scrubHex("a #e4572e awning", oddKit).text).toBe(`a ${nameColour("#e4572e")} awning`);
});

test("palette anchors lead with the chosen role and skip colours that look the same on screen", () => {
  const kit = cafeKit();
  expect(paletteAnchors(kit, "primary").map((a) => a.role)).toEqual(["primary", "secondary", "accent", "background", "surface"]);
  expect(paletteAnchors(kit, "accent").map((a) => a.role)).toEqual(["accent", "primary", "secondary", "background", "surface"]);
  const twin = cafeKit({ palette: { ...kit.palette, surface: { color: "#f6f1e7", name: "cream" }, secondary: { color: "#1f3a5f", name: "navy again" } } });
  expect(deltaE2000("#f6f1e7", "#f5f0e6")).toBeLessThan(2);
  expect(paletteAnchors(twin, "primary").map((a) => a.role)).toEqual(["primary", "accent", "background"]);
});

import { expect, test } from "vitest";
import { colourInWords, deltaE, describeColour, paletteAnchors, scrubHex } from "~/lib/video/compile-colour.ts";
import { cafeKit } from "./fixtures.ts";

test("colours without a kit name are described in plain words", () => {
  expect(describeColour("#e60000")).toBe("vivid red");
  expect(describeColour("#ff6600")).toBe("vivid orange");
  expect(describeColour("#0f766e")).toBe("teal");
  expect(describeColour("navy")).toBe("dark blue");
  expect(describeColour("#8b4513")).toBe("brown");
  expect(describeColour("#777777")).toBe("grey");
  expect(describeColour("#fafafa")).toBe("white");
  expect(describeColour("#f5f0e6")).toBe("off-white");
});

test("a colour is written as its CSS keyword, its kit name when it matches a kit colour, or a description", () => {
  const kit = cafeKit();
  expect(colourInWords("Teal", kit)).toBe("teal");
  expect(colourInWords("#1f3a5f", kit)).toBe("harbour navy");
  expect(colourInWords("rgb(31 58 96)", kit)).toBe("harbour navy");
  expect(colourInWords("#00ff00", kit)).toBe("pale vivid green");
});

test("hex codes in free text are replaced by words and reported", () => {
  const kit = cafeKit();
  expect(scrubHex("a #e4572e awning and table #12", kit)).toEqual({ text: "a buoy red awning and table #12", found: ["#e4572e"] });
  expect(scrubHex("no colours here", kit).found).toEqual([]);
  // A kit colour named with a hex code is never echoed back into the prompt.
  const oddKit = cafeKit({ palette: { ...kit.palette, accent: { color: "#e4572e", name: "#e4572e" } } });
  expect(scrubHex("a #e4572e awning", oddKit).text).toBe("a vivid orange awning");
});

test("palette anchors lead with the chosen role and skip colours that look the same on screen", () => {
  const kit = cafeKit();
  expect(paletteAnchors(kit, "primary").map((a) => a.role)).toEqual(["primary", "secondary", "accent", "background", "surface"]);
  expect(paletteAnchors(kit, "accent").map((a) => a.role)).toEqual(["accent", "primary", "secondary", "background", "surface"]);
  const twin = cafeKit({ palette: { ...kit.palette, surface: { color: "#f6f1e7", name: "cream" }, secondary: { color: "#1f3a5f", name: "navy again" } } });
  expect(deltaE("#f6f1e7", "#f5f0e6")).toBeLessThan(2);
  expect(paletteAnchors(twin, "primary").map((a) => a.role)).toEqual(["primary", "accent", "background"]);
});

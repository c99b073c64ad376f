import { expect, test } from "vitest";
import { parseKit, KitValidationError } from "~/lib/kit/schema.ts";

const entry = (color: string, name: string) => ({ color, name });
const palette = {
  primary: entry("navy", "harbour navy"),
  secondary: entry("oklch(0.7 0.1 200)", "sea glass"),
  accent: entry("#f00", "buoy red"),
  background: entry("white", "sail white"),
  surface: entry("#eee", "fog"),
  text: entry("#111", "ink"),
  muted: entry("#777", "pebble"),
};
const typography = { heading: { family: "Playfair Display" }, body: { family: "Inter" }, accent: { family: "Inter" } };

test("any CSS colour is accepted and stored as lowercase sRGB hex", () => {
  const kit = parseKit({ name: "Bistro", palette: { ...palette, "deep-sea": entry("rgb(0 10 20)", "deep sea") }, typography });
  expect(kit.palette.primary.color).toBe("#000080");
  expect(kit.palette.accent.color).toBe("#ff0000");
  expect(kit.palette["deep-sea"]?.color).toBe("#000a14");
  expect(kit.typography.scale).toEqual({ base: 16, ratio: 1.25 });
});

test("a bad colour and a bad custom role name are reported by field", () => {
  let error: unknown;
  try {
    parseKit({ name: "x", palette: { ...palette, primary: entry("notacolour", "n"), "Bad Role": entry("#000", "b") }, typography });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(KitValidationError);
  const issues = (error as KitValidationError).issues;
  expect(issues).toContainEqual({ path: "palette.primary.color", message: '"notacolour" is not a CSS colour' });
  expect(issues.some((i) => i.path === "palette.Bad Role")).toBe(true);
});

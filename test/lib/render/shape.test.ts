// Shortcuts in text preparation: left-to-right text skips the bidi pass, and prepared paragraphs
// are shared between callers. Both must give what the full path gives.
import bidiFactory from "bidi-js";
import { expect, test } from "vitest";
import { paragraphLevels, prepareParagraphs, type PrepContext } from "~/lib/render/shape.ts";
import { fonts } from "./helpers.ts";

const bidi = bidiFactory();

test("text with no right-to-left character gets the levels the bidi algorithm gives it", () => {
  const samples = [
    "Oysters & orange wine by the water #17",
    "£45 a head, wine included (2–3 pm) [sic] {ok} «quoted» 'single' “double”",
    "state-of-the-art 1,234.50 € 12:30 +44 20 7946 0321 hello@example.com",
    "東京 ラーメン 🍣🍜 café naïve Ångström ﬁ",
    "",
    "   ",
    "12345",
  ];
  for (const text of samples) {
    for (const direction of ["auto", "ltr"] as const) {
      const fast = paragraphLevels(text, direction);
      const full = bidi.getEmbeddingLevels(text, direction === "auto" ? undefined : direction);
      expect([...fast.levels], `${direction}: ${text}`).toEqual([...full.levels]);
      expect(fast.baseLevel, `${direction}: ${text}`).toBe(full.paragraphs[0]?.level ?? 0);
    }
  }
});

test("right-to-left text, explicit marks and a forced rtl paragraph still go through the bidi pass", () => {
  expect(paragraphLevels("مرحبا بكم", "auto").baseLevel).toBe(1);
  expect([...paragraphLevels("abc \u202Edef", "auto").levels].some((l) => l > 0)).toBe(true);
  expect([...paragraphLevels("abc \u200F", "auto").levels].some((l) => l > 0)).toBe(true);
  expect(paragraphLevels("plain text", "rtl").baseLevel).toBe(1);
  expect([...paragraphLevels("שלום 123", "auto").levels]).toEqual([...bidi.getEmbeddingLevels("שלום 123").levels]);
});

test("prepared paragraphs are shared, and every caller still hears of the characters no font has", () => {
  const ctx = (): PrepContext => ({ fonts, spec: { role: "body", weight: 400, style: "normal" }, missing: new Set() });
  // U+13000 (an Egyptian hieroglyph) is in none of the bundled fonts.
  const text = "Menu \u{13000} of the day";
  const first = ctx();
  const a = prepareParagraphs(first, text, "auto");
  const second = ctx();
  const b = prepareParagraphs(second, text, "auto");
  expect(b).toBe(a);
  expect([...first.missing]).toEqual(["\u{13000}"]);
  expect([...second.missing]).toEqual(["\u{13000}"]);
  // Another style or direction is prepared on its own.
  expect(prepareParagraphs({ ...ctx(), spec: { role: "heading", weight: 700, style: "normal" } }, text, "auto")).not.toBe(a);
  expect(prepareParagraphs(ctx(), text, "rtl")).not.toBe(a);
});

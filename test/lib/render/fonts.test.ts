import { expect, test } from "vitest";
import { FontError, FontRegistry, fontRegistryForKit, loadFace, nearestWeight } from "~/lib/render/fonts.server.ts";
import { bundledFont } from "./fixtures.ts";

const playfair = (w: string) => bundledFont("@expo-google-fonts/playfair-display", `${w}/PlayfairDisplay_${w}.ttf`);

test("weight matching follows the CSS font-matching order", () => {
  const all = [300, 400, 700, 900];
  expect(nearestWeight(all, 400)).toBe(400);
  expect(nearestWeight([300, 500, 700], 400)).toBe(500); // 400 looks up to 500 first
  expect(nearestWeight([300, 700], 450)).toBe(300); // then down
  expect(nearestWeight([300, 700], 600)).toBe(700); // above 500 looks heavier first
  expect(nearestWeight([300, 500], 800)).toBe(500);
  expect(nearestWeight([100, 500], 300)).toBe(100); // below 400 looks lighter first
});

test("the same font bytes are parsed once per process", () => {
  const bytes = playfair("700Bold");
  const a = loadFace(bytes, 700, "normal", "a");
  const b = loadFace(Buffer.from(bytes), 700, "normal", "b");
  expect(b).toBe(a);
  // The same file registered under another weight label shares the parsed fontkit font.
  const c = loadFace(bytes, 800, "normal", "c");
  expect(c).not.toBe(a);
  expect(c.font).toBe(a.font);
});

test("a role picks its nearest weight; a role without files is set in Inter", () => {
  const registry = new FontRegistry([
    { role: "heading", weight: 400, style: "normal", bytes: playfair("400Regular") },
    { role: "heading", weight: 700, style: "normal", bytes: playfair("700Bold") },
  ]);
  expect(registry.face({ role: "heading", weight: 800, style: "normal" }).postscriptName).toBe("PlayfairDisplay-Bold");
  expect(registry.face({ role: "heading", weight: 300, style: "normal" }).postscriptName).toBe("PlayfairDisplay-Regular");
  // No italic file: the upright face is used rather than another family.
  expect(registry.face({ role: "heading", weight: 400, style: "italic" }).postscriptName).toBe("PlayfairDisplay-Regular");
  expect(registry.face({ role: "body", weight: 600, style: "normal" }).postscriptName).toBe("Inter-SemiBold");
  expect(registry.face({ role: "accent", weight: 400, style: "italic" }).postscriptName).toBe("Inter-Italic");
});

test("the fallback chain puts the brand face first and Inter second", () => {
  const registry = new FontRegistry([{ role: "heading", weight: 700, style: "normal", bytes: playfair("700Bold") }]);
  const chain = registry.chain({ role: "heading", weight: 700, style: "normal" });
  expect(chain.map((f) => f.postscriptName)).toEqual(["PlayfairDisplay-Bold", "Inter-Bold"]);
  expect(registry.fallback("cjk", 700).postscriptName).toBe("NotoSansJP-Bold");
  expect(registry.fallback("emoji", 900).postscriptName).toBe("NotoEmoji-Bold");
});

test("unusable font files are refused with the field that named them", () => {
  const woff2 = Buffer.concat([Buffer.from("wOF2"), Buffer.alloc(60)]);
  expect(() => loadFace(woff2, 400, "normal", "typography.body.files.0.src")).toThrow(
    new FontError("typography.body.files.0.src", "WOFF2 fonts must be converted to TTF/OTF on upload"),
  );
  expect(() => loadFace(Buffer.from("definitely not a font"), 400, "normal", "typography.heading.files.1.src")).toThrow(
    /^typography\.heading\.files\.1\.src: not a readable TTF\/OTF\/WOFF font/,
  );
});

test("a kit's typography is loaded through the given resolver, with field names", async () => {
  const seen: string[] = [];
  const registry = await fontRegistryForKit(
    {
      heading: { files: [{ weight: 700, style: "normal", src: "npm:playfair-bold" }] },
      body: { files: [] },
      accent: { files: [] },
    },
    async (src, field) => {
      seen.push(`${field}=${src}`);
      return playfair("700Bold");
    },
  );
  expect(seen).toEqual(["typography.heading.files.0.src=npm:playfair-bold"]);
  expect(registry.face({ role: "heading", weight: 700, style: "normal" }).postscriptName).toBe("PlayfairDisplay-Bold");
  expect(registry.roles()).toEqual(["heading"]);
});

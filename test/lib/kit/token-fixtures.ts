// A full brand kit for the palette and token tests: custom roles, print notes, font files, logos,
// voice and style, so a round trip has something to lose.
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";

const sha = (c: string) => `sha256:${c.repeat(64)}`;

export function fullKit(): BrandKit {
  return parseKit({
    name: "Harbour & Vine",
    description: "A small harbour-side bistro: seasonal plates, natural wine.",
    palette: {
      primary: { color: "#1f3a5f", name: "harbour navy", print: { cmyk: [100, 72, 28, 22], pantone: "2767 C" } },
      secondary: { color: "#6b8f71", name: "sea glass" },
      accent: { color: "#c8553d", name: "buoy red", print: { pantone: "7599 C" } },
      background: { color: "#faf7f2", name: "sail white" },
      surface: { color: "#efe9df", name: "rope linen" },
      text: { color: "#1b1b1f", name: "ink" },
      muted: { color: "#6e6a64", name: "pebble grey" },
      "deep-sea": { color: "#0b2233", name: "deep sea", print: { cmyk: [90, 60, 40, 70] } },
      vine: { color: "#7a2e4d", name: "vine purple" },
    },
    typography: {
      heading: {
        family: "Playfair Display",
        files: [
          { weight: 700, src: "npm:@expo-google-fonts/playfair-display/700Bold/PlayfairDisplay_700Bold.ttf" },
          { weight: 400, style: "italic", src: sha("a") },
        ],
      },
      body: { family: "Inter", files: [{ weight: 400, src: "npm:@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf" }] },
      accent: { family: "Inter", files: [] },
      scale: { base: 17, ratio: 1.333 },
    },
    logos: {
      primary: { src: sha("b"), mime: "image/svg+xml" },
      mono: { src: "logo-mono.svg", mime: "image/svg+xml" },
      minWidthMm: 25,
      clearSpace: 0.5,
    },
    voice: {
      adjectives: ["warm", "salty", "unfussy"],
      tagline: "Caught this morning, poured tonight.",
      wordsToUse: ["harbour", "season"],
      wordsToAvoid: ["gourmet", "artisanal"],
    },
    style: {
      photography: ["natural light", "close-up hands"],
      lighting: "low golden hour through the window",
      mood: "relaxed, convivial",
      grade: "warm highlights, teal shadows",
      camera: ["handheld", "35mm"],
      flaws: "noticeable",
      sound: ["gulls", "clinking glasses"],
    },
  });
}

// Shared fixtures for the video tests: a small café kit built inline, so the tests don't depend on the
// example kits, and a brief exercising characters, props, dialogue and sound.
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";
import { parseBrief, type VideoBrief, type VideoBriefInput } from "~/lib/video/brief.ts";

export function cafeKit(overrides: Record<string, unknown> = {}): BrandKit {
  return parseKit({
    name: "Corner Café",
    palette: {
      primary: { color: "#1f3a5f", name: "harbour navy" },
      secondary: { color: "#7dd3c0", name: "sea glass" },
      accent: { color: "#e4572e", name: "buoy red" },
      background: { color: "#f5f0e6", name: "oat cream" },
      surface: { color: "#e8dcc8", name: "biscuit" },
      text: { color: "#1b1b1b", name: "espresso black" },
      muted: { color: "#8a8178", name: "pebble grey" },
    },
    typography: { heading: { family: "Playfair Display" }, body: { family: "Inter" }, accent: { family: "Inter" } },
    voice: { adjectives: ["warm", "neighbourly", "plain-spoken"], tagline: "Your corner, your cup.", wordsToUse: ["fresh"], wordsToAvoid: ["cheap", "world-class"] },
    style: {
      photography: ["natural light", "candid moments", "shallow depth of field"],
      lighting: "soft morning window light from camera left, warm practical lamps",
      mood: "cosy, unhurried, welcoming",
      grade: "warm film grade with gentle contrast",
      camera: ["eye level", "slow deliberate moves"],
      flaws: "subtle",
      sound: ["soft acoustic guitar far in the background"],
    },
    ...overrides,
  });
}

export const maya = {
  id: "maya",
  name: "Maya",
  appearance: "a woman in her late twenties with curly black shoulder-length hair and warm brown skin",
  wardrobe: "a mustard knit cardigan over a white T-shirt",
  marks: "a small silver hoop in her left nostril",
};

export function testimonialBrief(extra: Partial<VideoBriefInput> = {}): VideoBrief {
  return parseBrief({
    useCase: "ugc-testimonial",
    title: "Maya on the oat flat white",
    summary: "A regular tells her phone camera why the oat flat white is her morning ritual.",
    aspect: "9:16",
    polish: "raw-ugc",
    shots: [
      { framing: "medium", camera: "handheld selfie, slight sway", action: "Maya talks to her phone camera at a window table", setting: "a small corner café with a marble counter", seconds: 4 },
      { framing: "insert", camera: "slow push-in", action: "the barista sets the oat flat white down on the marble", setting: "a small corner café with a marble counter", seconds: 4 },
      { framing: "close-up", camera: "handheld", action: "Maya takes a sip and smiles", setting: "a small corner café with a marble counter", seconds: 4 },
    ],
    characters: [{ ...maya, shots: [0, 2] }],
    props: [{ id: "flat-white", name: "The oat flat white", description: "a glossy cream ceramic cup with a fern of latte art", shots: [1, 2] }],
    dialogue: [
      { speaker: "maya", text: "Okay, I have to show you my morning thing.", shot: 0 },
      { speaker: "maya", text: "Honestly? Best one on the street.", shot: 2, delivery: "quiet, amused" },
    ],
    sound: { effects: [{ shot: 1, effect: "ceramic cup clinks on marble" }], ambience: ["low café murmur", "milk steamer hiss"] },
    ...extra,
  });
}

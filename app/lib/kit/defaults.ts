// A new kit's starting point: a calm, accessible neutral palette the owner then makes their own.
import type { BrandKitInput } from "./schema.ts";

const INTER = (weight: number, file: string) => ({ weight, style: "normal" as const, src: `npm:@expo-google-fonts/inter/${file}` });

export function blankKit(name: string): BrandKitInput {
  return {
    name,
    description: "",
    palette: {
      primary: { color: "#2f4b7c", name: "deep slate blue" },
      secondary: { color: "#5f8d7e", name: "soft sage" },
      accent: { color: "#e07a5f", name: "terracotta" },
      background: { color: "#fbfaf7", name: "warm paper" },
      surface: { color: "#f0ede6", name: "linen" },
      text: { color: "#1d1f24", name: "ink" },
      muted: { color: "#5c6068", name: "pebble grey" },
    },
    typography: {
      heading: { family: "Inter", files: [INTER(700, "700Bold/Inter_700Bold.ttf")] },
      body: { family: "Inter", files: [INTER(400, "400Regular/Inter_400Regular.ttf"), INTER(700, "700Bold/Inter_700Bold.ttf")] },
      accent: { family: "Inter", files: [INTER(600, "600SemiBold/Inter_600SemiBold.ttf")] },
      scale: { base: 16, ratio: 1.25 },
    },
  };
}

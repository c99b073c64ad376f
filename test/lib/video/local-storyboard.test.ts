// Storyboard frames and brand cards as Scenes (pure): what each frame says, colours only from the kit, and
// text that stays legible on every example kit; the built-in end card drawn by the render engine.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { contrastRatio } from "~/lib/kit/palette.ts";
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";
import { renderScene } from "~/lib/render/render.server.ts";
import { prepareKit } from "~/lib/templates/context.server.ts";
import { endCardScene, logoBugScene, openingScene, storyboardScene } from "~/lib/video/storyboard.ts";
import { deltaE, exampleBrief, meanColour, rawPixels } from "../../support/video-frames.ts";

const KITS = ["harbour-and-vine", "pulse-cycle-studio", "wild-stem-florals"];
const loadKit = (slug: string): BrandKit => parseKit(JSON.parse(readFileSync(path.resolve("brand-kits", slug, "kit.json"), "utf8")));

type Node = ReturnType<typeof storyboardScene>["nodes"][number];
const texts = (nodes: Node[]) => nodes.filter((n): n is Extract<Node, { type: "text" }> => n.type === "text");

test("a storyboard frame shows the shot number, framing, camera, action, setting and the shot's dialogue", () => {
  const kit = loadKit("wild-stem-florals");
  const brief = exampleBrief("ugc-testimonial");
  const scene = storyboardScene(kit, brief, { shot: 2, width: 720, height: 1280 });
  const words = texts(scene.nodes).map((t) => t.text);
  expect(words).toContain("03");
  expect(words).toContain("Shot 3 of 3");
  expect(words).toContain("close up");
  expect(words).toContain(brief.shots[2]!.camera);
  expect(words).toContain(brief.shots[2]!.action);
  const line = brief.dialogue.find((d) => d.shot === 2)!;
  expect(words).toContain(`“${line.text}”`);
  expect(words).toContain(brief.characters.find((c) => c.id === line.speaker)!.name);
  // The action is in the body font (the kit's), the number in the heading font.
  expect(texts(scene.nodes).find((t) => t.text === brief.shots[2]!.action)?.font.role).toBe("body");
  expect(texts(scene.nodes).find((t) => t.text === "03")?.font.role).toBe("heading");
  expect(() => storyboardScene(kit, brief, { shot: 3, width: 720, height: 1280 })).toThrow(/shots 0–2, not 3/);
});

test("every colour in every frame and card is a kit colour, and small text reaches 4.5:1 on what it sits on", () => {
  for (const slug of KITS) {
    const kit = loadKit(slug);
    const palette = new Set(Object.values(kit.palette).map((e) => e.color));
    for (const [name, size] of [["product-visualisation", { width: 720, height: 1280 }], ["training-safety", { width: 1280, height: 720 }]] as const) {
      const brief = exampleBrief(name);
      const scenes = [
        ...brief.shots.map((_, shot) => storyboardScene(kit, brief, { shot, ...size })),
        endCardScene(kit, { ...size, tagline: kit.voice.tagline, cta: "Visit us" }),
        openingScene(kit, size),
      ];
      for (const scene of scenes) {
        expect(palette.has(scene.background!)).toBe(true);
        const rects = scene.nodes.filter((n) => n.type === "rect");
        for (const r of rects) expect(palette.has(r.fill!)).toBe(true);
        for (const t of texts(scene.nodes)) {
          // What the text sits on: the last rect drawn before it that contains its box, else the page.
          const under = [...rects].reverse().find((r) => r.x <= t.x && r.y <= t.y && r.x + r.w >= t.x + t.w - 0.01 && r.y + r.h >= t.y + t.h - 0.01);
          const ratio = contrastRatio(t.colour, under?.fill ?? scene.background!);
          const min = t.font.role === "heading" && t.size >= 40 ? 3 : 4.5;
          expect({ slug, text: t.text.slice(0, 30), ok: ratio >= min }).toEqual({ slug, text: t.text.slice(0, 30), ok: true });
        }
      }
    }
  }
});

test("the built-in end card draws primary, the logo and a call-to-action button in the background colour", async () => {
  const dir = path.resolve("brand-kits/harbour-and-vine");
  const kit = loadKit("harbour-and-vine");
  const prepared = await prepareKit(kit, { baseDir: dir });
  const scene = endCardScene(kit, { width: 720, height: 1280, tagline: kit.voice.tagline, cta: "Book a table", logo: prepared.logos.reverse });
  const png = await renderScene(scene, { format: "png", fonts: prepared.fonts });
  expect([png.width, png.height, png.overflow]).toEqual([720, 1280, []]);
  const px = await rawPixels(png.bytes);
  expect(deltaE(meanColour(px, 4, 4, 40, 40), kit.palette.primary.color)).toBeLessThanOrEqual(1);
  const button = scene.nodes.find((n) => n.type === "rect")!;
  expect(button.type === "rect" && deltaE(meanColour(px, Math.round(button.x + 6), Math.round(button.y + button.h / 2 - 3), 12, 6), kit.palette.background.color)).toBeLessThanOrEqual(1);
  expect(logoBugScene(prepared.logos.mark!, { width: 720, height: 1280 }).background).toBeUndefined();
});

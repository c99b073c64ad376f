import { expect, test } from "vitest";
import { nameColour } from "~/lib/kit/colour-names.ts";
import { BriefValidationError, parseBrief } from "~/lib/video/brief.ts";
import { BriefCompileError, compileBrief, splitShots, type CompiledClip } from "~/lib/video/compile.ts";
import { characterDescription } from "~/lib/video/compile-lines.ts";
import { cafeKit, maya, testimonialBrief } from "./fixtures.ts";

const HEX = /#[0-9a-f]{3,6}/i;
const opts = { model: "test-video-model" };

/** Prompt lines grouped by shot: the header line and the indented lines under it. */
function shotBlocks(prompt: string): string[][] {
  const blocks: string[][] = [];
  for (const line of prompt.split("\n")) {
    if (/^Shot \d+ \(/.test(line)) blocks.push([line]);
    else if (line.startsWith("  ") && blocks.length) blocks[blocks.length - 1]!.push(line);
    else if (blocks.length && !line.startsWith("  ")) break;
  }
  return blocks;
}

const setting = "a bright florist's workshop with zinc buckets of stems";
const florist = { ...maya, id: "ines", name: "Inês", marks: "a thin gold chain with a tiny leaf pendant" };
function longBrief() {
  return parseBrief({
    useCase: "multi-shot-story",
    title: "A wedding order comes together",
    aspect: "16:9",
    polish: "polished",
    shots: [
      { framing: "wide", camera: "slow dolly in", action: "Inês walks into the workshop at dawn", setting, seconds: 5 },
      { framing: "medium", camera: "static", action: "she picks stems from the buckets", setting, seconds: 5 },
      { framing: "insert", camera: "macro slide", action: "scissors trim a stem at an angle", setting, seconds: 5 },
      { framing: "close-up", camera: "slow push-in", action: "Inês ties the bouquet with ribbon", setting, seconds: 4 },
      { framing: "wide", camera: "crane up", action: "the finished bouquet on the counter by the #ff6600 door", setting: "the shop front at sunrise", seconds: 3 },
    ],
    characters: [{ ...florist, shots: [0, 1, 3] }],
    props: [{ id: "bouquet", name: "The bouquet", description: "peonies and eucalyptus wrapped in brown kraft paper", shots: [3, 4] }],
    dialogue: [{ speaker: "voiceover", text: "Every bouquet, tied by hand.", shot: 4 }],
    colours: [{ subject: "the ribbon", colour: "#e4572e" }],
  });
}

test("every clip carries 3–5 palette anchors by name and no prompt contains a hex code", () => {
  const kit = cafeKit();
  const { clips, warnings } = compileBrief(longBrief(), kit, opts);
  expect(clips.length).toBeGreaterThan(1);
  for (const clip of clips) {
    const anchors = clip.prompt.split("\n").find((l) => l.startsWith("Palette anchors:"));
    expect(anchors).toBeDefined();
    const named = Object.values(kit.palette).filter((e) => anchors!.includes(e.name));
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.length).toBeLessThanOrEqual(5);
    expect(anchors).toContain("harbour navy leads");
    expect(clip.prompt).not.toMatch(HEX);
    for (const t of clip.trace) expect(t.text).not.toMatch(HEX);
  }
  // The hex in the action became words and the author is told where it was.
  expect(clips.at(-1)!.prompt).toContain(`by the ${nameColour("#ff6600")} door`);
  expect(warnings).toContainEqual(expect.objectContaining({ code: "hex-in-text", field: "shots.4.action" }));
  // A brief colour that is a kit colour on screen is written with the kit's name.
  expect(clips[0]!.prompt).toContain("Colour note: the ribbon in buoy red.");
});

test("a character's description is repeated verbatim in every shot that shows them, and only there", () => {
  const brief = longBrief();
  const { clips } = compileBrief(brief, cafeKit(), opts);
  const description = `Inês: ${characterDescription(florist)}.`;
  expect(description).toContain(florist.marks);
  let checked = 0;
  for (const clip of clips) {
    const blocks = shotBlocks(clip.prompt);
    expect(blocks.length).toBe(clip.shots.length);
    clip.shots.forEach((shotIndex, k) => {
      const lines = blocks[k]!.map((l) => l.trim());
      expect(lines.includes(description)).toBe(brief.characters[0]!.shots.includes(shotIndex));
      const bouquet = lines.includes("The bouquet: peonies and eucalyptus wrapped in brown kraft paper.");
      expect(bouquet).toBe(brief.props[0]!.shots.includes(shotIndex));
      checked++;
    });
  }
  expect(checked).toBe(brief.shots.length);
});

test("long briefs split into clips of 4, 8 or 12 s at shot boundaries, keeping shot order", () => {
  const brief = longBrief();
  const { clips } = compileBrief(brief, cafeKit(), opts);
  expect(clips.map((c) => c.shots)).toEqual([[0, 1], [2, 3, 4]]);
  for (const clip of clips) {
    expect([4, 8, 12]).toContain(clip.params.seconds);
    const total = clip.shots.reduce((s, i) => s + brief.shots[i]!.seconds, 0);
    expect(total).toBeLessThanOrEqual(clip.params.seconds);
    // Shot numbering and timecodes restart in each clip, and the last shot runs to the clip's end.
    const headers = shotBlocks(clip.prompt).map((b) => b[0]!);
    expect(headers[0]).toMatch(/^Shot 1 \(0–/);
    expect(headers.at(-1)).toContain(`–${clip.params.seconds} s)`);
  }
  expect(clips[1]!.prompt).toContain("Clip 2 of 2 of one continuous piece");
  expect(splitShots([4, 4, 4, 4])).toEqual([[0, 1, 2], [3]]);
  expect(splitShots([5, 5, 5])).toEqual([[0, 1], [2]]);
  expect(splitShots([3, 3, 3, 3, 3])).toEqual([[0, 1, 2, 3], [4]]);
  expect(splitShots([12, 2.5, 12])).toEqual([[0], [1], [2]]);
});

test("a shot longer than 12 s is an error naming the shot", () => {
  const input = { useCase: "physics-previz", title: "Too long", shots: [{ framing: "wide", action: "a", setting: "b", seconds: 4 }, { framing: "wide", action: "a", setting: "b", seconds: 14 }] };
  expect(() => parseBrief(input)).toThrow(BriefValidationError);
  expect(() => parseBrief(input)).toThrow("shots.1.seconds: 14 s is longer than a clip can be (12 s)");
  expect(() => splitShots([4, 14])).toThrow(BriefCompileError);
  expect(() => splitShots([4, 14])).toThrow("shots.1.seconds: shot 2 lasts 14 s");
});

test("a line too long to speak in its shot is flagged, naming the line", () => {
  const brief = testimonialBrief({
    dialogue: [
      { speaker: "maya", text: "Okay so every single morning before work I come in here and they already know my order by heart.", shot: 0 },
      { speaker: "maya", text: "So good.", shot: 2 },
    ],
  });
  const { warnings } = compileBrief(brief, cafeKit(), opts);
  const pacing = warnings.filter((w) => w.code === "dialogue-too-long");
  expect(pacing).toHaveLength(1);
  expect(pacing[0]!.field).toBe("dialogue.0");
  expect(pacing[0]!.message).toContain("19 words");
  expect(pacing[0]!.message).toContain("7.6 s");
  expect(pacing[0]!.message).toContain("shot 1 lasts 4 s");
});

test("a brief colour far from every kit colour is flagged with its distance; a near one is not", () => {
  const brief = testimonialBrief({ colours: [{ subject: "Maya's scarf", colour: "magenta" }, { subject: "the saucer", colour: "#f4efe5" }] });
  const { clips, warnings } = compileBrief(brief, cafeKit(), opts);
  const far = warnings.filter((w) => w.code === "colour-off-palette");
  expect(far).toHaveLength(1);
  expect(far[0]!.field).toBe("colours.0.colour");
  expect(far[0]!.message).toMatch(/"magenta" for Maya's scarf is \d+\.\d \(CIEDE2000\)/);
  expect(clips[0]!.prompt).toContain("Colour note: Maya's scarf in magenta.");
  expect(clips[0]!.prompt).toContain("Colour note: the saucer in oat cream.");
});

test("a prompt over the length limit is flagged with the overshoot", () => {
  const { clips, warnings } = compileBrief(testimonialBrief(), cafeKit(), { ...opts, maxPromptChars: 1000 });
  const length = clips[0]!.prompt.length;
  expect(length).toBeGreaterThan(1000);
  const w = warnings.find((x) => x.code === "prompt-too-long");
  expect(w?.message).toContain(`${length} characters, ${length - 1000} over the 1000 limit`);
  expect(compileBrief(testimonialBrief(), cafeKit(), opts).warnings.some((x) => x.code === "prompt-too-long")).toBe(false);
});

test("every prompt line has a trace entry with a source, in order", () => {
  for (const brief of [testimonialBrief(), longBrief()]) {
    for (const clip of compileBrief(brief, cafeKit(), opts).clips) {
      const lines = clip.prompt.split("\n");
      expect(clip.trace.map((t) => t.line)).toEqual(lines.map((_, i) => i + 1));
      clip.trace.forEach((t, i) => {
        expect(t.text).toBe(lines[i]);
        expect(t.source).toMatch(/^(kit|brief|marque)\.[\w.-]+$/);
        expect(t.sources[0]).toBe(t.source);
      });
    }
  }
  const trace = compileBrief(testimonialBrief(), cafeKit(), opts).clips[0]!.trace;
  const bySource = (s: string) => trace.find((t) => t.sources.includes(s))?.text;
  expect(bySource("kit.palette.primary.name")).toMatch(/^Palette anchors: harbour navy/);
  expect(bySource("kit.style.lighting")).toBe("Lighting: soft morning window light from camera left, warm practical lamps.");
  expect(bySource("brief.shots.1.action")).toMatch(/^Shot 2 \(4–8 s\) — insert, slow push-in: The barista/);
  expect(bySource("kit.voice.adjectives")).toContain("warm, neighbourly, plain-spoken");
  expect(bySource("kit.voice.wordsToAvoid")).toContain("cheap, world-class");
});

test("compiling the same brief twice gives identical output", () => {
  const a = compileBrief(longBrief(), cafeKit(), opts);
  const b = compileBrief(longBrief(), cafeKit(), opts);
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
});

test("params carry the configured model and the size implied by the aspect, unless overridden", () => {
  const [vertical] = compileBrief(testimonialBrief(), cafeKit(), { model: "gateway/sora-compatible" }).clips;
  expect(vertical!.params).toEqual({ model: "gateway/sora-compatible", seconds: 12, size: "720x1280" });
  expect(compileBrief(longBrief(), cafeKit(), opts).clips[0]!.params.size).toBe("1280x720");
  const big = compileBrief(testimonialBrief(), cafeKit(), { ...opts, size: "1024x1792" });
  expect(big.clips[0]!.params.size).toBe("1024x1792");
  expect(big.warnings.some((w) => w.code === "size-aspect-mismatch")).toBe(false);
  const wrong = compileBrief(testimonialBrief(), cafeKit(), { ...opts, size: "1792x1024" });
  expect(wrong.warnings).toContainEqual(expect.objectContaining({ code: "size-aspect-mismatch", field: "aspect" }));
  expect(() => compileBrief(testimonialBrief(), cafeKit(), { model: " " })).toThrow("model: no video model configured");
  expect(() => compileBrief(testimonialBrief(), cafeKit(), { ...opts, size: "big" })).toThrow('size: "big" is not a size');
});

test("the brief's polish caps or raises the kit's flaws level", () => {
  const rawKit = cafeKit({ style: { flaws: "raw" } });
  const polished = compileBrief(testimonialBrief({ polish: "polished" }), rawKit, opts).clips[0]!.prompt;
  expect(polished).toContain("Authentic flaws, subtle:");
  const cleanKit = cafeKit({ style: { flaws: "none" } });
  const ugc = compileBrief(testimonialBrief(), cleanKit, opts).clips[0]!.prompt;
  expect(ugc).toContain("Authentic flaws, noticeable:");
  expect(compileBrief(testimonialBrief({ polish: "polished" }), cleanKit, opts).clips[0]!.prompt).toContain("Finish: clean, stable image");
});

test("a palette lead puts that kit colour first; an unknown lead falls back to primary with a warning", () => {
  const accent = compileBrief(testimonialBrief({ paletteLead: "accent" }), cafeKit(), opts);
  expect(accent.clips[0]!.prompt).toContain("Palette anchors: buoy red leads; harbour navy, sea glass, oat cream and biscuit support.");
  const missing = compileBrief(testimonialBrief({ paletteLead: "highlight" }), cafeKit(), opts);
  expect(missing.clips[0]!.prompt).toContain("Palette anchors: harbour navy leads");
  expect(missing.warnings).toContainEqual(expect.objectContaining({ code: "palette-lead-missing", field: "paletteLead" }));
});

test("dialogue uses labelled speakers, marks off-screen speakers, and flags words the brand avoids", () => {
  const brief = testimonialBrief({
    dialogue: [
      { speaker: "maya", text: "Not cheap coffee, just good coffee.", shot: 1 },
      { speaker: "voiceover", text: "Corner Café. Open from seven.", shot: 2 },
    ],
  });
  const { clips, warnings } = compileBrief(brief, cafeKit(), opts);
  expect(clips[0]!.prompt).toContain('- Maya (Shot 2, off screen): "Not cheap coffee, just good coffee."');
  expect(clips[0]!.prompt).toContain('- Voiceover (Shot 3): "Corner Café. Open from seven."');
  expect(warnings).toContainEqual(expect.objectContaining({ code: "avoided-word", field: "dialogue.0" }));
  expect(warnings.filter((w) => w.code === "avoided-word")).toHaveLength(1);
});

test("shots that don't fill a clip length are padded on the last shot, with a warning", () => {
  const brief = testimonialBrief();
  const short = parseBrief({ ...brief, shots: brief.shots.map((s) => ({ ...s, seconds: 3 })) });
  const { clips, warnings } = compileBrief(short, cafeKit(), opts);
  expect(clips[0]!.params.seconds).toBe(12);
  expect(clips[0]!.prompt).toContain("Shot 3 (6–12 s)");
  expect(warnings).toContainEqual(expect.objectContaining({ code: "clip-padded", field: "shots.2.seconds" }));
});

test("phone-footage briefs drop the kit's camera habits, and kits that name their lenses get no generated lens line", () => {
  const ugc = compileBrief(testimonialBrief(), cafeKit(), opts).clips[0]!.prompt;
  expect(ugc).not.toContain("Camera habits:");
  expect(ugc).toContain("Lens: phone main camera");
  const polished = compileBrief(testimonialBrief({ polish: "polished" }), cafeKit(), opts).clips[0]!.prompt;
  expect(polished).toContain("Camera habits: eye level; slow deliberate moves.");
  expect(polished).toContain("Lens: 35 mm for medium shots, 100 mm macro for inserts and 85 mm with shallow depth of field for close-ups.");
  const primes = cafeKit({ style: { camera: ["35mm and 50mm primes around f/2", "slow push-ins"] } });
  const withPrimes = compileBrief(testimonialBrief({ polish: "polished" }), primes, opts).clips[0]!.prompt;
  expect(withPrimes).toContain("Camera habits: 35mm and 50mm primes around f/2; slow push-ins.");
  expect(withPrimes).not.toContain("Lens:");
});

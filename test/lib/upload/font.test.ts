import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";
import { afterAll, expect, test } from "vitest";
import { UploadError } from "../../../app/lib/upload/errors.ts";
import { parseFontUpload, weightOf } from "../../../app/lib/upload/font.server.ts";
import { toCollection, toWoff, withFsType, withTableFilled, withTableRenamed } from "./font-builders.ts";

const wawoff2 = createRequire(import.meta.url)("wawoff2") as { compress(b: Uint8Array): Promise<Uint8Array> };
const fontFile = (p: string) => readFileSync(path.resolve("node_modules/@expo-google-fonts", p));
const interBold = fontFile("inter/700Bold/Inter_700Bold.ttf");
const interThin = fontFile("inter/100Thin/Inter_100Thin.ttf");
const playfairBoldItalic = fontFile("playfair-display/700Bold_Italic/PlayfairDisplay_700Bold_Italic.ttf");
const tmp = mkdtempSync(path.join(os.tmpdir(), "marque-font-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function refusal(run: () => Promise<unknown>): Promise<UploadError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UploadError) return error;
    throw error;
  }
  throw new Error("expected an UploadError");
}

/** Embeds the parsed font with pdfkit and asks poppler what the PDF holds: an independent check. */
async function embedAndInspect(bytes: Uint8Array, text: string): Promise<{ fonts: string; text: string }> {
  const doc = new PDFDocument({ size: [400, 100], margin: 0, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("brand", Buffer.from(bytes));
  doc.font("brand").fontSize(18).text(text, 20, 30);
  doc.end();
  await done;
  const file = path.join(tmp, `f${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, Buffer.concat(chunks));
  return {
    fonts: execFileSync("pdffonts", [file], { encoding: "utf8" }),
    text: execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).trim(),
  };
}

test("a TTF reports family, subfamily, weight, style, glyph count and PostScript name", async () => {
  const font = await parseFontUpload(interBold, "Inter-Bold.ttf");
  expect(font).toMatchObject({ family: "Inter", subfamily: "Bold", weight: 700, style: "normal", format: "ttf", postscriptName: "Inter-Bold" });
  expect(font.glyphCount).toBeGreaterThan(2000);
  expect(Buffer.from(font.bytes).equals(interBold)).toBe(true);
  expect((await parseFontUpload(interThin, "Inter-Thin.ttf")).weight).toBe(100);
});

test("italic comes from the font's flags and italic angle", async () => {
  const font = await parseFontUpload(playfairBoldItalic, "pf.ttf");
  expect(font).toMatchObject({ family: "Playfair Display", subfamily: "Bold Italic", weight: 700, style: "italic" });
});

test("a WOFF2 upload is converted to a TTF that reads back the same and pdfkit embeds", async () => {
  const woff2 = await wawoff2.compress(playfairBoldItalic);
  expect(Buffer.from(woff2.subarray(0, 4)).toString("latin1")).toBe("wOF2");
  const font = await parseFontUpload(woff2, "PlayfairDisplay-BoldItalic.woff2");
  expect(font).toMatchObject({ family: "Playfair Display", weight: 700, style: "italic", format: "ttf", postscriptName: "PlayfairDisplay-BoldItalic" });
  expect([...font.bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
  expect(font.bytes.length).toBeGreaterThan(woff2.length);
  const pdf = await embedAndInspect(font.bytes, "Harbour Bakery");
  expect(pdf.fonts).toMatch(/PlayfairDisplay-BoldItalic\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
  expect(pdf.text).toBe("Harbour Bakery");
});

test("a WOFF upload is kept as WOFF, read correctly and embeddable", async () => {
  const woff = toWoff(interBold);
  const font = await parseFontUpload(woff, "Inter-Bold.woff");
  expect(font).toMatchObject({ family: "Inter", weight: 700, style: "normal", format: "woff" });
  expect(Buffer.from(font.bytes).equals(woff)).toBe(true);
  const pdf = await embedAndInspect(font.bytes, "Fresh bread daily");
  expect(pdf.fonts).toMatch(/Inter-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
  expect(pdf.text).toBe("Fresh bread daily");
});

test("a file that is not a font says what its first bytes are", async () => {
  const error = await refusal(() => parseFontUpload(Buffer.from("<html><body>404</body></html>"), "font.ttf"));
  expect(error.message).toBe("font.ttf: not a font file (starts with bytes 3c 68 74 6d)");
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
  expect((await refusal(() => parseFontUpload(zip, "Inter.zip"))).message).toBe("Inter.zip: not a font file (it is a ZIP archive; unzip it and upload the .ttf, .otf or .woff inside)");
  expect((await refusal(() => parseFontUpload(new Uint8Array(0), "a.ttf"))).message).toBe("a.ttf: the file is empty");
});

test("a truncated font is refused from its table directory before it is parsed", async () => {
  const error = await refusal(() => parseFontUpload(interBold.subarray(0, interBold.length >> 1), "Inter-Bold.ttf"));
  expect(error.message).toMatch(/^Inter-Bold\.ttf: the font file is truncated or corrupt \(the '\w+' table runs past the end of the file\)$/);
  expect((await refusal(() => parseFontUpload(interBold.subarray(0, 100), "x.ttf"))).message).toBe("x.ttf: the font file is truncated or corrupt (the table directory is cut off)");
  const woff = toWoff(interBold);
  expect((await refusal(() => parseFontUpload(woff.subarray(0, woff.length - 100), "x.woff"))).message).toMatch(/^x\.woff: the font file is truncated or corrupt \(its header says \d+ bytes but the file has \d+\)$/);
  const woff2 = Buffer.from(await wawoff2.compress(interBold));
  expect((await refusal(() => parseFontUpload(woff2.subarray(0, woff2.length >> 1), "x.woff2"))).message).toMatch(/^x\.woff2: corrupt WOFF2 font \(it could not be unpacked/);
});

test("corrupt table contents are caught by drawing and embedding sample text", async () => {
  const glyf = await refusal(() => parseFontUpload(withTableFilled(interBold, "glyf", 0xff), "broken.ttf"));
  expect(glyf.message).toMatch(/^broken\.ttf: corrupt font \(drawing sample text failed: /);
  const cmap = await refusal(() => parseFontUpload(withTableFilled(interBold, "cmap", 0), "broken.ttf"));
  expect(cmap.message).toMatch(/^broken\.ttf: corrupt font \(drawing sample text failed: .*cmap/);
  const maxp = await refusal(() => parseFontUpload(withTableFilled(interBold, "maxp", 0xff), "broken.ttf"));
  expect(maxp.message).toBe("broken.ttf: corrupt font (maxp declares 65535 glyphs but loca locates 2926)");
  const name = await refusal(() => parseFontUpload(withTableFilled(interBold, "name", 0), "broken.ttf"));
  expect(name.message).toBe("broken.ttf: the font has no family name in its name table");
  const random = Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251))]);
  expect((await refusal(() => parseFontUpload(random, "noise.ttf"))).message).toMatch(/^noise\.ttf: (corrupt font|the font file is truncated or corrupt) \(/);
});

test("a font missing a required table is refused by name", async () => {
  const error = await refusal(() => parseFontUpload(withTableRenamed(interBold, "cmap", "xxxx"), "Inter.ttf"));
  expect(error.message).toBe("Inter.ttf: corrupt or incomplete font (no 'cmap' table)");
  const noOutlines = withTableRenamed(withTableRenamed(interBold, "glyf", "gly_"), "loca", "loc_");
  expect((await refusal(() => parseFontUpload(noOutlines, "Inter.ttf"))).message).toContain("no glyph outlines");
});

test("a layout table that makes the parser allocate without bound is refused without crashing the process", async () => {
  // Found by fuzzing: a GSUB filled with 0xff made fontkit allocate until a 4 GB heap died.
  const started = performance.now();
  const error = await refusal(() => parseFontUpload(withTableFilled(interBold, "GSUB", 0xff), "Inter-Bold.ttf"));
  expect(error.message).toBe("Inter-Bold.ttf: corrupt font (reading it needed more memory than any sane font)");
  expect(performance.now() - started).toBeLessThan(25_000);
  expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
}, 40_000);

test("font collections are refused, naming the faces inside", async () => {
  const ttc = toCollection([interBold, playfairBoldItalic]);
  const error = await refusal(() => parseFontUpload(ttc, "fonts.ttc"));
  expect(error.message).toBe(
    "fonts.ttc: font collections (.ttc) are not accepted: this file holds 2 faces (Inter Bold, Playfair Display Bold Italic) and needs splitting; upload each face as its own .ttf or .otf",
  );
});

test("a font whose licence forbids embedding is refused", async () => {
  const error = await refusal(() => parseFontUpload(withFsType(interBold, 0x0002), "Restricted.ttf"));
  expect(error.message).toContain("Restricted.ttf: the font's licence flags forbid embedding it");
  // Preview & print (0x0004) allows embedding in PDFs.
  expect((await parseFontUpload(withFsType(interBold, 0x0004), "Preview.ttf")).family).toBe("Inter");
});

test("oversized fonts are refused on their byte count", async () => {
  const error = await refusal(() => parseFontUpload(interBold, "Inter-Bold.ttf", { maxBytes: 100_000 }));
  expect(error.message).toBe("Inter-Bold.ttf: file is 336 KB; the limit is 98 KB");
  const bomb = Buffer.from(await wawoff2.compress(interBold));
  bomb.writeUInt32BE(500 * 1024 * 1024, 16);
  expect((await refusal(() => parseFontUpload(bomb, "bomb.woff2"))).message).toBe("bomb.woff2: the WOFF2 font would unpack to 500 MB; refused");
});

test("weights come from usWeightClass, old 1–9 values, or words in the style name", () => {
  expect(weightOf(600, "SemiBold")).toBe(600);
  expect(weightOf(7, "Bold")).toBe(700);
  expect(weightOf(950, "Ultra")).toBe(900);
  expect(weightOf(0, "ExtraLight Italic")).toBe(200);
  expect(weightOf(250, "Thin")).toBe(100);
  expect(weightOf(275, "ExtraLight")).toBe(200);
  expect(weightOf(350, "Book")).toBe(350);
  expect(weightOf(undefined, "Black")).toBe(900);
  expect(weightOf(undefined, "Semi Bold")).toBe(600);
  expect(weightOf(undefined, "Regular")).toBe(400);
});

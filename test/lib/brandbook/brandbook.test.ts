// The brand guidelines PDF read back: its pages, the kit's own fonts embedded, the text a reader
// needs (names, hex, RGB, print notes, voice), the logo drawn, and a kit with little in it.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import sharp from "sharp";
import { expect, test } from "vitest";
import { auditFile } from "~/lib/audit/audit.server.ts";
import { readPdfPages } from "~/lib/audit/pdf-pages.server.ts";
import { renderBrandBook } from "~/lib/brandbook/book.server.ts";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { makeKit } from "../../factories/kit.ts";
import { fileKit } from "../audit/example-kits.ts";

const harbour = fileKit("harbour-and-vine");
const date = new Date("2025-06-01T12:00:00Z");
const book = await renderBrandBook(await harbour.prepared(), { version: 3, date, deterministic: true });

async function pagesText(bytes: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    out.push(content.items.map((i) => ("str" in i ? i.str + (i.hasEOL ? "\n" : " ") : "")).join(""));
  }
  await doc.destroy();
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, "");
const embeddedFonts = (bytes: Buffer) => [...new Set([...bytes.toString("latin1").matchAll(/\/BaseFont \/[A-Z]{6}\+([^\s/>]+)/g)].map((m) => m[1]))].sort();

test("the book has a cover, contents and a page per section, with nothing overflowing or missing", async () => {
  expect(book.pages).toBe(10);
  expect(book.fileName).toBe("harbour-and-vine-brand-guidelines.pdf");
  expect(book.overflow).toEqual([]);
  expect(book.missing).toEqual([]);
  const text = await pagesText(book.bytes);
  expect(text).toHaveLength(10);
  expect(text[0]).toContain("Harbour & Vine");
  // Letter-spaced labels come back from pdfjs with spaces between the letters.
  expect(squash(text[0]!)).toContain("VERSION3·1JUNE2025");
  expect(text[1]).toMatch(/01\s+Colour palette/);
  expect(text[1]).toMatch(/08\s+Visual and video style/);
  expect(squash(text[9]!)).toContain("08VISUALANDVIDEOSTYLE");
});

test("the kit's own fonts are embedded (subset), and no other face", () => {
  expect(embeddedFonts(book.bytes)).toEqual(["Inter-Bold", "Inter-Regular", "PlayfairDisplay-Bold", "PlayfairDisplay-Italic"]);
});

test("the palette page gives every colour's name, hex, RGB and print notes", async () => {
  const palette = (await pagesText(book.bytes))[2]!;
  for (const entry of Object.values(harbour.kit.palette)) {
    expect(palette).toContain(entry.name);
    expect(palette).toContain(entry.color.toUpperCase());
    if (entry.print?.pantone) expect(palette).toContain(entry.print.pantone);
  }
  expect(palette).toContain("23 · 50 · 77");
  expect(palette).toContain("92 · 68 · 38 · 30");
});

test("contrast, type, logo, voice and style pages carry the kit's words", async () => {
  const [, , , pairs, type, scale, logo, rules, voice, style] = await pagesText(book.bytes);
  expect(pairs).toContain("sail-cloth white on harbour navy: 12.38:1");
  expect(type).toContain("Playfair Display");
  expect(type).toContain("400 Regular · 700 Bold");
  expect(scale).toMatch(/48\.8 px · step 5/);
  expect(logo).toContain("At least 30 mm wide in print");
  expect(logo).toContain("x = 25%");
  expect(rules).toContain("Don't: recolour it");
  for (const w of [...harbour.kit.voice.wordsToUse, ...harbour.kit.voice.wordsToAvoid, ...harbour.kit.voice.adjectives]) expect(voice).toContain(w);
  expect(voice).toContain(harbour.kit.voice.tagline);
  expect(style).toContain("harbour navy");
  expect(style).toContain(harbour.kit.style.photography[0]);
  expect(style).toContain("Subtle:");
});

test("the cover draws the reverse logo, and every page is on brand by the audit's own measure", async () => {
  const { pages } = await readPdfPages(book.bytes, { fileName: "book.pdf", maxPages: 3 });
  const cover = pages[0]!;
  // The reverse logo is drawn in sail-cloth white on the navy cover, in the upper half.
  let logoPixels = 0;
  for (let y = Math.round(cover.height * 0.2); y < cover.height * 0.4; y++) {
    for (let x = 0; x < cover.width; x++) {
      const i = (y * cover.width + x) * 4;
      const hex = `#${[0, 1, 2].map((k) => cover.rgba[i + k]!.toString(16).padStart(2, "0")).join("")}`;
      if (hex !== "#17324d" && deltaE2000(hex, "#fbf8f2") < 3) logoPixels++;
    }
  }
  expect(logoPixels).toBeGreaterThan(100);
  const palette = pages[2]!;
  const seen = new Set<number>();
  for (let i = 0; i < palette.rgba.length; i += 4) seen.add((palette.rgba[i]! << 16) | (palette.rgba[i + 1]! << 8) | palette.rgba[i + 2]!);
  for (const entry of Object.values(harbour.kit.palette)) expect(seen.has(parseInt(entry.color.slice(1), 16))).toBe(true);
  const audit = await auditFile(book.bytes, "book.pdf", harbour.kit, { resolve: { baseDir: harbour.baseDir }, maxBytes: 50_000_000 });
  expect(audit.score).toBeGreaterThanOrEqual(0.95);
  expect(audit.fonts?.foreign).toEqual([]);
});

test("the same kit gives the same bytes", async () => {
  const again = await renderBrandBook(await harbour.prepared(), { version: 3, date, deterministic: true });
  expect(again.bytes.equals(book.bytes)).toBe(true);
});

test("a bare kit gets a book that says what is missing (no do/don't page without a logo); a long palette runs onto a second page", async () => {
  const bare = makeKit("Corner Shop", (k) => {
    for (let i = 1; i <= 5; i++) k.palette[`extra-${i}`] = { color: `#${(i * 40).toString(16).padStart(2, "0")}6080`, name: `extra colour ${i}` };
  });
  const result = await renderBrandBook(bare, { date, deterministic: true });
  expect(result.pages).toBe(10);
  expect(result.overflow).toEqual([]);
  const text = await pagesText(result.bytes);
  expect(text[1]).toMatch(/02\s+Colour pairs that read[\s.]*05/);
  expect(text[1]).toMatch(/06\s+Voice[\s.]*09/);
  expect(text[1]).not.toContain("do and don't");
  expect(text[3]).toContain("extra colour 5");
  expect(text[7]).toContain("This kit has no logo yet");
  expect(text[9]).toContain("Not set yet: add it in the kit editor.");
  expect(embeddedFonts(result.bytes)).toEqual(["Inter-Bold", "Inter-Regular", "Inter-SemiBold"]);
});

test("a raster logo is drawn on the logo pages; its don't shows it shrunk instead of recoloured", async () => {
  const png = await sharp({ create: { width: 300, height: 100, channels: 4, background: "#2f4b7c" } }).png().toBuffer();
  const kit = makeKit("Pixel Bakery", (k) => {
    k.logos.primary = { src: `data:image/png;base64,${png.toString("base64")}`, mime: "image/png" };
  });
  const result = await renderBrandBook(kit, { date, deterministic: true });
  expect(result.pages).toBe(10);
  expect(result.overflow).toEqual([]);
  const text = await pagesText(result.bytes);
  expect(text[7]).toContain("Don't: shrink it below its minimum size.");
  expect(text[7]).not.toContain("recolour");
  expect(result.bytes.toString("latin1")).toMatch(/\/Subtype \/Image/);
});

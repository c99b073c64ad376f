// Every template × every print format × every example kit as a print PDF, read back: one page per
// scene, page size = trim + 3 mm bleed + crop-mark slug, TrimBox at the trim, subset fonts embedded,
// and every word of the content extractable.
import { describe, expect, test } from "vitest";
import { FORMATS, isPrint } from "~/lib/templates/formats.ts";
import { TEMPLATES, layoutTemplate, renderTemplateLayouts, parseContent } from "~/lib/templates/registry.ts";
import { KIT_SLUGS, contentStrings, preparedKit, readPdfPages, squash } from "./support.ts";

const PT_PER_MM = 72 / 25.4;
// Default print options: 3 mm bleed and crop marks 3 mm outside the trim, 5 mm long.
const EDGE_MM = 3 + 5;

describe.each(KIT_SLUGS)("kit %s", (slug) => {
  for (const template of TEMPLATES) {
    const printFormats = template.formats.filter((f) => isPrint(FORMATS[f]));
    if (!printFormats.length) continue;
    test(`${template.id} prints as a PDF with bleed, trim box, embedded fonts and its text`, async () => {
      const prepared = await preparedKit(slug);
      for (const formatId of printFormats) {
        const format = FORMATS[formatId];
        const where = `${template.id} ${formatId}`;
        const layouts = await layoutTemplate(template, template.sample, prepared, formatId);
        const out = await renderTemplateLayouts(layouts, prepared, { format: "pdf", deterministic: true });
        expect(out.mime).toBe("application/pdf");
        expect(out.overflow, where).toEqual([]);
        const pdf = await readPdfPages(out.bytes);
        expect(pdf.pages.length, where).toBe(layouts.length);
        expect(out.pages).toBe(layouts.length);
        const w = (format.widthMm! + 2 * EDGE_MM) * PT_PER_MM;
        const h = (format.heightMm! + 2 * EDGE_MM) * PT_PER_MM;
        for (const page of pdf.pages) {
          expect(page.mediaBox[2]!, where).toBeCloseTo(w, 1);
          expect(page.mediaBox[3]!, where).toBeCloseTo(h, 1);
          const [x0, y0, x1, y1] = page.trimBox ?? [];
          expect(x0, where).toBeCloseTo(EDGE_MM * PT_PER_MM, 1);
          expect(y0, where).toBeCloseTo(EDGE_MM * PT_PER_MM, 1);
          expect(x1! - x0!, where).toBeCloseTo(format.widthMm! * PT_PER_MM, 1);
          expect(y1! - y0!, where).toBeCloseTo(format.heightMm! * PT_PER_MM, 1);
        }
        // Subset fonts (six-letter tag), each with its font program in the file, none of them a system font.
        expect(pdf.fonts.length, where).toBeGreaterThan(0);
        for (const font of pdf.fonts) expect(font, where).toMatch(/^[A-Z]{6}\+/);
        expect(pdf.fontFiles, where).toBeGreaterThanOrEqual(pdf.fonts.length);
        const headingFile = prepared.kit.typography.heading.files[0]?.src ?? "";
        const family = /expo-google-fonts\/([a-z0-9-]+)\//.exec(headingFile)?.[1]?.replace(/-/g, "") ?? "";
        expect(pdf.fonts.some((f) => f.toLowerCase().replace(/-/g, "").includes(family)), `${where}: heading font ${family} embedded`).toBe(true);
        const all = squash(pdf.pages.map((p) => p.text).join("\n"));
        for (const s of contentStrings(parseContent(template, template.sample))) {
          expect(all, `${where}: "${s}" extractable`).toContain(squash(s));
        }
      }
    });
  }
});

test("a PDF without bleed or marks is exactly the trim size", async () => {
  const prepared = await preparedKit("harbour-and-vine");
  const card = TEMPLATES.find((t) => t.id === "business-card")!;
  const layouts = await layoutTemplate(card, card.sample, prepared, "card-us");
  const out = await renderTemplateLayouts(layouts, prepared, { format: "pdf", bleedMm: 0, cropMarks: false });
  const pdf = await readPdfPages(out.bytes);
  expect(pdf.pages).toHaveLength(2);
  for (const page of pdf.pages) {
    expect(page.mediaBox[2]).toBeCloseTo(252, 1); // 3.5 in
    expect(page.mediaBox[3]).toBeCloseTo(144, 1); // 2 in
  }
});

// The brand audit end to end on real files: generated images of known colours, Marque's own renders
// against their kit and a foreign one, PDFs (pages drawn, fonts listed) and refused input.
import PDFDocument from "pdfkit";
import sharp from "sharp";
import { expect, test } from "vitest";
import { auditFile } from "~/lib/audit/audit.server.ts";
import { NEUTRAL_RULE } from "~/lib/audit/classify.ts";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { getTemplate, renderTemplate } from "~/lib/templates/registry.ts";
import { makeKit } from "../../factories/kit.ts";
import { fileKit } from "./example-kits.ts";

const kit = makeKit("Audit Co", (k) => {
  k.palette.primary.color = "#2a6f97";
  k.palette.secondary.color = "#8ab17d";
  k.palette.accent.color = "#e63946";
  k.palette.background.color = "#f4f1ea";
  k.palette.surface.color = "#fbfaf7";
  k.palette.text.color = "#22252b";
  k.palette.muted.color = "#6b6f76";
});

/** Vertical bands of flat colour, `width` px each. */
function bands(parts: [hex: string, width: number][], height = 100): Promise<Buffer> {
  const total = parts.reduce((w, [, pw]) => w + pw, 0);
  let left = 0;
  const composites = parts.map(([hex, width]) => {
    const c = { input: { create: { width, height, channels: 3 as const, background: hex } }, left, top: 0 };
    left += width;
    return c;
  });
  return sharp({ create: { width: total, height, channels: 3, background: "#000000" } }).composite(composites).png().toBuffer();
}

const known: [hex: string, deltaE: number, cls: string][] = [
  ["#2a6f97", 0, "same"],
  ["#2b6e97", 0.6008, "same"],
  ["#296c97", 1.4971, "on-brand"],
  ["#367597", 2.8013, "warn"],
  ["#367997", 4.9977, "off-brand"],
];

for (const [hex, expected, cls] of known) {
  test(`a flat ${hex} is reported exactly: ΔE00 ${expected} to the primary, ${cls}`, async () => {
    const report = await auditFile(await bands([[hex, 140], ["#f4f1ea", 60]]), "bands.png", kit);
    const [main, paper] = report.colours;
    expect(main).toMatchObject({ hex, share: 0.7, class: cls, nearest: { role: "primary", hex: "#2a6f97" } });
    expect(main?.deltaE).toBe(deltaE2000(hex, "#2a6f97"));
    expect(main?.deltaE).toBeCloseTo(expected, 4);
    expect(paper).toMatchObject({ hex: "#f4f1ea", share: 0.3, deltaE: 0, class: "same" });
    expect(report.score).toBeCloseTo(expected <= 2 ? 1 : 0.3, 10);
  });
}

test("off-brand colours are listed with their nearest kit colour, distance and share; the score is the on-brand share", async () => {
  const report = await auditFile(await bands([["#2a6f97", 100], ["#f4f1ea", 60], ["#ff00ff", 40]]), "mixed.png", kit);
  expect(report.score).toBeCloseTo(0.8, 10);
  expect(report.offBrand).toHaveLength(1);
  expect(report.offBrand[0]).toMatchObject({ hex: "#ff00ff", share: 0.2, class: "off-brand" });
  expect(report.offBrand[0]?.deltaE).toBe(deltaE2000("#ff00ff", report.offBrand[0]!.nearest.hex));
  expect(report.neutralRule).toBe(NEUTRAL_RULE);
  expect(report.file).toMatchObject({ kind: "image", mime: "image/png", width: 200, height: 100 });
});

test("anti-aliased edges of shapes in kit colours do not show up as off-brand colours", async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#f4f1ea"/>
    <circle cx="420" cy="450" r="333.3" fill="#2a6f97"/><circle cx="860" cy="380" r="211.7" fill="#e63946"/>
    <path d="M100 820 L1150 610 L1150 640 L100 850 Z" fill="#22252b"/></svg>`;
  const report = await auditFile(await sharp(Buffer.from(svg)).png().toBuffer(), "shapes.png", kit);
  expect(report.sample.blends).toBeGreaterThan(0);
  expect(report.score).toBeGreaterThanOrEqual(0.99);
  expect(report.colours.slice(0, 4).map((c) => c.hex).sort()).toEqual(["#22252b", "#2a6f97", "#e63946", "#f4f1ea"]);
});

test("a Marque post scores at least 0.95 against its own kit and low against another kit", async () => {
  const harbour = fileKit("harbour-and-vine");
  const template = getTemplate("instagram-post");
  const png = await renderTemplate(template, template.sample, await harbour.prepared(), "ig-square", { format: "png" });
  const own = await auditFile(png.bytes, "post.png", harbour.kit);
  expect(own.score).toBeGreaterThanOrEqual(0.95);
  expect(own.colours[0]).toMatchObject({ hex: harbour.kit.palette.primary.color, deltaE: 0, class: "same" });
  const other = await auditFile(png.bytes, "post.png", fileKit("pulse-cycle-studio").kit);
  expect(other.score).toBeLessThan(0.2);
  expect(other.offBrand[0]?.hex).toBe(harbour.kit.palette.primary.color);
  expect(other.offBrand[0]?.class).toBe("off-brand");
});

test("a PDF's pages are drawn and its fonts listed against the kit's files", async () => {
  const harbour = fileKit("harbour-and-vine");
  const template = getTemplate("instagram-post");
  const pdf = await renderTemplate(template, template.sample, await harbour.prepared(), "ig-square", { format: "pdf", deterministic: true });
  const report = await auditFile(pdf.bytes, "post.pdf", harbour.kit, { resolve: { baseDir: harbour.baseDir } });
  expect(report.file.kind).toBe("pdf");
  expect(report.pages).toMatchObject({ count: 1, read: 1 });
  expect(report.score).toBeGreaterThanOrEqual(0.95);
  const fonts = report.fonts!;
  expect(fonts.used.length).toBeGreaterThan(0);
  expect(fonts.foreign).toEqual([]);
  const playfair = fonts.used.find((f) => f.name === "PlayfairDisplay-Bold");
  expect(playfair).toMatchObject({ status: "kit-file", embedded: true, pages: [1] });
  expect(playfair?.roles).toContain("heading");
  expect(fonts.kit.find((k) => k.role === "heading")).toMatchObject({ family: "Playfair Display", files: ["PlayfairDisplay-Bold"] });

  const wild = fileKit("wild-stem-florals");
  const foreign = await auditFile(pdf.bytes, "post.pdf", wild.kit, { resolve: { baseDir: wild.baseDir } });
  expect(foreign.fonts?.foreign.map((f) => f.name)).toContain("PlayfairDisplay-Bold");
});

test("a print PDF with bleed and crop marks is sampled inside its TrimBox only", async () => {
  const harbour = fileKit("harbour-and-vine");
  const template = getTemplate("menu");
  const pdf = await renderTemplate(template, template.sample, await harbour.prepared(), "a4", { format: "pdf", bleedMm: 3, cropMarks: true, deterministic: true });
  const report = await auditFile(pdf.bytes, "menu.pdf", harbour.kit, { resolve: { baseDir: harbour.baseDir } });
  expect(report.notes.join(" ")).toContain("inside the TrimBox");
  // The white slug around the bleed (where the crop marks sit) is not part of the design.
  expect(report.colours.find((c) => c.hex === "#ffffff")).toBeUndefined();
  expect(report.colours[0]).toMatchObject({ hex: harbour.kit.palette.background.color, class: "same" });
  expect(report.score).toBeGreaterThanOrEqual(0.95);
  expect(report.colours.some((c) => c.blendOf)).toBe(true);
});

test("a PDF with a standard font reports it as not embedded and not in the kit; pages past the cap are skipped", async () => {
  const doc = new PDFDocument({ size: "A4", info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on("end", resolve));
  doc.rect(0, 0, 595, 842).fill("#2a6f97").fillColor("#f4f1ea").font("Helvetica").fontSize(40).text("Page one", 60, 100);
  doc.addPage().rect(0, 0, 595, 842).fill("#ff00ff").fillColor("#000000").font("Times-Roman").text("Page two", 60, 100);
  doc.addPage().font("Courier").text("Page three", 60, 100);
  doc.end();
  await done;
  const report = await auditFile(Buffer.concat(chunks), "letter.pdf", kit, { maxPages: 2 });
  expect(report.pages?.count).toBe(3);
  expect(report.pages?.read).toBe(2);
  expect(report.notes.join(" ")).toContain("Only the first 2 of 3 pages were audited");
  expect(report.pages!.scores[0]!.score).toBeGreaterThan(0.95);
  expect(report.pages!.scores[1]!.score).toBeLessThan(0.05);
  const names = report.fonts!.used.map((f) => f.name);
  expect(names).toEqual(["Helvetica", "Times-Roman"]);
  expect(report.fonts!.notEmbedded.map((f) => f.name)).toEqual(["Helvetica", "Times-Roman"]);
  expect(report.fonts!.foreign).toHaveLength(2);
});

test("a large photo is shrunk on load and its colours pooled; shares add up to 1", async () => {
  const width = 1600;
  const height = 1200;
  const noise = await sharp({ create: { width, height, channels: 3, background: "#000000", noise: { type: "gaussian", mean: 120, sigma: 40 } } }).jpeg().toBuffer();
  const report = await auditFile(noise, "noise.jpg", kit);
  expect(report.file).toMatchObject({ mime: "image/jpeg", width, height });
  expect(Math.max(report.sample.width, report.sample.height)).toBe(256);
  expect(report.sample.binStep).toBeGreaterThan(1);
  expect(report.colours.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 10);
  expect(report.colours.length).toBeGreaterThan(3);
});

test("files that are not images or PDFs are refused with the file name and what they are", async () => {
  await expect(auditFile(Buffer.from("hello, world"), "notes.txt", kit)).rejects.toThrow(/^notes\.txt: not a PNG, JPEG, WebP or SVG image \(it looks like text/);
  await expect(auditFile(Buffer.from("%PDF-1.7\ngarbage"), "broken.pdf", kit)).rejects.toThrow(/^broken\.pdf: not a readable PDF/);
  await expect(auditFile(new Uint8Array(0), "empty.png", kit)).rejects.toThrow("empty.png: the file is empty");
  await expect(auditFile(Buffer.alloc(2048, 1), "big.png", kit, { maxBytes: 1024 })).rejects.toThrow(/big\.png: file is 2 KB; the limit is 1 KB/);
});

test("a transparent image has no colours to audit", async () => {
  const clear = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
  await expect(auditFile(clear, "clear.png", kit)).rejects.toThrow("clear.png: the image is fully transparent");
});

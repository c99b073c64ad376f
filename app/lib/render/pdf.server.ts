// Scene layout -> vector PDF with pdfkit: exact physical size, embedded subset fonts drawing the
// same laid-out lines as the PNG, images, SVG logos, optional bleed with crop marks, TrimBox and
// BleedBox, metadata, and a deterministic mode (fixed dates, hence a fixed file ID) for tests.
import PDFDocument from "pdfkit";
import { ALIGN_FRACTION, fitRect, type Rect } from "./geometry.ts";
import type { Assets, PreparedAsset } from "./images.server.ts";
import type { LaidItem, SceneLayout } from "./layout.ts";
import { drawSvg } from "./pdf-svg.server.ts";
import { PdfTextWriter } from "./pdf-text.server.ts";

export interface PdfOptions {
  /** Bleed around the trim box, mm. Default: 3 for scenes with a physical size, 0 otherwise. */
  bleedMm?: number;
  /** Crop marks outside the bleed (the page grows by a slug to hold them). Default: on when there is bleed. */
  cropMarks?: boolean;
  /** Fixed CreationDate/ModDate (and so a fixed ID): the same scene gives the same bytes. */
  deterministic?: boolean;
  title?: string;
  author?: string;
  subject?: string;
}

export interface PdfResult {
  bytes: Buffer;
  /** MediaBox size in pt. */
  width: number;
  height: number;
  /** TrimBox and BleedBox in PDF user space (pt, origin bottom-left). */
  trimBox: [number, number, number, number];
  bleedBox: [number, number, number, number];
}

const PT_PER_MM = 72 / 25.4;
const MARK_LENGTH_MM = 5;
const FIXED_DATE = new Date("2000-01-01T00:00:00Z");

export async function sceneToPdf(layout: SceneLayout, assets: Assets, options: PdfOptions = {}): Promise<PdfResult> {
  const pdf = openPdf(options);
  const page = pdf.addPage(layout, assets);
  return { bytes: await pdf.finish(), ...page };
}

export interface PdfPage {
  /** MediaBox size in pt. */
  width: number;
  height: number;
  trimBox: [number, number, number, number];
  bleedBox: [number, number, number, number];
}

export interface OpenPdf {
  /** Draws one laid-out scene as the next page (its own size, bleed and marks). */
  addPage(layout: SceneLayout, assets: Assets): PdfPage;
  /** Ends the document and returns its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * A PDF document pages are added to one by one (multi-page menus, two-sided cards). Fonts are
 * embedded once for the whole document: every page shares one text writer.
 */
export function openPdf(options: PdfOptions = {}): OpenPdf {
  const info: PDFKit.DocumentInfo = { Title: options.title, Author: options.author, Subject: options.subject, Creator: "Marque", Producer: "Marque (pdfkit)" };
  if (options.deterministic) {
    info.CreationDate = FIXED_DATE;
    info.ModDate = FIXED_DATE;
  }
  for (const key of Object.keys(info) as (keyof PDFKit.DocumentInfo)[]) if (info[key] === undefined) delete info[key];
  // `font: null` skips loading Helvetica's metrics: every glyph we draw comes from our own fonts.
  const docOptions: PDFKit.PDFDocumentOptions = { autoFirstPage: false, info, displayTitle: Boolean(options.title), pdfVersion: "1.7" };
  const doc = new PDFDocument(Object.assign(docOptions, { font: null }));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const text = new PdfTextWriter(doc);
  return {
    addPage: (layout, assets) => drawPage(doc, text, layout, assets, options),
    async finish() {
      doc.end();
      await done;
      return Buffer.concat(chunks);
    },
  };
}

function drawPage(doc: PDFKit.PDFDocument, text: PdfTextWriter, layout: SceneLayout, assets: Assets, options: PdfOptions): PdfPage {
  const { scene } = layout;
  const trimW = scene.widthMm !== undefined ? scene.widthMm * PT_PER_MM : scene.width * 0.75;
  const trimH = scene.heightMm !== undefined ? scene.heightMm * PT_PER_MM : scene.height * 0.75;
  const bleedMm = Math.max(0, options.bleedMm ?? (scene.widthMm !== undefined ? 3 : 0));
  const marks = options.cropMarks ?? bleedMm > 0;
  const bleed = bleedMm * PT_PER_MM;
  const markOffset = Math.max(bleed, 3 * PT_PER_MM);
  const margin = marks ? markOffset + MARK_LENGTH_MM * PT_PER_MM : bleed;
  const width = trimW + 2 * margin;
  const height = trimH + 2 * margin;

  doc.addPage({ size: [width, height], margin: 0 });
  const r2 = (v: number) => Math.round(v * 1000) / 1000;
  const trimBox: PdfResult["trimBox"] = [r2(margin), r2(margin), r2(margin + trimW), r2(margin + trimH)];
  const bleedBox: PdfResult["bleedBox"] = [r2(margin - bleed), r2(margin - bleed), r2(margin + trimW + bleed), r2(margin + trimH + bleed)];
  const page = doc.page.dictionary.data as Record<string, unknown>;
  page.TrimBox = trimBox;
  page.BleedBox = bleedBox;

  doc.save();
  // Draw in scene px: one transform from px to pt, origin at the trim box's top-left.
  const kx = trimW / scene.width;
  const ky = trimH / scene.height;
  doc.transform(kx, 0, 0, ky, margin, margin);
  const bleedPx = { x: bleed / kx, y: bleed / ky };
  const painter = new PdfPainter(doc, text, assets, scene.width, scene.height, bleedPx);
  if (scene.background) {
    doc.rect(-bleedPx.x, -bleedPx.y, scene.width + 2 * bleedPx.x, scene.height + 2 * bleedPx.y).fill(scene.background);
  }
  for (const item of layout.items) painter.item(item);
  doc.restore();
  if (marks) drawCropMarks(doc, margin, trimW, trimH, markOffset);
  return { width, height, trimBox, bleedBox };
}

/** Hairline registration-black marks at the trim lines, starting outside the bleed. */
function drawCropMarks(doc: PDFKit.PDFDocument, m: number, w: number, h: number, offset: number): void {
  const len = MARK_LENGTH_MM * PT_PER_MM;
  doc.save().lineWidth(0.25).strokeColor([100, 100, 100, 100]);
  for (const x of [m, m + w]) {
    doc.moveTo(x, m - offset).lineTo(x, m - offset - len).stroke();
    doc.moveTo(x, m + h + offset).lineTo(x, m + h + offset + len).stroke();
  }
  for (const y of [m, m + h]) {
    doc.moveTo(m - offset, y).lineTo(m - offset - len, y).stroke();
    doc.moveTo(m + w + offset, y).lineTo(m + w + offset + len, y).stroke();
  }
  doc.restore();
}

class PdfPainter {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly text: PdfTextWriter,
    private readonly assets: Assets,
    private readonly pageW: number,
    private readonly pageH: number,
    private readonly bleed: { x: number; y: number },
  ) {}

  /** Boxes flush with a trim edge extend into the bleed, so trimming leaves no white sliver. */
  private bleedOut(r: Rect): Rect {
    if (!this.bleed.x && !this.bleed.y) return r;
    const e = 0.5;
    const left = r.x <= e ? this.bleed.x : 0;
    const top = r.y <= e ? this.bleed.y : 0;
    const right = r.x + r.w >= this.pageW - e ? this.bleed.x : 0;
    const bottom = r.y + r.h >= this.pageH - e ? this.bleed.y : 0;
    return { x: r.x - left, y: r.y - top, w: r.w + left + right, h: r.h + top + bottom };
  }

  item(item: LaidItem): void {
    const doc = this.doc;
    if (item.kind === "text") {
      // Runs go into the content stream in reading order, so extracted right-to-left text reads right.
      for (const line of item.block.lines) for (const run of [...line.runs].sort((a, b) => a.order - b.order)) this.text.drawRun(run);
      return;
    }
    if (item.kind === "group") {
      doc.save();
      const { clip, opacity } = item.node;
      if (opacity < 1) doc.opacity(opacity);
      if (clip) doc.roundedRect(clip.x, clip.y, clip.w, clip.h, clip.radius).clip();
      item.children.forEach((child) => this.item(child));
      doc.restore();
      return;
    }
    const node = item.node;
    doc.save();
    switch (node.type) {
      case "rect": {
        const r = node.radius ? node : this.bleedOut(node);
        doc.roundedRect(r.x, r.y, r.w, r.h, node.radius);
        this.paint(node.fill, node.stroke, node.strokeWidth, node.opacity);
        break;
      }
      case "ellipse":
        doc.ellipse(node.cx, node.cy, node.rx, node.ry);
        this.paint(node.fill, node.stroke, node.strokeWidth, node.opacity);
        break;
      case "line":
        doc.moveTo(node.x1, node.y1).lineTo(node.x2, node.y2).lineWidth(node.width).lineCap(node.cap);
        if (node.dash) doc.dash(node.dash[0], { space: node.dash[1] });
        doc.strokeColor(node.colour, node.opacity).stroke();
        break;
      case "image": {
        const box = node.radius ? node : this.bleedOut(node);
        const asset = this.asset(node);
        const r = fitRect(box, asset.width, asset.height, node.fit, node.focusX, node.focusY);
        if (node.opacity < 1) doc.opacity(node.opacity);
        doc.roundedRect(box.x, box.y, box.w, box.h, node.radius).clip();
        this.drawAsset(asset, r);
        break;
      }
      case "logo": {
        const asset = this.asset(node);
        const r = fitRect(node, asset.width, asset.height, "contain", ALIGN_FRACTION[node.align], ALIGN_FRACTION[node.valign]);
        if (node.opacity < 1) doc.opacity(node.opacity);
        this.drawAsset(asset, r);
        break;
      }
    }
    doc.restore();
  }

  private paint(fill: string | undefined, stroke: string | undefined, strokeWidth: number, opacity: number): void {
    const doc = this.doc;
    const hasStroke = stroke !== undefined && strokeWidth > 0;
    if (fill) doc.fillColor(fill, opacity);
    if (hasStroke) doc.strokeColor(stroke, opacity).lineWidth(strokeWidth);
    if (fill && hasStroke) doc.fillAndStroke();
    else if (fill) doc.fill();
    else if (hasStroke) doc.stroke();
  }

  private asset(node: Parameters<Assets["get"]>[0]): PreparedAsset {
    const asset = this.assets.get(node);
    if (!asset) throw new Error(`${node.type} was not prepared: call prepareAssets(scene) first`);
    return asset;
  }

  private drawAsset(asset: PreparedAsset, r: Rect): void {
    if (asset.kind === "raster") {
      this.doc.image(asset.bytes, r.x, r.y, { width: r.w, height: r.h });
      return;
    }
    drawSvg(this.doc, asset.svg, r);
  }
}

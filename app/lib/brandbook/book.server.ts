// The one-click brand guidelines PDF: A4 pages built as Scenes from the kit (cover, contents,
// colour, contrast, typography, type scale, logo, logo do/don't, voice, visual and video style),
// laid out with the kit's own fonts and drawn by the render engine into one PDF.
import type { ResolveOptions } from "../kit/files.server.ts";
import type { BrandKit } from "../kit/schema.ts";
import { layoutScene, type MissingGlyphs, type Overflow } from "../render/layout.ts";
import { renderPagesPdf } from "../render/pages.server.ts";
import type { SceneInput } from "../render/scene.ts";
import { buildContext, prepareKit, type PreparedKit } from "../templates/context.server.ts";
import type { TemplateContext } from "../templates/types.ts";
import { contrastPage, palettePages } from "./colour.ts";
import { contentsPage, coverPage, type ContentsEntry } from "./cover.ts";
import { finishPages, type BookPage } from "./frame.ts";
import { logoPage, logoRulesPage } from "./logo.ts";
import { scalePage, specimenPage } from "./type.ts";
import { stylePages, voicePage } from "./voice-style.ts";

export type BrandBookOptions = {
  /** Kit version shown on the cover. */
  version?: number;
  /** Date shown on the cover; defaults to today. Tests pin it. */
  date?: Date;
  /** Fixed PDF dates and ID, so the same kit gives the same bytes. */
  deterministic?: boolean;
  resolve?: ResolveOptions;
};

export type BrandBook = { bytes: Buffer; pages: number; fileName: string; overflow: Overflow[]; missing: MissingGlyphs[] };

/** The book's pages as Scenes (for previews and tests); the cover first. */
export function brandBookScenes(ctx: TemplateContext, opts: { version?: number; date: Date }): SceneInput[] {
  const date = opts.date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const sections: [name: string, pages: BookPage[]][] = [
    ["Colour palette", palettePages(ctx)],
    ["Colour pairs that read", [contrastPage(ctx)]],
    ["Typography", [specimenPage(ctx)]],
    ["Type scale", [scalePage(ctx)]],
    ["Logo", [logoPage(ctx)]],
    // Do and don't examples are drawn from the logo itself; a kit without one skips them.
    ["Logo: do and don't", ctx.logo("primary") ? [logoRulesPage(ctx)] : []],
    ["Voice", [voicePage(ctx)]],
    ["Visual and video style", stylePages(ctx)],
  ];
  // Cover and contents come first, so body pages start at 3. Each section's pages carry its number and name in the running head.
  let next = 3;
  const entries: ContentsEntry[] = sections.filter(([, pages]) => pages.length).map(([name, pages], i) => {
    const number = String(i + 1).padStart(2, "0");
    for (const page of pages) page.section = { number, name };
    const entry = { number, name, page: next };
    next += pages.length;
    return entry;
  });
  const pages = [coverPage(ctx, { version: opts.version, date }), contentsPage(ctx, entries), ...sections.flatMap(([, p]) => p)];
  return finishPages(ctx, pages);
}

export async function renderBrandBook(kit: BrandKit | PreparedKit, opts: BrandBookOptions = {}): Promise<BrandBook> {
  const prepared = "fonts" in kit ? kit : await prepareKit(kit, opts.resolve);
  const ctx = await buildContext(prepared, "a4", {});
  const scenes = brandBookScenes(ctx, { version: opts.version, date: opts.date ?? new Date() });
  const layouts = scenes.map((scene) => layoutScene(scene, prepared.fonts));
  const name = prepared.kit.name;
  // Read on screen and printed on an office printer: no bleed, no crop marks.
  const pdf = await renderPagesPdf(layouts, { bleedMm: 0, cropMarks: false, deterministic: opts.deterministic, title: `${name} brand guidelines`, author: name, subject: "Brand guidelines" });
  return { bytes: pdf.bytes, pages: layouts.length, fileName: `${slugPart(name)}-brand-guidelines.pdf`, overflow: pdf.overflow, missing: pdf.missing };
}

function slugPart(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "brand"
  );
}

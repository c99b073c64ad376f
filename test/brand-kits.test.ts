// The example kits in brand-kits/ are what new users start from, so each must be a valid,
// self-contained kit: parseable, logos safe to inline, fonts present and honest, text readable.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { DOMParser } from "@xmldom/xmldom";
import type { Element as XmlElement } from "@xmldom/xmldom";
import * as fontkit from "fontkit";
import sharp from "sharp";
import { wcagContrast } from "culori";
import { expect, test } from "vitest";
import { LOGO_VARIANTS, PALETTE_ROLES, TYPE_ROLES, parseKit, type BrandKit } from "../app/lib/kit/schema.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../brand-kits");
const require = createRequire(import.meta.url);
const MAX_LOGO_BYTES = 30 * 1024;

const slugs = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, d.name, "kit.json")))
  .map((d) => d.name)
  .sort();

function loadKit(slug: string): BrandKit {
  const file = path.join(ROOT, slug, "kit.json");
  return parseKit(JSON.parse(fs.readFileSync(file, "utf8")), file);
}

/** Resolves a logo `src` relative to its kit folder, refusing anything that leaves the folder. */
function logoPath(slug: string, src: string): string {
  const dir = path.join(ROOT, slug);
  const full = path.resolve(dir, src);
  if (!full.startsWith(dir + path.sep)) throw new Error(`${slug}: logo src "${src}" leaves the kit folder`);
  return full;
}

function parseSvg(text: string, file: string): XmlElement {
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${file}: ${level}: ${message}`);
    },
  }).parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (!root) throw new Error(`${file}: no root element`);
  return root;
}

function elements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    out.push(el);
    for (const child of Array.from(el.childNodes)) if (child.nodeType === 1) walk(child as XmlElement);
  };
  walk(root);
  return out;
}

/** Colours the logo paints (fill/stroke), ignoring mask contents, which only cut shapes out. */
function paintedColours(root: XmlElement): Set<string> {
  const colours = new Set<string>();
  const walk = (el: XmlElement) => {
    if (el.localName === "mask") return;
    for (const attr of ["fill", "stroke"]) {
      const value = el.getAttribute(attr);
      if (value && value !== "none") colours.add(value.toLowerCase());
    }
    for (const child of Array.from(el.childNodes)) if (child.nodeType === 1) walk(child as XmlElement);
  };
  walk(root);
  return colours;
}

test("there are at least three example kits", () => {
  expect(slugs.length).toBeGreaterThanOrEqual(3);
});

test.each(slugs)("%s: kit.json parses and fills every palette, type and logo role", (slug) => {
  const kit = loadKit(slug);
  for (const role of PALETTE_ROLES) expect(kit.palette[role].name.length, `${slug} palette.${role}.name`).toBeGreaterThan(0);
  const custom = Object.keys(kit.palette).filter((r) => !(PALETTE_ROLES as readonly string[]).includes(r));
  expect(custom.length, `${slug} has a custom palette role`).toBeGreaterThanOrEqual(1);
  for (const role of TYPE_ROLES) expect(kit.typography[role].files.length, `${slug} typography.${role}`).toBeGreaterThan(0);
  const bodyWeights = kit.typography.body.files.map((f) => f.weight);
  expect(bodyWeights).toEqual(expect.arrayContaining([400, 700]));
  for (const variant of LOGO_VARIANTS) expect(kit.logos[variant]?.mime, `${slug} logos.${variant}`).toBe("image/svg+xml");
  expect(kit.voice.tagline).not.toBe("");
  expect(kit.style.lighting).not.toBe("");
  expect(kit.style.photography.length).toBeGreaterThanOrEqual(3);
  expect(kit.style.sound.length).toBeGreaterThanOrEqual(3);
});

test.each(slugs)("%s: every logo is a small, self-contained SVG with a viewBox and no text or script", async (slug) => {
  const kit = loadKit(slug);
  for (const variant of LOGO_VARIANTS) {
    const logo = kit.logos[variant];
    if (!logo) throw new Error(`${slug}: logos.${variant} is missing`);
    const file = logoPath(slug, logo.src);
    const bytes = fs.readFileSync(file);
    expect(bytes.length, `${file} size`).toBeLessThan(MAX_LOGO_BYTES);
    const root = parseSvg(bytes.toString("utf8"), file);
    expect(root.localName, file).toBe("svg");
    const viewBox = (root.getAttribute("viewBox") ?? "").trim().split(/[\s,]+/).map(Number);
    expect(viewBox.length, `${file} viewBox`).toBe(4);
    expect(viewBox[2]! > 0 && viewBox[3]! > 0, `${file} viewBox has a size`).toBe(true);
    for (const el of elements(root)) {
      // librsvg has no fonts to draw <text> with, and a logo has no business running code.
      expect(["script", "text", "foreignObject", "image", "use", "style"], `${file} <${el.localName}>`).not.toContain(el.localName);
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.toLowerCase().startsWith("on"), `${file} ${attr.name}`).toBe(false);
        if (/href$/i.test(attr.name)) expect(attr.value.startsWith("#"), `${file} ${attr.name}=${attr.value}`).toBe(true);
        for (const ref of attr.value.matchAll(/url\(\s*['"]?([^'")\s]*)/g)) expect(ref[1]?.startsWith("#"), `${file} ${attr.value}`).toBe(true);
      }
    }
    // It must actually draw something: rasterised, some pixels are opaque.
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let opaque = 0;
    for (let i = 3; i < data.length; i += info.channels) if (data[i]! > 200) opaque++;
    expect(opaque / (info.width * info.height), `${file} opaque share`).toBeGreaterThan(0.03);
  }
});

test.each(slugs)("%s: the mono logo uses one colour and the reverse logo reads on the primary colour", (slug) => {
  const kit = loadKit(slug);
  const read = (variant: "mono" | "reverse") => {
    const file = logoPath(slug, kit.logos[variant]!.src);
    return parseSvg(fs.readFileSync(file, "utf8"), file);
  };
  expect([...paintedColours(read("mono"))]).toHaveLength(1);
  const primary = kit.palette.primary.color;
  for (const colour of paintedColours(read("reverse"))) {
    // WCAG non-text contrast: every part of the reverse logo stands out from the primary colour.
    expect(wcagContrast(colour, primary), `${slug} reverse ${colour} on ${primary}`).toBeGreaterThanOrEqual(3);
  }
});

test.each(slugs)("%s: every npm font resolves, parses, and matches its declared family, weight and style", (slug) => {
  const kit = loadKit(slug);
  for (const role of TYPE_ROLES) {
    const { family, files } = kit.typography[role];
    for (const face of files) {
      expect(face.src.startsWith("npm:"), `${slug} ${role} ${face.src}`).toBe(true);
      const file = require.resolve(face.src.slice("npm:".length));
      const font = fontkit.openSync(file);
      if (!("unitsPerEm" in font)) throw new Error(`${file} is a font collection, expected one face`);
      // Families with more than four faces keep the plain name in the typographic family (name ID 16).
      const fontFamily = font.getName("preferredFamily", "en") ?? font.familyName;
      expect(fontFamily, `${face.src} family`).toBe(family);
      expect(font["OS/2"].usWeightClass, `${face.src} weight`).toBe(face.weight);
      expect(font.italicAngle !== 0, `${face.src} italic`).toBe(face.style === "italic");
      expect(font.characterSet.length, `${face.src} covers Latin`).toBeGreaterThan(200);
    }
  }
});

test.each(slugs)("%s: text and muted text on background and surface pass WCAG AA 4.5:1", (slug) => {
  const { palette } = loadKit(slug);
  const pairs: [string, string][] = [
    ["text", "background"],
    ["text", "surface"],
    ["muted", "background"],
    ["muted", "surface"],
  ];
  for (const [fg, bg] of pairs) {
    const ratio = wcagContrast(palette[fg]!.color, palette[bg]!.color);
    expect(ratio, `${slug} ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  }
});

test("the three kits look different: their primary colours and heading families are distinct", () => {
  const kits = slugs.map(loadKit);
  expect(new Set(kits.map((k) => k.palette.primary.color)).size).toBe(kits.length);
  expect(new Set(kits.map((k) => k.typography.heading.family)).size).toBe(kits.length);
});

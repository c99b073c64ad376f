// Helpers for the video tests: the npm ffmpeg (so `npm test` needs no system package), the example kits
// loaded as the app stores them, the example briefs, and colour samples from decoded frames.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { resetEnvCache } from "~/env.server.ts";
import { deltaE2000 } from "~/lib/kit/palette.ts";
import { parseKit, type BrandKit } from "~/lib/kit/schema.ts";
import { parseBrief, type VideoBrief } from "~/lib/video/brief.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import { createKit } from "~/models/kit.server.ts";
import { internaliseKit } from "~/models/files.server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The static ffmpeg from @ffmpeg-installer/ffmpeg; FFMPEG_PATH points at it for the code under test. */
export function useNpmFfmpeg(): string {
  const bin = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  process.env.FFMPEG_PATH = bin;
  resetEnvCache();
  return bin;
}

/** An example kit from brand-kits/, files stored as the importer stores them, saved as a kit row of the scope's workspace. */
export async function storeExampleKit(scope: Scope, slug: string): Promise<{ id: string; slug: string; version: number; kit: BrandKit }> {
  const dir = path.join(ROOT, "brand-kits", slug);
  const doc = parseKit(JSON.parse(readFileSync(path.join(dir, "kit.json"), "utf8")));
  const { kit } = await internaliseKit(doc, { baseDir: dir });
  const row = await createKit(scope, kit);
  return { ...row, kit };
}

export function exampleBriefJson(name: string): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, "templates", "briefs", `${name}.json`), "utf8"));
}

export function exampleBrief(name: string): VideoBrief {
  return parseBrief(exampleBriefJson(name), name);
}

export function briefPath(name: string): string {
  return path.join(ROOT, "templates", "briefs", `${name}.json`);
}

export type Raw = { data: Buffer; width: number; height: number; channels: number };

export async function rawPixels(png: Buffer): Promise<Raw> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const hex2 = (n: number) => Math.round(n).toString(16).padStart(2, "0");

/** Mean colour of a rectangle, as hex. */
export function meanColour(img: Raw, x: number, y: number, w: number, h: number): string {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let j = y; j < y + h; j++) {
    for (let i = x; i < x + w; i++) {
      const o = (j * img.width + i) * img.channels;
      r += img.data[o] ?? 0;
      g += img.data[o + 1] ?? 0;
      b += img.data[o + 2] ?? 0;
    }
  }
  const n = w * h;
  return `#${hex2(r / n)}${hex2(g / n)}${hex2(b / n)}`;
}

export function pixel(img: Raw, x: number, y: number): string {
  return meanColour(img, x, y, 1, 1);
}

/** Points in a grid whose 7×7 neighbourhood is one flat colour equal to a palette role's colour: role → points. */
export function flatKitColourPoints(img: Raw, kit: BrandKit, step = 16): Map<string, { x: number; y: number }[]> {
  const byHex = new Map(Object.entries(kit.palette).map(([role, e]) => [e.color, role]));
  const found = new Map<string, { x: number; y: number }[]>();
  for (let y = 4; y < img.height - 4; y += step) {
    for (let x = 4; x < img.width - 4; x += step) {
      const c = pixel(img, x, y);
      const role = byHex.get(c);
      if (!role) continue;
      let flat = true;
      for (let j = -3; j <= 3 && flat; j++) for (let i = -3; i <= 3 && flat; i++) flat = pixel(img, x + i, y + j) === c;
      if (!flat) continue;
      found.set(role, [...(found.get(role) ?? []), { x, y }]);
    }
  }
  return found;
}

export const deltaE = deltaE2000;

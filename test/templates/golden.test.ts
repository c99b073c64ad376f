// Golden images: a few key layouts rendered small and compared with PNGs stored in test/golden/
// within a tolerance (antialiasing may shift a little between librsvg builds; a moved block or a
// changed colour does not pass). After an intended change, regenerate and look at them:
//   UPDATE_GOLDEN=1 npx vitest run test/templates/golden.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { getTemplate, renderTemplate } from "~/lib/templates/registry.ts";
import { preparedKit } from "./support.ts";
import { imageDiff, type ImageDiff } from "../support/image-diff.ts";

const dir = path.resolve(__dirname, "../golden");
const update = process.env.UPDATE_GOLDEN === "1";

const GOLDENS = [
  { name: "menu-a4-harbour-and-vine", template: "menu", format: "a4", kit: "harbour-and-vine", scale: 0.25, page: 0 },
  { name: "instagram-post-square-pulse-cycle-studio", template: "instagram-post", format: "ig-square", kit: "pulse-cycle-studio", scale: 0.25, page: 0 },
  { name: "event-flyer-story-wild-stem-florals", template: "event-flyer", format: "story", kit: "wild-stem-florals", scale: 0.2, page: 0 },
  { name: "business-card-back-harbour-and-vine", template: "business-card", format: "card-eu", kit: "harbour-and-vine", scale: 1, page: 1 },
] as const;

type Diff = ImageDiff;

const compare = (a: Buffer, b: Buffer): Promise<Diff> => imageDiff(a, b, { strongAbove: 48 });

async function render(g: (typeof GOLDENS)[number], kit: string = g.kit): Promise<Buffer> {
  const template = getTemplate(g.template);
  const out = await renderTemplate(template, template.sample, await preparedKit(kit), g.format, { format: "png", scale: g.scale, page: g.page });
  return out.bytes;
}

for (const g of GOLDENS) {
  test(`golden: ${g.name}`, async () => {
    const file = path.join(dir, `${g.name}.png`);
    const png = await render(g);
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, png);
      return;
    }
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and look at the image`).toBe(true);
    const diff = await compare(png, readFileSync(file));
    expect(diff.mean, g.name).toBeLessThan(1.5);
    expect(diff.strong, g.name).toBeLessThan(0.005);
  });
}

test("the golden comparison fails for the same design in another kit (it can fail)", async () => {
  const g = GOLDENS[0];
  const file = path.join(dir, `${g.name}.png`);
  if (!existsSync(file)) return;
  const diff = await compare(await render(g, "wild-stem-florals"), readFileSync(file));
  expect(diff.mean > 1.5 || diff.strong > 0.005).toBe(true);
});

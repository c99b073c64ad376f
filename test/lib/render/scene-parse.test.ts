// parseScene reuses nodes it has parsed before (by their JSON text). It must return exactly what the
// zod schema returns, for every template's scenes, and report bad input as the full parse does.
import { expect, test } from "vitest";
import { parseScene, SceneSchema } from "~/lib/render/scene.ts";
import { buildContext } from "~/lib/templates/context.server.ts";
import { parseContent, TEMPLATES } from "~/lib/templates/registry.ts";
import { preparedKit } from "../../templates/support.ts";
import { posterScene } from "./fixtures.ts";

test("every template's scenes parse (twice, through the cache) to exactly the schema's output", async () => {
  const kit = await preparedKit("wild-stem-florals");
  let nodes = 0;
  for (const template of TEMPLATES) {
    for (const format of template.formats) {
      const data = parseContent(template, template.sample);
      for (const scene of template.layout(data, await buildContext(kit, format, data))) {
        const expected = SceneSchema.parse(scene);
        expect(parseScene(scene), `${template.id} ${format}`).toEqual(expected);
        expect(parseScene(structuredClone(scene)), `${template.id} ${format} again`).toEqual(expected);
        nodes += expected.nodes.length;
      }
    }
  }
  expect(nodes).toBeGreaterThan(300);
});

test("nodes with photos and logos parse every time; kept nodes are frozen", async () => {
  const scene = await posterScene();
  const first = parseScene(scene);
  const second = parseScene(scene);
  expect(second).toEqual(first);
  const rect = second.nodes.find((n) => n.type === "rect");
  expect(rect).toBe(first.nodes.find((n) => n.type === "rect"));
  expect(Object.isFrozen(rect)).toBe(true);
  const image = second.nodes.find((n) => n.type === "image");
  expect(image).not.toBe(first.nodes.find((n) => n.type === "image"));
  expect(image?.type === "image" && image.bytes).toBeInstanceOf(Uint8Array);
});

test("a bad node, a bad scene field or too many nodes still get the full parse's messages", () => {
  const good = { type: "rect", x: 0, y: 0, w: 10, h: 10, fill: "#112233" };
  parseScene({ width: 10, height: 10, nodes: [good] });
  expect(() => parseScene({ width: 10, height: 10, nodes: [good, { ...good, fill: "red" }] })).toThrow(/nodes\.1\.fill: must be a hex colour/);
  expect(() => parseScene({ width: -1, height: 10, nodes: [good] })).toThrow(/width: Too small/);
  expect(() => parseScene({ width: 10, height: 10, widthMm: 5, nodes: [good] })).toThrow(/widthMm: give both widthMm and heightMm/);
  expect(() => parseScene({ width: 10, height: 10, nodes: [{ ...good, extra: 1 }] })).toThrow(/nodes\.0/);
  expect(() => parseScene({ width: 10, height: 10, nodes: Array.from({ length: 5001 }, () => good) })).toThrow(/nodes: Too big/);
  expect(() => parseScene({ width: 10, height: 10 })).toThrow(/nodes/);
});

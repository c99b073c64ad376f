// ctx.measure wraps text exactly as the render engine lays it out, so templates can size boxes and
// break pages on real metrics: a text box of the measured height holds the text, one line less does not,
// and a leader row fits the height measured for it (price set with tabular figures) and no less.
import { expect, test } from "vitest";
import { layoutScene } from "~/lib/render/layout.ts";
import { buildContext } from "~/lib/templates/context.server.ts";
import { leaderLabelWidth } from "~/lib/templates/layout-copy.ts";
import { preparedKit } from "./support.ts";

const copy = "Five small courses from the day's catch, each poured with a skin-contact wine from a grower we love.";

test("a text box of the measured size holds the text; a line less overflows", async () => {
  const prepared = await preparedKit("wild-stem-florals");
  const ctx = await buildContext(prepared, "a5", {});
  for (const width of [120, 200, 333, 480]) {
    const font = ctx.font("accent", 500, "italic");
    const m = ctx.measure(copy, { font, size: 17, width, lineHeight: 1.3 });
    expect(m.lines).toBeGreaterThan(0);
    expect(m.width).toBeLessThanOrEqual(width);
    const node = (h: number) => ({ type: "text" as const, field: "copy", text: copy, x: 0, y: 0, w: width, h, font, size: 17, lineHeight: 1.3, colour: "#000000" });
    expect(layoutScene({ width: 600, height: 600, nodes: [node(m.height)] }, prepared.fonts).overflow, `width ${width}`).toEqual([]);
    expect(layoutScene({ width: 600, height: 600, nodes: [node(m.height - 17 * 1.3)] }, prepared.fonts).overflow.map((o) => o.field)).toEqual(["copy"]);
  }
});

test("a leader row fits exactly the height measured for it", async () => {
  const prepared = await preparedKit("pulse-cycle-studio");
  const ctx = await buildContext(prepared, "a4", {});
  const label = { font: ctx.font("body", 700), size: 19, lineHeight: 1.25 };
  const detail = { font: ctx.font("body", 400), size: 14, lineHeight: 1.3 };
  for (const [name, price] of [
    ["Unlimited monthly membership with towel service", "129.00"],
    ["Ten-class pack", "1,150"],
    ["Private room hire for birthdays, teams and hen parties", "250 / 350"],
  ] as const) {
    for (const colW of [260, 340, 420]) {
      const w = leaderLabelWidth(ctx, colW, price, label);
      const h = ctx.measure(name, { ...label, width: w }).height + ctx.measure(copy, { ...detail, width: w }).height;
      const node = (boxH: number) => ({
        type: "leaders" as const,
        field: "rows",
        x: 0,
        y: 0,
        w: colW,
        h: boxH,
        rows: [{ label: name, price, detail: copy }],
        label: { ...label, colour: "#000000" },
        price: { ...label, colour: "#000000" },
        detail: { ...detail, colour: "#000000" },
        leader: { colour: "#000000" },
      });
      expect(layoutScene({ width: 600, height: 900, nodes: [node(h)] }, prepared.fonts).overflow, `${name} in ${colW}`).toEqual([]);
      expect(layoutScene({ width: 600, height: 900, nodes: [node(h - 1)] }, prepared.fonts).overflow, `${name} in ${colW}`).toHaveLength(1);
    }
  }
});

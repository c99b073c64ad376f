import { expect, test } from "vitest";
import { exportDtcg, importDtcg, TokenImportError } from "~/lib/kit/dtcg.ts";
import { toHex } from "~/lib/kit/colour.ts";
import { fullKit } from "./token-fixtures.ts";

function importError(json: unknown): TokenImportError {
  try {
    importDtcg(json, {});
  } catch (error) {
    if (error instanceof TokenImportError) return error;
    throw error;
  }
  throw new Error("import did not fail");
}

const color = (value: unknown, extra: Record<string, unknown> = {}) => ({ $type: "color", $value: value, ...extra });

test("a full kit survives export to DTCG JSON text and import back, deep-equal and without warnings", () => {
  const kit = fullKit();
  const text = JSON.stringify(exportDtcg(kit), null, 2);
  const { kit: back, warnings } = importDtcg(JSON.parse(text), {});
  expect(back).toEqual(kit);
  expect(Object.keys(back.palette)).toEqual(Object.keys(kit.palette));
  expect(warnings).toEqual([]);
  // The text form is accepted too.
  expect(importDtcg(text, {}).kit).toEqual(kit);
});

test("the export is 2025.10 form: srgb colour objects, names as descriptions, font families, typography composites", () => {
  const kit = fullKit();
  const doc = exportDtcg(kit) as Record<string, any>;
  expect(doc.color.$type).toBe("color");
  expect(doc.color.primary.$value).toEqual({ colorSpace: "srgb", components: [0.1216, 0.2275, 0.3725], hex: "#1f3a5f" });
  expect(doc.color.primary.$description).toBe("harbour navy");
  expect(doc.color["deep-sea"].$value.hex).toBe("#0b2233");
  expect(doc.font.$type).toBe("fontFamily");
  expect(doc.font.heading.$value).toBe("Playfair Display");
  expect(doc.typography.$type).toBe("typography");
  expect(doc.typography.heading.$value).toMatchObject({ fontFamily: "{font.heading}", fontWeight: 700, fontSize: "{font-size.3xl}" });
  expect(doc.typography.body.$value).toMatchObject({ fontFamily: "{font.body}", fontWeight: 400, fontSize: "{font-size.base}" });
  expect(doc["font-size"].base.$value).toEqual({ value: 17, unit: "px" });
  expect(doc["font-size"]["3xl"].$value).toEqual({ value: 53.67, unit: "px" }); // 17 × 1.333^4
  for (const [role, entry] of Object.entries(kit.palette)) {
    const [r, g, b] = doc.color[role].$value.components as number[];
    expect(toHex(`rgb(${r! * 255} ${g! * 255} ${b! * 255})`)).toBe(entry.color);
  }
});

test("colours in every DTCG colour space are read, with the spec's D50 Lab and 0–100 HSL percentages", () => {
  const magenta: [string, unknown[]][] = [
    ["srgb", [1, 0, 1]],
    ["srgb-linear", [1, 0, 1]],
    ["hsl", [300, 100, 50]],
    ["hwb", [300, 0, 0]],
    ["lab", [60.17, 93.54, -60.5]],
    ["lch", [60.17, 111.4, 327.11]],
    ["oklab", [0.7017, 0.2746, -0.1693]],
    ["oklch", [0.7017, 0.3225, 328.36]],
  ];
  const white: [string, unknown[]][] = [
    ["display-p3", [1, 1, 1]],
    ["a98-rgb", [1, 1, 1]],
    ["prophoto-rgb", [1, 1, 1]],
    ["rec2020", [1, 1, 1]],
    ["xyz-d65", [0.9505, 1, 1.089]],
    ["xyz-d50", [0.9642, 1, 0.8249]],
    ["hsl", ["none", 0, 100]],
  ];
  const doc = {
    color: {
      $type: "color",
      magenta: Object.fromEntries(magenta.map(([space, components]) => [space, { $value: { colorSpace: space, components } }])),
      white: Object.fromEntries(white.map(([space, components], i) => [`${space}-${i}`, { $value: { colorSpace: space, components } }])),
      // Mid colours in the wide-gamut spaces must agree with the same colour written as CSS color().
      p3: { $value: { colorSpace: "display-p3", components: [0.3, 0.5, 0.6] } },
      a98: { $value: { colorSpace: "a98-rgb", components: [0.3, 0.5, 0.6] } },
      prophoto: { $value: { colorSpace: "prophoto-rgb", components: [0.4, 0.45, 0.5] } },
      rec2020: { $value: { colorSpace: "rec2020", components: [0.4, 0.45, 0.5] } },
      lin: { $value: { colorSpace: "srgb-linear", components: [0.2, 0.5, 0.6] } },
    },
  };
  const { kit, warnings } = importDtcg(doc, { name: "Spaces" });
  // The spec's magenta figures are rounded, so a few land a hair outside sRGB; the mid colours must not.
  expect(warnings.filter((w) => /outside sRGB/.test(w) && !w.startsWith("color.magenta."))).toEqual([]);
  // Every magenta token (8 spaces) and white token (7) landed somewhere: as core roles or custom roles.
  const all = Object.entries(kit.palette);
  expect(all.filter(([, e]) => e.color === "#ff00ff").length).toBe(8);
  expect(all.filter(([, e]) => e.color === "#ffffff").length).toBe(7);
  expect(kit.palette["p3"]?.color).toBe(toHex("color(display-p3 0.3 0.5 0.6)"));
  expect(kit.palette["a98"]?.color).toBe(toHex("color(a98-rgb 0.3 0.5 0.6)"));
  expect(kit.palette["prophoto"]?.color).toBe(toHex("color(prophoto-rgb 0.4 0.45 0.5)"));
  expect(kit.palette["rec2020"]?.color).toBe(toHex("color(rec2020 0.4 0.45 0.5)"));
  expect(kit.palette["lin"]?.color).toBe(toHex("color(srgb-linear 0.2 0.5 0.6)"));
  expect(kit.palette["p3"]?.color).not.toBe(toHex("rgb(30% 50% 60%)"));
});

test("older hex and CSS strings are read; alpha is dropped with a warning", () => {
  const { kit, warnings } = importDtcg(
    { color: { primary: color("#1F3A5F"), accent: color("rgb(200 85 61)"), background: color("#faf7f280"), text: color("oklch(0.2 0 0)") } },
    { name: "Old" },
  );
  expect(kit.palette.primary.color).toBe("#1f3a5f");
  expect(kit.palette.accent.color).toBe("#c8553d");
  expect(kit.palette.background.color).toBe("#faf7f2");
  expect(warnings).toContainEqual(expect.stringMatching(/^color\.background: alpha 0\.50\d* dropped/));
});

test("an out-of-sRGB colour uses its hex fallback, or is gamut-mapped, and says so", () => {
  const { kit, warnings } = importDtcg(
    {
      color: {
        $type: "color",
        primary: { $value: { colorSpace: "display-p3", components: [0, 1, 0], hex: "#00FF00" } },
        accent: { $value: { colorSpace: "display-p3", components: [0, 1, 0] } },
      },
    },
    { name: "Wide" },
  );
  expect(kit.palette.primary.color).toBe("#00ff00");
  expect(kit.palette.accent.color).toMatch(/^#[0-9a-f]{6}$/);
  expect(warnings).toContainEqual("color.primary: display-p3 colour is outside sRGB; using its hex fallback #00ff00");
  expect(warnings).toContainEqual(expect.stringMatching(/^color\.accent: display-p3 colour is outside sRGB; gamut-mapped to #/));
});

test("aliases resolve through chains and $ref pointers, and take their type from the target", () => {
  const doc = {
    base: { $type: "color", navy: { $value: { colorSpace: "srgb", components: [0.1216, 0.2275, 0.3725] } }, cream: { $value: "#faf7f2" } },
    // No $type here: each alias inherits the type of what it points at.
    semantic: {
      brand: { $value: "{base.navy}" },
      primary: { $value: "{semantic.brand}" },
      background: { $value: { $ref: "#/base/cream" } },
      text: { $value: { colorSpace: "srgb", components: [{ $ref: "#/base/navy/$value/components/0" }, 0.1, 0.1] } },
    },
  };
  const { kit } = importDtcg(doc, { name: "Aliases" });
  expect(kit.palette.primary.color).toBe("#1f3a5f");
  expect(kit.palette.background.color).toBe("#faf7f2");
  expect(kit.palette.text.color).toBe(toHex("rgb(12.16% 10% 10%)"));
});

test("$type is inherited from ancestor groups and $extends copies a group's tokens", () => {
  const doc = {
    theme: {
      $type: "color",
      light: { primary: { $value: "#1f3a5f" }, background: { $value: "#ffffff" } },
    },
    brand: { $extends: "{theme.light}", accent: { $value: "#c8553d", $type: "color" }, primary: { $value: "#0b2233", $type: "color" } },
  };
  const { kit } = importDtcg(doc, { name: "Extends" });
  // theme.light.primary comes first in the file, so it is primary; brand.primary overrides only inside brand.
  expect(kit.palette.primary.color).toBe("#1f3a5f");
  expect(kit.palette.accent.color).toBe("#c8553d");
  expect(Object.values(kit.palette).map((e) => e.color)).toContain("#0b2233");
});

test("an alias to nowhere is an error naming the token and the reference", () => {
  const error = importError({ color: { $type: "color", brand: { crust: { $value: "{color.base.x}" } }, base: { y: { $value: "#000" } } } });
  expect(error.issues).toEqual([{ path: "color.brand.crust", message: "alias {color.base.x} points nowhere" }]);
  expect(error.message).toBe("color.brand.crust: alias {color.base.x} points nowhere");
});

test("an alias cycle is an error listing the cycle, reported once", () => {
  const error = importError({
    color: { $type: "color", a: { $value: "{color.b}" }, b: { $value: "{color.a}" }, c: { $value: "{color.a}" }, ok: { $value: "#123456" } },
  });
  expect(error.issues).toEqual([{ path: "color.a", message: "alias cycle color.a -> color.b -> color.a" }]);
});

test("unknown colour spaces, bad components and aliases to groups are all reported together", () => {
  const error = importError({
    color: {
      $type: "color",
      x: { $value: { colorSpace: "cmyk", components: [0, 0, 0, 1] } },
      y: { $value: { colorSpace: "hsl", components: [120, 0.5] } },
      z: { $value: { colorSpace: "hsl", components: [120, 150, 50] } },
      w: { $value: "{color}" },
      v: { $value: "banana" },
    },
  });
  expect(error.issues).toEqual([
    { path: "color.w", message: "alias {color} is a group, not a token" },
    { path: "color.x", message: 'unknown colour space "cmyk"' },
    { path: "color.y", message: "hsl colour needs 3 components" },
    { path: "color.z", message: "component 2 (saturation) 150 is outside 0–100 for hsl" },
    { path: "color.v", message: '"banana" is not a colour' },
  ]);
});

test("malformed JSON text is an error with line and column", () => {
  const error = importError('{\n  "color": {\n    "primary": { "$value": }\n  }\n}');
  expect(error.issues).toHaveLength(1);
  expect(error.issues[0]!.path).toBe("line 3, column 28");
  expect(error.issues[0]!.message).toMatch(/^malformed JSON/);
  expect(importError('{"a": 1,}').issues[0]!.path).toBe("line 1, column 9");
});

test("a foreign tokens file maps roles by name, fills the gaps from its colours and lists every guess", () => {
  const doc = {
    color: {
      $type: "color",
      primary: { "50": { $value: "#eef4ff" }, "500": { $value: "#2563eb" }, "900": { $value: "#1e3a8a" } },
      bg: { $value: "#ffffff" },
      ink: { $value: "#0f172a", $description: "midnight ink" },
      "text-subtle": { $value: "#64748b" },
      coral: { $value: "#f97362" },
    },
    font: { $type: "fontFamily", display: { $value: ["Fraunces", "Georgia", "serif"] }, sans: { $value: "Inter" } },
    typography: { $type: "typography", body: { $value: { fontFamily: "{font.sans}", fontSize: "18px", fontWeight: 400, lineHeight: 1.5 } } },
  };
  const { kit, warnings } = importDtcg(doc, { name: "Foreign" });
  expect(kit.palette.primary.color).toBe("#2563eb");
  expect(kit.palette.background.color).toBe("#ffffff");
  expect(kit.palette.text).toEqual({ color: "#0f172a", name: "midnight ink" });
  expect(kit.palette.muted.color).toBe("#64748b");
  expect(kit.palette.secondary.color).toBe("#f97362"); // the only colour left over
  expect(kit.palette.accent.color).toMatch(/^#[0-9a-f]{6}$/);
  expect(kit.typography.heading.family).toBe("Fraunces");
  expect(kit.typography.body.family).toBe("Inter");
  expect(kit.typography.accent.family).toBe("Inter");
  expect(kit.typography.scale).toEqual({ base: 18, ratio: 1.25 });
  expect(warnings).toContainEqual("palette.secondary: no token named secondary; using color.coral (#f97362)");
  expect(warnings).toContainEqual(expect.stringMatching(/^palette\.accent: no accent colour; using the complement of primary; using #/));
  expect(warnings).toContainEqual(expect.stringMatching(/^palette\.surface: no surface colour/));
  expect(warnings).toContainEqual("2 numbered shade token(s) skipped: Marque derives tints and shades from each role");
  expect(warnings).toContainEqual(expect.stringMatching(/^colour names generated for prompts \(rename them\): .*primary "blue"/));
  expect(warnings).toContainEqual("typography.accent: no accent font; using Inter (the body font)");
  expect(warnings).toContainEqual("typography.scale.ratio: no type scale ratio; using 1.25");
  expect(kit.name).toBe("Foreign");
});

test("typography sizes are read from 2025.10 dimensions in px or rem", () => {
  const base = (fontSize: unknown) =>
    importDtcg({ c: { primary: color("#123456") }, typography: { body: { $type: "typography", $value: { fontFamily: "Inter", fontSize } } } }, { name: "x" }).kit
      .typography.scale.base;
  expect(base({ value: 15, unit: "px" })).toBe(15);
  expect(base({ value: 1.125, unit: "rem" })).toBe(18);
  expect(base("1rem")).toBe(16);
  const error = importError({ c: { primary: color("#123456") }, t: { $type: "typography", $value: { fontFamily: "Inter", fontSize: { value: 2, unit: "em" } } } });
  expect(error.issues).toEqual([{ path: "t", message: 'fontSize: dimension unit must be "px" or "rem", not "em"' }]);
  const weight = importError({ c: { primary: color("#123456") }, t: { $type: "typography", $value: { fontFamily: "Inter", fontWeight: "chunky" } } });
  expect(weight.issues).toEqual([{ path: "t", message: 'fontWeight "chunky" is not a number 1–1000 or a weight name like "bold"' }]);
  expect(base({ value: 16, unit: "px" })).toBe(16);
});

test("a file with no colours, or with Marque data that does not validate, is an error and nothing is returned", () => {
  expect(importError({ font: { $type: "fontFamily", body: { $value: "Inter" } } }).issues).toEqual([
    { path: "(file)", message: "no colour tokens found in the tokens file" },
  ]);
  const doc = exportDtcg(fullKit()) as Record<string, any>;
  doc.color.primary.$extensions["dev.marque"].print.cmyk = [100, 72, 28, 220];
  doc.$extensions["dev.marque"].style.flaws = "lots";
  const issues = importError(doc).issues;
  expect(issues).toContainEqual({ path: "color.primary", message: expect.stringMatching(/^print\.cmyk\.3: /) });
  expect(issues).toContainEqual({ path: "$extensions.dev.marque.style.flaws", message: expect.any(String) });
});

test("a token that is neither token nor group, or a name with a dot, is reported by path", () => {
  const error = importError({ color: { $type: "color", primary: { $value: "#123456" }, oops: 3, "a.b": { $value: "#fff" } } });
  expect(error.issues).toEqual([
    { path: "color.oops", message: "is neither a token (an object with $value) nor a group" },
    { path: "color.a.b", message: 'name "a.b" may not contain ".", "{" or "}"' },
  ]);
});

test("with unnamed colours, a white and a black become background and text, never secondary or accent", () => {
  const { kit, warnings } = importDtcg({ palette: { $type: "color", navy: { $value: "#1f3a5f" }, snow: { $value: "#ffffff" }, coal: { $value: "#000000" } } }, { name: "Three" });
  expect(kit.palette.primary.color).toBe("#1f3a5f");
  expect(kit.palette.background.color).toBe("#ffffff");
  expect(kit.palette.text.color).toBe("#000000");
  expect(kit.palette.secondary.color).not.toMatch(/^#(ffffff|000000)$/);
  expect(kit.palette.accent.color).not.toMatch(/^#(ffffff|000000)$/);
  expect(warnings).toContainEqual("palette.primary: no token named primary; using palette.navy (#1f3a5f)");
  expect(warnings).toContainEqual("palette.background: no token named background; using the light colour palette.snow (#ffffff)");
  expect(warnings).toContainEqual("palette.text: no token named text; using palette.coal (#000000), the colour that reads on the background");
  expect(Object.keys(kit.palette)).toHaveLength(7);
});

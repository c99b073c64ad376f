// Property-based tests over the parsers that take input from users: whatever arrives, each either
// answers or refuses with its own named error — no crash, no hang — and the SVG sanitiser never
// lets active content through. Bounded runs so `npm test` stays quick.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import fc from "fast-check";
import { expect, test } from "vitest";
import { importDtcg, TokenImportError } from "~/lib/kit/dtcg.ts";
import { parseKit } from "~/lib/kit/schema.ts";
import { CsvError, csvCell, looksLikeFormula, parseCsv } from "~/lib/bulk/csv.ts";
import { sanitizeSvg } from "~/lib/upload/svg-sanitize.ts";
import { UploadError } from "~/lib/upload/errors.ts";
import { BriefValidationError, parseBrief } from "~/lib/video/brief.ts";
import { compileBrief } from "~/lib/video/compile.ts";

const RUNS = { numRuns: 250, interruptAfterTimeLimit: 20_000 };
const within = (ms: number, fn: () => void) => {
  const started = performance.now();
  fn();
  expect(performance.now() - started).toBeLessThan(ms);
};

// ---- DTCG importer -------------------------------------------------------------------------------
const tokenPath = fc.array(fc.constantFrom("color", "brand", "base", "primary", "text", "bg", "a", "b", "font", "$x"), { minLength: 1, maxLength: 3 });
const colourValue = fc.oneof(
  fc.constantFrom("#fff", "#123456", "red", "oklch(0.5 0.1 200)", "not a colour", "", "#zzzzzz"),
  tokenPath.map((p) => `{${p.join(".")}}`),
  fc.record({
    colorSpace: fc.constantFrom("srgb", "oklch", "lab", "display-p3", "hsl", "cmyk", "xyz-d50", 42),
    components: fc.array(fc.oneof(fc.double({ noNaN: false }), fc.constant("none"), fc.integer()), { maxLength: 5 }),
    alpha: fc.option(fc.double(), { nil: undefined }),
  }),
);
const token = fc.record({ $type: fc.option(fc.constantFrom("color", "dimension", "fontFamily", "typography", "bogus"), { nil: undefined }), $value: fc.oneof(colourValue, fc.jsonValue()) });
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, token, fc.dictionary(fc.constantFrom("color", "brand", "base", "primary", "text", "bg", "a", "b", "font", "$type"), tie("node"), { maxKeys: 4 })),
})).node;

test("the DTCG importer answers any token file with a valid kit or a TokenImportError", () => {
  fc.assert(
    fc.property(fc.oneof(tree, fc.jsonValue(), fc.string()), (input) => {
      within(2000, () => {
        let kit;
        try {
          kit = importDtcg(input, { name: "Fuzz" }).kit;
        } catch (error) {
          expect(error).toBeInstanceOf(TokenImportError);
          return;
        }
        expect(parseKit(kit).name).toBe("Fuzz");
      });
    }),
    RUNS,
  );
});

// ---- CSV reader ----------------------------------------------------------------------------------
test("the CSV reader answers any bytes with a table or a CsvError, and written cells never start a formula", () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom("=1+1", "+SUM(A1)", "-2", "@cmd", '"quoted, cell"', "a\nb", "\t=x", "\r=x"));
  const csvText = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 8 }).map((rows) => rows.map((r) => r.join(fc.sample(fc.constantFrom(",", ";", "\t"), 1)[0])).join("\n"));
  fc.assert(
    fc.property(fc.oneof(csvText, fc.string(), fc.uint8Array({ maxLength: 400 })), (input) => {
      within(2000, () => {
        let table;
        try {
          table = parseCsv(input);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvError);
          return;
        }
        expect(table.headers.length).toBeGreaterThan(0);
      });
    }),
    RUNS,
  );
  fc.assert(
    fc.property(fc.string(), (value) => {
      const written = csvCell(value);
      const unquoted = written.startsWith('"') ? written.slice(1) : written;
      if (looksLikeFormula(value)) expect(unquoted.startsWith("'")).toBe(true);
    }),
    RUNS,
  );
});

// ---- SVG sanitiser -------------------------------------------------------------------------------
const ACTIVE_ELEMENTS = new Set(["script", "foreignobject", "iframe", "embed", "object", "set", "animate", "handler", "listener"]);
const elementName = fc.constantFrom("g", "rect", "path", "circle", "script", "foreignObject", "a", "use", "image", "style", "set", "animate", "text", "iframe", "svg", "defs", "linearGradient");
const attribute = fc.tuple(
  fc.constantFrom("fill", "d", "href", "xlink:href", "onload", "onclick", "OnMouseOver", "style", "src", "transform", "x", "width", "id", "begin"),
  fc.constantFrom("#000", "M0 0L10 10", "javascript:alert(1)", " JaVaScRiPt:alert(1)", "&#106;avascript:x", "http://evil.test/x.svg#a", "file:///etc/passwd", "#local", "url(http://evil.test/a.png)", "background:url(javascript:x)", "data:image/svg+xml;base64,PHN2Zz4=", "alert(1)", "10"),
);
type El = { name: string; attrs: [string, string][]; children: El[] };
const leaf: fc.Arbitrary<El> = fc.record({ name: elementName, attrs: fc.array(attribute, { maxLength: 3 }), children: fc.constant([] as El[]) });
const element: fc.Arbitrary<El> = fc.letrec((tie) => ({
  el: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ name: elementName, attrs: fc.array(attribute, { maxLength: 3 }), children: fc.array(tie("el") as fc.Arbitrary<El>, { maxLength: 3 }) }),
  ),
})).el as fc.Arbitrary<El>;
const esc = (v: string) => v.replace(/"/g, "&quot;").replace(/</g, "&lt;");
const xml = (e: El): string => `<${e.name}${e.attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join("")}>${e.name === "script" || e.name === "style" ? "@import url(http://evil.test/x.css); alert(1)" : ""}${e.children.map(xml).join("")}</${e.name}>`;

function activeContent(svg: string): string[] {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const found: string[] = [];
  const walk = (n: { nodeType: number; nodeName: string; attributes?: ArrayLike<{ name: string; value: string }>; childNodes?: ArrayLike<unknown> }) => {
    if (n.nodeType === 1) {
      if (ACTIVE_ELEMENTS.has(n.nodeName.toLowerCase())) found.push(`<${n.nodeName}>`);
      for (const a of Array.from(n.attributes ?? [])) {
        if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue; // namespace names, never fetched
        const value = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (/^on/i.test(a.name)) found.push(`${a.name}=`);
        // A raw address only fetches from a reference attribute; elsewhere only url(...) does.
        const reference = /(^|:)(href|src)$/i.test(a.name);
        if (value.includes("javascript:") || (reference && !value.startsWith("#") && !/^data:image\/(png|jpe?g|webp);/.test(value)) || /url\((?!#)/.test(value)) found.push(`${a.name}="${a.value}"`);
      }
      if (n.nodeName.toLowerCase() === "style" && /@import|url\((?!#)/i.test(String((n as { textContent?: string }).textContent))) found.push("<style> with external refs");
    }
    for (const c of Array.from(n.childNodes ?? [])) walk(c as Parameters<typeof walk>[0]);
  };
  walk(doc as unknown as Parameters<typeof walk>[0]);
  return found;
}

test("the SVG sanitiser never returns active content, whatever it is given", () => {
  fc.assert(
    fc.property(fc.array(element, { maxLength: 4 }), fc.oneof(fc.constant(""), fc.string({ maxLength: 40 })), (children, junk) => {
      const doc = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${children.map(xml).join("")}${junk}</svg>`;
      within(2000, () => {
        let svg: string;
        try {
          svg = sanitizeSvg(doc, { fileName: "fuzz.svg" }).svg;
        } catch (error) {
          expect(error).toBeInstanceOf(UploadError);
          return;
        }
        expect(activeContent(svg)).toEqual([]);
      });
    }),
    RUNS,
  );
});

// ---- Brief schema and prompt compiler ------------------------------------------------------------
const kit = parseKit(JSON.parse(readFileSync("brand-kits/harbour-and-vine/kit.json", "utf8")));
const briefsDir = "templates/briefs";
const examples = readdirSync(briefsDir).map((f) => JSON.parse(readFileSync(path.join(briefsDir, f), "utf8")) as Record<string, unknown>);

test("the brief schema answers any JSON with a brief or a BriefValidationError", () => {
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), fc.constantFrom(...examples).chain((b) => fc.record({ key: fc.constantFrom(...Object.keys(b)), value: fc.jsonValue() }).map(({ key, value }) => ({ ...b, [key]: value })))), (input) => {
      try {
        parseBrief(input);
      } catch (error) {
        expect(error).toBeInstanceOf(BriefValidationError);
      }
    }),
    RUNS,
  );
});

test("the prompt compiler turns any valid brief text into prompts without hex codes, deterministically", () => {
  const text = fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom("paint it #ff0000", "ÜNÏCØDÉ 漢字 مرحبا 🎉", "a".repeat(400), "Shot 99", "{kit.palette}"));
  fc.assert(
    fc.property(fc.constantFrom(...examples), text, text, (example, action, line) => {
      const draft = structuredClone(example) as { shots: { action: string }[]; dialogue?: { text: string }[] };
      if (draft.shots[0]) draft.shots[0].action = action.trim() || "a pause";
      if (draft.dialogue?.[0]) draft.dialogue[0].text = line.trim() || "Hello";
      let brief;
      try {
        brief = parseBrief(draft);
      } catch (error) {
        expect(error).toBeInstanceOf(BriefValidationError);
        return;
      }
      const a = compileBrief(brief, kit, { model: "fuzz-model" });
      const b = compileBrief(brief, kit, { model: "fuzz-model" });
      expect(a).toEqual(b);
      for (const clip of a.clips) expect(clip.prompt).not.toMatch(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/i);
    }),
    { ...RUNS, numRuns: 120 },
  );
});

import { DOMParser } from "@xmldom/xmldom";
import type { Element as XmlElement, Node as XmlNode } from "@xmldom/xmldom";
import sharp from "sharp";
import { expect, test } from "vitest";
import { UploadError } from "../../../app/lib/upload/errors.ts";
import { sanitizeSvg } from "../../../app/lib/upload/svg-sanitize.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string, attrs = 'viewBox="0 0 100 100"') => `<svg xmlns="${SVG_NS}" ${XLINK} ${attrs}>${body}</svg>`;
const clean = (input: string | Uint8Array) => sanitizeSvg(input, { fileName: "logo.svg" });

/**
 * Independent of the sanitiser's allowlist: parses the output again and lists anything that could run
 * script, load another resource or expand without bound. An empty list means the output is inert.
 */
function activeContent(output: string): string[] {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (_l, m) => problems.push(`reparse: ${m}`) }).parseFromString(output, "image/svg+xml");
  if (doc.doctype) problems.push("doctype");
  const compact = output.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
  if (compact.includes("javascript:")) problems.push("javascript: in text");
  if (compact.includes("@import")) problems.push("@import");
  const visit = (node: XmlNode) => {
    if (node.nodeType === 7) problems.push(`processing instruction ${node.nodeName}`);
    if (node.nodeType !== 1) return;
    const el = node as XmlElement;
    if (el.namespaceURI !== SVG_NS) problems.push(`foreign element ${el.nodeName}`);
    const name = (el.localName ?? "").toLowerCase();
    if (["script", "foreignobject", "set", "animate", "animatemotion", "animatetransform", "iframe", "embed", "object", "handler", "listener"].includes(name)) {
      problems.push(`element ${name}`);
    }
    for (const attr of Array.from(el.attributes)) {
      const value = attr.value;
      if (attr.name === "xmlns" || attr.name.startsWith("xmlns:")) continue;
      if (/^on/i.test(attr.localName ?? attr.name)) problems.push(`event handler ${attr.name}`);
      if ((attr.localName ?? attr.name) === "href" && !/^#[\w.:-]+$/.test(value) && !/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(value)) {
        problems.push(`href ${value}`);
      }
      for (const m of value.matchAll(/url\s*\(([^)]*)\)/gi)) if (!/^\s*['"]?#/.test(m[1] ?? "")) problems.push(`url ${m[0]}`);
      if (/https?:|file:|\\/i.test(value)) problems.push(`reference or escape in ${attr.name}: ${value}`);
    }
    if (name === "style") {
      const css = el.textContent ?? "";
      for (const m of css.matchAll(/url\s*\(([^)]*)\)/gi)) if (!/^\s*['"]?#/.test(m[1] ?? "")) problems.push(`css url ${m[0]}`);
      if (/@import|@font-face|\\|https?:|file:/i.test(css)) problems.push(`css ${css}`);
    }
    for (const child of Array.from(el.childNodes)) visit(child);
  };
  for (const child of Array.from(doc.childNodes)) visit(child);
  return problems;
}

function refusal(run: () => unknown): UploadError {
  try {
    run();
  } catch (error) {
    if (error instanceof UploadError) return error;
    throw error;
  }
  throw new Error("expected an UploadError");
}

test("the checker itself flags active content, so an empty list means something", () => {
  const hostile = svg('<script>alert(1)</script><a href="javascript:x"><rect onclick="x()" style="fill:url(http://e.com/a)"/></a>');
  expect(activeContent(hostile).length).toBeGreaterThanOrEqual(4);
});

test("a clean logo keeps its shapes, gradient, internal use and text and renders the same", async () => {
  const input = svg(
    `<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#1f3a5f"/><stop offset="1" stop-color="#e07a5f"/></linearGradient>
     <circle id="dot" r="8" fill="#e07a5f"/></defs>
     <rect width="100" height="60" fill="url(#g)"/><use xlink:href="#dot" x="20" y="80"/><use href="#dot" x="50" y="80"/>
     <text x="70" y="90" font-family="Inter" font-size="12">Hi</text>`,
  );
  const result = clean(input);
  expect(result.removed).toEqual([]);
  expect(result).toMatchObject({ width: 100, height: 100 });
  expect(activeContent(result.svg)).toEqual([]);
  expect(result.svg).toContain('xlink:href="#dot"');
  expect(result.svg).toContain('href="#dot"');
  expect(result.svg).toContain(">Hi</text>");
  const render = (s: string) => sharp(Buffer.from(s)).raw().toBuffer();
  expect((await render(result.svg)).equals(await render(input))).toBe(true);
});

test("script elements are removed and reported, wherever they sit", () => {
  const result = clean(svg('<script>alert(1)</script><g><script type="text/ecmascript"><![CDATA[alert(2)]]></script><rect width="5" height="5"/></g>'));
  expect(result.removed).toEqual(["script element (×2)"]);
  expect(result.svg).not.toMatch(/alert/);
  expect(result.svg).toContain("<rect");
  expect(activeContent(result.svg)).toEqual([]);
});

test("event handler attributes are removed in any case and named with their element", () => {
  const result = clean(`<svg xmlns="${SVG_NS}" viewBox="0 0 10 10" onload="alert(1)"><rect onClick="x()" ONMOUSEOVER="y()" width="1" height="1"/></svg>`);
  expect(result.removed).toEqual(["onload attribute on <svg>", "onClick attribute on <rect>", "ONMOUSEOVER attribute on <rect>"]);
  expect(activeContent(result.svg)).toEqual([]);
});

test("javascript: links are removed however they are spelt", () => {
  const spellings = ["javascript:alert(1)", "&#106;avascript:alert(1)", "JaVaScRiPt:alert(1)", " java&#x09;script:alert(1)", "java&#10;script:alert(1)", "&#x6A;&#x61;vascript&#58;alert(1)", "  javascript :alert(1)"];
  for (const href of spellings) {
    for (const body of [`<a href="${href}"><rect width="5" height="5"/></a>`, `<a xlink:href="${href}"><rect width="5" height="5"/></a>`, `<use href="${href}"/>`, `<image width="5" height="5" xlink:href="${href}"/>`]) {
      const result = clean(svg(body));
      expect(activeContent(result.svg), `${body}`).toEqual([]);
      expect(result.svg.toLowerCase()).not.toContain("script");
      expect(result.removed.length, body).toBe(1);
    }
  }
  expect(clean(svg('<a href="&#106;avascript:alert(1)"><rect width="5" height="5"/></a>')).removed).toEqual(["javascript: link on <a> (content kept)"]);
  expect(clean(svg('<use href="JaVaScRiPt:alert(1)"/>')).removed).toEqual(["javascript: link in href on <use>"]);
});

test("external and file: references in href and xlink:href are removed", () => {
  const result = clean(svg('<image width="10" height="10" xlink:href="http://evil.example/track.png"/><image width="10" height="10" href="file:///etc/passwd"/><use xlink:href="//evil.example/s.svg#a"/>'));
  expect(result.removed).toEqual([
    "external reference (http://evil.example/track.png) in xlink:href on <image>",
    "file: reference (file:///etc/passwd) in href on <image>",
    "external reference (//evil.example/s.svg#a) in xlink:href on <use>",
  ]);
  expect(result.svg).not.toContain("<image");
  expect(activeContent(result.svg)).toEqual([]);
});

test("url() pointing outside the document is removed from style, presentation attributes and <style>", () => {
  const result = clean(
    svg(`<style>@import url(http://evil.example/a.css); @import "b.css"; .a{fill:#e07a5f;background:url(http://evil.example/x.png)} .b{fill:url(https://evil.example/p.svg#p)} .c{fill:url(#ok)}
         @font-face{font-family:X;src:url(http://evil.example/f.woff)} @media print{.d{fill:url(file:///x)}}</style>
         <linearGradient id="ok"/><rect class="a" style="fill:url( 'http://evil.example/1.png' );stroke:#000;filter:url(#ok)" width="10" height="10"/>
         <rect fill="url(http://evil.example/2.png)" mask="url(file:///m.svg#m)" width="5" height="5"/>`),
  );
  expect(result.removed).toEqual([
    "@import in <style> (×2)",
    "background property in <style>",
    "external reference (https://evil.example/p.svg#p) in <style>",
    "@font-face rule in <style>",
    "file: reference (file:///x) in <style>",
    "external reference (http://evil.example/1.png) in style on <rect>",
    "external reference (http://evil.example/2.png) in fill on <rect>",
    "file: reference (file:///m.svg#m) in mask on <rect>",
  ]);
  expect(result.svg).toContain(".a{fill:#e07a5f}");
  expect(result.svg).toContain(".c{fill:url(#ok)}");
  expect(result.svg).toContain('style="stroke:#000;filter:url(#ok)"');
  expect(activeContent(result.svg)).toEqual([]);
});

test("CSS escapes and image-set() cannot smuggle a url past the check", () => {
  const result = clean(svg('<style>.a{fill:u\\72l(http://evil.example/x)}</style><rect style="fill:u\\72l(http://e.example/y);stroke:red" width="1" height="1"/><rect style="fill:image-set(\'http://e.example/z.png\' 1x)" width="1" height="1"/><rect fill="u\\rl(http://e.example/q)" width="1" height="1"/>'));
  expect(result.removed).toEqual([
    "CSS escapes in <style> (stylesheet removed)",
    "CSS escape in style on <rect>",
    "image-set() function in style on <rect>",
    "CSS escape in fill on <rect>",
  ]);
  expect(result.svg).toContain('style="stroke:red"');
  expect(activeContent(result.svg)).toEqual([]);
});

test("foreignObject is removed with the HTML inside it", () => {
  const result = clean(svg('<foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="http://evil.example"/><img src="x" onerror="alert(1)"/></body></foreignObject><circle r="3"/>'));
  expect(result.removed).toEqual(["foreignObject element"]);
  expect(result.svg).not.toMatch(/iframe|body|onerror/);
  expect(activeContent(result.svg)).toEqual([]);
});

test("a DOCTYPE with entities (billion laughs) is refused outright, quickly", () => {
  const lol = `<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<svg xmlns="${SVG_NS}" viewBox="0 0 10 10"><text>&lol9;</text></svg>`;
  const started = performance.now();
  const error = refusal(() => clean(lol));
  expect(error.message).toBe("logo.svg: SVG declares a DOCTYPE/entities; refused");
  expect(error.file).toBe("logo.svg");
  expect(performance.now() - started).toBeLessThan(200);
  const external = `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="${SVG_NS}" viewBox="0 0 1 1"><text>&xxe;</text></svg>`;
  expect(refusal(() => clean(external)).message).toContain("DOCTYPE/entities");
  const plain = `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="${SVG_NS}" viewBox="0 0 1 1"/>`;
  expect(refusal(() => clean(plain)).message).toContain("DOCTYPE/entities");
  const lowercase = `<!doctype svg><svg xmlns="${SVG_NS}" viewBox="0 0 1 1"/>`;
  expect(refusal(() => clean(lowercase)).message).toContain("DOCTYPE/entities");
});

test("<use> may only point inside the document", () => {
  const result = clean(svg('<g id="mark"><circle r="4"/></g><use href="other.svg#x"/><use xlink:href="#nowhere"/><use href="#mark" x="10"/>'));
  expect(result.removed).toEqual([
    "reference to another file (other.svg#x) in href on <use>",
    "reference to a missing element (#nowhere) in xlink:href on <use>",
  ]);
  expect(result.svg.match(/<use /g)).toHaveLength(1);
  expect(result.svg).toContain('<use href="#mark" x="10"/>');
  expect(activeContent(result.svg)).toEqual([]);
});

test("animation elements are removed, including ones that rewrite href", () => {
  const result = clean(
    svg(`<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text id="x">click</text></a>
         <use href="#x"><animate attributeName="href" values="javascript:alert(1)"/></use>
         <rect width="5" height="5"><animateTransform attributeName="transform" type="rotate" from="0" to="90" dur="1s"/></rect>`),
  );
  expect(result.removed).toEqual(["link <a> (content kept)", "set element", "animate element", "animateTransform element"]);
  expect(activeContent(result.svg)).toEqual([]);
});

test("processing instructions are removed; the XML declaration is fine", () => {
  const result = clean(`<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/css" href="http://evil.example/s.css"?><svg xmlns="${SVG_NS}" viewBox="0 0 10 10"><?php echo 1 ?><rect width="1" height="1"/></svg>`);
  expect(result.removed).toEqual(["processing instruction <?xml-stylesheet?>", "processing instruction <?php?>"]);
  expect(activeContent(result.svg)).toEqual([]);
});

test("malformed XML is refused with the parser's line", () => {
  const error = refusal(() => clean(`<svg xmlns="${SVG_NS}" viewBox="0 0 10 10">\n<g>\n<rect width="1">\n</g>\n</svg>`));
  expect(error.message).toBe('logo.svg: not well-formed XML (line 3: Opening and ending tag mismatch: "rect" != "g")');
  expect(refusal(() => clean("just some text")).message).toMatch(/^logo\.svg: not well-formed XML/);
  expect(refusal(() => clean(`<svg xmlns="${SVG_NS}" a="1" a="2"/>`)).message).toContain("line 1");
});

test("the root must be <svg> in the SVG namespace", () => {
  expect(refusal(() => clean('<html><body onload="x()"/></html>')).message).toBe("logo.svg: the root element is <html>, not <svg>");
  expect(refusal(() => clean('<svg xmlns="http://example.com/not-svg" viewBox="0 0 1 1"/>')).message).toContain("not <svg>");
});

test("the size comes from width/height or the viewBox, and a file with neither is refused", () => {
  expect(clean(`<svg xmlns="${SVG_NS}" viewBox="0 0 240 80"/>`)).toMatchObject({ width: 240, height: 80 });
  const mm = clean(`<svg xmlns="${SVG_NS}" width="50mm" height="20mm"><rect width="10" height="10"/></svg>`);
  expect(mm.width).toBeCloseTo(188.976, 2);
  expect(mm.height).toBeCloseTo(75.591, 2);
  expect(mm.svg).toContain('viewBox="0 0 188.976 75.591"');
  expect(clean(`<svg xmlns="${SVG_NS}" width="300" viewBox="0 0 100 50"/>`)).toMatchObject({ width: 300, height: 150 });
  expect(clean(`<svg xmlns="${SVG_NS}" width="100%" height="100%" viewBox="0,0,30,10"/>`)).toMatchObject({ width: 30, height: 10 });
  expect(refusal(() => clean(`<svg xmlns="${SVG_NS}"><rect width="1" height="1"/></svg>`)).message).toBe("logo.svg: SVG has no usable size: add a viewBox, or width and height in px");
  expect(refusal(() => clean(`<svg xmlns="${SVG_NS}" viewBox="0 0 0 10"/>`)).message).toContain("viewBox is not four numbers");
  expect(refusal(() => clean(`<svg xmlns="${SVG_NS}" width="1e9" height="10"/>`)).message).toContain("at most 100000 px a side");
});

test("files over the byte limit are refused before parsing", () => {
  const big = svg(`<desc>${"x".repeat(5000)}</desc>`);
  expect(refusal(() => sanitizeSvg(big, { fileName: "logo.svg", maxBytes: 4096 })).message).toMatch(/^logo\.svg: file is 5 KB; the limit is 4 KB$/);
  expect(refusal(() => sanitizeSvg(new TextEncoder().encode(big), { fileName: "logo.svg", maxBytes: 4096 })).message).toContain("limit is 4 KB");
  expect(sanitizeSvg(big, { fileName: "logo.svg", maxBytes: 8192 }).width).toBe(100);
});

test("embedded PNG/JPEG/WebP pictures stay; other data: URIs and fake pictures go", async () => {
  const png = (await sharp({ create: { width: 2, height: 2, channels: 3, background: "#e07a5f" } }).png().toBuffer()).toString("base64");
  const inner = Buffer.from(svg("<script>alert(1)</script>")).toString("base64");
  const result = clean(
    svg(`<image width="10" height="10" href="data:image/png;base64,${png}"/>
         <image width="10" height="10" href="data:image/svg+xml;base64,${inner}"/>
         <image width="10" height="10" href="data:image/png;base64,${Buffer.from("<html>hello</html>").toString("base64")}"/>
         <image width="10" height="10" href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>`),
  );
  expect(result.removed).toEqual([
    "data: URI that is not an embedded PNG, JPEG or WebP picture in href on <image> (×2)",
    "data: URI whose content is not a PNG picture in href on <image>",
  ]);
  expect(result.svg.match(/<image /g)).toHaveLength(1);
  expect(activeContent(result.svg)).toEqual([]);
});

test("embedded pictures keep their JPEG/WebP too, lose line breaks, and pixel bombs inside an SVG go", async () => {
  const jpeg = (await sharp({ create: { width: 4, height: 4, channels: 3, background: "#1f3a5f" } }).jpeg().toBuffer()).toString("base64");
  const webp = (await sharp({ create: { width: 4, height: 4, channels: 3, background: "#1f3a5f" } }).webp().toBuffer()).toString("base64");
  const wrapped = jpeg.replace(/(.{60})/g, "$1\n");
  // A real PNG header claiming 30000×30000 (checksums and all); only the header is needed.
  const header = (await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).png().toBuffer()).subarray(0, 33);
  header.writeUInt32BE(30000, 16);
  header.writeUInt32BE(30000, 20);
  const result = clean(
    svg(`<image width="4" height="4" href="data:image/jpeg;base64,${wrapped}"/><image width="4" height="4" href="data:image/webp;base64,${webp}"/>
         <image width="4" height="4" href="data:image/png;base64,${header.toString("base64")}"/>`),
  );
  expect(result.removed).toEqual(["embedded picture of 30000×30000 pixels (more than 4096×4096) in href on <image>"]);
  expect(result.svg).toContain(`href="data:image/jpeg;base64,${jpeg}"`);
  expect(result.svg).toContain(`href="data:image/webp;base64,${webp}"`);
  expect(activeContent(result.svg)).toEqual([]);
});

test("<use> loops and <use> fan-out bombs are refused", () => {
  expect(refusal(() => clean(svg('<g id="a"><use href="#a"/></g>'))).message).toMatch(/^logo\.svg: <use> references form a loop/);
  expect(refusal(() => clean(svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'))).message).toContain("loop");
  let body = '<g id="l0"><rect width="1" height="1"/></g>';
  for (let level = 1; level <= 8; level++) body += `<g id="l${level}">${`<use href="#l${level - 1}"/>`.repeat(10)}</g>`;
  expect(refusal(() => clean(svg(body))).message).toContain("expands to more than 50000 elements");
});

test("absurdly deep nesting is refused instead of overflowing the stack", () => {
  const deep = svg(`${"<g>".repeat(5000)}${"</g>".repeat(5000)}`);
  expect(refusal(() => clean(deep)).message).toContain("nested more than 200 levels deep");
});

test("binary files named .svg say what they really are", async () => {
  const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } }).png().toBuffer();
  expect(refusal(() => clean(png)).message).toBe("logo.svg: this is a PNG image, not an SVG");
  expect(refusal(() => clean(new Uint8Array([0x1f, 0x8b, 8, 0]))).message).toContain(".svgz");
  expect(refusal(() => clean(new Uint8Array([0x3c, 0x73, 0x76, 0x67, 0xc3, 0x28, 0x3e]))).message).toBe("logo.svg: SVG is not valid UTF-8 text");
  expect(refusal(() => clean(new Uint8Array([0x00, 0x01, 0x00, 0x00, 0x00]))).message).toBe("logo.svg: binary data, not an SVG (starts with bytes 00 01 00 00)");
});

test("UTF-16 files with a BOM and UTF-8 with a BOM are read", () => {
  const text = `<svg xmlns="${SVG_NS}" viewBox="0 0 10 10"><title>Café</title></svg>`;
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  expect(clean(utf16).svg).toContain("<title>Café</title>");
  const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  expect(clean(bom8).svg).toContain("Café");
});

test("drawing-program metadata is dropped and summarised once", () => {
  const input = `<svg xmlns="${SVG_NS}" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 10 10">
    <sodipodi:namedview pagecolor="#fff"/><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
    <g inkscape:label="Layer 1" inkscape:groupmode="layer" data-name="Layer"><path d="M0 0h5v5z" style="fill:#1f3a5f;-inkscape-font-specification:Inter"/></g></svg>`;
  const result = clean(input);
  expect(result.removed).toEqual(["editor metadata (Inkscape, data- attributes, metadata)"]);
  expect(result.svg).toContain('<path d="M0 0h5v5z" style="fill:#1f3a5f"/>');
});

test("a battery of known SVG XSS payloads all come out inert", () => {
  const payloads = [
    '<svg onload=alert(1) xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    svg('<animate onbegin="alert(1)" attributeName="x" dur="1s"/>'),
    svg('<a><animate attributeName="href" values="javascript:alert(1)"/><text x="20" y="20">X</text></a>'),
    svg('<image href="x" onerror="alert(1)"/>'),
    svg('<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>'),
    svg('<iframe src="javascript:alert(1)"/>'),
    svg('<feImage href="http://evil.example/a.png"/><filter id="f"><feImage xlink:href="javascript:alert(1)"/></filter>'),
    svg('<rect width="1" height="1" style="behavior:url(x.htc);-moz-binding:url(http://e.example/x.xml#x)"/>'),
    svg('<rect width="1" height="1" style="width:expression(alert(1))"/>'),
    svg('<style>*{background-image:url("javascript:alert(1)")}</style>'),
    svg('<style><![CDATA[</style><script>alert(1)</script>]]></style>'),
    svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'),
    svg('<textPath href="http://evil.example/p.svg#p">x</textPath>'),
    svg('<linearGradient id="a" href="http://evil.example/g.svg#g"/>'),
    svg('<rect xml:base="http://evil.example/" width="1" height="1"/>'),
  ];
  // Unquoted attributes are not XML: refused, which is as safe as cleaning.
  expect(refusal(() => clean(payloads[0]!)).message).toMatch(/^logo\.svg: not well-formed XML \(line 1: attribute "alert\(1\)" missed quot/);
  for (const payload of payloads.slice(1)) {
    const result = clean(payload);
    expect(activeContent(result.svg), payload).toEqual([]);
    expect(result.svg).not.toMatch(/<script|alert\(1\)<\/|onload|onerror|onbegin/i);
    expect(result.removed.length, payload).toBeGreaterThan(0);
  }
  // Markup written as text stays text: escaped on the way out, nothing to remove.
  const text = clean(svg("<text><tspan>&lt;script&gt;alert(1)&lt;/script&gt;</tspan></text>"));
  expect(text.removed).toEqual([]);
  expect(text.svg).toContain("<tspan>&lt;script&gt;alert(1)&lt;/script&gt;</tspan>");
  expect(activeContent(text.svg)).toEqual([]);
});

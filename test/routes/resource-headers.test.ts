// Every resource route (app/routes/*.ts: a loader that answers with a file, JSON or a redirect) builds
// its responses so that nothing it serves can run as a page: a static check of each module's source,
// since the routes need signed-in data to call. A response is acceptable when it is built by one of the
// shared file helpers (their headers are checked below, by calling them), or is `new Response(…)` with
// no body, with a text body (text/plain or JSON), or with an explicit Content-Type, nosniff and a
// Content-Disposition (an SVG also needs a sandboxing CSP). text/html is never acceptable.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { rangedFileResponse } from "~/lib/http/byte-range.ts";
import { fileResponse, jsonResponse } from "~/lib/templates/design-response.server.ts";

const ROUTES = path.resolve("app/routes");
const HELPERS = ["fileResponse", "rangedFileResponse", "jsonResponse", "redirect", "badRequest", "fail", "busy"];

/** The text between the parentheses of each call that starts at `marker` (strings and templates skipped). */
function callArguments(source: string, marker: string): string[] {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const at = source.indexOf(marker, from);
    if (at < 0) return found;
    const open = at + marker.length - 1;
    let depth = 0;
    let i = open;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '"' || c === "'" || c === "`") {
        // Skip the literal; a template's ${…} holds no parentheses that matter here.
        for (i++; i < source.length && source[i] !== c; i++) if (source[i] === "\\") i++;
        continue;
      }
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) break;
    }
    found.push(source.slice(open + 1, i));
    from = i;
  }
}

/** Splits call arguments at top-level commas. */
function splitArgs(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < args.length && args[i] !== c; i++) if (args[i] === "\\") i++;
      continue;
    }
    if ("([{".includes(c ?? "")) depth++;
    else if (")]}".includes(c ?? "")) depth--;
    else if (c === "," && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(args.slice(start).trim());
  return parts.filter(Boolean);
}

/** What is wrong with one `new Response(body, init)` of a resource route, or null when it is safe. */
function responseProblem(args: string): string | null {
  const [body = "", init = ""] = splitArgs(args);
  if (body === "null") return null;
  const type = /"Content-Type":\s*([^,}]+)/.exec(init)?.[1]?.trim();
  if (type && /text\/html/.test(type)) return "serves text/html";
  const literalBody = /^["'`]/.test(body);
  if (!type) return literalBody ? null : "has a body but no explicit Content-Type (the runtime would guess)";
  if (/^["'`](text\/plain|application\/json)/.test(type)) return null;
  const missing = [
    /"X-Content-Type-Options":\s*"nosniff"/.test(init) ? null : "X-Content-Type-Options: nosniff",
    /"Content-Disposition"/.test(init) ? null : "Content-Disposition",
    /svg/.test(type) || !/^["'`]/.test(type) ? (/"Content-Security-Policy":\s*"[^"]*sandbox/.test(init) ? null : "a sandboxing Content-Security-Policy (the type may be SVG)") : null,
  ].filter(Boolean);
  // An SVG shown inline (the library's placeholder) needs no file name, only the sandbox.
  if (/svg/.test(type) && missing.length === 1 && missing[0] === "Content-Disposition") return null;
  return missing.length ? `lacks ${missing.join(", ")}` : null;
}

const resourceRoutes = readdirSync(ROUTES)
  .filter((f) => f.endsWith(".ts"))
  .map((file) => ({ file, source: readFileSync(path.join(ROUTES, file), "utf8") }))
  .filter(({ source }) => /export (async )?function loader|export const loader/.test(source) && !/export default/.test(source));

test("the resource routes are found (file, download, thumbnail and JSON routes)", () => {
  const files = resourceRoutes.map((r) => r.file);
  for (const expected of ["files.$key.ts", "library.$id.file.ts", "designs.$id.preview.ts", "designs.$id.export.$format.ts", "designs.$id.zip.ts", "video.jobs.$id.$file.ts", "kits.$slug.brandbook.ts"]) {
    expect(files).toContain(expected);
  }
});

test.each(resourceRoutes.map((r) => [r.file, r.source] as const))("%s answers only through safe responses", (file, source) => {
  const problems = callArguments(source, "new Response(")
    .map((args) => ({ args, problem: responseProblem(args) }))
    .filter((r) => r.problem)
    .map((r) => `${file}: new Response(${r.args.slice(0, 80)}…) ${r.problem}`);
  expect(problems).toEqual([]);
  expect(source).not.toMatch(/text\/html/);
  // Every response the module makes is either a checked `new Response` or one of the helpers.
  const builders = [...source.matchAll(/\b(new Response|Response\.json|fileResponse|rangedFileResponse|jsonResponse|redirect|badRequest|fail|busy|json)\(/g)].map((m) => m[1]);
  expect(builders.length, `${file} builds no response at all`).toBeGreaterThan(0);
  for (const b of builders) expect(["new Response", "Response.json", "json", ...HELPERS]).toContain(b);
});

test("the static check catches unsafe responses", () => {
  const snippet = `if (x) throw new Response("a (b", { status: 404 });\nreturn new Response(new Uint8Array(f(bytes)), { headers: { "Content-Type": \`\${m}\` } });`;
  expect(callArguments(snippet, "new Response(")).toEqual([`"a (b", { status: 404 }`, "new Uint8Array(f(bytes)), { headers: { \"Content-Type\": `${m}` } }"]);
  expect(responseProblem(`bytes, { headers: { "Content-Type": "text/html" } }`)).toMatch(/text\/html/);
  expect(responseProblem(`new Uint8Array(bytes)`)).toMatch(/no explicit Content-Type/);
  expect(responseProblem(`bytes, { headers: { "Content-Type": "image/png" } }`)).toMatch(/nosniff, Content-Disposition/);
  expect(responseProblem(`bytes, { headers: { "Content-Type": mime, "X-Content-Type-Options": "nosniff", "Content-Disposition": "inline" } }`)).toMatch(/sandboxing/);
  expect(responseProblem(`"Not found", { status: 404 }`)).toBeNull();
  expect(responseProblem(`null, { status: 304 }`)).toBeNull();
});

test("fileResponse: explicit type, length, a cleaned file name, nosniff, and a sandbox for anything opened on its own", async () => {
  const svg = fileResponse(Buffer.from("<svg/>"), { mime: "image/svg+xml", fileName: 'evil"\r\nSet-Cookie: x=1.svg', disposition: "inline", cacheControl: "no-store" });
  expect(svg.headers.get("Content-Type")).toBe("image/svg+xml");
  expect(svg.headers.get("Content-Length")).toBe("6");
  expect(svg.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(svg.headers.get("Content-Disposition")).toBe('inline; filename="evil_Set-Cookie_x_1.svg"');
  expect(svg.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'.*sandbox/);
  const download = fileResponse(Buffer.from("%PDF"), { mime: "application/pdf", fileName: "menu.pdf", cacheControl: "no-store" });
  expect(download.headers.get("Content-Disposition")).toBe('attachment; filename="menu.pdf"');
  expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(download.headers.get("Content-Security-Policy")).toBeNull();
});

test("jsonResponse and rangedFileResponse: explicit type and nosniff; media files carry a file name", () => {
  const json = jsonResponse({ ok: true }, 200);
  expect(json.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(json.headers.get("X-Content-Type-Options")).toBe("nosniff");
  const media = rangedFileResponse(new Request("http://x/v"), new Uint8Array(4), { mime: "video/mp4", fileName: "clip.mp4", etag: "e" });
  expect(media.headers.get("Content-Type")).toBe("video/mp4");
  expect(media.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(media.headers.get("Content-Disposition")).toBe('inline; filename="clip.mp4"');
});

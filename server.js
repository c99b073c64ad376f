// @ts-check
// The production server `npm start` runs (decision 0008): Express with the Remix request handler, like
// remix-serve, minus what a busy preview endpoint paid for on every request. Static files are looked up
// in a list made at start (remix-serve asked the disk, twice, for every app URL); the access log is
// written once per event-loop turn rather than once per request; and preview images already in memory
// are answered by the app's own fast path before Remix builds a Fetch Request and matches routes.
//   node server.js [build/server/index.js]        PORT (3000), HOST (127.0.0.1; 0.0.0.0 for every interface),
//                                                 MARQUE_ACCESS_LOG=0 (no access log)
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV = process.env.NODE_ENV ?? "production";
process.setSourceMapsEnabled(true);

const buildPath = path.resolve(process.argv[2] ?? "build/server/index.js");
/** @type {import("@remix-run/node").ServerBuild} */
const build = await import(pathToFileURL(buildPath).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });
const clientDir = path.resolve(build.assetsBuildDirectory);
// As app/env.server.ts reads them (and `npm start` sets HOST=127.0.0.1 unless given).
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";

/**
 * Every file of the client build, by URL path ("/assets/root-abc123.js", "/favicon.svg").
 * @param {string} dir
 * @returns {Set<string>}
 */
function clientFiles(dir, prefix = "") {
  const files = new Set();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const url = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const f of clientFiles(path.join(dir, entry.name), url)) files.add(f);
    else files.add(url);
  }
  return files;
}

let logBuffer = "";
/** @param {string} line */
function accessLog(line) {
  if (!logBuffer) setImmediate(() => {
    process.stdout.write(logBuffer);
    logBuffer = "";
  });
  logBuffer += `${line}\n`;
}

const app = express();
app.disable("x-powered-by");

if (process.env.MARQUE_ACCESS_LOG !== "0") {
  app.use((req, res, next) => {
    const started = performance.now();
    res.once("finish", () => {
      // Long query strings (unsaved preview content) are cut: the log needs the route, not the text.
      const target = req.originalUrl.length > 160 ? `${req.originalUrl.slice(0, 160)}…` : req.originalUrl;
      accessLog(`${req.method} ${target} ${res.statusCode} ${res.getHeader("Content-Length") ?? "-"} - ${(performance.now() - started).toFixed(1)} ms`);
    });
    next();
  });
}

/** @typedef {typeof import("./app/lib/templates/preview-fast-path.server.ts").answerCachedPreview} AnswerCachedPreview */
/** @type {AnswerCachedPreview | undefined} */
const answerCachedPreview = /** @type {{ answerCachedPreview?: AnswerCachedPreview }} */ (build.entry.module).answerCachedPreview;
if (typeof answerCachedPreview === "function") {
  app.get("/designs/:id/preview", (req, res, next) => {
    answerCachedPreview({ method: req.method, url: req.originalUrl, cookie: req.get("Cookie") ?? null, ifNoneMatch: req.get("If-None-Match") ?? null }).then((reply) => {
      if (!reply) return next();
      res.writeHead(reply.status, reply.headers);
      res.end(reply.bytes);
    }, next);
  });
}

app.use(compression());

const files = clientFiles(clientDir);
const assets = express.static(clientDir, { immutable: true, maxAge: "1y", index: false });
const others = express.static(clientDir, { maxAge: "1h", index: false });
app.use((req, res, next) => {
  if (!files.has(req.path)) return next();
  return (req.path.startsWith(build.publicPath + "assets/") ? assets : others)(req, res, next);
});

app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(port, host, () => console.log(`[marque] Serving on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => server.close((error) => (error ? console.error(error) : undefined)));
}

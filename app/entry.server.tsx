// Server entry: streams the React tree (all of it for bots) with a fresh CSP nonce per page and the
// security headers, and starts the in-process background workers (video jobs resume after a restart)
// when the server bundle loads.
import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createNonce, setSecurityHeaders } from "./lib/http/security-headers.server.ts";
import { NonceProvider } from "./lib/nonce.tsx";
import { startBackgroundWorkers } from "./lib/workers.server.ts";

const ABORT_DELAY = 5_000;

startBackgroundWorkers();

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  const nonce = createNonce();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const app = (
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html");
        setSecurityHeaders(responseHeaders, nonce, { development: process.env.NODE_ENV === "development" });
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors after the shell are logged; before it, onShellError rejects the request.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors Remix reports from loaders and actions. A cross-site form POST is refused by Remix itself
 * before our own Origin check runs (a 500 with no body): log it as the refusal it is, not as a crash.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Error && /does not match `origin` header|headers are not provided/.test(error.message)) {
    console.warn(`Refused a cross-site ${request.method} to ${new URL(request.url).pathname} (Origin ${request.headers.get("origin") ?? "none"})`);
    return;
  }
  console.error(error);
}

// The production server (server.js) answers preview images already in memory before Remix.
export { answerCachedPreview } from "./lib/templates/preview-fast-path.server.ts";

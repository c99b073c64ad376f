// HTTP pieces shared by the design resource routes (preview, export, ZIP, template thumbnails):
// file responses with explicit headers, 400s that name the field, and the design + kit lookup.
import { previewLoads } from "./preview-memory.server.ts";
import type { Scope } from "../auth/scope.ts";
import { getKit } from "../../models/kit.server.ts";
import { getDesign } from "../../models/design.server.ts";
import { errorMessage, FieldError } from "../errors.ts";
import { ContentError } from "./registry.ts";
import { BusyError } from "./render-pool.server.ts";
import type { Overflow } from "../render/layout.ts";

export interface FileResponseOptions {
  mime: string;
  fileName: string;
  disposition?: "attachment" | "inline";
  cacheControl: string;
  etag?: string;
  headers?: Record<string, string>;
}

export function fileResponse(bytes: Uint8Array, opts: FileResponseOptions): Response {
  return new Response(bodyStream(bytes), { headers: fileHeaders(bytes.length, opts) });
}

/** The headers of a file response: type, length, disposition, caching, and nothing that lets it run. */
export function fileHeaders(length: number, opts: FileResponseOptions): Record<string, string> {
  return {
    "Content-Type": opts.mime,
    "Content-Length": String(length),
    // File names are ASCII slugs (designFileName), so no RFC 5987 encoding is needed.
    "Content-Disposition": `${opts.disposition ?? "attachment"}; filename="${opts.fileName.replace(/[^\w.-]+/g, "_")}"`,
    "Cache-Control": opts.cacheControl,
    "X-Content-Type-Options": "nosniff",
    // Opened on its own (an SVG, say), a file is a sandboxed document that runs nothing. Not for PDFs:
    // Chromium refuses to show a PDF in a sandboxed document.
    ...(opts.mime === "application/pdf" ? {} : { "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox" }),
    ...(opts.etag ? { ETag: `"${opts.etag}"` } : {}),
    ...opts.headers,
  };
}

/**
 * The bytes as a one-chunk stream. A Uint8Array body would be copied twice per response: by us, since the
 * DOM types take no SharedArrayBuffer-backed views, and again by undici, which copies every BufferSource
 * body. A stream chunk goes to the socket as it is. This is safe because nothing writes to rendered or
 * stored bytes after they are made.
 */
export function bodyStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** True when the client already holds this version (If-None-Match), so a 304 will do. */
export function notModified(request: Request | string | null, etag: string): boolean {
  const header = typeof request === "string" || request === null ? request : request.headers.get("If-None-Match");
  return Boolean(header && header.split(",").some((t) => t.trim().replace(/^W\//, "") === `"${etag}"`));
}

export function jsonResponse(body: unknown, status: number): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/**
 * A 400 naming each bad field for content errors and bad parameters, a 503 with Retry-After when the
 * render pool is full; other errors are rethrown.
 */
export function badRequest(error: unknown): Response {
  if (error instanceof BusyError) return busy(error);
  if (error instanceof ContentError) return jsonResponse({ error: error.message, issues: error.issues }, 400);
  if (error instanceof FieldError) return jsonResponse({ error: error.message, issues: [{ path: error.field, message: error.message.slice(error.field.length + 2) }] }, 400);
  // The renderer's own message for a page past the end ("page: the design has 2 page(s)…").
  if (error instanceof Error && error.message.startsWith("page: ")) return fail("page", error.message.slice(6));
  throw error;
}

/** The render pool turned the request away: try again after `Retry-After` seconds. */
export function busy(error: BusyError): Response {
  const response = jsonResponse({ error: error.message, retryAfter: error.retryAfterSeconds }, 503);
  response.headers.set("Retry-After", String(error.retryAfterSeconds));
  return response;
}

export function fail(field: string, message: string, status = 400): Response {
  return jsonResponse({ error: `${field}: ${message}`, issues: [{ path: field, message }] }, status);
}

/** The design and its kit (current version), or a thrown 404. */
export async function loadDesign(scope: Scope, id: string) {
  const design = await getDesign(scope, id);
  if (!design) throw new Response("Design not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const kit = await getKit(scope, design.kitSlug);
  if (!kit) throw new Response("Kit not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return { design, kit };
}

type LoadedDesign = Awaited<ReturnType<typeof loadDesign>>;

/** loadDesign for preview images only: remembered for 2 s (exports and the editor always read afresh). */
export async function loadDesignForPreview(scope: Scope, id: string): Promise<LoadedDesign> {
  const key = `${scope.workspaceId}:${id}`;
  return (await previewLoads.through(key, () => loadDesign(scope, id))) as LoadedDesign;
}

export const MAX_CONTENT_PARAM = 16_000;
export const MAX_CONTENT_BODY = 256 * 1024;

/** Unsaved content in a query parameter: base64url of the JSON, size-limited. */
export function decodeContentParam(value: string): unknown {
  if (value.length > MAX_CONTENT_PARAM) throw fail("c", `content in the URL is limited to ${MAX_CONTENT_PARAM} characters; POST it instead`);
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw fail("c", "expected base64url-encoded JSON");
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown;
  } catch (error) {
    throw fail("c", `not valid JSON (${errorMessage(error)})`);
  }
}

/** A JSON request body, size-limited before it is read whole. */
export async function readJsonBody(request: Request, maxBytes = MAX_CONTENT_BODY): Promise<unknown> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) throw fail("body", `larger than ${maxBytes} bytes`, 413);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw fail("body", `larger than ${maxBytes} bytes`, 413);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fail("body", `not valid JSON (${errorMessage(error)})`);
  }
}

/** Overflow reports as a header value (the editor shows each next to its field). */
export function overflowHeader(overflow: Overflow[]): string {
  return encodeURIComponent(JSON.stringify(overflow.slice(0, 30).map((o) => ({ field: o.field, message: o.message }))));
}

/** A 1-based page number from the URL, as the 0-based index the renderer takes. */
export function pageParam(value: string | null): number {
  if (value === null || value === "") return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw fail("page", "expected a page number from 1");
  return n - 1;
}

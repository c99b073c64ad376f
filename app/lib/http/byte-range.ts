// HTTP byte ranges (RFC 9110 §14) for media downloads, so a <video> element can seek and resume:
// one range per request (several ranges are answered with the whole file, which the RFC allows).

export type ByteRange = { start: number; end: number };

/**
 * The range a `Range` header asks of a `size`-byte file: null when there is none to honour (absent,
 * another unit, several ranges, malformed), "unsatisfiable" when it lies wholly past the end.
 */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, from = "", to = ""] = m;
  if (from === "" && to === "") return null;
  if (from === "") {
    // A suffix: the last N bytes.
    const n = Number(to);
    if (n === 0) return "unsatisfiable";
    return size === 0 ? "unsatisfiable" : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return "unsatisfiable";
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return null; // invalid: ignore the header, send the whole file
  return { start, end };
}

export type FileResponseOptions = {
  mime: string;
  fileName: string;
  download?: boolean;
  etag: string;
  cacheControl?: string;
};

/** A 200, 206, 304 or 416 for `bytes`, as the request's Range / If-None-Match / If-Range headers ask. */
export function rangedFileResponse(request: Request, bytes: Uint8Array, o: FileResponseOptions): Response {
  const size = bytes.byteLength;
  const etag = `"${o.etag}"`;
  const safeName = o.fileName.replace(/[^\w.-]+/g, "_").slice(0, 120) || "file";
  const headers = new Headers({
    "Content-Type": o.mime,
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": o.cacheControl ?? "private, max-age=3600",
    "Content-Disposition": `${o.download ? "attachment" : "inline"}; filename="${safeName}"`,
    "X-Content-Type-Options": "nosniff",
  });
  const match = (request.headers.get("If-None-Match") ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (match.includes(etag) || match.includes("*")) return new Response(null, { status: 304, headers });
  const ifRange = request.headers.get("If-Range");
  const range = ifRange && ifRange.trim() !== etag ? null : parseRange(request.headers.get("Range"), size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.set("Content-Length", "0");
    return new Response(null, { status: 416, headers });
  }
  if (!range) {
    headers.set("Content-Length", String(size));
    return new Response(request.method === "HEAD" ? null : new Uint8Array(bytes), { status: 200, headers });
  }
  const part = bytes.subarray(range.start, range.end + 1);
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("Content-Length", String(part.byteLength));
  return new Response(request.method === "HEAD" ? null : new Uint8Array(part), { status: 206, headers });
}

// One reading of an audit request for the page and the JSON route: a multipart upload (`file`), or a
// stored source named in a form, a JSON body or the query (`asset`, `video`, `design` + `format`,
// `blob`), with the kit slug in `kit`. Bad input becomes a FieldError naming the field.
import { getEnv } from "../../env.server.ts";
import type { Scope } from "../auth/scope.ts";
import { FieldError } from "../errors.ts";
import { UploadError, formatBytes } from "../upload/errors.ts";
import type { AuditReport } from "./audit.server.ts";
import { runAudit, type AuditSource } from "./sources.server.ts";

export type AuditFailure = { error: string; field: string; status: number };

type Fields = { kit?: string; asset?: string; video?: string; design?: string; format?: string; blob?: string };
const KEYS = ["kit", "asset", "video", "design", "format", "blob"] as const;
/** JSON bodies may use the API's names too ({"assetId": …}). */
const JSON_ALIASES: Record<(typeof KEYS)[number], string> = { kit: "kitSlug", asset: "assetId", video: "videoJobId", design: "designId", format: "formatId", blob: "blobKey" };

function sourceOf(f: Fields): AuditSource | undefined {
  const given = [f.asset, f.video, f.design, f.blob].filter(Boolean).length;
  if (given > 1) throw new FieldError("source", "name one of asset, video, design or blob, not several");
  if (f.asset) return { assetId: f.asset };
  if (f.video) return { videoJobId: f.video };
  if (f.design) return { designId: f.design, formatId: f.format || undefined };
  if (f.blob) return { blobKey: f.blob };
  return undefined;
}

function pick(get: (key: (typeof KEYS)[number]) => unknown): Fields {
  const out: Fields = {};
  for (const key of KEYS) {
    const v = get(key);
    if (typeof v === "string" && v.trim()) out[key] = v.trim().slice(0, 200);
  }
  return out;
}

export async function auditRequest(scope: Scope, request: Request): Promise<AuditReport> {
  const maxBytes = getEnv().MARQUE_MAX_UPLOAD_BYTES;
  if (request.method === "GET" || request.method === "HEAD") {
    const query = new URL(request.url).searchParams;
    const fields = pick((k) => query.get(k));
    const source = sourceOf(fields);
    if (!source) throw new FieldError("source", "GET audits a stored file: give asset, video, design or blob (upload files with POST)");
    return runAudit(scope, { source, kitSlug: fields.kit, maxBytes });
  }
  // Checked before the body is read: a 2 GB upload is refused without buffering it.
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw new FieldError("file", `the upload is larger than the ${formatBytes(maxBytes)} limit`);
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("application/json")) {
    const body: unknown = await request.json().catch(() => {
      throw new FieldError("body", "not valid JSON");
    });
    if (!body || typeof body !== "object") throw new FieldError("body", "expected a JSON object like {\"kit\": \"my-kit\", \"asset\": \"<id>\"}");
    const record = body as Record<string, unknown>;
    const fields = pick((k) => record[k] ?? record[JSON_ALIASES[k]]);
    const source = sourceOf(fields);
    if (!source) throw new FieldError("source", "JSON audits a stored file: give asset, video, design or blob (upload files as multipart/form-data)");
    return runAudit(scope, { source, kitSlug: fields.kit, maxBytes });
  }
  const form = await request.formData();
  const fields = pick((k) => form.get(k));
  const file = form.get("file");
  const upload = file && typeof file === "object" && file.size > 0 ? file : undefined;
  const source = sourceOf(fields);
  if (upload && source) throw new FieldError("file", "upload a file or choose a stored one, not both");
  if (upload) {
    const bytes = new Uint8Array(await upload.arrayBuffer());
    return runAudit(scope, { file: { bytes, fileName: upload.name || "upload" }, kitSlug: fields.kit, maxBytes });
  }
  if (!source) throw new FieldError("file", "choose a file to audit");
  return runAudit(scope, { source, kitSlug: fields.kit, maxBytes });
}

/** The error a route shows or returns as JSON: field-named errors are the user's (400/413), others are ours. */
export function auditFailure(error: unknown): AuditFailure | undefined {
  if (error instanceof UploadError) return { error: error.message, field: "file", status: /limit is/.test(error.problem) ? 413 : 400 };
  if (error instanceof FieldError) return { error: error.message, field: error.field, status: /larger than/.test(error.message) ? 413 : 400 };
  return undefined;
}

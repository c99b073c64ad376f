// The audit page, the JSON route and the brand book download, called directly with Requests on a real
// SQLite database: uploads, stored sources (asset, design), errors with their field and status.
import sharp from "sharp";
import { expect, test } from "vitest";
import { action as jsonAction, loader as jsonLoader } from "~/routes/audit.json.ts";
import { action as pageAction, loader as pageLoader } from "~/routes/audit._index.tsx";
import { loader as bookLoader } from "~/routes/kits.$slug.brandbook.ts";
import { recordAsset } from "~/models/asset.server.ts";
import { createDesign } from "~/models/design.server.ts";
import type { AuditReport } from "~/lib/audit/audit.server.ts";
import { exampleKit } from "../models/design-fixtures.ts";
import { asMember, makeMember, makeWorkspace } from "../support/auth.ts";

const ctx = { context: {}, params: {} };
// Auditing and the brand book are open to every member: a viewer does it all here.
const workspace = await makeWorkspace();
const viewer = await makeMember(workspace, "viewer");
const harbour = await exampleKit(workspace, "harbour-and-vine");
const png = await sharp({ create: { width: 100, height: 50, channels: 3, background: harbour.kit.palette.primary.color } }).png().toBuffer();

const upload = (url: string, fields: Record<string, string | Blob>) => asMember(viewer, url, { form: fields });

const json = (url: string, payload: unknown) =>
  asMember(viewer, url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });

test("POST a file to /audit/json: the report as JSON", async () => {
  const res = await jsonAction({ ...ctx, request: upload("/audit/json", { kit: harbour.slug, file: new File([png], "flyer.png", { type: "image/png" }) }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("application/json");
  const report = (await res.json()) as AuditReport;
  expect(report.file).toMatchObject({ name: "flyer.png", kind: "image", width: 100, height: 50 });
  expect(report.kit.slug).toBe(harbour.slug);
  expect(report.score).toBe(1);
  expect(report.colours[0]).toMatchObject({ hex: harbour.kit.palette.primary.color, deltaE: 0, class: "same" });
});

test("a stored asset is audited from a JSON body or the query, against its own kit by default", async () => {
  const asset = await recordAsset({ kitId: harbour.id, kitVersion: harbour.version, templateId: "instagram-post", format: "ig-square", contentHash: "b".repeat(64), bytes: png, mime: "image/png" });
  const posted = await jsonAction({ ...ctx, request: json("/audit/json", { assetId: asset.id }) });
  expect(posted.status).toBe(200);
  expect(((await posted.json()) as AuditReport).kit.slug).toBe(harbour.slug);
  const got = await jsonLoader({ ...ctx, request: asMember(viewer, `/audit/json?asset=${asset.id}`) });
  expect(((await got.json()) as AuditReport).file.name).toBe("instagram-post-ig-square.png");
});

test("bad requests get an error naming the field, with 400 or 413", async () => {
  const cases: [Request, number, string, RegExp][] = [
    [upload("/audit/json", { kit: harbour.slug }), 400, "file", /choose a file to audit/],
    [upload("/audit/json", { kit: "nope", file: new File([png], "a.png") }), 400, "kit", /no brand kit "nope"/],
    [upload("/audit/json", { kit: harbour.slug, file: new File(["hello"], "notes.txt") }), 400, "file", /notes\.txt: not a PNG, JPEG, WebP or SVG image/],
    [json("/audit/json", { kit: harbour.slug, asset: "missing" }), 400, "assetId", /no asset "missing"/],
    [json("/audit/json", { asset: "a", design: "b" }), 400, "source", /not several/],
    [asMember(viewer, "/audit/json", { method: "POST", headers: { "Content-Length": String(500 * 1024 * 1024), "Content-Type": "multipart/form-data; boundary=x" }, body: "x" }), 413, "file", /larger than/],
  ];
  for (const [request, statusCode, field, message] of cases) {
    const res = await jsonAction({ ...ctx, request });
    expect(res.status).toBe(statusCode);
    const body = (await res.json()) as { error: string; field: string };
    expect(body.field).toBe(field);
    expect(body.error).toMatch(message);
  }
  const get = await jsonLoader({ ...ctx, request: asMember(viewer, "/audit/json") });
  expect(get.status).toBe(400);
});

test("the page audits an upload, and opens a saved design with its text contrast from ?design=", async () => {
  const posted = await pageAction({ ...ctx, request: upload("/audit", { kit: harbour.slug, file: new File([png], "flyer.png") }) });
  const outcome = (posted as unknown as { data: { report: AuditReport } }).data;
  expect(outcome.report.score).toBe(1);

  const design = await createDesign(workspace, { kitId: harbour.id, templateId: "event-flyer", formats: ["a5"] });
  const loaded = await pageLoader({ ...ctx, request: asMember(viewer, `/audit?design=${design.id}`) });
  expect(loaded.failure).toBeNull();
  expect(loaded.designs.map((d) => d.id)).toContain(design.id);
  const report = loaded.report!;
  expect(report.file.name).toMatch(/-a5\.png$/);
  expect(report.score).toBeGreaterThanOrEqual(0.95);
  expect(report.contrast?.texts.length).toBeGreaterThan(5);
  expect(report.contrast?.failures).toEqual([]);
});

test("the brand book downloads as a PDF named after the kit and version; unknown kits are 404", async () => {
  const res = await bookLoader({ ...ctx, params: { slug: harbour.slug }, request: asMember(viewer, `/kits/${harbour.slug}/brandbook`) });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/pdf");
  expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="harbour-and-vine-brand-guidelines-v${harbour.version}.pdf"`);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(Number(res.headers.get("Content-Length"))).toBe(bytes.length);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  await expect(bookLoader({ ...ctx, params: { slug: "nope" }, request: asMember(viewer, "/kits/nope/brandbook") })).rejects.toMatchObject({ status: 404 });
});

// Route-level authorisation: every route with a param, asked by an OWNER of workspace B (the most rights a
// stranger can have) for workspace A's kits, designs, assets, files, briefs, renders and jobs, answers 404
// with none of A's data, and changes nothing. A meta-test keeps the table complete: a new route file with a
// param fails here until it is listed. Also: every loader and action goes through requireUser (or, for
// the anonymous pages, assertSameOrigin), and roles are enforced.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { importKitFile } from "~/models/kit-import.server.ts";
import { getKit } from "~/models/kit.server.ts";
import { createDesign, getDesign, storeDesignImage } from "~/models/design.server.ts";
import { getTemplate } from "~/lib/templates/registry.ts";
import { listAssets } from "~/models/asset.server.ts";
import { createVideoBrief, exampleBriefs } from "~/models/video-brief.server.ts";
import { createVideoJob } from "~/models/video-job.server.ts";
import { createVideoRender } from "~/models/video-render.server.ts";
import { startBulkJob, waitForBulkJob } from "~/lib/bulk/jobs.server.ts";
import { readBulkStep } from "~/lib/bulk/bulk-form.server.ts";
import { asMember, makeMember, makeWorkspace, type TestMember, type TestWorkspace } from "../support/auth.ts";
import { ctx, settle, type Settled } from "../support/route-result.ts";

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const load = (file: string) => import(/* @vite-ignore */ path.join(ROUTES_DIR, file)) as Promise<RouteModule>;

let A: TestWorkspace;
let B: TestWorkspace;
let ownerA: TestMember;
let ownerB: TestMember;
let viewerA: TestMember;
let editorA: TestMember;
const ids = { kit: "", kitId: "", design: "", photo: "", asset: "", logoKey: "", brief: "", render: "", rerender: "", bulk: "" };

beforeAll(async () => {
  A = await makeWorkspace("Harbour Group");
  B = await makeWorkspace("Rival Studio");
  ownerA = await makeMember(A, "owner");
  editorA = await makeMember(A, "editor");
  viewerA = await makeMember(A, "viewer");
  ownerB = await makeMember(B, "owner");
  const file = path.resolve(__dirname, "../../brand-kits/harbour-and-vine/kit.json");
  const created = await importKitFile(A, readFileSync(file, "utf8"), { fileName: file, baseDir: path.dirname(file) });
  const kit = await getKit(A, created.slug);
  if (!kit) throw new Error("kit import failed");
  ids.kit = kit.slug;
  ids.kitId = kit.id;
  ids.logoKey = (kit.kit.logos.primary?.src ?? "").replace(/^sha256:/, "");
  ids.photo = await storeDesignImage(await sharp({ create: { width: 64, height: 48, channels: 3, background: "#a0522d" } }).jpeg().toBuffer(), "terrace.jpg");
  const design = await createDesign(A, { kitId: kit.id, templateId: "instagram-post", name: "A's secret launch", formats: ["ig-square"], content: { ...(getTemplate("instagram-post").sample as object), photo: ids.photo } });
  ids.design = design.id;
  // An export through the real route, as A's editor, records an asset.
  const exported = await settle((await load("designs.$id.export.$format.ts")).loader!({ request: asMember(editorA, `/designs/${design.id}/export/png`), params: { id: design.id, format: "png" }, ...ctx } as never));
  expect(exported.status).toBe(200);
  const [asset] = await listAssets(A, { designId: design.id });
  if (!asset) throw new Error("no asset recorded");
  ids.asset = asset.id;
  const example = (await exampleBriefs())[0];
  if (!example) throw new Error("no example brief");
  const brief = await createVideoBrief(A, kit.slug, example.brief);
  ids.brief = brief.id;
  const referenceImage = await sharp({ create: { width: 72, height: 128, channels: 3, background: "#123456" } }).png().toBuffer();
  const job = await createVideoJob({ kitId: kit.id, kitVersion: kit.version, brief: example.brief, prompt: "A test prompt", provider: "local", seconds: 4, size: "720x1280", referenceImage });
  await prisma.videoJob.update({ where: { id: job.id }, data: { status: "cancelled" } });
  const render = await createVideoRender({ briefId: brief.id, provider: "local", jobIds: [job.id] });
  await prisma.videoRender.update({ where: { id: render.id }, data: { status: "cancelled" } });
  ids.render = render.id;
  const rerender = await prisma.rerenderJob.create({ data: { workspaceId: A.workspaceId, status: "completed", total: 0 }, select: { id: true } });
  ids.rerender = rerender.id;
  const form = new FormData();
  for (const [k, v] of Object.entries({ kit: kit.slug, template: "instagram-post", format: "ig-square", output: "png", csv: "headline\nA's private offer" })) form.set(k, v);
  const step = await readBulkStep(A, form);
  const bulk = await startBulkJob(A, { kit: step.settings.kit, template: step.settings.template, formatId: step.settings.formatId, output: "png", rows: step.rows });
  await waitForBulkJob(bulk.id);
  ids.bulk = bulk.id;
});

type Case = { file: string; fn: "loader" | "action"; url: () => string; params: () => Record<string, string>; form?: Record<string, string> };

/** Every route with a param (and the query-param lookups), as another workspace's owner asks for A's things. */
const CASES: Case[] = [
  { file: "kits.$slug._index.tsx", fn: "loader", url: () => `/kits/${ids.kit}`, params: () => ({ slug: ids.kit }) },
  { file: "kits.$slug.edit.tsx", fn: "loader", url: () => `/kits/${ids.kit}/edit`, params: () => ({ slug: ids.kit }) },
  { file: "kits.$slug.edit.tsx", fn: "action", url: () => `/kits/${ids.kit}/edit`, params: () => ({ slug: ids.kit }), form: { intent: "remove-logo", variant: "primary" } },
  { file: "kits.$slug.delete.tsx", fn: "loader", url: () => `/kits/${ids.kit}/delete`, params: () => ({ slug: ids.kit }) },
  { file: "kits.$slug.delete.tsx", fn: "action", url: () => `/kits/${ids.kit}/delete`, params: () => ({ slug: ids.kit }), form: { confirm: ids.kit } },
  { file: "kits.$slug.history.tsx", fn: "loader", url: () => `/kits/${ids.kit}/history`, params: () => ({ slug: ids.kit }) },
  { file: "kits.$slug.history.tsx", fn: "action", url: () => `/kits/${ids.kit}/history`, params: () => ({ slug: ids.kit }), form: { version: "1" } },
  { file: "kits.$slug.export.$format.ts", fn: "loader", url: () => `/kits/${ids.kit}/export/json`, params: () => ({ slug: ids.kit, format: "json" }) },
  { file: "kits.$slug.brandbook.ts", fn: "loader", url: () => `/kits/${ids.kit}/brandbook`, params: () => ({ slug: ids.kit }) },
  { file: "files.$key.ts", fn: "loader", url: () => `/files/${ids.logoKey}`, params: () => ({ key: ids.logoKey }) },
  { file: "templates.$id.thumbnail.ts", fn: "loader", url: () => `/templates/instagram-post/thumbnail?kit=${ids.kit}`, params: () => ({ id: "instagram-post" }) },
  { file: "designs.$id.tsx", fn: "loader", url: () => `/designs/${ids.design}`, params: () => ({ id: ids.design }) },
  { file: "designs.$id.tsx", fn: "action", url: () => `/designs/${ids.design}`, params: () => ({ id: ids.design }), form: { intent: "delete" } },
  { file: "designs.$id.photo.ts", fn: "loader", url: () => `/designs/${ids.design}/photo?ref=${ids.photo}`, params: () => ({ id: ids.design }) },
  { file: "designs.$id.preview.ts", fn: "loader", url: () => `/designs/${ids.design}/preview`, params: () => ({ id: ids.design }) },
  { file: "designs.$id.export.$format.ts", fn: "loader", url: () => `/designs/${ids.design}/export/png`, params: () => ({ id: ids.design, format: "png" }) },
  { file: "designs.$id.zip.ts", fn: "loader", url: () => `/designs/${ids.design}/zip`, params: () => ({ id: ids.design }) },
  { file: "designs.bulk.$jobId.zip.ts", fn: "loader", url: () => `/designs/bulk/${ids.bulk}/zip`, params: () => ({ jobId: ids.bulk }) },
  { file: "designs.bulk.tsx", fn: "loader", url: () => `/designs/bulk?job=${ids.bulk}`, params: () => ({}) },
  { file: "library.$id.tsx", fn: "loader", url: () => `/library/${ids.asset}`, params: () => ({ id: ids.asset }) },
  { file: "library.$id.tsx", fn: "action", url: () => `/library/${ids.asset}`, params: () => ({ id: ids.asset }), form: { intent: "delete" } },
  { file: "library.$id.tsx", fn: "action", url: () => `/library/${ids.asset}`, params: () => ({ id: ids.asset }), form: { intent: "rerender" } },
  { file: "library.$id.file.ts", fn: "loader", url: () => `/library/${ids.asset}/file`, params: () => ({ id: ids.asset }) },
  { file: "library.$id.thumbnail.ts", fn: "loader", url: () => `/library/${ids.asset}/thumbnail`, params: () => ({ id: ids.asset }) },
  { file: "library.rerender.tsx", fn: "loader", url: () => `/library/rerender?job=${ids.rerender}`, params: () => ({}) },
  { file: "library.rerender.progress.ts", fn: "loader", url: () => `/library/rerender/progress?job=${ids.rerender}`, params: () => ({}) },
  { file: "video.$briefId.tsx", fn: "loader", url: () => `/video/${ids.brief}`, params: () => ({ briefId: ids.brief }) },
  { file: "video.$briefId.tsx", fn: "action", url: () => `/video/${ids.brief}`, params: () => ({ briefId: ids.brief }), form: { intent: "delete" } },
  { file: "video.jobs.$id.ts", fn: "loader", url: () => `/video/jobs/${ids.render}`, params: () => ({ id: ids.render }) },
  { file: "video.jobs.$id.ts", fn: "action", url: () => `/video/jobs/${ids.render}`, params: () => ({ id: ids.render }), form: { intent: "cancel" } },
  { file: "video.jobs.$id.$file.ts", fn: "loader", url: () => `/video/jobs/${ids.render}/reference.png`, params: () => ({ id: ids.render, file: "reference.png" }) },
];

/** Routes with a param that are not about workspace data (their own tests cover them). */
const NOT_WORKSPACE_DATA = new Set(["invite.$token.tsx"]);

async function run(c: Case, member: TestMember): Promise<Settled> {
  const mod = await load(c.file);
  const fn = mod[c.fn];
  if (!fn) throw new Error(`${c.file} has no ${c.fn}`);
  const request = asMember(member, c.url(), c.form ? { form: c.form } : {});
  return settle(fn({ request, params: c.params(), ...ctx } as never));
}

const SECRETS = () => [ids.kitId, ids.design, ids.asset, "A's secret launch", "A's private offer", "Harbour"];

describe("another workspace's ids answer 404 and leak nothing", () => {
  for (const c of CASES) {
    test(`${c.fn} ${c.file}`, async () => {
      const r = await run(c, ownerB);
      const body = `${r.text ?? ""}${JSON.stringify(r.data ?? null)}`;
      expect(r.status, body.slice(0, 200)).toBe(404);
      for (const secret of SECRETS()) expect(body).not.toContain(secret);
    });
  }

  test("nothing of A's was changed or deleted by B's attempts", async () => {
    for (const c of CASES.filter((x) => x.fn === "action")) await run(c, ownerB);
    const kit = await getKit(A, ids.kit);
    expect(kit?.version).toBe(1);
    expect(kit?.kit.logos.primary).toBeDefined();
    expect(await getDesign(A, ids.design)).not.toBeNull();
    expect(await prisma.asset.count({ where: { id: ids.asset } })).toBe(1);
    expect(await prisma.videoBrief.count({ where: { id: ids.brief } })).toBe(1);
  });

  test("the same routes answer A's own members", async () => {
    for (const c of CASES.filter((x) => x.fn === "loader" && !x.file.startsWith("library.rerender") && !x.file.startsWith("designs.bulk"))) {
      const member = c.file.startsWith("kits.$slug.edit") || c.file.startsWith("kits.$slug.delete") ? ownerA : editorA;
      const r = await run(c, member);
      expect(r.status, `${c.file}: ${(r.text ?? "").slice(0, 200)}`).toBe(200);
    }
  });

  test("a kit slug both workspaces use shows each its own kit", async () => {
    const file = path.resolve(__dirname, "../../brand-kits/harbour-and-vine/kit.json");
    await importKitFile(B, readFileSync(file, "utf8"), { fileName: file, baseDir: path.dirname(file), name: "Rival Harbour" });
    const bKit = await prisma.kit.findFirst({ where: { workspaceId: B.workspaceId }, select: { slug: true } });
    const mod = await load("kits.$slug._index.tsx");
    const r = await settle<{ name: string; id: string }>(mod.loader!({ request: asMember(ownerB, `/kits/${bKit?.slug}`), params: { slug: bKit?.slug ?? "" }, ...ctx } as never));
    expect(r.status).toBe(200);
    expect(r.data.name).toBe("Rival Harbour");
    expect(r.data.id).not.toBe(ids.kitId);
  });

  test("every route file with a param is in the table", () => {
    const withParams = readdirSync(ROUTES_DIR).filter((f) => f.includes("$") && !NOT_WORKSPACE_DATA.has(f));
    const covered = new Set(CASES.map((c) => c.file));
    expect(withParams.filter((f) => !covered.has(f))).toEqual([]);
  });
});

describe("every loader and action is guarded", () => {
  const ANONYMOUS = new Set(["_index.tsx", "favicon[.]ico.ts", "login.tsx", "setup.tsx", "invite.$token.tsx"]);
  test("each route module calls requireUser (anonymous pages: assertSameOrigin on their actions)", () => {
    const missing: string[] = [];
    for (const file of readdirSync(ROUTES_DIR)) {
      const src = readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const hasHandler = /export (async )?function (loader|action)|export const (loader|action)/.test(src);
      if (!hasHandler) continue;
      if (ANONYMOUS.has(file)) {
        if (/export (async )?function action|export const action/.test(src) && !/assertSameOrigin|requireUser/.test(src)) missing.push(`${file} (action without an Origin check)`);
        continue;
      }
      if (!/requireUser\(|requireOwner\(|requireEditor\(|requireViewer\(/.test(src)) missing.push(file);
    }
    expect(missing).toEqual([]);
  });

  test("signed out: pages redirect to /login, files answer the redirect too, never the data", async () => {
    for (const c of CASES.filter((x) => x.fn === "loader")) {
      const mod = await load(c.file);
      const r = await settle(mod.loader!({ request: asMember(null, c.url()), params: c.params(), ...ctx } as never));
      expect(r.status, c.file).toBe(302);
      expect(r.location, c.file).toMatch(/^\/login/);
    }
  });

  test("a mutation from another site is refused before anything runs", async () => {
    const mod = await load("designs.$id.tsx");
    const request = asMember(ownerA, `/designs/${ids.design}`, { form: { intent: "delete" }, headers: { Origin: "https://evil.example" } });
    const r = await settle(mod.action!({ request, params: { id: ids.design }, ...ctx } as never));
    expect(r.status).toBe(403);
    expect(r.text).toContain("evil.example");
    expect(await getDesign(A, ids.design)).not.toBeNull();
  });
});

describe("brand lock: roles", () => {
  test("editors and viewers cannot change the kit; the owner can", async () => {
    const mod = await load("kits.$slug.edit.tsx");
    for (const member of [editorA, viewerA]) {
      const r = await run({ file: "kits.$slug.edit.tsx", fn: "action", url: () => `/kits/${ids.kit}/edit`, params: () => ({ slug: ids.kit }), form: { intent: "remove-logo", variant: "mono" } }, member);
      expect(r.status).toBe(403);
      expect(r.text).toMatch(/Only a workspace owner/);
      const page = await settle(mod.loader!({ request: asMember(member, `/kits/${ids.kit}/edit`), params: { slug: ids.kit }, ...ctx } as never));
      expect(page.status).toBe(403);
    }
    expect((await getKit(A, ids.kit))?.kit.logos.mono).toBeDefined();
    const restore = await run({ file: "kits.$slug.history.tsx", fn: "action", url: () => `/kits/${ids.kit}/history`, params: () => ({ slug: ids.kit }), form: { version: "1" } }, editorA);
    expect(restore.status).toBe(403);
    const del = await run({ file: "kits.$slug.delete.tsx", fn: "action", url: () => `/kits/${ids.kit}/delete`, params: () => ({ slug: ids.kit }), form: { confirm: ids.kit } }, editorA);
    expect(del.status).toBe(403);
    expect(await getKit(A, ids.kit)).not.toBeNull();
  });

  test("viewers browse and download but cannot make or change designs", async () => {
    const view = await run({ file: "designs.$id.tsx", fn: "loader", url: () => `/designs/${ids.design}`, params: () => ({ id: ids.design }) }, viewerA);
    expect(view.status).toBe(200);
    const download = await run({ file: "library.$id.file.ts", fn: "loader", url: () => `/library/${ids.asset}/file`, params: () => ({ id: ids.asset }) }, viewerA);
    expect(download.status).toBe(200);
    const save = await run({ file: "designs.$id.tsx", fn: "action", url: () => `/designs/${ids.design}`, params: () => ({ id: ids.design }), form: { intent: "delete" } }, viewerA);
    expect(save.status).toBe(403);
    const create = await settle((await load("designs.new.tsx")).action!({ request: asMember(viewerA, "/designs/new", { form: { templateId: "event-flyer", kit: ids.kit } }), params: {}, ...ctx } as never));
    expect(create.status).toBe(403);
    expect(await getDesign(A, ids.design)).not.toBeNull();
  });
});

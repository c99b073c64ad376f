// `marque library` against a real database and blob store: list (table, --json, --stale), rerender
// --stale with a failure reported and exit 1, check and check --repair.
import { expect, test } from "vitest";
import { prisma } from "~/db.server.ts";
import { cliWorkspace } from "~/models/workspace.server.ts";
import { getBlobStore } from "~/storage.server.ts";
import { changePrimary, exportedPost, freshKit } from "../lib/rerender/fixtures.ts";
import { cliIn } from "../support/cli.ts";

const { run } = cliIn("marque-cli-library-");

test("list, rerender --stale and list --stale after a kit change", async () => {
  expect((await run("library", "list")).out).toMatch(/No assets yet/); // also migrates and seeds the example kits
  const ws = await cliWorkspace(undefined); // the one workspace, which the seed created
  const kit = await freshKit(ws, "harbour-and-vine");
  const a = await exportedPost(ws, kit, "Fish and chips");
  const b = await exportedPost(ws, kit, "Sunday roast");
  const broken = await exportedPost(ws, kit, "Broken");
  await prisma.design.update({ where: { id: broken.design.id }, data: { content: "{}" } });

  const table = await run("library", "list");
  expect(table.code).toBe(0);
  expect(table.out).toMatch(/^ID\s+KIT\s+VERSION\s+TEMPLATE\s+FORMAT\s+TYPE\s+CREATED\s+TITLE/);
  expect(table.out).toContain("Fish and chips");
  expect((await run("library", "list", "--stale")).out).toMatch(/No stale assets/);

  await changePrimary(ws, kit.slug, "#4b0082");
  const stale = JSON.parse((await run("library", "list", "--stale", "--json")).out) as { id: string; stale: boolean; kitVersion: number; currentKitVersion: number }[];
  expect(stale.map((s) => s.id).sort()).toEqual([a.asset.id, b.asset.id, broken.asset.id].sort());
  expect(stale.every((s) => s.stale && s.kitVersion === 1 && s.currentKitVersion === 2)).toBe(true);

  expect((await run("library", "rerender")).err).toMatch(/needs --stale/);
  const r = await run("library", "rerender", "--stale");
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/Re-rendered 2 of 3; 1 failed \(old files kept\)/);
  expect(r.err).toContain(`failed ${broken.asset.id}: the content of design ${broken.design.id} is no longer valid`);
  expect(r.err).toMatch(/3\/3/);

  const after = JSON.parse((await run("library", "list", "--stale", "--json")).out) as { id: string }[];
  expect(after.map((s) => s.id)).toEqual([broken.asset.id]);
  const all = JSON.parse((await run("library", "list", "--json")).out) as { kitVersion: number; title: string }[];
  expect(all.map((s) => [s.title, s.kitVersion]).sort()).toEqual([["Broken", 1], ["Fish and chips", 2], ["Sunday roast", 2]]);

  const again = await run("library", "rerender", "--stale", "--kit", "pulse-cycle-studio");
  expect([again.code, again.out.trim()]).toEqual([0, "Nothing to re-render: no asset is stale."]);
  expect((await run("library", "rerender", "--stale", "--kit", "nope")).err).toMatch(/--kit: no brand kit "nope"/);
});

test("check reports, check --repair repairs, and exit codes say which", async () => {
  const ws = await cliWorkspace(undefined);
  const kit = await freshKit(ws, "wild-stem-florals");
  const { asset } = await exportedPost(ws, kit, "Check me");
  const store = getBlobStore();
  const orphan = await store.put(new TextEncoder().encode("orphan for the CLI"));
  await store.delete(asset.storageKey);

  const report = await run("library", "check");
  expect(report.code).toBe(1);
  expect(report.out).toContain(`orphan file ${orphan} (18 bytes)`);
  expect(report.out).toContain(`missing file for asset ${asset.id}`);
  expect(report.out).toMatch(/Run `marque library check --repair`/);

  const repair = await run("library", "check", "--repair", "--json");
  expect(repair.code).toBe(0);
  const json = JSON.parse(repair.out) as { orphans: { key: string; action: string }[]; missing: { id: string; action: string }[]; clean: boolean };
  expect(json.orphans).toEqual([expect.objectContaining({ key: orphan, action: "removed" })]);
  expect(json.missing).toEqual([expect.objectContaining({ id: asset.id, action: "restored" })]);

  const clean = await run("library", "check");
  expect([clean.code, clean.out]).toEqual([0, expect.stringMatching(/No orphan files and no rows with missing files/)]);
  expect((await run("library", "delete", asset.id)).out).toMatch(/Deleted .* \(1 file\(s\) removed from storage\)/);
  expect((await run("library", "delete", asset.id)).err).toMatch(/no asset/);
});

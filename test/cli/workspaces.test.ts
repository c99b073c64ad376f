// `marque workspaces list | create` and `--workspace <slug>`: with one workspace the CLI uses it; with
// several, a command must name one (or MARQUE_WORKSPACE) and then sees only that workspace's kits.
import { afterEach, expect, test } from "vitest";
import { listActivity } from "~/models/activity.server.ts";
import { cliWorkspace } from "~/models/workspace.server.ts";
import { cliIn } from "../support/cli.ts";

const { run } = cliIn("marque-cli-workspaces-");

const slugs = (out: string) => (JSON.parse(out) as { slug: string }[]).map((k) => k.slug).sort();

afterEach(() => {
  delete process.env.MARQUE_WORKSPACE;
});

test("on a new database the example kits go into one workspace, which commands use without --workspace", async () => {
  const list = await run("workspaces", "list", "--json");
  expect(list.code).toBe(0);
  expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ slug: "default", kits: 3, members: 0 })]);
  expect(slugs((await run("kits", "list", "--json")).out)).toEqual(["harbour-and-vine", "pulse-cycle-studio", "wild-stem-florals"]);
  const table = await run("workspaces", "list");
  expect(table.out).toMatch(/^SLUG\s+NAME\s+KITS\s+MEMBERS\n/);
  expect(table.out).toMatch(/default\s+My brands\s+3\s+0/);
});

test("workspaces create prints the new slug; a second with the same name gets its own", async () => {
  const created = await run("workspaces", "create", "Harbour", "Group");
  expect([created.code, created.out.trim()]).toEqual([0, "harbour-group"]);
  expect((await run("workspaces", "create", "Harbour Group")).out.trim()).toBe("harbour-group-2");
  const missing = await run("workspaces", "create");
  expect(missing.code).toBe(1);
  expect(missing.err).toContain("workspaces create needs a name");
  expect((await run("workspaces", "frobnicate")).err).toContain('unknown command "workspaces frobnicate"');
  expect(JSON.parse((await run("workspaces", "list", "--json")).out).map((w: { slug: string }) => w.slug)).toEqual(["default", "harbour-group", "harbour-group-2"]);
});

test("with several workspaces a command without --workspace fails and lists their slugs", async () => {
  const r = await run("kits", "list");
  expect(r.code).toBe(1);
  expect(r.out).toBe("");
  expect(r.err).toContain("This database has 3 workspaces; say which with --workspace <slug> (default, harbour-group, harbour-group-2)");
  const unknown = await run("--workspace", "nope", "kits", "list");
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain('No workspace "nope". Workspaces: default, harbour-group, harbour-group-2.');
  const bare = await run("kits", "list", "--workspace");
  expect(bare.code).toBe(1);
  expect(bare.err).toContain("--workspace needs a workspace slug");
});

test("--workspace b kits list shows only b's kits, even one with a slug another workspace also has", async () => {
  expect((await run("--workspace", "default", "kits", "export", "harbour-and-vine", "--format", "json", "--out", "hv.json")).code).toBe(0);
  const imported = await run("--workspace=harbour-group", "kits", "import", "hv.json");
  expect([imported.code, imported.out.trim()]).toEqual([0, "harbour-and-vine"]);
  // The flag may come anywhere among the arguments.
  expect(slugs((await run("kits", "list", "--json", "--workspace", "harbour-group")).out)).toEqual(["harbour-and-vine"]);
  expect(slugs((await run("--workspace", "harbour-group-2", "kits", "list", "--json")).out)).toEqual([]);
  expect(slugs((await run("--workspace", "default", "kits", "list", "--json")).out)).toEqual(["harbour-and-vine", "pulse-cycle-studio", "wild-stem-florals"]);
  // A change in one workspace leaves the same slug in the other alone.
  expect((await run("--workspace", "harbour-group", "kits", "import", "hv.json", "--into", "harbour-and-vine", "--name", "Harbour Group Vine")).code).toBe(0);
  const names = async (ws: string) => (JSON.parse((await run("--workspace", ws, "kits", "list", "--json")).out) as { slug: string; name: string; version: number }[]).find((k) => k.slug === "harbour-and-vine");
  expect(await names("harbour-group")).toMatchObject({ name: "Harbour Group Vine", version: 2 });
  expect(await names("default")).toMatchObject({ name: "Harbour & Vine", version: 1 });
  // The activity log names the CLI as the actor, in that workspace only.
  const group = await cliWorkspace("harbour-group");
  expect((await listActivity(group)).map((e) => [e.actor, e.action, e.subject])).toEqual([
    ["cli", "kit.import", "harbour-and-vine"],
    ["cli", "kit.import", "harbour-and-vine"],
  ]);
  expect((await listActivity(await cliWorkspace("harbour-group-2"))).length).toBe(0);
  expect(JSON.parse((await run("workspaces", "list", "--json")).out)).toEqual([
    expect.objectContaining({ slug: "default", kits: 3 }),
    expect.objectContaining({ slug: "harbour-group", kits: 1 }),
    expect.objectContaining({ slug: "harbour-group-2", kits: 0 }),
  ]);
});

test("MARQUE_WORKSPACE names the workspace when the flag is not given; the flag wins over it", async () => {
  process.env.MARQUE_WORKSPACE = "harbour-group";
  expect(slugs((await run("kits", "list", "--json")).out)).toEqual(["harbour-and-vine"]);
  expect(slugs((await run("--workspace", "harbour-group-2", "kits", "list", "--json")).out)).toEqual([]);
  process.env.MARQUE_WORKSPACE = "nowhere";
  expect((await run("kits", "list")).err).toContain('No workspace "nowhere"');
});

// First run: no default credentials (every page sends you to /setup until the owner exists), setup
// works exactly once, and the password ends up nowhere but as a scrypt hash.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { prisma } from "~/db.server.ts";
import { getAuth } from "~/lib/auth/guard.server.ts";
import { resetRateLimits } from "~/lib/auth/rate-limit.server.ts";
import { createFirstOwner, FirstRunDoneError, verifyLogin } from "~/models/account.server.ts";
import { action as setupAction, loader as setupLoader } from "~/routes/setup.tsx";
import { loader as loginLoader } from "~/routes/login.tsx";
import { asMember } from "../../support/auth.ts";
import { ctx, settle } from "../../support/route-result.ts";

const PASSWORD = "Sjp-7 violet ferry lantern";
const routesDir = path.resolve(__dirname, "../../../app/routes");
/** Pages anyone may open before signing in. */
const PUBLIC = new Set(["setup.tsx", "login.tsx", "invite.$token.tsx", "favicon[.]ico.ts"]);

beforeEach(() => resetRateLimits());

function setup(form: Record<string, string>, headers?: Record<string, string>) {
  return settle<{ error: string | null; fields: Record<string, string> }>(setupAction({ request: asMember(null, "/setup", { form, headers }), params: {}, ...ctx }));
}
const owner = { email: "Owner@Example.com", name: "Olive Owner", password: PASSWORD, confirm: PASSWORD, workspaceName: "Harbour Group" };

/** Plausible params for every dynamic segment, so a loader gets as far as its auth check. */
function paramsOf(file: string): Record<string, string> {
  return Object.fromEntries([...file.matchAll(/\$(\w+)/g)].map((m) => [m[1]!, m[1] === "format" ? "png" : m[1] === "file" ? "video.mp4" : "x1"]));
}

test("before the first account, every page that has a loader redirects to /setup", async () => {
  const failures: string[] = [];
  for (const file of readdirSync(routesDir).sort()) {
    if (PUBLIC.has(file)) continue;
    const mod = (await import(path.join(routesDir, file))) as { loader?: (args: unknown) => unknown };
    if (!mod.loader) continue;
    const url = `/${file.replace(/\.tsx?$/, "").replace(/(^|\.)_index$/, "").replaceAll(".", "/")}`;
    try {
      const r = await settle(mod.loader({ request: asMember(null, url), params: paramsOf(file), ...ctx }));
      // `/` forwards to /kits, which then sends you to /setup.
      const ok = r.location === "/setup" || (file === "_index.tsx" && r.location === "/kits");
      if (!ok) failures.push(`${file}: ${r.status} ${r.location ?? ""}`);
    } catch (error) {
      failures.push(`${file}: threw ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  expect(failures).toEqual([]);
});

test("before the first account, sign-in sends you to /setup, and setup shows its form", async () => {
  expect((await settle(loginLoader({ request: asMember(null, "/login"), params: {}, ...ctx }))).location).toBe("/setup");
  expect((await settle(setupLoader())).status).toBe(200);
});

test("setup names each bad field and creates nothing", async () => {
  const r = await setup({ email: "not-an-email", password: "short", confirm: "short", workspaceName: " ", name: "" });
  expect(r.status).toBe(400);
  expect(r.data.fields).toMatchObject({ email: expect.stringMatching(/not an email address/), password: expect.stringMatching(/at least 10 characters/), workspaceName: expect.stringMatching(/name/) });
  const mismatch = await setup({ ...owner, confirm: `${PASSWORD}!` });
  expect(mismatch.data.fields).toEqual({ confirm: "the two passwords are not the same" });
  expect(await prisma.user.count()).toBe(0);
});

test("setup from another site is refused", async () => {
  expect((await setup(owner, { Origin: "https://evil.example" })).status).toBe(403);
  expect(await prisma.user.count()).toBe(0);
});

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
  } catch {
    return [];
  }
}

test("setup creates the owner, signs them in on /kits; the password is stored only as a scrypt hash and never printed", async () => {
  const printed: string[] = [];
  const spies = (["log", "info", "warn", "debug", "error"] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" "))));
  let r: Awaited<ReturnType<typeof setup>>;
  try {
    r = await setup(owner);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  expect(r.status).toBe(302);
  expect(r.location).toBe("/kits");
  const cookie = (r.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
  const auth = await getAuth(asMember({ cookie }, "/kits"));
  expect(auth).toMatchObject({ role: "owner", user: { email: "owner@example.com", name: "Olive Owner" }, workspace: { name: "Harbour Group" } });
  expect(printed.join("\n")).not.toContain(PASSWORD);

  const user = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.com" }, select: { passwordHash: true } });
  expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)").catch(() => undefined);
  const dbFile = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  const stored = [dbFile, `${dbFile}-wal`, `${dbFile}-journal`, ...filesUnder(process.env.MARQUE_DATA_DIR ?? "")].flatMap((f) => {
    try {
      return [readFileSync(f)];
    } catch {
      return [];
    }
  });
  expect(stored.length).toBeGreaterThan(0);
  for (const bytes of stored) {
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(PASSWORD, "utf16le"))).toBe(false);
  }
  expect(await prisma.activity.count({ where: { action: "workspace.setup" } })).toBe(1);
});

test("once an account exists, setup is refused: the page and the form send you to sign in, and nothing changes", async () => {
  expect((await settle(setupLoader())).location).toBe("/login");
  const again = await setup({ ...owner, email: "intruder@example.com", workspaceName: "Taken over" });
  expect(again.location).toBe("/login");
  expect(await prisma.user.count()).toBe(1);
  expect(await verifyLogin("intruder@example.com", PASSWORD)).toBeNull();
  expect((await prisma.workspace.findFirstOrThrow({ select: { name: true } })).name).toBe("Harbour Group");
  // Two setups racing past the page's check: the transaction still lets only one through.
  await expect(createFirstOwner({ email: "late@example.com", password: PASSWORD, workspaceName: "Late" })).rejects.toBeInstanceOf(FirstRunDoneError);
  expect(await prisma.user.count()).toBe(1);
});

afterEach(() => vi.restoreAllMocks());

// Starts the production server (`remix-serve`, as `npm start` does) on a free port with its own fresh
// database and data folder, and creates its owner through the real first-run form. Used by the e2e
// global setup and by journeys that need a server of their own (first-run setup in a browser).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type Owner = { email: string; password: string; name: string; workspaceName: string };
export type E2EServer = { baseUrl: string; dir: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Migrates and seeds a new database in a temporary folder and serves it. `build` rebuilds the app first
 * when sources changed; only the global setup does that, so a running server's assets never change.
 */
export async function startServer({ build = false }: { build?: boolean } = {}): Promise<E2EServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "marque-e2e-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}`, MARQUE_DATA_DIR: path.join(dir, "data"), PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" };
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/setup.ts", ...(build ? ["--build"] : [])], { env, stdio: "inherit" });
  const child = spawn(process.execPath, ["node_modules/@remix-run/serve/dist/cli.js", "./build/server/index.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      // Before the owner exists every page redirects to /setup; /setup itself answers 200.
      const res = await fetch(`${baseUrl}/setup`, { redirect: "manual" });
      if (res.status === 200 || res.status === 302) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { baseUrl, dir, stop };
}

/** Creates the owner account by POSTing the first-run form, as a browser would (same Origin). */
export async function createOwner(baseUrl: string, owner: Owner): Promise<void> {
  const body = new URLSearchParams({ email: owner.email, name: owner.name, password: owner.password, confirm: owner.password, workspaceName: owner.workspaceName });
  const res = await fetch(`${baseUrl}/setup`, { method: "POST", body, redirect: "manual", headers: { Origin: baseUrl } });
  if (res.status !== 302 || res.headers.get("location") !== "/kits") {
    throw new Error(`first-run setup at ${baseUrl}/setup answered ${res.status} ${res.headers.get("location") ?? ""}: ${(await res.text()).slice(0, 500)}`);
  }
}

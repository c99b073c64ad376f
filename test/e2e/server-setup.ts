// E2E global setup: build the app when sources changed, then start the production server
// (`remix-serve`, as `npm start` does) on a free port with its own fresh database and data folder.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
  }
}

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

let server: ChildProcess | undefined;
let dir = "";

export default async function setup(project: TestProject) {
  dir = mkdtempSync(path.join(os.tmpdir(), "marque-e2e-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}`, MARQUE_DATA_DIR: path.join(dir, "data"), PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" };
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/setup.ts", "--build"], { env, stdio: "inherit" });
  const child = spawn(process.execPath, ["node_modules/@remix-run/serve/dist/cli.js", "./build/server/index.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/kits`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDataDir", dir);
  return async () => {
    server?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
}

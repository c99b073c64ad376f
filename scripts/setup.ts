// `npm start` / `npm run setup`: migrate (creating data/marque.db), seed the example kits into an
// empty database, and with --build rebuild the app when its sources are newer than the build.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, PROJECT_ROOT } from "../app/lib/bootstrap.server.ts";

const log = (line: string) => console.log(`[marque] ${line}`);

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const built = path.join(PROJECT_ROOT, "build/server/index.js");
  if (!existsSync(built)) return true;
  const sources = ["app", "templates", "public"].map((d) => newestMtime(path.join(PROJECT_ROOT, d)));
  // The schema too: the server bundle includes the database client generated from it.
  const configs = ["vite.config.ts", "package.json", "prisma/schema.prisma"].map((f) => statSync(path.join(PROJECT_ROOT, f)).mtimeMs);
  return Math.max(...sources, ...configs) > statSync(built).mtimeMs;
}

const seeded = await ensureDatabase(log);
if (seeded.length) log(`Example kits ready: ${seeded.join(", ")}`);
if (process.argv.includes("--build") && buildIsStale()) {
  log("Building the app (first start or sources changed)…");
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
// Checks PORT, HOST and the rest before the server starts, with a message naming the variable.
const { getEnv } = await import("../app/env.server.ts");
getEnv();
const { prisma } = await import("../app/db.server.ts");
await prisma.$disconnect();

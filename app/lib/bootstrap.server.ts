// First-use preparation shared by `npm start` and the CLI: regenerate the database client when the schema
// changed under it, apply pending migrations (creating the SQLite file) and seed the example kits into an
// empty database.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getEnv } from "../env.server.ts";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function migrationNames(): string[] {
  const dir = path.join(PROJECT_ROOT, "prisma/migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

async function appliedMigrations(): Promise<Set<string> | null> {
  const { prisma } = await import("../db.server.ts");
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return null; // no migrations table yet: a new database
  }
}

/** Runs `prisma migrate deploy` only when a migration is pending (it costs a second or two). */
export async function migrateIfNeeded(log: (line: string) => void = () => {}) {
  const env = getEnv();
  if (env.DATABASE_URL.startsWith("file:")) {
    const file = env.DATABASE_URL.slice(5).split("?")[0] ?? "";
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  mkdirSync(path.resolve(env.MARQUE_DATA_DIR), { recursive: true });
  const applied = await appliedMigrations();
  const pending = migrationNames().filter((m) => !applied?.has(m));
  if (pending.length === 0) return false;
  log(`Applying ${pending.length} database migration(s)…`);
  // Our own connection must not hold the file while the migration engine (another process) writes it.
  const { prisma } = await import("../db.server.ts");
  await prisma.$disconnect();
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return true;
}

/** Imports every `brand-kits/<slug>/kit.json` into a new database (one with no workspace yet). */
export async function seedIfEmpty(log: (line: string) => void = () => {}) {
  // Only a new database: once any workspace exists, a team that deleted every kit does not get them back.
  const { countWorkspaces, firstWorkspace } = await import("../models/workspace.server.ts");
  if ((await countWorkspaces()) > 0) return [];
  // The example kits go into the first workspace; the first owner takes it over at /setup.
  const ws = await firstWorkspace();
  const scope = { workspaceId: ws.id, userId: null, actor: "setup" };
  const dir = path.join(PROJECT_ROOT, "brand-kits");
  const slugs: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name, "kit.json");
    if (!existsSync(file)) continue;
    const { importKitFile } = await import("../models/kit-import.server.ts");
    const created = await importKitFile(scope, await readFile(file, "utf8"), { fileName: file, baseDir: path.dirname(file) });
    slugs.push(created.slug);
    log(`Seeded example kit ${created.slug}`);
  }
  return slugs;
}

/**
 * Regenerates the Prisma client (app/generated/prisma, not in git) when prisma/schema.prisma is newer:
 * after a `git pull` that changed the schema without an `npm install`, the migrations would add tables
 * that the old client does not know. Runs before anything in this process imports the client.
 */
export function generateClientIfStale(log: (line: string) => void = () => {}) {
  const schema = path.join(PROJECT_ROOT, "prisma/schema.prisma");
  const client = path.join(PROJECT_ROOT, "app/generated/prisma/client.ts");
  if (existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs) return;
  log("The database schema changed: generating its client…");
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules/prisma/build/index.js"), "generate"], { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

export async function ensureDatabase(log?: (line: string) => void) {
  generateClientIfStale(log);
  await migrateIfNeeded(log);
  return seedIfEmpty(log);
}

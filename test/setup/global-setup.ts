// Migrates one template SQLite database per run with the real `prisma migrate deploy`;
// db-setup.ts copies it for every test file (copying beats cleaning: fast and isolated).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const TEMPLATE_DB = path.resolve(".cache/test/template.db");

export default function setup() {
  mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  rmSync(TEMPLATE_DB, { force: true });
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  process.env.MARQUE_TEMPLATE_DB = TEMPLATE_DB;
}

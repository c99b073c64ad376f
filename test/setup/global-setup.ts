// Migrates one template SQLite database per run with the real `prisma migrate deploy`;
// db-setup.ts copies it for every test file (copying beats cleaning: fast and isolated).
// Each run gets its own template file, so two runs side by side never share one.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "marque-template-"));
  const templateDb = path.join(dir, "template.db");
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${templateDb}` },
    stdio: "pipe",
  });
  project.provide("templateDb", templateDb);
  return () => rmSync(dir, { recursive: true, force: true });
}

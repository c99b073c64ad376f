// Per test file: a fresh copy of the migrated template database and an empty data directory.
// Also: console.error during a test fails it, unless the test silences it (vi.spyOn(console, "error").mockImplementation(...)).
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, inject } from "vitest";

const template = inject("templateDb");
const dir = mkdtempSync(path.join(os.tmpdir(), "marque-test-"));
const dbFile = path.join(dir, "test.db");
copyFileSync(template, dbFile);
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.MARQUE_DATA_DIR = path.join(dir, "data");
process.env.NODE_ENV = "test";

const originalError = console.error;
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    originalError(...args);
  };
});
afterEach(() => {
  console.error = originalError;
  if (errors.length) {
    const first = errors[0]?.map(String).join(" ") ?? "";
    errors = [];
    throw new Error(`console.error was called during the test: ${first.slice(0, 500)}`);
  }
});
afterAll(async () => {
  const g = globalThis as { __marquePrisma?: { $disconnect(): Promise<void> } };
  await g.__marquePrisma?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

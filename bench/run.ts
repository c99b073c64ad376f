// `npm run bench [-- name...]`: runs every benchmark script in bench/ (render.ts, audit.ts, …) or only
// the named ones, each in its own process, one after another (they measure time; they must not share
// the CPU). Extra `--flags` after the names go to every script.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  process.stderr.write(`bench: no benchmark ${unknown.map((n) => `"${n}"`).join(", ")} (available: ${available.join(", ")})\n`);
  process.exit(2);
}
let failed = 0;
for (const name of names.length ? names : available) {
  process.stdout.write(`\n=== bench/${name}.ts ===\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, `${name}.ts`), ...flags], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench/${name}.ts exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);

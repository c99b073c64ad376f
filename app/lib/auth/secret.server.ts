// The secret that signs session cookies: SESSION_SECRET from the environment, or one generated on first
// run and stored (mode 0600) in the data directory, so restarts keep everyone signed in.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../../env.server.ts";
import { writeFileAtomicSync } from "../fs-atomic.server.ts";

let cached: string[] | undefined;

export function secretFile(): string {
  return path.resolve(getEnv().MARQUE_DATA_DIR, "session-secret");
}

/** Secrets for cookie signing: the first signs, all verify (SESSION_SECRET may list several, comma-separated, to rotate). */
export function sessionSecrets(): string[] {
  if (cached) return cached;
  const fromEnv = getEnv().SESSION_SECRET;
  if (fromEnv) return (cached = fromEnv.split(",").map((s) => s.trim()).filter(Boolean));
  const file = secretFile();
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomicSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, exclusive: true });
  }
  const stored = readFileSync(file, "utf8").trim();
  if (stored.length < 32) throw new Error(`${file}: the stored session secret is shorter than 32 characters; delete the file to generate a new one (everyone will have to sign in again)`);
  return (cached = [stored]);
}

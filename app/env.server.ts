// Environment, read once and validated: every variable has a safe default so Marque runs with no secrets.
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/marque.db"),
  MARQUE_DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Upload limits: bytes per file and pixels per image (decompression-bomb guard). */
  MARQUE_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  MARQUE_MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  /** Signs session cookies (at least 32 characters; several, comma-separated, to rotate). Absent: generated once into the data directory. */
  SESSION_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(",").every((s) => s.trim().length >= 32), "every secret needs at least 32 characters"),
  /** The address people use (https://brand.example.com) when Marque runs behind a proxy: mutations must come from it, and cookies get Secure when it is https. */
  MARQUE_PUBLIC_URL: z.string().url().optional(),
  /** "1" when a reverse proxy sets X-Forwarded-For/-Proto: rate limits then key on the client address. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /** Days a sign-in lasts. */
  MARQUE_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  /** The model your /v1/videos service serves; no default, since vendors and names change. */
  MARQUE_VIDEO_MODEL: z.string().optional(),
  /** The text model that expands a one-line idea into a video brief (Responses API); no default either. */
  MARQUE_TEXT_MODEL: z.string().optional(),
  /** ffmpeg binary for the offline animatic and post-production; default: `ffmpeg` on PATH, else the npm build. */
  FFMPEG_PATH: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The validated environment. Throws one message naming every bad variable. */
export function getEnv(): Env {
  if (cached) return cached;
  // An empty variable (KEY= in a .env file) means "not set".
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvCache() {
  cached = undefined;
}

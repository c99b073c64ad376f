// `marque video prompt | generate`: see the prompt a brief compiles to (and its A/B variants), or make the
// video with the offline animatic or a /v1/videos service, branded and written to an MP4.
import type { Scope } from "../lib/auth/scope.ts";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { getEnv } from "../env.server.ts";
import { writeFileAtomic } from "../lib/fs-atomic.server.ts";
import { requireKit } from "../models/kit.server.ts";
import { parseBrief, type VideoBrief } from "../lib/video/brief.ts";
import { compileBrief, type CompiledBrief } from "../lib/video/compile.ts";
import { makeVariants, MAX_VARIANTS } from "../lib/video/variants.ts";
import { CliError, userPath, type Io } from "./io.ts";

const USAGE = `Usage:
  marque video prompt --kit <slug> --brief <file.json> [--variants n] [--json] [--model M] [--size WxH]
  marque video generate --kit <slug> --brief <file.json> --out <file.mp4> [--provider local|openai]
        [--model M] [--size WxH] [--cta TEXT] [--tagline TEXT] [--handle TEXT] [--no-end-card] [--logo-bug] [--json]`;

export async function videoCommand(args: string[], io: Io, scope: Scope): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "prompt") return promptCmd(rest, io, scope);
  if (sub === "generate") return generateCmd(rest, io, scope);
  throw new CliError(`unknown command "video ${sub ?? ""}".\n${USAGE}`);
}

/** Runs parseArgs, turning its errors (unknown flag, missing value) into a CLI message with the usage. */
function flags<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

async function readBrief(io: Io, file: string | undefined): Promise<{ brief: VideoBrief; name: string }> {
  if (!file) throw new CliError(`--brief is required: a brief JSON file (see templates/briefs/).\n${USAGE}`);
  const text = await readFile(userPath(io, file), "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`${file}: cannot read the brief (${error.code === "ENOENT" ? "no such file" : error.code ?? error.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return { brief: parseBrief(json, file), name: file };
}

function requireFlag(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`${flag} is required.\n${USAGE}`);
  return value;
}

function printCompiled(io: Io, compiled: CompiledBrief) {
  const n = compiled.clips.length;
  compiled.clips.forEach((clip, i) => {
    const shots = clip.shots.map((s) => s + 1).join(", ");
    io.out(`# Clip ${i + 1} of ${n} · ${clip.params.seconds} s · ${clip.params.size} · ${clip.params.model} · shot${clip.shots.length > 1 ? "s" : ""} ${shots}\n`);
    io.out(`${clip.prompt}\n`);
  });
}

async function promptCmd(args: string[], io: Io, scope: Scope): Promise<number> {
  const v = flags(() => parseArgs({ args, strict: true, options: { kit: { type: "string" }, brief: { type: "string" }, variants: { type: "string" }, json: { type: "boolean" }, model: { type: "string" }, size: { type: "string" } } }).values);
  const slug = requireFlag(v.kit, "--kit");
  const { brief } = await readBrief(io, v.brief);
  const kit = await requireKit(scope, slug);
  const { LOCAL_MODEL } = await import("../lib/video/generate.server.ts");
  const opts = { model: v.model ?? getEnv().MARQUE_VIDEO_MODEL ?? LOCAL_MODEL, ...(v.size ? { size: v.size } : {}) };
  if (v.variants !== undefined) {
    const n = Number(v.variants);
    if (!Number.isInteger(n) || n < 1 || n > MAX_VARIANTS) throw new CliError(`--variants: give a whole number from 1 to ${MAX_VARIANTS} (got "${v.variants}")`);
    const variants = makeVariants(brief, kit.kit, n, opts);
    if (v.json) {
      io.out(JSON.stringify({ kit: kit.slug, kitVersion: kit.version, variants: variants.map(({ label, axis, description, compiled }) => ({ label, axis, description, ...compiled })) }, null, 2));
      return 0;
    }
    if (variants.length < n) io.err(`warning: this brief allows only ${variants.length} distinct variant${variants.length === 1 ? "" : "s"}`);
    variants.forEach((variant, i) => {
      io.out(`## Variant ${String.fromCharCode(65 + i)}: ${variant.label} (${variant.axis})\n${variant.description}\n`);
      printCompiled(io, variant.compiled);
    });
    return 0;
  }
  const compiled = compileBrief(brief, kit.kit, opts);
  if (v.json) {
    io.out(JSON.stringify({ kit: kit.slug, kitVersion: kit.version, ...compiled }, null, 2));
    return 0;
  }
  for (const w of compiled.warnings) io.err(`warning: ${w.field ? `${w.field}: ` : ""}${w.message}`);
  printCompiled(io, compiled);
  return 0;
}

/** One progress line redrawn in place on a terminal; stage changes as plain lines otherwise. */
function progressReporter(io: Io) {
  const tty = io.isTTY && Boolean(process.stderr.isTTY);
  let lastMessage = "";
  let drawn = false;
  return {
    update(fraction: number, message: string) {
      if (tty) {
        const width = 24;
        const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
        drawn = true;
        process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${message.padEnd(40).slice(0, 40)}`);
      } else if (message !== lastMessage && fraction < 1) {
        io.err(`${message}…`);
      }
      lastMessage = message;
    },
    done() {
      if (drawn) process.stderr.write("\n");
      drawn = false;
    },
  };
}

async function generateCmd(args: string[], io: Io, scope: Scope): Promise<number> {
  const v = flags(() => parseArgs({ args, strict: true, options: {
    kit: { type: "string" },
    brief: { type: "string" },
    out: { type: "string" },
    provider: { type: "string", default: "local" },
    model: { type: "string" },
    size: { type: "string" },
    cta: { type: "string" },
    tagline: { type: "string" },
    handle: { type: "string" },
    "no-end-card": { type: "boolean" },
    "logo-bug": { type: "boolean" },
    json: { type: "boolean" },
  } }).values);
  const slug = requireFlag(v.kit, "--kit");
  const out = requireFlag(v.out, "--out");
  if (path.extname(out).toLowerCase() !== ".mp4") throw new CliError(`--out: the video is an MP4; name the file something.mp4 (got "${out}")`);
  const { brief, name } = await readBrief(io, v.brief);
  await requireKit(scope, slug);
  const { generateVideo } = await import("../lib/video/generate.server.ts");
  const { ensureVideoWorker, stopVideoWorker } = await import("../lib/video/worker.server.ts");
  // A CLI run waits for its own clips: poll often (the local renderer finishes in seconds).
  ensureVideoWorker({ poll: { initialMs: 200, maxMs: 2000, factor: 1.5, jitter: 0.1 }, idleScanMs: 1000 });
  const bar = progressReporter(io);
  const started = Date.now();
  // Ctrl-C cancels this run's clip jobs rather than leaving them to render for nobody.
  const interrupted = new AbortController();
  const onSigint = () => interrupted.abort();
  process.once("SIGINT", onSigint);
  try {
    const result = await generateVideo(scope, {
      kitSlug: slug,
      brief,
      briefSource: name,
      provider: v.provider,
      ...(v.model ? { model: v.model } : {}),
      ...(v.size ? { size: v.size } : {}),
      endCard: v["no-end-card"] ? false : { cta: v.cta, tagline: v.tagline, handle: v.handle },
      logoBug: Boolean(v["logo-bug"]),
      onProgress: (p) => bar.update(p.fraction, p.message),
      signal: interrupted.signal,
      cancelOnAbort: true,
    });
    bar.done();
    await writeFileAtomic(userPath(io, out), result.bytes);
    for (const w of result.queued.compiled.warnings) io.err(`warning: ${w.field ? `${w.field}: ` : ""}${w.message}`);
    const summary = {
      out,
      width: result.width,
      height: result.height,
      seconds: result.seconds,
      bytes: result.bytes.length,
      provider: result.queued.provider,
      model: result.queued.model,
      clips: result.queued.jobIds.length,
      jobIds: result.queued.jobIds,
      assetId: result.asset.id,
      kitVersion: result.asset.kitVersion,
      endCard: result.endCard,
      elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
    };
    if (v.json) io.out(JSON.stringify(summary, null, 2));
    else io.out(`Wrote ${out} (${summary.width}×${summary.height}, ${summary.seconds.toFixed(1)} s, ${summary.clips} clip${summary.clips > 1 ? "s" : ""} from ${summary.provider}, asset ${summary.assetId})`);
    return 0;
  } finally {
    process.off("SIGINT", onSigint);
    bar.done();
    await stopVideoWorker();
  }
}

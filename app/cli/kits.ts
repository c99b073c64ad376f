// `marque kits list | import | export`.
import type { Scope } from "../lib/auth/scope.ts";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { listKits, requireKit } from "../models/kit.server.ts";
import { importKitFile } from "../models/kit-import.server.ts";
import { exportKit, EXPORT_FORMATS, type ExportFormat } from "../models/kit-export.server.ts";
import { writeFileAtomic } from "../lib/fs-atomic.server.ts";
import { CliError, table, userPath, type Io } from "./io.ts";

export async function kitsCommand(args: string[], io: Io, scope: Scope): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest, io, scope);
  if (sub === "import") return importCmd(rest, io, scope);
  if (sub === "export") return exportCmd(rest, io, scope);
  throw new CliError(`unknown command "kits ${sub ?? ""}". Try: kits list | kits import <file> | kits export <slug> --format json|dtcg|css|tailwind`);
}

async function list(args: string[], io: Io, scope: Scope) {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } }, strict: true });
  const kits = await listKits(scope);
  if (values.json) {
    io.out(JSON.stringify(kits.map((k) => ({ slug: k.slug, name: k.name, version: k.version, updatedAt: k.updatedAt.toISOString(), palette: Object.fromEntries(Object.entries(k.kit.palette).map(([r, e]) => [r, e.color])) })), null, 2));
    return 0;
  }
  if (kits.length === 0) {
    io.out("No brand kits yet. Import one with: marque kits import <file>");
    return 0;
  }
  io.out(table([["SLUG", "NAME", "VERSION", "PRIMARY", "UPDATED"], ...kits.map((k) => [k.slug, k.name, `v${k.version}`, k.kit.palette.primary.color, k.updatedAt.toISOString().slice(0, 10)])]));
  return 0;
}

async function importCmd(args: string[], io: Io, scope: Scope) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: "string" }, into: { type: "string" }, json: { type: "boolean" } },
    strict: true,
  });
  const file = positionals[0];
  if (!file) throw new CliError("kits import needs a file: marque kits import <file> [--name N] [--into <slug>]");
  const full = userPath(io, file);
  const text = await readFile(full, "utf8").catch(() => {
    throw new CliError(`${file}: cannot read the file`);
  });
  if (values.into) await requireKit(scope, values.into);
  const result = await importKitFile(scope, text, { fileName: file, baseDir: path.dirname(full), name: values.name, into: values.into });
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
  } else {
    for (const w of [...result.warnings, ...result.notes]) io.err(`warning: ${w}`);
    io.out(result.slug);
  }
  return 0;
}

async function exportCmd(args: string[], io: Io, scope: Scope) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "json" }, out: { type: "string" } },
    strict: true,
  });
  const slug = positionals[0];
  if (!slug) throw new CliError("kits export needs a kit slug: marque kits export <slug> --format json|dtcg|css|tailwind [--out F]");
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${values.format}")`);
  const { text } = await exportKit(scope, slug, format);
  if (values.out) {
    await writeFileAtomic(userPath(io, values.out), text);
    io.err(`Wrote ${values.out}`);
  } else {
    io.out(text);
  }
  return 0;
}

// `marque audit <file> --kit <slug> [--json]`: a file, a library asset or a video thumbnail against a brand kit.
import type { Scope } from "../lib/auth/scope.ts";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatAuditReport } from "../lib/audit/report-text.ts";
import { runAudit, type AuditSource } from "../lib/audit/sources.server.ts";
import { CliError, userPath, type Io } from "./io.ts";

/** Local files may be larger than web uploads; the pixel limit (MARQUE_MAX_IMAGE_PIXELS) still applies. */
const CLI_MAX_BYTES = 200 * 1024 * 1024;

const USAGE = "marque audit <file> --kit <slug> [--json] [--min-score 0.9]  (or --asset <id> / --video <job id> instead of a file)";

export async function auditCommand(args: string[], io: Io, scope: Scope): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { kit: { type: "string" }, json: { type: "boolean" }, asset: { type: "string" }, video: { type: "string" }, "min-score": { type: "string" } },
    strict: true,
  });
  const file = positionals[0];
  const sources = [file, values.asset, values.video].filter(Boolean).length;
  if (sources !== 1) throw new CliError(`audit needs exactly one of a file, --asset or --video: ${USAGE}`);
  const minScore = values["min-score"] === undefined ? undefined : Number(values["min-score"]);
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new CliError(`--min-score must be a number from 0 to 1 (got "${values["min-score"]}")`);
  if (!file && !values.kit) io.err("No --kit given: auditing against the kit the asset or video was made with.");
  else if (!values.kit) throw new CliError(`audit needs --kit <slug>: ${USAGE}`);

  let report;
  if (file) {
    const bytes = await readFile(userPath(io, file)).catch(() => {
      throw new CliError(`${file}: cannot read the file`);
    });
    report = await runAudit(scope, { file: { bytes, fileName: path.basename(file) }, kitSlug: values.kit, maxBytes: CLI_MAX_BYTES });
  } else {
    const source: AuditSource = values.asset ? { assetId: values.asset } : { videoJobId: values.video! };
    report = await runAudit(scope, { source, kitSlug: values.kit, maxBytes: CLI_MAX_BYTES });
  }
  io.out(values.json ? JSON.stringify(report, null, 2) : formatAuditReport(report));
  if (minScore !== undefined && report.score < minScore) {
    io.err(`On-brand score ${report.score.toFixed(3)} is below --min-score ${minScore}`);
    return 2;
  }
  return 0;
}

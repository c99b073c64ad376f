// Small helpers for CLI commands: argument paths relative to where the user ran the command, output.
import path from "node:path";

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  isTTY: boolean;
}

export function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
    cwd: process.env.MARQUE_CWD ?? process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

export function userPath(io: Io, p: string): string {
  return path.resolve(io.cwd, p);
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}

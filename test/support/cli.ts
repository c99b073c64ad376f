// The CLI as tests call it: main() in this process, in a folder of its own, with its output captured.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Io } from "~/cli/io.ts";
import { main } from "~/cli/main.ts";

export type CliResult = { code: number; out: string; err: string };

/** An Io writing into strings (standard output and error), with `cwd` as the working folder. */
export function captureIo(cwd: string) {
  const output = { out: "", err: "" };
  const io: Io = { out: (t) => (output.out += `${t}\n`), err: (t) => (output.err += `${t}\n`), cwd, isTTY: false };
  return { io, output };
}

/** A fresh working folder (`work`) and `run(...argv)`, which runs `marque …` there. */
export function cliIn(prefix: string) {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  async function run(...argv: string[]): Promise<CliResult> {
    const { io, output } = captureIo(work);
    const code = await main(argv, io);
    return { code, ...output };
  }
  return { work, run };
}

// `marque brandbook --kit <slug> --out <file.pdf>`: the kit's brand guidelines as one PDF.
import type { Scope } from "../lib/auth/scope.ts";
import { parseArgs } from "node:util";
import { renderBrandBook } from "../lib/brandbook/book.server.ts";
import { writeFileAtomic } from "../lib/fs-atomic.server.ts";
import { requireKit } from "../models/kit.server.ts";
import { CliError, userPath, type Io } from "./io.ts";

export async function brandbookCommand(args: string[], io: Io, scope: Scope): Promise<number> {
  const { values } = parseArgs({ args, options: { kit: { type: "string" }, out: { type: "string" } }, strict: true });
  if (!values.kit || !values.out) throw new CliError("brandbook needs --kit <slug> and --out <file.pdf>");
  if (!values.out.toLowerCase().endsWith(".pdf")) throw new CliError(`--out must name a .pdf file (got "${values.out}")`);
  const found = await requireKit(scope, values.kit);
  const book = await renderBrandBook(found.kit, { version: found.version });
  await writeFileAtomic(userPath(io, values.out), book.bytes);
  for (const o of book.overflow) io.err(`warning: ${o.message}`);
  for (const m of book.missing) io.err(`warning: ${m.field}: no font has ${m.chars.join(" ")}`);
  io.err(`Wrote ${values.out} (${book.pages} pages)`);
  return 0;
}

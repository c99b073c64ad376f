#!/usr/bin/env node
// `npx marque …`: runs the TypeScript CLI through tsx, against the project's own data folder.
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.MARQUE_CWD = process.cwd();
// Relative defaults (./data/marque.db, ./data) belong to the project, wherever the command is run from.
process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
register();
const { main } = await import("../app/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

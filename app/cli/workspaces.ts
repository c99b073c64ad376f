// `marque workspaces list | create`: the workspaces of this database (the web app's owners invite people).
import { parseArgs } from "node:util";
import { createWorkspace, listWorkspaces } from "../models/workspace.server.ts";
import { CliError, table, type Io } from "./io.ts";

export async function workspacesCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") {
    const { values } = parseArgs({ args: rest, options: { json: { type: "boolean" } }, strict: true });
    const all = await listWorkspaces();
    if (values.json) io.out(JSON.stringify(all, null, 2));
    else io.out(table([["SLUG", "NAME", "KITS", "MEMBERS"], ...all.map((w) => [w.slug, w.name, String(w.kits), String(w.members)])]));
    return 0;
  }
  if (sub === "create") {
    const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {}, strict: true });
    const name = positionals.join(" ").trim();
    if (!name) throw new CliError('workspaces create needs a name: marque workspaces create "Harbour Group"');
    const ws = await createWorkspace(name);
    io.out(ws.slug);
    return 0;
  }
  throw new CliError(`unknown command "workspaces ${sub ?? ""}". Try: workspaces list | workspaces create <name>`);
}

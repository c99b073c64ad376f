// `marque workspaces list | create | invite`: the workspaces of this database. A workspace made here has
// no members yet: `invite --role owner` prints the single-use link its first owner opens.
import { parseArgs } from "node:util";
import { getEnv } from "../env.server.ts";
import { createInvitation } from "../models/invitation.server.ts";
import { cliWorkspace, createWorkspace, listWorkspaces } from "../models/workspace.server.ts";
import { CliError, table, type Io } from "./io.ts";

export async function workspacesCommand(args: string[], io: Io, workspace?: string): Promise<number> {
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
  if (sub === "invite") {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: "string", default: "editor" } }, strict: true });
    const email = positionals[0];
    if (!email) throw new CliError("workspaces invite needs an email: marque --workspace <slug> workspaces invite someone@example.com --role owner|editor|viewer");
    const scope = await cliWorkspace(workspace);
    const inv = await createInvitation(scope, email, values.role ?? "editor");
    const env = getEnv();
    const base = env.MARQUE_PUBLIC_URL ?? `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
    io.err(`Invited ${inv.email} to ${scope.workspace.name} as ${inv.role}; the link works once, until ${inv.expiresAt.toISOString().slice(0, 10)}:`);
    io.out(new URL(inv.path, base).toString());
    return 0;
  }
  throw new CliError(`unknown command "workspaces ${sub ?? ""}". Try: workspaces list | workspaces create <name> | workspaces invite <email> --role owner`);
}

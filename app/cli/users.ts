// `marque users list | set-password`: the accounts of this database. There is no mail server, so a
// forgotten password is reset here, by whoever runs the server; every session of that person ends.
import { parseArgs } from "node:util";
import { prisma } from "../db.server.ts";
import { passwordProblem } from "../lib/auth/password.server.ts";
import { normaliseEmail, setPassword } from "../models/account.server.ts";
import { CliError, table, type Io } from "./io.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

export async function usersCommand(args: string[], io: Io, stdin: () => Promise<string> = readStdin): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") {
    const { values } = parseArgs({ args: rest, options: { json: { type: "boolean" } }, strict: true });
    const users = await prisma.user.findMany({
      select: { email: true, name: true, memberships: { select: { role: true, workspace: { select: { slug: true } } } } },
      orderBy: { createdAt: "asc" },
    });
    const rows = users.map((u) => ({ email: u.email, name: u.name, workspaces: u.memberships.map((m) => `${m.workspace.slug} (${m.role})`) }));
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else io.out(table([["EMAIL", "NAME", "WORKSPACES"], ...rows.map((r) => [r.email, r.name, r.workspaces.join(", ")])]));
    return 0;
  }
  if (sub === "set-password") {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { "password-stdin": { type: "boolean" } }, strict: true });
    const email = positionals[0];
    if (!email || !values["password-stdin"]) {
      throw new CliError("users set-password needs an email and the new password on standard input: printf '%s' \"$NEW_PASSWORD\" | marque users set-password ana@example.com --password-stdin");
    }
    const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true } });
    if (!user) throw new CliError(`no account with the email ${normaliseEmail(email)} (marque users list shows them)`);
    // `echo` adds a newline that is not part of the password.
    const password = (await stdin()).replace(/\r?\n$/, "");
    const problem = passwordProblem(password);
    if (problem) throw new CliError(`password: ${problem}`);
    const ended = await setPassword(user.id, password);
    io.err(`Set a new password for ${user.email}; ended ${ended} session${ended === 1 ? "" : "s"}.`);
    return 0;
  }
  throw new CliError(`unknown command "users ${sub ?? ""}". Try: users list | users set-password <email> --password-stdin`);
}

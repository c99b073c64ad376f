// `marque users list | set-password`: the reset path for a forgotten password (no mail server): the new
// password works, the old one does not, every session of that person ends, and bad input is named.
import { expect, test } from "vitest";
import { usersCommand } from "~/cli/users.ts";
import { getAuth } from "~/lib/auth/guard.server.ts";
import { verifyLogin } from "~/models/account.server.ts";
import { asMember, makeMember, makeWorkspace } from "../support/auth.ts";
import { captureIo, cliIn } from "../support/cli.ts";

const { work } = cliIn("marque-cli-users-");

async function run(args: string[], stdin = "") {
  const { io, output } = captureIo(work);
  try {
    const code = await usersCommand(args, io, async () => stdin);
    return { code, ...output };
  } catch (error) {
    return { code: 1, out: output.out, err: `${output.err}${error instanceof Error ? error.message : String(error)}` };
  }
}

test("set-password replaces the hash and ends every session of that person; list shows accounts and roles", async () => {
  const ws = await makeWorkspace("Corner Bakery");
  const ana = await makeMember(ws, "owner", "ana@example.com");
  expect(await getAuth(asMember(ana, "/kits"))).not.toBeNull();
  const list = await run(["list", "--json"]);
  expect(JSON.parse(list.out)).toContainEqual({ email: "ana@example.com", name: "", workspaces: [`${ws.workspace.slug} (owner)`] });

  const r = await run(["set-password", "ANA@example.com", "--password-stdin"], "a new long passphrase\n");
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/Set a new password for ana@example.com; ended 1 session/);
  expect(r.out + r.err).not.toContain("a new long passphrase");
  expect(await verifyLogin("ana@example.com", "a new long passphrase")).not.toBeNull();
  expect(await verifyLogin("ana@example.com", "correct horse battery")).toBeNull();
  expect(await getAuth(asMember(ana, "/kits"))).toBeNull();
});

test("unknown account, short password and a missing --password-stdin are refused, naming what is wrong", async () => {
  expect((await run(["set-password", "nobody@example.com", "--password-stdin"], "long enough password")).err).toMatch(/no account with the email nobody@example.com/);
  const ws = await makeWorkspace();
  await makeMember(ws, "editor", "ben@example.com");
  expect((await run(["set-password", "ben@example.com", "--password-stdin"], "short")).err).toMatch(/password: use at least 10 characters/);
  expect((await run(["set-password", "ben@example.com"])).err).toMatch(/--password-stdin/);
  expect(await verifyLogin("ben@example.com", "correct horse battery")).not.toBeNull();
});

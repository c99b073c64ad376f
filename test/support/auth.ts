// Accounts for tests: a workspace, a member with a role, and requests signed in as them (same-origin,
// with the real signed session cookie), so loaders and actions are called exactly as a browser would.
import { prisma } from "~/db.server.ts";
import { hashPassword } from "~/lib/auth/password.server.ts";
import type { Role } from "~/lib/auth/roles.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import { createSession } from "~/lib/auth/session.server.ts";
import { createWorkspace, type Workspace } from "~/models/workspace.server.ts";

export const BASE = "http://marque.test";
let counter = 0;
let hash: Promise<string> | undefined;

export type TestWorkspace = Scope & { workspace: Workspace };
export type TestMember = { id: string; email: string; role: Role; cookie: string; scope: Scope; workspace: Workspace };

export async function makeWorkspace(name = `Workspace ${++counter}`): Promise<TestWorkspace> {
  const workspace = await createWorkspace(name);
  return { workspaceId: workspace.id, userId: null, actor: "test", workspace };
}

/** A user with `role` in the workspace, signed in: `cookie` is the Cookie header value. */
export async function makeMember(ws: TestWorkspace, role: Role, email = `${role}-${++counter}@example.com`): Promise<TestMember> {
  hash ??= hashPassword("correct horse battery");
  const user = await prisma.user.create({ data: { email, passwordHash: await hash, memberships: { create: { workspaceId: ws.workspaceId, role } } }, select: { id: true, email: true } });
  const setCookie = await createSession(new Request(BASE), user.id, ws.workspaceId);
  return { ...user, role, cookie: setCookie.split(";")[0] ?? "", scope: { workspaceId: ws.workspaceId, userId: user.id, actor: user.email }, workspace: ws.workspace };
}

/** A Request as the member's browser sends it: their cookie, and Origin on anything but GET/HEAD. */
export function asMember(member: Pick<TestMember, "cookie"> | null, path: string, init: RequestInit & { form?: Record<string, string | Blob> } = {}): Request {
  const headers = new Headers(init.headers);
  if (member) headers.set("Cookie", member.cookie);
  const method = (init.method ?? (init.form ? "POST" : "GET")).toUpperCase();
  if (method !== "GET" && method !== "HEAD" && !headers.has("Origin")) headers.set("Origin", BASE);
  let body = init.body;
  if (init.form) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(init.form)) fd.append(k, v);
    body = fd;
  }
  return new Request(new URL(path, BASE), { ...init, method, headers, body });
}

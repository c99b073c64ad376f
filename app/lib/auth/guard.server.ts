// The one gate in front of every loader, action and resource route: same-origin check on mutations,
// session, workspace membership and role. Throws a redirect (to /setup or /login) or a 403 Response.
import { redirect } from "@remix-run/node";
import { prisma } from "../../db.server.ts";
import { getEnv } from "../../env.server.ts";
import { isRole, refusal, roleAtLeast, type Role } from "./roles.ts";
import type { Scope } from "./scope.ts";
import { authThrough } from "./auth-cache.server.ts";
import { loadSession, sessionToken, switchSessionWorkspace } from "./session.server.ts";

export type Auth = Required<Scope> & {
  userId: string;
  sessionId: string;
  role: Role;
  user: { id: string; email: string; name: string };
  workspace: { id: string; slug: string; name: string };
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function forbidden(message: string): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Hosts a same-origin request may come from: this server's, plus the public URL's when set. */
function allowedHosts(request: Request): Set<string> {
  const env = getEnv();
  const hosts = new Set([new URL(request.url).host]);
  if (env.MARQUE_PUBLIC_URL) hosts.add(new URL(env.MARQUE_PUBLIC_URL).host);
  if (env.TRUST_PROXY === "1") {
    const fwd = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    if (fwd) hosts.add(fwd);
  }
  return hosts;
}

/**
 * Refuses a state-changing request that did not come from one of our own pages. Browsers send Origin on
 * every POST (fetch and plain forms); Referer is the fallback; a request with neither is refused too.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("Origin");
  let source: string | null = origin && origin !== "null" ? origin : null;
  if (!source && !origin) {
    const referer = request.headers.get("Referer");
    if (referer) source = referer;
  }
  let host: string | null = null;
  try {
    host = source ? new URL(source).host : null;
  } catch {
    host = null;
  }
  if (!host) throw forbidden("This request was refused: it did not say which site it came from (no Origin header).");
  if (!allowedHosts(request).has(host)) throw forbidden(`This request was refused: it came from another site (${host}).`);
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname.replace(/\.data$/, "") + url.search;
  return redirect(back && back !== "/" ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login");
}

// The root loader and the page's loader both ask during one request: read the session once.
const perRequest = new WeakMap<Request, Promise<Auth | null>>();

/** The signed-in user of this request with their role in the session's workspace, or null. */
export function getAuth(request: Request): Promise<Auth | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = authForCookie(request.headers.get("Cookie"));
    perRequest.set(request, pending);
  }
  return pending;
}

/** The signed-in user of a Cookie header with their role in the session's workspace, or null. */
export async function authForCookie(cookieHeader: string | null): Promise<Auth | null> {
  const token = await sessionToken(cookieHeader);
  if (!token) return null;
  const auth = await authThrough(token, () => loadAuth(token));
  // Remembered for a few seconds, a session may still run out in between.
  return auth && auth.expiresAt > Date.now() ? auth : null;
}

async function loadAuth(token: string): Promise<(Auth & { expiresAt: number }) | null> {
  const session = await loadSession(token);
  if (!session) return null;
  const user = session.user;
  let membership = user.memberships.find((m) => m.workspace.id === session.workspaceId);
  if (!membership) {
    // Removed from the workspace this browser was in: continue in another of theirs, if any.
    membership = user.memberships[0];
    if (!membership) return null;
    await switchSessionWorkspace(session.id, membership.workspace.id);
  }
  if (!isRole(membership.role)) return null;
  return {
    expiresAt: session.expiresAt.getTime(),
    workspaceId: membership.workspace.id,
    userId: user.id,
    actor: user.email,
    sessionId: session.id,
    role: membership.role,
    user: { id: user.id, email: user.email, name: user.name },
    workspace: membership.workspace,
  };
}

export async function hasAnyUser(): Promise<boolean> {
  return (await prisma.user.count()) > 0;
}

/**
 * Requires a signed-in member with at least role `min` (default viewer). Mutations (any method but
 * GET/HEAD/OPTIONS) must also be same-origin. Not signed in: redirect to /login (or /setup before the
 * first account exists). Role too low: 403 saying what the role may do.
 */
export async function requireUser(request: Request, min: Role = "viewer"): Promise<Auth> {
  assertSameOrigin(request);
  const auth = await getAuth(request);
  if (!auth) throw (await hasAnyUser()) ? loginRedirect(request) : redirect("/setup");
  if (!roleAtLeast(auth.role, min)) throw forbidden(refusal(min));
  return auth;
}

/** Shorthands that read as the rule they enforce. */
export const requireViewer = (request: Request) => requireUser(request, "viewer");
export const requireEditor = (request: Request) => requireUser(request, "editor");
export const requireOwner = (request: Request) => requireUser(request, "owner");

// Cookie sessions: the cookie carries a random token, signed (HMAC) with the session secret; the database
// keeps only the token's SHA-256 with the user, the workspace in use and the expiry. Logout deletes the row,
// so a copied cookie stops working at once.
import { authChanged } from "./auth-cache.server.ts";
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { prisma } from "../../db.server.ts";
import { getEnv } from "../../env.server.ts";
import { sessionSecrets } from "./secret.server.ts";

export const SESSION_COOKIE = "marque_session";

function cookie() {
  return createCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", path: "/", secrets: sessionSecrets() });
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** HTTPS as the browser sees it: the request itself, a trusted proxy's X-Forwarded-Proto, or an https public URL. */
export function isHttps(request: Request): boolean {
  const env = getEnv();
  if (new URL(request.url).protocol === "https:") return true;
  if (env.TRUST_PROXY === "1" && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https") return true;
  return env.MARQUE_PUBLIC_URL?.startsWith("https:") ?? false;
}

/** Starts a session; returns the Set-Cookie header value. */
export async function createSession(request: Request, userId: string, workspaceId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const days = getEnv().MARQUE_SESSION_DAYS;
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  // Rows of sessions nobody came back to are cleared here; a returning expired one is removed when read.
  await prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  await prisma.session.create({ data: { id: tokenHash(token), userId, workspaceId, expiresAt } });
  return cookie().serialize(token, { expires: expiresAt, secure: isHttps(request) });
}

/** The signed session token in the request's cookie (or a Cookie header), signature checked, or null. */
export async function sessionToken(request: Request | string | null): Promise<string | null> {
  const header = typeof request === "string" || request === null ? request : request.headers.get("Cookie");
  const value: unknown = await cookie().parse(header);
  return typeof value === "string" && value.length > 0 ? value : null;
}

const sessionUserSelect = {
  id: true,
  userId: true,
  workspaceId: true,
  expiresAt: true,
  user: { select: { id: true, email: true, name: true, memberships: { select: { role: true, workspace: { select: { id: true, slug: true, name: true } } }, orderBy: { createdAt: "asc" as const } } } },
} as const;

/** The live session for a token with its user and memberships, in one query; null when unknown or expired. */
export async function loadSession(token: string) {
  const row = await prisma.session.findUnique({ where: { id: tokenHash(token) }, select: sessionUserSelect });
  if (!row) return null;
  if (row.expiresAt.getTime() <= Date.now()) {
    await prisma.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  return row;
}

/** Ends this request's session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await sessionToken(request);
  if (token) await prisma.session.deleteMany({ where: { id: tokenHash(token) } });
  authChanged();
  return cookie().serialize("", { expires: new Date(0), maxAge: 0, secure: isHttps(request) });
}

/** Moves this session to another workspace (the caller checks membership). */
export async function switchSessionWorkspace(sessionId: string, workspaceId: string) {
  await prisma.session.update({ where: { id: sessionId }, data: { workspaceId } });
  authChanged();
}

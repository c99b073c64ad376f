// Where to go after signing in: only a path on this site, so a crafted ?redirectTo= cannot send someone
// to another site (an open redirect) with a trusted-looking login link.
const FALLBACK = "/kits";

export function safeRedirect(to: unknown, fallback = FALLBACK): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  try {
    const base = "http://marque.invalid";
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
    const path = url.pathname + url.search + url.hash;
    // The pages that start or end a sign-in are no place to land after one.
    if (/^\/(login|logout|setup)(\/|$|\?)/.test(path)) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

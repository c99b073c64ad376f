// Security headers of every HTML page: a Content-Security-Policy that runs only our own scripts (the
// inline ones Remix writes carry this request's nonce), no framing, no MIME sniffing, no referrer
// beyond our own origin, no powerful browser features. Resource routes set their own file headers.
import { randomBytes } from "node:crypto";

/** 128 random bits, base64: a fresh one per document request. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The policy for a page rendered with `nonce`. `'strict-dynamic'` lets the nonced entry script load the
 * route modules it imports; 'self' stays for browsers without CSP3 and for Remix's <link rel=modulepreload>
 * tags, which carry no nonce. Styles may be inline: pages use style attributes, and kit pages write their
 * @font-face rules in a <style> element. `development`: Vite's HMR socket (ws:) is allowed too.
 */
export function contentSecurityPolicy(nonce: string, opts: { development?: boolean } = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": opts.development ? ["'self'", "ws:", "wss:"] : ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Browser features no Marque page uses, switched off for the page and anything it might embed. */
export const PERMISSIONS_POLICY = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "midi"]
  .map((feature) => `${feature}=()`)
  .join(", ");

export function setSecurityHeaders(headers: Headers, nonce: string, opts: { development?: boolean } = {}): void {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, opts));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", PERMISSIONS_POLICY);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
}

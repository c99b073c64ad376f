// Content-Security-Policy support for the React tree. The per-request nonce, handed from
// entry.server.tsx to the components that render inline scripts (<Scripts>, <ScrollRestoration>); in
// the browser there is no provider and the nonce is "" (browsers hide the attribute from the DOM anyway,
// and those scripts run once, from the server's HTML). And zod, which probes `new Function` to compile
// fast parsers, is told not to in the browser: our CSP has no 'unsafe-eval', so the probe would be
// reported as a violation before zod fell back. root.tsx imports this module before any route module,
// so the setting is in place before a schema is built.
import { createContext, useContext, type ReactNode } from "react";
import { z } from "zod";

if (typeof document !== "undefined") z.config({ jitless: true });

const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}

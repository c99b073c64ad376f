// The per-request CSP nonce, handed from entry.server.tsx to the components that render inline
// scripts (<Scripts>, <ScrollRestoration>). In the browser there is no provider: the nonce is ""
// (browsers hide the attribute from the DOM anyway, and the scripts only run once, from the server's HTML).
import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}

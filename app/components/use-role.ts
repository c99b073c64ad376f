// The signed-in member's role, from the root loader, so pages hide what the role cannot do (the server
// refuses it anyway: requireUser in every loader and action).
import { useRouteLoaderData } from "@remix-run/react";
import { roleAtLeast, type Role } from "~/lib/auth/roles.ts";

type RootData = { account: { role: Role } | null };

export function useRole(): Role | null {
  return useRouteLoaderData<RootData>("root")?.account?.role ?? null;
}

/** True when the member may do what needs role `min`. */
export function useCan(min: Role): boolean {
  const role = useRole();
  return role !== null && roleAtLeast(role, min);
}

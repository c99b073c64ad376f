// Who a session cookie belongs to, remembered for a few seconds, so a page and its dozen preview images
// do not each cost a database round trip (the load benchmark's cached previews spent most of their time
// there). Anything that changes sessions, memberships, roles, accounts or workspace names in this process
// calls authChanged(), which forgets everything at once; the CLI, another process, is seen within 5 s.
import { ShortMemory } from "../short-memory.server.ts";

const memory = new ShortMemory<unknown>(5_000);

export function authChanged() {
  memory.forget();
}

/** The remembered answer for a session token, else `load()`'s (remembered unless null); requests arriving together share one load. */
export function authThrough<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
  return memory.through(key, load, (value) => value !== null) as Promise<T | null>;
}

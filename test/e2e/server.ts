// The production server for e2e tests (scripts/prod-server.ts: `server.js` as `npm start` runs it, on a
// free port with its own fresh database and data folder), and its owner created through the real first-run
// form. Used by the e2e global setup and by journeys that need a server of their own (first-run setup).
import { startProdServer } from "../../scripts/prod-server.ts";

export type Owner = { email: string; password: string; name: string; workspaceName: string };
export type E2EServer = { baseUrl: string; dir: string; stop: () => Promise<void> };

/** `build` rebuilds the app first when sources changed; only the global setup does that, so a running server's assets never change. */
export async function startServer({ build = false }: { build?: boolean } = {}): Promise<E2EServer> {
  const { server } = await startProdServer({ build, name: "e2e" });
  return { baseUrl: server.baseUrl, dir: server.dir, stop: () => server.stop() };
}

/** Creates the owner account by POSTing the first-run form, as a browser would (same Origin). */
export async function createOwner(baseUrl: string, owner: Owner): Promise<void> {
  const body = new URLSearchParams({ email: owner.email, name: owner.name, password: owner.password, confirm: owner.password, workspaceName: owner.workspaceName });
  const res = await fetch(`${baseUrl}/setup`, { method: "POST", body, redirect: "manual", headers: { Origin: baseUrl } });
  if (res.status !== 302 || res.headers.get("location") !== "/kits") {
    throw new Error(`first-run setup at ${baseUrl}/setup answered ${res.status} ${res.headers.get("location") ?? ""}: ${(await res.text()).slice(0, 500)}`);
  }
}

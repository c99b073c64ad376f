// Background work that lives inside the server process. Started once when the server bundle loads
// (app/entry.server.tsx), never by tests that import routes directly.
import { ensureVideoWorker } from "./video/worker.server.ts";

let started = false;

export function startBackgroundWorkers() {
  if (started || process.env.NODE_ENV === "test") return;
  started = true;
  // Video jobs persisted before a restart resume polling (no second paid create).
  ensureVideoWorker();
}

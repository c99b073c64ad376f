// Background work that lives inside the server process. Started once when the server bundle loads
// (app/entry.server.tsx), never by tests that import routes directly.
import { ensureVideoWorker } from "./video/worker.server.ts";
import { follow } from "./video/studio-render.server.ts";
import { ACTIVE_RENDER_STATUSES, listVideoRenders } from "../models/video-render.server.ts";

let started = false;

export function startBackgroundWorkers() {
  if (started || process.env.NODE_ENV === "test") return;
  started = true;
  // Video jobs persisted before a restart resume polling (no second paid create)…
  ensureVideoWorker();
  // …and the studio renders waiting on them are followed to the end card and the finished asset.
  void listVideoRenders({ status: ACTIVE_RENDER_STATUSES })
    .then((renders) => renders.forEach((r) => follow(r.id)))
    .catch((error: unknown) => console.error("Could not resume video renders", error));
}

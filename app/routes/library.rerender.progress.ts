// Progress of a re-render job as JSON, polled by the re-render page (`?job=<id>`, default: the latest).
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findRerenderJob, latestRerenderJob } from "~/lib/rerender/job.server.ts";
import { resumeRerenderJobs } from "~/lib/rerender/runner.server.ts";
import { jsonResponse } from "~/lib/templates/design-response.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  await resumeRerenderJobs();
  const id = new URL(request.url).searchParams.get("job");
  const job = id ? await findRerenderJob(auth, id.slice(0, 40)) : await latestRerenderJob(auth);
  if (!job) return jsonResponse({ error: "job: no such re-render job" }, 404);
  return jsonResponse(
    {
      id: job.id,
      status: job.status,
      total: job.total,
      done: job.done,
      failed: job.failed,
      finished: job.status !== "queued" && job.status !== "running",
      failures: job.results.filter((r) => r.status === "failed").map((r) => ({ assetId: r.assetId, reason: r.reason ?? "" })),
    },
    200,
  );
}

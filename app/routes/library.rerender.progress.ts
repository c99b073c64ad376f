// Progress of a re-render job as JSON, polled by the re-render page (`?job=<id>`, default: the latest).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRerenderJob, latestRerenderJob } from "~/lib/rerender/job.server.ts";
import { resumeRerenderJobs } from "~/lib/rerender/runner.server.ts";
import { jsonResponse } from "~/lib/templates/design-response.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await resumeRerenderJobs();
  const id = new URL(request.url).searchParams.get("job");
  const job = id ? await getRerenderJob(id.slice(0, 40)) : await latestRerenderJob();
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

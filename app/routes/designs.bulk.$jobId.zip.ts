// A finished bulk run as one ZIP: every rendered file (read from storage one at a time and streamed)
// plus errors.csv naming each row that failed or was cut. The length is known up front. A run that
// stopped part-way (the server restarted) gives the files it made.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { bulkZip, bulkZipName, getBulkJob } from "~/lib/bulk/jobs.server.ts";
import { fail } from "~/lib/templates/design-response.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const job = await getBulkJob(auth, params.jobId ?? "");
  if (!job) throw new Response("Bulk run not found (runs are kept for a week)", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (job.status === "queued" || job.status === "running") return fail("job", `still rendering (${job.processed} of ${job.total} rows done)`, 409);
  if (job.status === "failed" && job.files.length === 0) return fail("job", job.error ?? "the run failed", 500);
  const zip = await bulkZip(job);
  return new Response(zip.stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(zip.size),
      "Content-Disposition": `attachment; filename="${bulkZipName(job).replace(/[^\w.-]+/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Files": String(zip.files),
    },
  });
}

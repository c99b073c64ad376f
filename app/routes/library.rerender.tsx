// "Re-render all stale": starts a background job (or shows the one running), a progress bar fed by
// the progress endpoint, failures with their reasons, and before/after pictures of what was redone.
// The job lives in the database, so a reload (or a restart) picks the progress up where it is.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { prisma } from "~/db.server.ts";
import { staleCounts } from "~/models/library.server.ts";
import { cancelRerenderJob, findRerenderJob, latestRerenderJob } from "~/lib/rerender/job.server.ts";
import { resumeRerenderJobs, startRerender } from "~/lib/rerender/runner.server.ts";
import { GeneralErrorBoundary } from "~/root.tsx";
import libraryStyles from "~/components/library-styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: libraryStyles }];
export const meta: MetaFunction = () => [{ title: "Re-render stale assets · Library · Marque" }];

const SHOWN_PAIRS = 24;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  await resumeRerenderJobs();
  const id = new URL(request.url).searchParams.get("job");
  const job = id ? await findRerenderJob(auth, id.slice(0, 40)) : await latestRerenderJob(auth);
  if (id && !job) throw new Response("No such re-render job", { status: 404 });
  const kit = job?.kitId ? await prisma.kit.findUnique({ where: { id: job.kitId }, select: { name: true, slug: true } }) : null;
  const oks = job?.results.filter((r) => r.status === "ok") ?? [];
  const failed = (job?.results.filter((r) => r.status !== "ok") ?? []).slice(0, 200);
  const named = await prisma.asset.findMany({ where: { id: { in: failed.map((f) => f.assetId) } }, select: { id: true, templateId: true, format: true, design: { select: { name: true } } } });
  const title = (id: string) => {
    const row = named.find((n) => n.id === id);
    return row ? `${row.design?.name ?? row.templateId} (${row.format})` : id;
  };
  return {
    stale: (await staleCounts(auth)).map((s) => ({ kitId: s.kitId, name: s.name, staleAssets: s.staleAssets })),
    job: job
      ? {
          id: job.id,
          status: job.status,
          total: job.total,
          done: job.done,
          failed: job.failed,
          kit,
          createdAt: job.createdAt.toISOString(),
          finishedAt: job.finishedAt?.toISOString() ?? null,
          failures: failed.map((r) => ({ assetId: r.assetId, title: title(r.assetId), status: r.status, reason: r.reason ?? "" })),
          pairs: oks.slice(-SHOWN_PAIRS).reverse().map((r) => ({ before: r.assetId, after: r.newAssetId ?? r.assetId })),
          moreOk: Math.max(0, oks.length - SHOWN_PAIRS),
        }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "start") {
    const kitId = String(form.get("kit") ?? "").slice(0, 40) || undefined;
    const started = await startRerender(auth, { kitId });
    if (!started) return data({ message: "Nothing is stale: every asset was made with its kit's current version." }, { status: 200 });
    return redirect(`/library/rerender?job=${started.job.id}`);
  }
  if (intent === "cancel") {
    const id = String(form.get("job") ?? "").slice(0, 40);
    await cancelRerenderJob(auth, id);
    return redirect(`/library/rerender?job=${id}`);
  }
  return data({ message: `Unknown action "${intent.slice(0, 40)}"` }, { status: 400 });
}

interface Progress {
  status: string;
  total: number;
  done: number;
  failed: number;
  finished?: boolean;
}

/** Polls the progress endpoint while the job is active; reloads the page data once it ends. */
function useProgress(job: ({ id: string } & Progress) | null): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(job);
  const revalidator = useRevalidator();
  useEffect(() => setProgress(job), [job]);
  const active = Boolean(job && (job.status === "queued" || job.status === "running"));
  useEffect(() => {
    if (!job || !active) return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/library/rerender/progress?job=${encodeURIComponent(job.id)}`, { headers: { Accept: "application/json" } });
        if (res.ok && !stopped) {
          const next = (await res.json()) as Progress;
          setProgress(next);
          if (next.finished) {
            stopped = true;
            revalidator.revalidate();
            return;
          }
        }
      } catch {
        // a dropped poll is retried on the next tick
      }
      if (!stopped) timer = setTimeout(tick, 800);
    };
    let timer = setTimeout(tick, 400);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.id, active]);
  return progress;
}

export default function Rerender() {
  const { job, stale } = useLoaderData<typeof loader>();
  const said = useActionData<typeof action>();
  const progress = useProgress(job);
  const staleTotal = stale.reduce((n, s) => n + s.staleAssets, 0);
  const p = progress ?? job;
  const active = p ? p.status === "queued" || p.status === "running" : false;
  const ok = p ? p.done - p.failed : 0;
  return (
    <>
      <p className="small"><Link to="/library">← Library</Link></p>
      <div className="page-head">
        <div>
          <h1>Re-render stale assets</h1>
          <p className="muted">Each file is made again from its saved content with its kit's current version, two at a time. The old file stays until the new one is saved.</p>
        </div>
        {!active && staleTotal > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="primary">Re-render {staleTotal} stale {staleTotal === 1 ? "asset" : "assets"}</button>
          </Form>
        ) : null}
      </div>
      {said && "message" in said ? <div className="notice ok">{said.message}</div> : null}

      {job && p ? (
        <section className="card" aria-label="Progress">
          <div className="stale-banner" style={{ marginBottom: ".6rem" }}>
            <span>
              <b>{active ? (p.status === "queued" ? "Starting…" : "Re-rendering…") : p.status === "completed" ? "Finished" : p.status === "cancelled" ? "Cancelled" : "Stopped"}</b>
              {job.kit ? <> · {job.kit.name}</> : null} · {p.done} of {p.total} done{p.failed ? <> · <span className="badge failed">{p.failed} failed</span></> : null}
            </span>
            {active ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="job" value={job.id} />
                <button type="submit">Cancel</button>
              </Form>
            ) : null}
          </div>
          <div className="progress" role="progressbar" aria-label="Re-render progress" aria-valuemin={0} aria-valuemax={p.total} aria-valuenow={p.done}>
            <div className="progress-bar">
              <span style={{ width: `${p.total ? (ok / p.total) * 100 : 0}%` }} />
              <span className="failed" style={{ width: `${p.total ? (p.failed / p.total) * 100 : 0}%` }} />
            </div>
          </div>
          <p className="muted small">{active ? <>This page updates by itself; you can leave it and come back. <noscript><Link to={`/library/rerender?job=${job.id}`}>Refresh</Link></noscript></> : `Started ${job.createdAt.slice(0, 16).replace("T", " ")}${job.finishedAt ? `, ended ${job.finishedAt.slice(0, 16).replace("T", " ")}` : ""}.`}</p>
        </section>
      ) : (
        <div className="card">{staleTotal > 0 ? `${staleTotal} stale asset(s) are waiting.` : "Nothing is stale: every asset was made with its kit's current version."}</div>
      )}

      {job && job.failures.length > 0 ? (
        <>
          <h2>Not re-rendered</h2>
          <p className="muted small">These files were left exactly as they were.</p>
          <table className="list card">
            <thead><tr><th>Asset</th><th>Reason</th></tr></thead>
            <tbody>
              {job.failures.map((f) => (
                <tr key={f.assetId} data-failed={f.assetId}>
                  <td><Link to={`/library/${f.assetId}`}>{f.title}</Link></td>
                  <td>{f.status === "skipped" ? <span className="muted">skipped: </span> : null}{f.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {job && job.pairs.length > 0 ? (
        <>
          <h2>Before and after</h2>
          <ul className="results-grid">
            {job.pairs.map((pair) => (
              <li key={pair.before} className="card lib-card">
                <Link to={`/library/${pair.after}`} className="pair" aria-label="Open the new version">
                  <div className="lib-thumb"><img src={`/library/${pair.before}/thumbnail`} alt="Before" loading="lazy" /><span className="kind">before</span></div>
                  <div className="lib-thumb"><img src={`/library/${pair.after}/thumbnail`} alt="After" loading="lazy" /><span className="kind">after</span></div>
                </Link>
              </li>
            ))}
          </ul>
          {job.moreOk ? <p className="muted small">…and {job.moreOk} more; see them in the <Link to="/library">library</Link>.</p> : null}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

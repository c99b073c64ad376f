// The workspace's activity log: who changed what, and when (kit edits, restores, imports, deletions,
// members, invitations). Every member can read it; nobody can edit it.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { listActivity } from "~/models/activity.server.ts";
import { SettingsTabs, utcDate } from "~/components/settings-tabs.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Activity · Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

const PAGE = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const subject = new URL(request.url).searchParams.get("subject")?.slice(0, 200) || undefined;
  const entries = await listActivity(auth, { subject, take: PAGE });
  return {
    workspace: auth.workspace.name,
    subject: subject ?? null,
    entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    full: entries.length === PAGE,
  };
}

export default function Activity() {
  const { workspace, subject, entries, full } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{workspace}</h1>
          <p className="muted">Who changed what, and when. Times are UTC.</p>
        </div>
      </div>
      <SettingsTabs current="activity" />
      {subject ? (
        <p>
          Only <b>{subject}</b>. <Link to="/settings/activity">Show everything</Link>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <section className="card">
          <table className="list" data-testid="activity">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="when">{utcDate(e.createdAt, true)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <span className="tag">{e.action}</span>{" "}
                    {e.subject ? <Link to={`/settings/activity?subject=${encodeURIComponent(e.subject)}`}>{e.subject}</Link> : null}
                  </td>
                  <td>{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {full ? <p className="muted small">Showing the latest {entries.length} entries.</p> : null}
        </section>
      )}
    </>
  );
}

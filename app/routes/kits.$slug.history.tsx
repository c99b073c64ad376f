import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getKit, getVersion, listVersions, restoreVersion, KitConflictError } from "~/models/kit.server.ts";
import { diffKits } from "~/lib/kit/diff.ts";
import { orderedPalette } from "~/lib/kit/view.ts";
import { errorMessage } from "~/lib/errors.ts";
import { KitTabs } from "~/components/kit-tabs.tsx";
import { GeneralErrorBoundary } from "~/root.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `History of ${data?.name ?? "kit"} · Marque` }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const slug = params.slug ?? "";
  const current = await getKit(auth, slug);
  if (!current) throw new Response("Kit not found", { status: 404 });
  const versions = await listVersions(auth, slug);
  const selected = Number(new URL(request.url).searchParams.get("v")) || current.version;
  const shown = await getVersion(auth, slug, selected);
  if (!shown) throw new Response(`Version ${selected} not found`, { status: 404 });
  const previous = selected > 1 ? await getVersion(auth, slug, selected - 1) : null;
  return {
    slug,
    name: current.name,
    currentVersion: current.version,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    shown: { version: shown.version, summary: shown.summary, createdAt: shown.createdAt.toISOString(), palette: orderedPalette(shown.kit).map(({ role, entry }) => ({ role, color: entry.color, name: entry.name })), fonts: `${shown.kit.typography.heading.family} / ${shown.kit.typography.body.family}` },
    changesFromPrevious: previous ? diffKits(previous.kit, shown.kit) : [],
    changesToCurrent: selected === current.version ? [] : diffKits(shown.kit, current.kit),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const slug = params.slug ?? "";
  if (!(await getKit(auth, slug))) throw new Response("Kit not found", { status: 404 });
  const form = await request.formData();
  const version = Number(form.get("version"));
  try {
    const saved = await restoreVersion(auth, slug, version, { baseVersion: Number(form.get("baseVersion")) || undefined });
    return redirect(`/kits/${slug}/history?v=${saved.version}`);
  } catch (error) {
    return data({ error: errorMessage(error) }, { status: error instanceof KitConflictError ? 409 : 400 });
  }
}

export default function History() {
  const isOwner = useCan("owner");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{d.name}: history</h1>
          <p className="muted">Every save keeps the full kit. Restoring copies an old version forward as a new one.</p>
        </div>
      </div>
      <KitTabs slug={d.slug} current="history" />
      {result?.error ? <div className="notice error" role="alert">{result.error}</div> : null}
      <div className="two-col">
        <section className="card">
          <table className="list" aria-label="Versions">
            <thead><tr><th>Version</th><th>What changed</th><th>When</th></tr></thead>
            <tbody>
              {d.versions.map((v) => (
                <tr key={v.version} style={v.version === d.shown.version ? { background: "#f3f5ff" } : undefined}>
                  <td><Link to={`?v=${v.version}`}>v{v.version}</Link>{v.version === d.currentVersion ? <span className="tag">current</span> : null}</td>
                  <td className="small">{v.summary}</td>
                  <td className="small muted">{v.createdAt.slice(0, 16).replace("T", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2 style={{ marginTop: 0 }}>Version {d.shown.version}</h2>
          <div className="swatches" style={{ marginBottom: ".6rem" }}>{d.shown.palette.map((p) => <span key={p.role} title={`${p.role}: ${p.name} ${p.color}`} style={{ background: p.color }} />)}</div>
          <p className="small muted">Fonts: {d.shown.fonts}</p>
          {d.shown.version > 1 ? (
            <>
              <h3>Changes from v{d.shown.version - 1}</h3>
              <Changes changes={d.changesFromPrevious} empty="No changes." />
            </>
          ) : (
            <p className="muted small">The first version: {d.shown.summary}.</p>
          )}
          {d.shown.version !== d.currentVersion ? (
            <>
              <h3>Differences to the current version (v{d.currentVersion})</h3>
              <Changes changes={d.changesToCurrent} empty="Same as current." />
              {isOwner ? (
                <Form method="post">
                  <input type="hidden" name="version" value={d.shown.version} />
                  <input type="hidden" name="baseVersion" value={d.currentVersion} />
                  <button className="primary">Restore version {d.shown.version}</button>
                </Form>
              ) : null}
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function Changes({ changes, empty }: { changes: ReturnType<typeof diffKits>; empty: string }) {
  if (!changes.length) return <p className="muted small">{empty}</p>;
  return (
    <ul className="diff" aria-label="Changes">
      {changes.map((c) => (
        <li key={c.path}>
          <b>{c.path}</b>: {c.before !== undefined ? <span className="before">{c.before}</span> : null}
          {c.kind === "changed" ? " → " : null}
          {c.after !== undefined ? <span className="after">{c.after}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The asset library: every rendered file with its thumbnail, template, format, kit version and date;
// filters by kit, template, format, state and kind; download and delete; and, when kits have moved
// on, how many files are stale with a button that re-renders them all in the background.
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { deleteLibraryItem, libraryFacets, listLibrary, staleCounts } from "~/models/library.server.ts";
import { activeRerenderJob } from "~/lib/rerender/job.server.ts";
import { resumeRerenderJobs } from "~/lib/rerender/runner.server.ts";
import { FORMATS, isFormatId } from "~/lib/templates/formats.ts";
import { findTemplate } from "~/lib/templates/render-design.server.ts";
import { errorMessage } from "~/lib/errors.ts";
import { GeneralErrorBoundary } from "~/root.tsx";
import libraryStyles from "~/components/library-styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: libraryStyles }];
export const meta: MetaFunction = () => [{ title: "Library · Marque" }];

const PAGE_SIZE = 48;
const Query = z.object({
  kit: z.string().max(60).optional(),
  template: z.string().max(60).optional(),
  format: z.string().max(60).optional(),
  state: z.enum(["stale", "current"]).optional().catch(undefined),
  kind: z.enum(["static", "video"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

function formatLabel(id: string) {
  return isFormatId(id) ? FORMATS[id].label : id;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  await resumeRerenderJobs();
  const url = new URL(request.url);
  const q = Query.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const facets = await libraryFacets(auth);
  const kit = q.kit ? facets.kits.find((k) => k.slug === q.kit) : undefined;
  const { items, total } = await listLibrary(auth, {
    kitId: kit?.id ?? (q.kit ? "-none-" : undefined),
    templateId: q.template,
    format: q.format,
    kind: q.kind,
    ...(q.state ? { stale: q.state === "stale" } : {}),
    take: PAGE_SIZE,
    skip: (q.page - 1) * PAGE_SIZE,
  });
  const [stale, job] = await Promise.all([staleCounts(auth), activeRerenderJob(auth)]);
  return {
    query: q,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      template: findTemplate(i.templateId)?.name ?? (i.kind === "video" ? "Video" : i.templateId),
      format: formatLabel(i.format),
      output: i.output.toUpperCase(),
      kitSlug: i.kitSlug,
      kitName: i.kitName,
      kitVersion: i.kitVersion,
      currentKitVersion: i.currentKitVersion,
      stale: i.stale,
      bytes: i.bytes,
      createdAt: i.createdAt.toISOString(),
    })),
    facets: {
      kits: facets.kits.map((k) => ({ slug: k.slug, name: k.name })),
      templates: facets.templates.map((id) => ({ id, name: findTemplate(id)?.name ?? (id === "video" ? "Video" : id) })),
      formats: facets.formats.map((id) => ({ id, label: formatLabel(id) })),
    },
    stale: stale.map((s) => ({ slug: s.slug, name: s.name, version: s.version, staleAssets: s.staleAssets, staleVideos: s.staleVideos })),
    job: job ? { id: job.id, done: job.done, total: job.total } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = String(form.get("back") ?? "");
  const to = back.startsWith("/library") && !back.startsWith("//") ? back : "/library";
  if (intent !== "delete") return data({ error: `Unknown action "${intent.slice(0, 40)}"` }, { status: 400 });
  try {
    const gone = await deleteLibraryItem(auth, String(form.get("id") ?? ""));
    if (!gone) return data({ error: "That asset was already deleted." }, { status: 404 });
  } catch (error) {
    return data({ error: errorMessage(error) }, { status: 400 });
  }
  return redirect(to);
}

/** One filter: "all" first, then [value, label] options; submitted by the form's onChange. */
function FilterSelect({ name, label, all, value, options }: { name: string; label: string; all: string; value: string | undefined | null; options: [string, string][] }) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  );
}

function kb(bytes: number | null) {
  if (bytes === null) return "";
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default function Library() {
  const canDelete = useCan("editor");
  const { items, total, pages, query, facets, stale, job } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const failed = useActionData<typeof action>();
  const here = `/library${params.toString() ? `?${params}` : ""}`;
  const kitsWithStale = stale.filter((s) => s.staleAssets > 0);
  const staleTotal = kitsWithStale.reduce((n, s) => n + s.staleAssets, 0);
  const staleVideos = stale.reduce((n, s) => n + s.staleVideos, 0);
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `/library?${next}`;
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Library</h1>
          <p className="muted">Every file Marque has rendered, with the kit version it was made with.</p>
        </div>
      </div>

      {failed?.error ? <div className="notice error" role="alert">{failed.error}</div> : null}
      {job ? (
        <div className="notice ok stale-banner">
          <span>Re-rendering stale assets: {job.done} of {job.total} done.</span>
          <Link to={`/library/rerender?job=${job.id}`} className="btn">Show progress</Link>
        </div>
      ) : staleTotal > 0 ? (
        <div className="notice warn stale-banner" data-testid="stale-banner">
          <span>
            <b>{staleTotal} {staleTotal === 1 ? "asset was" : "assets were"} made with an older version of {kitsWithStale.length === 1 ? kitsWithStale[0]?.name : "their kits"}</b>
            {kitsWithStale.length > 1 ? ` (${kitsWithStale.map((s) => `${s.name}: ${s.staleAssets}`).join(", ")})` : ""}.{" "}
            <Link to="/library?state=stale">Show them</Link>
          </span>
          <Form method="post" action="/library/rerender">
            <input type="hidden" name="intent" value="start" />
            <button className="primary" type="submit">Re-render all stale</button>
          </Form>
        </div>
      ) : null}
      {staleVideos > 0 ? <p className="muted small">{staleVideos} stale {staleVideos === 1 ? "video" : "videos"}: make {staleVideos === 1 ? "it" : "them"} again from the video page.</p> : null}

      <Form method="get" className="lib-filters card" onChange={(e) => submit(e.currentTarget)} aria-label="Filter assets">
        <FilterSelect name="kit" label="Kit" all="All kits" value={query.kit} options={facets.kits.map((k) => [k.slug, k.name])} />
        <FilterSelect name="template" label="Template" all="All templates" value={query.template} options={facets.templates.map((t) => [t.id, t.name])} />
        <FilterSelect name="format" label="Format" all="All formats" value={query.format} options={facets.formats.map((f) => [f.id, f.label])} />
        <FilterSelect name="state" label="State" all="Any" value={query.state} options={[["stale", "Stale"], ["current", "Current"]]} />
        <FilterSelect name="kind" label="Kind" all="All kinds" value={query.kind} options={[["static", "Images and PDFs"], ["video", "Videos"]]} />
        <noscript><button type="submit">Filter</button></noscript>
      </Form>

      <p className="muted small">{total} {total === 1 ? "asset" : "assets"}</p>
      {items.length === 0 ? (
        <div className="card">{total === 0 && !params.toString() ? <>Nothing rendered yet. <Link to="/designs">Export a design</Link> and it shows up here.</> : "No assets match these filters."}</div>
      ) : (
        <ul className="lib-grid" aria-label="Assets">
          {items.map((a) => (
            <li key={a.id} className={`card lib-card${a.stale ? " stale" : ""}`} data-asset={a.id}>
              <Link to={`/library/${a.id}`} className="lib-thumb" aria-label={`Open ${a.title}`}>
                <img src={`/library/${a.id}/thumbnail`} alt="" loading="lazy" />
                <span className="kind">{a.output}</span>
              </Link>
              <h2 className="lib-title"><Link to={`/library/${a.id}`} style={{ color: "inherit", textDecoration: "none" }}>{a.title}</Link></h2>
              <div className="muted small">{a.template} · {a.format}</div>
              <div className="small">
                <Link to={`/kits/${a.kitSlug}`}>{a.kitName}</Link> v{a.kitVersion}{" "}
                {a.stale ? <span className="badge stale" title={`The kit is at version ${a.currentKitVersion}`}>stale · kit is v{a.currentKitVersion}</span> : <span className="badge current">current</span>}
              </div>
              <div className="muted small">{a.createdAt.slice(0, 16).replace("T", " ")}{a.bytes !== null ? ` · ${kb(a.bytes)}` : ""}</div>
              <div className="actions">
                <a className="btn" href={`/library/${a.id}/file`} download>Download</a>
                {canDelete ? (<Form method="post" onSubmit={(e) => { if (!confirm(`Delete “${a.title}” and its file?`)) e.preventDefault(); }}>
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={a.id} />
                  <input type="hidden" name="back" value={here} />
                  <button type="submit" className="danger">Delete</button>
                </Form>) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>← Newer</Link> : null}
          <span className="muted small">Page {query.page} of {pages}</span>
          {query.page < pages ? <Link to={pageLink(query.page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

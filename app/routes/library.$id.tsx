// One library asset: a large preview, what it was made from, download and delete, and a before/after
// view — for a stale file, the file as made beside the same content in the kit as it is now (with a
// button to re-render it); for a re-rendered file, each earlier version beside this one.
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assetHistory, deleteLibraryItem, getLibraryItem } from "~/models/library.server.ts";
import { latestVersionOf, rerenderAsset } from "~/lib/rerender/rerender-asset.server.ts";
import { RerenderError } from "~/lib/rerender/source.server.ts";
import { FORMATS, isFormatId } from "~/lib/templates/formats.ts";
import { findTemplate } from "~/lib/templates/render-design.server.ts";
import { errorMessage } from "~/lib/errors.ts";
import { GeneralErrorBoundary } from "~/root.tsx";
import libraryStyles from "~/components/library-styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: libraryStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.title ?? "Asset"} · Library · Marque` }];

const ID = /^[a-z0-9]{1,40}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const id = params.id ?? "";
  const item = ID.test(id) ? await getLibraryItem(auth, id) : null;
  if (!item) {
    // An earlier version's link leads to the version that replaced it.
    const latest = ID.test(id) ? await latestVersionOf(id) : null;
    if (latest && latest !== id) throw redirect(`/library/${latest}`);
    throw new Response("Asset not found", { status: 404 });
  }
  const history = await assetHistory(id);
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    template: findTemplate(item.templateId)?.name ?? item.templateId,
    format: isFormatId(item.format) ? FORMATS[item.format].label : item.format,
    output: item.output.toUpperCase(),
    page: item.page,
    bleed: item.bleed,
    bytes: item.bytes,
    kitSlug: item.kitSlug,
    kitName: item.kitName,
    kitVersion: item.kitVersion,
    currentKitVersion: item.currentKitVersion,
    stale: item.stale,
    designId: item.designId,
    createdAt: item.createdAt.toISOString(),
    history: history.map((h) => ({ id: h.id, kitVersion: h.kitVersion, createdAt: h.createdAt.toISOString(), supersededAt: h.supersededAt?.toISOString() ?? null })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const id = params.id ?? "";
  if (!ID.test(id) || !(await getLibraryItem(auth, id))) throw new Response("Asset not found", { status: 404 });
  const intent = String((await request.formData()).get("intent") ?? "");
  try {
    if (intent === "rerender") {
      const outcome = await rerenderAsset(id);
      return redirect(`/library/${outcome.newAssetId}`);
    }
    if (intent === "delete") {
      await deleteLibraryItem(auth, id);
      return redirect("/library");
    }
  } catch (error) {
    return data({ error: error instanceof RerenderError ? `Could not re-render: ${error.reason}. The file was left as it was.` : errorMessage(error) }, { status: 400 });
  }
  return data({ error: `Unknown action "${intent.slice(0, 40)}"` }, { status: 400 });
}

function Picture({ src, caption }: { src: string; caption: string }) {
  return (
    <figure>
      <div className="lib-thumb"><img src={src} alt={caption} /></div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export default function LibraryAsset() {
  const canDelete = useCan("editor");
  const a = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const date = (iso: string) => iso.slice(0, 16).replace("T", " ");
  return (
    <>
      <p className="small"><Link to="/library">← Library</Link></p>
      <div className="page-head">
        <div>
          <h1>{a.title}</h1>
          <p className="muted">
            {a.template} · {a.format} · {a.output} · <Link to={`/kits/${a.kitSlug}`}>{a.kitName}</Link> v{a.kitVersion}{" "}
            {a.stale ? <span className="badge stale">stale · kit is v{a.currentKitVersion}</span> : <span className="badge current">current</span>}
          </p>
        </div>
        <div className="actions">
          <a className="btn primary" href={`/library/${a.id}/file`} download>Download</a>
          {canDelete ? (<Form method="post" onSubmit={(e) => { if (!confirm("Delete this asset and its file?")) e.preventDefault(); }}>
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="danger">Delete</button>
          </Form>) : null}
        </div>
      </div>
      {failed?.error ? <div className="notice error" role="alert">{failed.error}</div> : null}

      {a.stale && a.kind === "static" ? (
        <section className="card" aria-label="Before and after">
          <div className="stale-banner" style={{ marginBottom: ".8rem" }}>
            <span>Made with version {a.kitVersion} of {a.kitName}; the kit is now at version {a.currentKitVersion}.</span>
            <Form method="post">
              <input type="hidden" name="intent" value="rerender" />
              <button type="submit" className="primary" disabled={busy}>{busy ? "Re-rendering…" : "Re-render now"}</button>
            </Form>
          </div>
          <div className="compare">
            <Picture src={`/library/${a.id}/thumbnail?size=large`} caption={`Before: this file (kit v${a.kitVersion})`} />
            <Picture src={`/library/${a.id}/thumbnail?v=current&size=large&kv=${a.currentKitVersion}`} caption={`After: with the kit as it is now (v${a.currentKitVersion})`} />
          </div>
        </section>
      ) : a.history.length > 0 ? (
        <section className="card" aria-label="Before and after">
          <h2 style={{ marginTop: 0 }}>Re-rendered</h2>
          {a.history.slice(0, 3).map((h) => (
            <div className="compare" key={h.id} style={{ marginBottom: "1rem" }}>
              <Picture src={`/library/${h.id}/thumbnail?size=large`} caption={`Before: kit v${h.kitVersion}, made ${date(h.createdAt)}${h.supersededAt ? `, replaced ${date(h.supersededAt)}` : ""}`} />
              <Picture src={`/library/${a.id}/thumbnail?size=large`} caption={`After: kit v${a.kitVersion}, made ${date(a.createdAt)}`} />
            </div>
          ))}
          {a.history.length > 3 ? <p className="muted small">{a.history.length - 3} earlier version(s) not shown.</p> : null}
        </section>
      ) : (
        <div className="card">
          <div className="lib-thumb" style={{ aspectRatio: "16 / 10" }}><img src={`/library/${a.id}/thumbnail?size=large`} alt={a.title} /></div>
        </div>
      )}

      <h2>Details</h2>
      <dl className="meta card">
        <dt>Template</dt><dd>{a.template}</dd>
        <dt>Format</dt><dd>{a.format}</dd>
        <dt>File</dt><dd>{a.output}{a.page !== null && a.output !== "PDF" ? ` · page ${a.page + 1}` : ""}{a.bleed ? " · 3 mm bleed and crop marks" : ""}{a.bytes !== null ? ` · ${a.bytes.toLocaleString("en")} bytes` : ""}</dd>
        <dt>Kit</dt><dd><Link to={`/kits/${a.kitSlug}`}>{a.kitName}</Link>, version {a.kitVersion}{a.stale ? ` (now ${a.currentKitVersion})` : ""}</dd>
        <dt>Design</dt><dd>{a.designId ? <Link to={`/designs/${a.designId}`}>Open the design</Link> : <span className="muted">none (kept with the file)</span>}</dd>
        <dt>Made</dt><dd>{date(a.createdAt)}</dd>
        <dt>Versions</dt><dd>{a.history.length === 0 ? "this is the first" : `${a.history.length + 1} (re-rendered ${a.history.length}×)`}</dd>
        <dt>Id</dt><dd><code>{a.id}</code></dd>
      </dl>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

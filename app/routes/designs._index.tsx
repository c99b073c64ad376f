// Saved designs, newest first: a thumbnail of each (its saved content, first format), template, kit.
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LinksFunction, MetaFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDesigns } from "~/models/design.server.ts";
import { findTemplate } from "~/lib/templates/render-design.server.ts";
import { FORMATS, isFormatId } from "~/lib/templates/formats.ts";
import designStyles from "~/components/design-styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: designStyles }];
export const meta: MetaFunction = () => [{ title: "Designs · Marque" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const designs = await listDesigns(auth);
  return {
    designs: designs.map((d) => {
      const format = d.formats[0] ?? "";
      return {
        id: d.id,
        name: d.name,
        template: findTemplate(d.templateId)?.name ?? d.templateId,
        kit: d.kitName,
        kitSlug: d.kitSlug,
        format: isFormatId(format) ? FORMATS[format].label : format,
        updatedAt: d.updatedAt.toISOString(),
        thumbnail: `/designs/${d.id}/preview?format=${encodeURIComponent(format)}&thumb=1&kv=${d.kitVersion}&v=${d.updatedAt.getTime()}`,
      };
    }),
  };
}

export default function DesignsIndex() {
  const canMake = useCan("editor");
  const { designs } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Designs</h1>
          <p className="muted">Your saved menus, flyers and posts. Open one to edit, resize or export it.</p>
        </div>
        <div className="actions">
          {canMake ? <Link to="/designs/bulk" className="btn">Make many from a CSV</Link> : null}
          {canMake ? <Link to="/templates" className="btn primary">+ New design</Link> : null}
        </div>
      </div>
      {designs.length === 0 ? (
        <div className="card">No designs yet. <Link to="/templates">Pick a template</Link> to make your first one.</div>
      ) : (
        <ul className="template-grid" aria-label="Designs">
          {designs.map((d) => (
            <li key={d.id} className="card design-card" data-design={d.id}>
              <Link to={`/designs/${d.id}`} className="thumb" aria-label={`Open ${d.name}`}>
                <img src={d.thumbnail} alt="" loading="lazy" />
              </Link>
              <h2><Link to={`/designs/${d.id}`} style={{ color: "inherit", textDecoration: "none" }}>{d.name}</Link></h2>
              <div className="muted small">{d.template} · {d.format}</div>
              <div className="small"><Link to={`/kits/${d.kitSlug}`}>{d.kit}</Link> · <span className="muted">updated {d.updatedAt.slice(0, 16).replace("T", " ")}</span></div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

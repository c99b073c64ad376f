// The template gallery: every template drawn with its sample content in the chosen kit.
// "Use this template" creates a design from the sample and opens it in the editor.
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { listKits } from "~/models/kit.server.ts";
import { TEMPLATES } from "~/lib/templates/registry.ts";
import { FORMATS } from "~/lib/templates/formats.ts";
import designStyles from "~/components/design-styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: designStyles }];
export const meta: MetaFunction = () => [{ title: "Templates · Marque" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const kits = await listKits(auth);
  const wanted = new URL(request.url).searchParams.get("kit");
  const kit = kits.find((k) => k.slug === wanted) ?? kits[0];
  return {
    kits: kits.map((k) => ({ slug: k.slug, name: k.name })),
    kit: kit ? { slug: kit.slug, name: kit.name, version: kit.version } : null,
    templates: TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name,
      category: t.category,
      description: t.description,
      format: t.formats[0] as string,
      formats: shortLabels(t.formats.map((f) => FORMATS[f].label)),
    })),
  };
}

/** "A4 210×297 mm" -> "A4", unless two formats would then read the same (the business cards). */
function shortLabels(labels: string[]): string[] {
  const short = labels.map((l) => l.replace(/\s+[\d.,]+\s*[×x]\s*[\d.,]+(\s*(mm|in))?$/, ""));
  return short.map((s, i) => (short.indexOf(s) !== short.lastIndexOf(s) ? (labels[i] as string) : s));
}

export default function TemplatesGallery() {
  const canMake = useCan("editor");
  const { kits, kit, templates } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Templates</h1>
          <p className="muted">Menus, flyers, posts and cards that take their colours, fonts and logo from your brand kit.</p>
        </div>
        {kit ? (
          <Form method="get" className="kit-picker" onChange={(e) => submit(e.currentTarget)}>
            <label htmlFor="kit" style={{ margin: 0 }}>Brand kit</label>
            <select id="kit" name="kit" defaultValue={kit.slug}>
              {kits.map((k) => <option key={k.slug} value={k.slug}>{k.name}</option>)}
            </select>
            <noscript><button>Show</button></noscript>
          </Form>
        ) : null}
      </div>
      {!kit ? (
        <div className="card">Templates are drawn in a brand kit. <Link to="/kits/new">Create your first kit</Link> to start.</div>
      ) : (
        <ul className="template-grid" aria-label="Templates">
          {templates.map((t) => (
            <li key={t.id} className="card template-card" data-template={t.id}>
              <div className="thumb">
                <img src={`/templates/${t.id}/thumbnail?kit=${encodeURIComponent(kit.slug)}&format=${t.format}&v=${kit.version}`} alt={`${t.name} in ${kit.name}`} loading="lazy" />
              </div>
              <div>
                <h2>{t.name}</h2>
                <span className="tag">{t.category}</span>
              </div>
              <p>{t.description}</p>
              <div className="muted small">{t.formats.join(" · ")}</div>
              {canMake ? (
                <Form method="post" action="/designs/new">
                  <input type="hidden" name="templateId" value={t.id} />
                  <input type="hidden" name="kit" value={kit.slug} />
                  <button className="primary">Use this template</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

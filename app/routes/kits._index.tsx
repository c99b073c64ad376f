import type { ActionFunctionArgs, MetaFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { duplicateKit, listKits } from "~/models/kit.server.ts";
import { fileUrl, orderedPalette } from "~/lib/kit/view.ts";

export const meta: MetaFunction = () => [{ title: "Brand kits · Marque" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const kits = await listKits(auth);
  return {
    kits: kits.map((k) => ({
      slug: k.slug,
      name: k.name,
      version: k.version,
      updatedAt: k.updatedAt.toISOString(),
      description: k.kit.description,
      logo: fileUrl(k.kit.logos.primary?.src),
      background: k.kit.palette.background.color,
      swatches: orderedPalette(k.kit).map(({ role, entry }) => ({ role, color: entry.color, name: entry.name })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const form = await request.formData();
  if (form.get("intent") === "duplicate") {
    const copy = await duplicateKit(auth, String(form.get("slug") ?? ""));
    return redirect(`/kits/${copy.slug}`);
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function KitsIndex() {
  const isOwner = useCan("owner");
  const { kits } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Brand kits</h1>
          <p className="muted">Your brand, stored once: colours, fonts, logos, voice and style.</p>
        </div>
        {isOwner ? <Link to="/kits/new" className="btn primary">+ New kit</Link> : null}
      </div>
      {kits.length === 0 ? (
        <div className="card">No kits yet. {isOwner ? <Link to="/kits/new">Create your first brand kit</Link> : "An owner of this workspace creates the brand kits."}</div>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Brand kits">
          {kits.map((k) => (
            <li key={k.slug} className="card kit-card" data-kit={k.slug}>
              <Link to={`/kits/${k.slug}`} className="logo" style={{ background: k.background }} aria-label={`Open ${k.name}`}>
                {k.logo ? <img src={k.logo} alt={`${k.name} logo`} /> : <span style={{ fontWeight: 700 }}>{k.name}</span>}
              </Link>
              <div>
                <h2><Link to={`/kits/${k.slug}`} style={{ color: "inherit", textDecoration: "none" }}>{k.name}</Link></h2>
                <div className="muted small">v{k.version} · updated {k.updatedAt.slice(0, 10)}</div>
              </div>
              <div className="swatches" aria-label="Palette">
                {k.swatches.map((s) => (
                  <span key={s.role} style={{ background: s.color }} title={`${s.role}: ${s.name} ${s.color}`} />
                ))}
              </div>
              {isOwner ? (
              <div className="actions">
                <Link to={`/kits/${k.slug}/edit`} className="btn">Edit</Link>
                <Form method="post">
                  <input type="hidden" name="slug" value={k.slug} />
                  <button name="intent" value="duplicate">Duplicate</button>
                </Form>
                <Link to={`/kits/${k.slug}/delete`} className="btn danger">Delete</Link>
              </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

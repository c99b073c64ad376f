import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { deleteKit, getKit } from "~/models/kit.server.ts";
import { GeneralErrorBoundary } from "~/root.tsx";

export const meta: MetaFunction = () => [{ title: "Delete kit · Marque" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const found = await getKit(auth, params.slug ?? "");
  if (!found) throw new Response("Kit not found", { status: 404 });
  return { slug: found.slug, name: found.name, version: found.version };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "owner");
  if (!(await getKit(auth, params.slug ?? ""))) throw new Response("Kit not found", { status: 404 });
  const form = await request.formData();
  if (form.get("confirm") !== params.slug) throw new Response("Type the kit's slug to confirm", { status: 400 });
  await deleteKit(auth, params.slug ?? "");
  return redirect("/kits");
}

export default function DeleteKit() {
  const { slug, name, version } = useLoaderData<typeof loader>();
  return (
    <section className="card" style={{ maxWidth: 560 }}>
      <h1>Delete “{name}”?</h1>
      <p>This deletes the kit with all {version} of its versions, and the designs and assets made with it. It cannot be undone; export the kit first if you may want it back.</p>
      <Form method="post" className="actions">
        <input type="hidden" name="confirm" value={slug} />
        <button className="danger" type="submit">Delete {name}</button>
        <Link to={`/kits/${slug}`} className="btn">Keep it</Link>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

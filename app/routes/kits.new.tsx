import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { createKit } from "~/models/kit.server.ts";
import { importKitFile } from "~/models/kit-import.server.ts";
import { internaliseKit } from "~/models/files.server.ts";
import { blankKit } from "~/lib/kit/defaults.ts";
import { parseKit } from "~/lib/kit/schema.ts";
import { errorMessage } from "~/lib/errors.ts";
import { getEnv } from "~/env.server.ts";

export const meta: MetaFunction = () => [{ title: "New brand kit · Marque" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "owner");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const form = await request.formData();
  const name = String(form.get("name") ?? "").trim();
  const file = form.get("file");
  try {
    if (file instanceof File && file.size > 0) {
      if (file.size > getEnv().MARQUE_MAX_UPLOAD_BYTES) {
        return data({ error: `${file.name}: the file is ${file.size} bytes; the limit is ${getEnv().MARQUE_MAX_UPLOAD_BYTES}` }, { status: 400 });
      }
      const created = await importKitFile(auth, await file.text(), { fileName: file.name, name: name || undefined });
      return redirect(`/kits/${created.slug}`);
    }
    if (!name) return data({ error: "name: give the kit a name (for example your business name)" }, { status: 400 });
    const { kit } = await internaliseKit(parseKit(blankKit(name)));
    const created = await createKit(auth, kit);
    return redirect(`/kits/${created.slug}/edit`);
  } catch (error) {
    return data({ error: errorMessage(error) }, { status: 400 });
  }
}

export default function NewKit() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <div className="page-head">
        <div>
          <h1>New brand kit</h1>
          <p className="muted">Start from a calm neutral kit and make it yours, or import tokens you already have.</p>
        </div>
        <Link to="/kits" className="btn">Cancel</Link>
      </div>
      {result?.error ? <div className="notice error" role="alert">{result.error}</div> : null}
      <Form method="post" encType="multipart/form-data" className="card" style={{ maxWidth: 640 }}>
        <div className="field">
          <label htmlFor="name">Kit name</label>
          <input id="name" name="name" placeholder="e.g. Harbour & Vine Bistro" maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="file">Or import a file (optional)</label>
          <input id="file" name="file" type="file" accept=".json,.css,application/json,text/css" />
          <div className="muted small">Marque kit JSON, DTCG design tokens (.tokens.json), CSS custom properties or a Tailwind v4 @theme file.</div>
        </div>
        <button className="primary" type="submit" disabled={busy}>{busy ? "Creating…" : "Create kit"}</button>
      </Form>
    </>
  );
}

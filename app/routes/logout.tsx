// Sign out: POST only and same-origin (a link or another site cannot sign anyone out). Deletes the
// session row, so a copy of the old cookie stops working too.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { assertSameOrigin, requireUser } from "~/lib/auth/guard.server.ts";
import { safeRedirect } from "~/lib/auth/safe-redirect.ts";
import { destroySession } from "~/lib/auth/session.server.ts";
import { text } from "~/lib/auth/form.server.ts";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Sign out · Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  // A bare POST (no form body) signs out too.
  const form = await request.formData().catch(() => new FormData());
  const to = safeRedirect(text(form, "redirectTo"), "/login");
  return redirect(to, { headers: { "Set-Cookie": await destroySession(request) } });
}

export default function Logout() {
  return (
    <section className="card auth-card">
      <h1>Sign out</h1>
      <p className="muted">Sign out of Marque in this browser?</p>
      <Form method="post">
        <button className="primary" type="submit">
          Sign out
        </button>
      </Form>
    </section>
  );
}

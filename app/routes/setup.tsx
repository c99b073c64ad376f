// First run: create the owner account and name the first workspace. Only while no account exists;
// afterwards this page sends people to sign in, so it cannot be replayed to take over the site.
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assertSameOrigin, hasAnyUser } from "~/lib/auth/guard.server.ts";
import { MIN_PASSWORD } from "~/lib/auth/password.server.ts";
import { createSession } from "~/lib/auth/session.server.ts";
import { refuse, refuseInvalid, text } from "~/lib/auth/form.server.ts";
import { ValidationError } from "~/lib/validation.ts";
import { createFirstOwner, FirstRunDoneError } from "~/models/account.server.ts";
import { Field, FormError } from "~/components/account-fields.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Set up Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

export async function loader() {
  if (await hasAnyUser()) throw redirect("/login");
  return { minPassword: MIN_PASSWORD };
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  if (await hasAnyUser()) throw redirect("/login");
  const form = await request.formData();
  const input = { email: text(form, "email"), name: text(form, "name"), password: text(form, "password"), workspaceName: text(form, "workspaceName") };
  if (input.password !== text(form, "confirm")) return refuse({ fields: { confirm: "the two passwords are not the same" } });
  try {
    const { user, workspaceId } = await createFirstOwner(input);
    return redirect("/kits", { headers: { "Set-Cookie": await createSession(request, user.id, workspaceId) } });
  } catch (error) {
    if (error instanceof ValidationError) return refuseInvalid(error);
    if (error instanceof FirstRunDoneError) return refuse({ error: error.message }, 409);
    throw error;
  }
}

export default function Setup() {
  const { minPassword } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const f = answer?.fields ?? {};
  return (
    <section className="card auth-card">
      <h1>Welcome to Marque</h1>
      <p className="muted">Create the owner account. The owner changes the brand kits and invites the team; nobody else can sign in until you invite them.</p>
      <FormError error={answer?.error} />
      <Form method="post">
        <Field name="email" label="Your email" type="email" autoComplete="email" required error={f.email} />
        <Field name="name" label="Your name (optional)" autoComplete="name" maxLength={80} error={f.name} />
        <Field name="password" label="Password" type="password" autoComplete="new-password" required minLength={minPassword} error={f.password} hint={`At least ${minPassword} characters; a few unrelated words work well.`} />
        <Field name="confirm" label="Password again" type="password" autoComplete="new-password" required error={f.confirm} />
        <Field name="workspaceName" label="Workspace name" defaultValue="My brands" required maxLength={80} error={f.workspaceName} hint="Your business or team; the example kits start here." />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create owner account"}
        </button>
      </Form>
    </section>
  );
}

// Sign in with email and password. One generic message for any mismatch (it never says whether the
// address has an account); attempts are rate limited per account, per client address and overall.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assertSameOrigin, getAuth, hasAnyUser } from "~/lib/auth/guard.server.ts";
import { clear, clientAddress, LOGIN_GLOBAL, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, type Limit } from "~/lib/auth/rate-limit.server.ts";
import { safeRedirect } from "~/lib/auth/safe-redirect.ts";
import { createSession } from "~/lib/auth/session.server.ts";
import { throttle } from "~/lib/auth/throttle.server.ts";
import { refuse, text } from "~/lib/auth/form.server.ts";
import { defaultWorkspaceOf, normaliseEmail, verifyLogin } from "~/models/account.server.ts";
import { Field, FormError } from "~/components/account-fields.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Sign in · Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

const WRONG = "The email or password is wrong.";

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (!(await hasAnyUser())) throw redirect("/setup");
  if (await getAuth(request)) throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const email = normaliseEmail(text(form, "email"));
  const password = text(form, "password");
  const redirectTo = safeRedirect(text(form, "redirectTo"));
  if (!email || !password) return refuse({ fields: { ...(email ? {} : { email: "enter your email" }), ...(password ? {} : { password: "enter your password" }) }, error: null });

  const accountKey = `login:account:${email}`;
  const address = clientAddress(request);
  const keys: [string, Limit][] = [[accountKey, LOGIN_PER_ACCOUNT], ["login:global", LOGIN_GLOBAL]];
  if (address) keys.push([`login:address:${address}`, LOGIN_PER_ADDRESS]);
  const limited = throttle(keys, "sign-in attempts");
  if (limited) return limited;

  const user = await verifyLogin(email, password);
  if (!user) return refuse({ error: WRONG });
  const workspaceId = await defaultWorkspaceOf(user.id);
  if (!workspaceId) return refuse({ error: "Your account is not a member of any workspace any more. Ask an owner for a new invitation." }, 403);
  clear(accountKey);
  return redirect(redirectTo, { headers: { "Set-Cookie": await createSession(request, user.id, workspaceId) } });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const f = answer?.fields ?? {};
  return (
    <section className="card auth-card">
      <h1>Sign in</h1>
      <p className="muted">No account yet? Ask an owner of your workspace for an invitation link.</p>
      <FormError error={answer?.error} />
      <Form method="post">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="email" label="Email" type="email" autoComplete="username" required autoFocus error={f.email} />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required error={f.password} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}

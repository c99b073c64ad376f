// An invitation link: shows the workspace and role; a new person sets a password, a signed-in person
// with the invited address joins with one click. Rate limited; an unknown link is a 404.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { assertSameOrigin, getAuth } from "~/lib/auth/guard.server.ts";
import { MIN_PASSWORD } from "~/lib/auth/password.server.ts";
import { clientAddress, INVITE_GLOBAL, INVITE_PER_TOKEN, LOGIN_PER_ADDRESS, type Limit } from "~/lib/auth/rate-limit.server.ts";
import { ROLE_HELP, ROLE_LABEL } from "~/lib/auth/roles.ts";
import { createSession, switchSessionWorkspace, tokenHash } from "~/lib/auth/session.server.ts";
import { throttle } from "~/lib/auth/throttle.server.ts";
import { refuse, refuseInvalid, text } from "~/lib/auth/form.server.ts";
import { ValidationError } from "~/lib/validation.ts";
import { acceptInvitation, inspectInvitation, InvitationClosedError } from "~/models/invitation.server.ts";
import { Field, FormError } from "~/components/account-fields.tsx";
import { GeneralErrorBoundary } from "~/root.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Invitation · Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

function limits(request: Request, token: string | null): [string, Limit][] {
  const keys: [string, Limit][] = [["invite:global", INVITE_GLOBAL]];
  if (token) keys.push([`invite:token:${tokenHash(token).slice(0, 32)}`, INVITE_PER_TOKEN]);
  const address = clientAddress(request);
  if (address) keys.push([`invite:address:${address}`, LOGIN_PER_ADDRESS]);
  return keys;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const limited = throttle(limits(request, null), "invitation requests");
  if (limited) throw new Response(limited.data.error, { status: 429, headers: limited.init?.headers });
  const inv = await inspectInvitation(token);
  if (inv.status === "unknown") throw new Response("This invitation link is not valid.", { status: 404 });
  const auth = await getAuth(request);
  const view = {
    status: inv.status,
    email: inv.email,
    role: inv.role,
    roleLabel: ROLE_LABEL[inv.role],
    roleHelp: ROLE_HELP[inv.role],
    workspace: inv.workspace.name,
    expiresAt: inv.expiresAt.toISOString(),
    accountExists: inv.accountExists,
    signedInAs: auth?.user.email ?? null,
    minPassword: MIN_PASSWORD,
  };
  return data(view, { status: inv.status === "valid" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const token = params.token ?? "";
  const limited = throttle(limits(request, token), "attempts with this invitation");
  if (limited) return limited;
  const form = await request.formData();
  const auth = await getAuth(request);
  try {
    if (auth) {
      const joined = await acceptInvitation(token, { userId: auth.userId });
      await switchSessionWorkspace(auth.sessionId, joined.workspaceId);
      return redirect("/kits");
    }
    const password = text(form, "password");
    if (password !== text(form, "confirm")) return refuse({ fields: { confirm: "the two passwords are not the same" } });
    const joined = await acceptInvitation(token, { password, name: text(form, "name") });
    return redirect("/kits", { headers: { "Set-Cookie": await createSession(request, joined.userId, joined.workspaceId) } });
  } catch (error) {
    if (error instanceof InvitationClosedError) return refuse({ error: error.message }, error.status === "unknown" ? 404 : 410);
    if (error instanceof ValidationError) return refuseInvalid(error);
    throw error;
  }
}

export default function Invite() {
  const inv = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const f = answer?.fields ?? {};
  const here = `/invite/${encodeURIComponent(useParams().token ?? "")}`;
  return (
    <section className="card auth-card">
      <h1>Join {inv.workspace}</h1>
      <p>
        You are invited as <b data-testid="invite-role">{inv.roleLabel}</b> ({inv.email}). <span className="muted">{inv.roleHelp}</span>
      </p>
      {inv.status !== "valid" ? (
        <div className="notice error" role="alert">
          {inv.status === "used" ? "This invitation link has already been used." : inv.status === "revoked" ? "This invitation was withdrawn." : "This invitation link has expired."} Ask an owner of {inv.workspace} for a new one.
          {inv.status === "used" ? (
            <>
              {" "}
              Already joined? <Link to="/login">Sign in</Link>.
            </>
          ) : null}
        </div>
      ) : (
        <>
          <FormError error={answer?.error ?? f.email} />
          {inv.signedInAs === inv.email ? (
            <Form method="post">
              <button className="primary" type="submit" name="intent" value="join" disabled={busy}>
                Join {inv.workspace} as {inv.email}
              </button>
            </Form>
          ) : inv.signedInAs ? (
            <>
              <p className="notice warn">
                You are signed in as {inv.signedInAs}, but this invitation is for {inv.email}. Sign out, then open this link again.
              </p>
              <Form method="post" action="/logout">
                <input type="hidden" name="redirectTo" value={here} />
                <button type="submit">Sign out</button>
              </Form>
            </>
          ) : inv.accountExists ? (
            <p>
              There is already an account for {inv.email}. <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>Sign in</Link> and you can join with one click.
            </p>
          ) : (
            <Form method="post">
              <Field name="email" label="Email" type="email" value={inv.email} readOnly autoComplete="username" />
              <Field name="name" label="Your name (optional)" autoComplete="name" maxLength={80} error={f.name} />
              <Field name="password" label="Choose a password" type="password" autoComplete="new-password" required minLength={inv.minPassword} error={f.password} hint={`At least ${inv.minPassword} characters.`} />
              <Field name="confirm" label="Password again" type="password" autoComplete="new-password" required error={f.confirm} />
              <button className="primary" type="submit" name="intent" value="create" disabled={busy}>
                {busy ? "Joining…" : "Create account and join"}
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// Your account: who you are signed in as, and changing your password (the current one first). A change
// signs out every other browser of yours; this one stays signed in.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { text } from "~/lib/auth/form.server.ts";
import { clear, LOGIN_PER_ACCOUNT } from "~/lib/auth/rate-limit.server.ts";
import { throttle } from "~/lib/auth/throttle.server.ts";
import { ValidationError } from "~/lib/validation.ts";
import { changePassword } from "~/models/account.server.ts";
import { Field, FormError, FormNotice } from "~/components/account-fields.tsx";
import { SettingsTabs } from "~/components/settings-tabs.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Your account · Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  return { email: auth.user.email, name: auth.user.name };
}

type Answer = { error: string | null; fields: Record<string, string>; notice?: string };

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const form = await request.formData();
  if (text(form, "intent") !== "password") throw new Response(`Unknown action "${text(form, "intent").slice(0, 40)}"`, { status: 400 });
  const current = String(form.get("current") ?? "");
  const next = String(form.get("password") ?? "");
  if (next !== String(form.get("confirm") ?? "")) return data<Answer>({ error: null, fields: { confirm: "the two new passwords differ" } }, { status: 400 });
  // Guessing the current password from a browser left signed in is limited like signing in.
  const key = `password:account:${auth.userId}`;
  const limited = throttle([[key, LOGIN_PER_ACCOUNT]], "wrong current passwords");
  if (limited) return limited;
  try {
    const ended = await changePassword(auth, current, next);
    clear(key);
    const others = ended === 0 ? "" : ` ${ended} other ${ended === 1 ? "browser was" : "browsers were"} signed out.`;
    return data<Answer>({ error: null, fields: {}, notice: `Your password was changed.${others}` });
  } catch (error) {
    if (error instanceof ValidationError) return data<Answer>({ error: null, fields: Object.fromEntries(error.issues.map((i) => [i.path, i.message])) }, { status: 400 });
    throw error;
  }
}

export default function Account() {
  const { email, name } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const f = answer?.fields ?? {};
  const notice = answer && "notice" in answer ? answer.notice : undefined;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your account</h1>
          <p className="muted">
            Signed in as <b>{email}</b>
            {name ? ` (${name})` : ""}.
          </p>
        </div>
      </div>
      <SettingsTabs current="account" />
      <FormNotice notice={notice} />
      <div className="settings-grid">
        <section className="card">
          <h2 style={{ marginTop: 0 }}>Change password</h2>
          <p className="muted small">Your other browsers and devices are signed out; this one stays signed in.</p>
          <FormError error={answer?.error} />
          <Form method="post" key={notice ?? "form"}>
            <input type="hidden" name="intent" value="password" />
            <input type="hidden" name="username" value={email} autoComplete="username" />
            <Field name="current" label="Current password" type="password" autoComplete="current-password" required error={f.current} />
            <Field name="password" label="New password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={f.password} />
            <Field name="confirm" label="New password again" type="password" autoComplete="new-password" required error={f.confirm} />
            <button type="submit" className="primary" disabled={busy}>
              Change password
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

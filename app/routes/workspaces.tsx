// The workspaces you belong to: switch between them (POST; only into one you are a member of), make a
// new one, which you own, or leave one (not as its last owner, and not your only one).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { ROLE_LABEL } from "~/lib/auth/roles.ts";
import { text } from "~/lib/auth/form.server.ts";
import { ValidationError } from "~/lib/validation.ts";
import { LastOwnerError } from "~/models/account.server.ts";
import { createOwnWorkspace, leaveWorkspace, listWorkspacesOf, switchWorkspace } from "~/models/membership.server.ts";
import { Field, FormError, FormNotice } from "~/components/account-fields.tsx";
import { SettingsTabs } from "~/components/settings-tabs.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction = () => [{ title: "Workspaces · Marque" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const workspaces = await listWorkspacesOf(auth.userId);
  return { current: auth.workspaceId, workspaces: workspaces.map((w) => ({ ...w, roleLabel: ROLE_LABEL[w.role] })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "switch") {
    if (!(await switchWorkspace(auth, text(form, "workspaceId")))) throw new Response("No such workspace among yours", { status: 404 });
    return redirect("/kits");
  }
  if (intent === "leave") {
    try {
      const left = await leaveWorkspace(auth, text(form, "workspaceId"));
      if (!left) throw new Response("No such workspace among yours", { status: 404 });
      return data({ fields: {} as Record<string, string>, error: null, notice: `You left ${left.name}.` });
    } catch (error) {
      if (error instanceof LastOwnerError) return data({ fields: {} as Record<string, string>, error: `You are the last owner of this workspace. ${error.message}`, notice: null }, { status: 409 });
      if (error instanceof ValidationError) return data({ fields: {} as Record<string, string>, error: error.issues[0]?.message ?? error.message, notice: null }, { status: 400 });
      throw error;
    }
  }
  if (intent === "create") {
    try {
      const ws = await createOwnWorkspace(auth, text(form, "name"));
      await switchWorkspace(auth, ws.id);
      return redirect("/kits");
    } catch (error) {
      if (error instanceof ValidationError) return data({ fields: Object.fromEntries(error.issues.map((i) => [i.path, i.message])), error: null, notice: null }, { status: 400 });
      throw error;
    }
  }
  throw new Response(`Unknown action "${intent.slice(0, 40)}"`, { status: 400 });
}

export default function Workspaces() {
  const { current, workspaces } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your workspaces</h1>
          <p className="muted">Each workspace has its own brand kits, designs, videos and people.</p>
        </div>
      </div>
      <SettingsTabs current="workspaces" />
      <FormNotice notice={result?.notice} />
      <FormError error={result?.error} />
      <div className="settings-grid">
        <section className="card">
          <table className="list" data-testid="workspaces">
            <tbody>
              {workspaces.map((w) => (
                <tr key={w.id} data-workspace={w.slug}>
                  <td>
                    <b>{w.name}</b>
                    <div className="muted small">
                      {w.roleLabel} · {w.kits} {w.kits === 1 ? "kit" : "kits"} · {w.members} {w.members === 1 ? "member" : "members"}
                    </div>
                  </td>
                  <td style={{ textAlign: "right" }}>
                    <div className="row-actions">
                      {w.id === current ? (
                        <span className="tag">current</span>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="switch" />
                          <input type="hidden" name="workspaceId" value={w.id} />
                          <button type="submit">Switch to {w.name}</button>
                        </Form>
                      )}
                      {workspaces.length > 1 ? (
                        <Form method="post" onSubmit={(e) => (confirm(`Leave ${w.name}? You lose access to its kits and designs until an owner invites you again.`) ? undefined : e.preventDefault())}>
                          <input type="hidden" name="intent" value="leave" />
                          <input type="hidden" name="workspaceId" value={w.id} />
                          <button type="submit" className="danger" aria-label={`Leave ${w.name}`}>
                            Leave
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2 style={{ marginTop: 0 }}>New workspace</h2>
          <p className="muted small">For another business or client. You will be its owner; it starts with no kits.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <Field name="name" label="Name" required maxLength={80} error={result?.fields.name} id="new-workspace-name" />
            <button type="submit" className="primary">
              Create workspace
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

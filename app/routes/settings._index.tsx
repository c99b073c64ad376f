// The workspace page: members and their roles, invitations, the workspace's name. Everyone in the
// workspace sees the members; only owners change roles, remove people, invite and rename.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/env.server.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { INVITE_CREATE_PER_WORKSPACE } from "~/lib/auth/rate-limit.server.ts";
import { isRole, ROLE_HELP, ROLE_LABEL, ROLES } from "~/lib/auth/roles.ts";
import { throttle } from "~/lib/auth/throttle.server.ts";
import { text } from "~/lib/auth/form.server.ts";
import { ValidationError } from "~/lib/validation.ts";
import { LastOwnerError, listMembers, setMemberRole } from "~/models/account.server.ts";
import { createInvitation, listInvitations, revokeInvitation } from "~/models/invitation.server.ts";
import { renameWorkspaceAs } from "~/models/membership.server.ts";
import { FormError, FormNotice } from "~/components/account-fields.tsx";
import { SettingsTabs } from "~/components/settings-tabs.tsx";
import { InvitationsPanel, MembersTable, RenameWorkspace } from "~/components/workspace-members.tsx";
import accountStyles from "~/components/account-styles.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.workspace.name ?? "Workspace"} · Settings · Marque` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const owner = auth.role === "owner";
  const members = await listMembers(auth);
  const invitations = owner ? await listInvitations(auth) : [];
  return {
    workspace: { name: auth.workspace.name },
    me: { id: auth.userId, role: auth.role },
    members: members.map((m) => ({ id: m.id, email: m.email, name: m.name, role: m.role, since: m.since.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
    roles: ROLES.map((r) => ({ id: r, label: ROLE_LABEL[r], help: ROLE_HELP[r] })).reverse(),
  };
}

export type SettingsAnswer = { intent: string; error: string | null; fields: Record<string, string>; notice?: string; invited?: { email: string; role: string; url: string; expiresAt: string } };

function answer(a: Omit<SettingsAnswer, "error" | "fields"> & Partial<SettingsAnswer>, init: { status?: number; headers?: HeadersInit } | number = 200) {
  return data<SettingsAnswer>({ error: null, fields: {}, ...a }, typeof init === "number" ? { status: init } : init);
}

/** Where people reach this server: the public URL when configured, else the address of this request. */
function publicOrigin(request: Request): string {
  return getEnv().MARQUE_PUBLIC_URL?.replace(/\/+$/, "") ?? new URL(request.url).origin;
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const form = await request.formData();
  const intent = text(form, "intent");
  try {
    if (intent === "role" || intent === "remove") {
      const userId = text(form, "userId");
      const role = intent === "remove" ? null : text(form, "role");
      if (role !== null && !isRole(role)) return answer({ intent, error: `role: choose owner, editor or viewer (not "${role.slice(0, 20)}")` }, 400);
      if (role === null && userId === auth.userId) return answer({ intent, error: "You cannot remove yourself; another owner can." }, 400);
      const changed = await setMemberRole(auth, userId, role);
      if (!changed) throw new Response("No such member in this workspace", { status: 404 });
      return answer({ intent, notice: role ? `${changed.email} is now ${ROLE_LABEL[role].toLowerCase()}.` : `${changed.email} was removed and signed out of this workspace.` });
    }
    if (intent === "invite") {
      const limited = throttle([[`invite-create:${auth.workspaceId}`, INVITE_CREATE_PER_WORKSPACE]], "invitations from this workspace");
      if (limited) return answer({ intent, error: limited.data.error }, { status: 429, headers: limited.init?.headers });
      const inv = await createInvitation(auth, text(form, "email"), text(form, "role"));
      return answer({ intent, invited: { email: inv.email, role: inv.role, url: `${publicOrigin(request)}${inv.path}`, expiresAt: inv.expiresAt.toISOString() } });
    }
    if (intent === "revoke") {
      const revoked = await revokeInvitation(auth, text(form, "id"));
      if (!revoked) throw new Response("No pending invitation by that id in this workspace", { status: 404 });
      return answer({ intent, notice: `The invitation for ${revoked.email} was withdrawn; its link no longer works.` });
    }
    if (intent === "rename") {
      const ws = await renameWorkspaceAs(auth, text(form, "name"));
      return answer({ intent, notice: `The workspace is now called ${ws.name}.` });
    }
  } catch (error) {
    if (error instanceof ValidationError) return answer({ intent, fields: Object.fromEntries(error.issues.map((i) => [i.path, i.message])) }, 400);
    if (error instanceof LastOwnerError) return answer({ intent, error: error.message }, 409);
    throw error;
  }
  throw new Response(`Unknown action "${intent.slice(0, 40)}"`, { status: 400 });
}

export default function WorkspaceSettings() {
  const { workspace, me, members, invitations, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const owner = me.role === "owner";
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{workspace.name}</h1>
          <p className="muted">
            Your role here: <b>{ROLE_LABEL[me.role]}</b>. {ROLE_HELP[me.role]}
          </p>
        </div>
      </div>
      <SettingsTabs current="members" />
      <FormNotice notice={result?.notice} />
      {/* An invitation's error shows in its own panel. */}
      <FormError error={result?.intent === "invite" ? null : result?.error} />
      <div className="settings-grid">
        <div>
          <MembersTable members={members} me={me} roles={roles} />
          {owner ? <RenameWorkspace name={workspace.name} error={result?.intent === "rename" ? result.fields.name : undefined} /> : null}
        </div>
        <div>
          {owner ? (
            <InvitationsPanel invitations={invitations} roles={roles} result={result?.intent === "invite" ? result : undefined} />
          ) : (
            <section className="card">
              <h2 style={{ marginTop: 0 }}>Roles</h2>
              <RoleList roles={roles} />
              <p className="muted small">Only owners invite people and change roles.</p>
            </section>
          )}
        </div>
      </div>
    </>
  );
}

function RoleList({ roles }: { roles: { id: string; label: string; help: string }[] }) {
  return (
    <dl className="small">
      {roles.map((r) => (
        <div key={r.id}>
          <dt>
            <b>{r.label}</b>
          </dt>
          <dd style={{ margin: "0 0 .4rem" }}>{r.help}</dd>
        </div>
      ))}
    </dl>
  );
}

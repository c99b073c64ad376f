// The workspace settings page's parts: members with their roles, invitations, and the workspace name.
// Owners get the forms; everyone else sees the same lists read-only.
import { useRef, useState } from "react";
import { Form } from "@remix-run/react";
import { utcDate } from "./settings-tabs.tsx";
import { Field, FormError } from "./account-fields.tsx";
import type { Role } from "~/lib/auth/roles.ts";

type RoleInfo = { id: string; label: string; help: string };
type Member = { id: string; email: string; name: string; role: Role; since: string };
type Invitation = { id: string; email: string; role: string; status: string; expiresAt: string; createdAt: string };
type InviteResult = { error: string | null; fields: Record<string, string>; invited?: { email: string; role: string; url: string; expiresAt: string } };

export function MembersTable({ members, me, roles }: { members: Member[]; me: { id: string; role: Role }; roles: RoleInfo[] }) {
  const owner = me.role === "owner";
  return (
    <section className="card">
      <h2 style={{ marginTop: 0 }}>Members</h2>
      <table className="list" data-testid="members">
        <thead>
          <tr>
            <th>Person</th>
            <th>Role</th>
            <th>Since</th>
            {owner ? <th aria-label="Actions" /> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-member={m.email}>
              <td>
                {m.name ? <b>{m.name}</b> : null} <span className={m.name ? "muted small" : undefined}>{m.email}</span>
                {m.id === me.id ? <span className="tag">you</span> : null}
              </td>
              <td>
                {owner ? (
                  <Form method="post" aria-label={`Role of ${m.email}`}>
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={m.id} />
                    <select name="role" defaultValue={m.role} aria-label={`Role of ${m.email}`}>
                      {roles.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit">Change</button>
                  </Form>
                ) : (
                  <span className="tag">{roles.find((r) => r.id === m.role)?.label ?? m.role}</span>
                )}
              </td>
              <td className="when">{utcDate(m.since)}</td>
              {owner ? (
                <td>
                  {m.id !== me.id ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.id} />
                      <button type="submit" className="danger">
                        Remove
                      </button>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function InvitationsPanel({ invitations, roles, result }: { invitations: Invitation[]; roles: RoleInfo[]; result?: InviteResult }) {
  const [role, setRole] = useState("editor");
  const pending = invitations.filter((i) => i.status === "valid");
  return (
    <section className="card">
      <h2 style={{ marginTop: 0 }}>Invite someone</h2>
      <p className="muted small">Marque sends no email: copy the link and send it yourself. It works once, for 7 days.</p>
      {result?.invited ? <InviteLink {...result.invited} /> : null}
      <FormError error={result?.error} />
      <Form method="post">
        <input type="hidden" name="intent" value="invite" />
        <Field name="email" label="Their email" type="email" required error={result?.fields.email} key={result?.invited?.url} />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          <div className="muted small">{roles.find((r) => r.id === role)?.help}</div>
          {result?.fields.role ? <div className="field-error">{result.fields.role}</div> : null}
        </div>
        <button type="submit" className="primary">
          Create invitation link
        </button>
      </Form>
      <h3>Pending invitations</h3>
      {pending.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <table className="list small" data-testid="invitations">
          <tbody>
            {pending.map((i) => (
              <tr key={i.id} data-invitation={i.email}>
                <td>
                  {i.email}
                  <div className="muted">
                    {roles.find((r) => r.id === i.role)?.label ?? i.role}, until {utcDate(i.expiresAt)}
                  </div>
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={i.id} />
                    <button type="submit" className="danger">
                      Withdraw
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InviteLink({ email, role, url, expiresAt }: { email: string; role: string; url: string; expiresAt: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard access (plain http on another host): the link is selected for Ctrl+C.
    }
  };
  return (
    <div className="notice ok" role="status">
      <p style={{ margin: "0 0 .5rem" }}>
        Invitation for <b>{email}</b> as {role}, valid until {utcDate(expiresAt)}. Copy the link now: it is shown only once.
      </p>
      <div className="invite-link">
        <input ref={input} readOnly value={url} aria-label="Invitation link" data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

export function RenameWorkspace({ name, error }: { name: string; error?: string }) {
  return (
    <section className="card" style={{ marginTop: "1.25rem" }}>
      <h2 style={{ marginTop: 0 }}>Workspace name</h2>
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="rename" />
        <Field name="name" label="Name" defaultValue={name} required maxLength={80} error={error} key={name} id="workspace-name" />
        <div style={{ flex: "0 0 auto", marginBottom: ".8rem" }}>
          <button type="submit">Rename</button>
        </div>
      </Form>
    </section>
  );
}

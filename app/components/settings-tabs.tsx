import { Link } from "@remix-run/react";

const TABS = [
  { id: "members", label: "Members and invitations", to: "/settings" },
  { id: "activity", label: "Activity", to: "/settings/activity" },
  { id: "workspaces", label: "Your workspaces", to: "/workspaces" },
  { id: "account", label: "Your account", to: "/account" },
] as const;

export function SettingsTabs({ current }: { current: (typeof TABS)[number]["id"] }) {
  return (
    <nav className="tabs" aria-label="Workspace settings">
      {TABS.map((t) => (
        <Link key={t.id} to={t.to} className={t.id === current ? "active" : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** Dates the same on the server and in the browser (no locale or time zone), so hydration matches. */
export function utcDate(iso: string, withTime = false): string {
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

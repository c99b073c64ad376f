import { Link } from "@remix-run/react";

const TABS = [
  { id: "overview", label: "Overview", path: "" },
  { id: "edit", label: "Edit", path: "/edit" },
  { id: "history", label: "History", path: "/history" },
] as const;

export function KitTabs({ slug, current }: { slug: string; current: (typeof TABS)[number]["id"] }) {
  return (
    <nav className="tabs" aria-label="Kit">
      {TABS.map((t) => (
        <Link key={t.id} to={`/kits/${slug}${t.path}`} className={t.id === current ? "active" : undefined}>{t.label}</Link>
      ))}
    </nav>
  );
}

import { Link } from "@remix-run/react";
import { useCan } from "./use-role.ts";

const TABS = [
  { id: "overview", label: "Overview", path: "" },
  { id: "edit", label: "Edit", path: "/edit" },
  { id: "history", label: "History", path: "/history" },
] as const;

export function KitTabs({ slug, current }: { slug: string; current: (typeof TABS)[number]["id"] }) {
  // Only owners change a kit (brand lock), so only they get the Edit tab.
  const owner = useCan("owner");
  return (
    <nav className="tabs" aria-label="Kit">
      {TABS.filter((t) => owner || t.id !== "edit").map((t) => (
        <Link key={t.id} to={`/kits/${slug}${t.path}`} className={t.id === current ? "active" : undefined}>{t.label}</Link>
      ))}
    </nav>
  );
}

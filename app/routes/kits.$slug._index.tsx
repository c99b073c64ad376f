import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getKit } from "~/models/kit.server.ts";
import { countStaleAssets } from "~/models/library.server.ts";
import { fileUrl, orderedPalette } from "~/lib/kit/view.ts";
import { ramp, readableTextByRole } from "~/lib/kit/palette.ts";
import { LOGO_VARIANTS, TYPE_ROLES } from "~/lib/kit/schema.ts";
import { ContrastMatrix } from "~/components/contrast-matrix.tsx";
import { KitFontFaces, kitFontFamily } from "~/components/kit-fonts.tsx";
import { KitTabs } from "~/components/kit-tabs.tsx";
import { GeneralErrorBoundary } from "~/root.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Kit"} · Marque` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const found = await getKit(auth, params.slug ?? "");
  if (!found) throw new Response("Kit not found", { status: 404 });
  const staleAssets = await countStaleAssets(auth, found.id);
  return { id: found.id, slug: found.slug, name: found.name, version: found.version, updatedAt: found.updatedAt.toISOString(), kit: found.kit, staleAssets };
}

export default function KitPage() {
  const { id, slug, name, version, kit, staleAssets } = useLoaderData<typeof loader>();
  const scale = kit.typography.scale;
  const chipText = readableTextByRole(kit);
  const isOwner = useCan("owner");
  const isEditor = useCan("editor");
  return (
    <>
      <KitFontFaces kit={kit} />
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p className="muted">Version {version}{kit.description ? ` · ${kit.description}` : ""}</p>
        </div>
        <div className="actions">
          {isOwner ? <Link to="edit" className="btn primary">Edit kit</Link> : <span className="tag" title="Only owners change the brand kit">Brand locked</span>}
          <details style={{ position: "relative" }}>
            <summary className="btn">Export</summary>
            <div className="card" style={{ position: "absolute", right: 0, zIndex: 5, display: "grid", gap: ".3rem", minWidth: 220 }}>
              <a href={`/kits/${slug}/export/json`} download>Marque kit (.json)</a>
              <a href={`/kits/${slug}/export/dtcg`} download>Design tokens (DTCG)</a>
              <a href={`/kits/${slug}/export/css`} download>CSS custom properties</a>
              <a href={`/kits/${slug}/export/tailwind`} download>Tailwind v4 @theme</a>
              <a href={`/kits/${slug}/brandbook`} download>Brand book (PDF)</a>
            </div>
          </details>
        </div>
      </div>
      <KitTabs slug={slug} current="overview" />
      {staleAssets > 0 ? (
        <div className="notice warn" data-testid="kit-stale" style={{ display: "flex", gap: "1rem", alignItems: "center", justifyContent: "space-between", flexWrap: "wrap" }}>
          <span><Link to={`/library?kit=${slug}&state=stale`}>{staleAssets} {staleAssets === 1 ? "asset" : "assets"}</Link> made with an older version of this kit</span>
          {isEditor ? <Form method="post" action="/library/rerender" style={{ margin: 0 }}>
            <input type="hidden" name="intent" value="start" />
            <input type="hidden" name="kit" value={id} />
            <button type="submit" className="primary">Re-render</button>
          </Form> : null}
        </div>
      ) : null}

      <h2>Palette</h2>
      <div className="swatch-grid">
        {orderedPalette(kit).map(({ role, entry }) => (
          <div className="swatch" key={role} data-role={role}>
            <div className="chip" style={{ background: entry.color, color: chipText[role]?.plain.hex }}>{role}</div>
            <div className="ramp" aria-hidden>
              {ramp(entry.color).map((s) => <span key={s.step} style={{ background: s.hex }} />)}
            </div>
            <div className="meta">
              <b>{entry.name}</b>
              <span className="muted">{entry.color}</span>
              {entry.print?.cmyk ? <div className="muted small">CMYK {entry.print.cmyk.join(" ")}</div> : null}
              {entry.print?.pantone ? <div className="muted small">{entry.print.pantone}</div> : null}
            </div>
          </div>
        ))}
      </div>

      <h2>Contrast</h2>
      <p className="muted small">Text colour (rows) on background colour (columns). Body text needs 4.5:1; large text (24 px, or 18.66 px bold) needs 3:1.</p>
      <ContrastMatrix palette={kit.palette} />

      <h2>Typography</h2>
      <div className="card">
        {TYPE_ROLES.map((role, i) => (
          <div className="specimen" key={role}>
            <div className="muted small">{role} · {kit.typography[role].family} · {kit.typography[role].files.map((f) => `${f.weight}${f.style === "italic" ? "i" : ""}`).join(", ") || "no font file (Inter is used)"}</div>
            <div style={{ fontFamily: `${kitFontFamily(role)}, Inter, sans-serif`, fontSize: Math.round(scale.base * scale.ratio ** (TYPE_ROLES.length - i)), fontWeight: kit.typography[role].files[0]?.weight ?? 400 }}>
              {role === "body" ? "Fresh bread, slow coffee and the harbour at dawn." : kit.voice.tagline || kit.name}
            </div>
          </div>
        ))}
      </div>

      <h2>Logos</h2>
      <div className="grid">
        {LOGO_VARIANTS.map((v) => {
          const logo = kit.logos[v];
          const bg = v === "reverse" ? kit.palette.primary.color : kit.palette.background.color;
          return (
            <div key={v}>
              <div className="logo-tile" style={{ background: bg }}>{logo ? <img src={fileUrl(logo.src)} alt={`${v} logo`} /> : <span className="muted">No {v} logo</span>}</div>
              <div className="small muted">{v}</div>
            </div>
          );
        })}
      </div>
      <p className="muted small">Minimum width {kit.logos.minWidthMm} mm · clear space {Math.round(kit.logos.clearSpace * 100)}% of the logo height.</p>

      <div className="two-col">
        <section>
          <h2>Voice</h2>
          <div className="card">
            {kit.voice.tagline ? <p style={{ fontSize: "1.1rem", margin: "0 0 .6rem" }}>“{kit.voice.tagline}”</p> : null}
            <Tags label="Adjectives" items={kit.voice.adjectives} />
            <Tags label="Words to use" items={kit.voice.wordsToUse} />
            <Tags label="Words to avoid" items={kit.voice.wordsToAvoid} />
          </div>
        </section>
        <section>
          <h2>Visual &amp; video style</h2>
          <div className="card small">
            <Tags label="Photography" items={kit.style.photography} />
            <p><b>Lighting</b> {kit.style.lighting || "—"}</p>
            <p><b>Mood</b> {kit.style.mood || "—"}</p>
            <p><b>Grade</b> {kit.style.grade || "—"}</p>
            <Tags label="Camera" items={kit.style.camera} />
            <p><b>Authentic flaws</b> {kit.style.flaws}</p>
            <Tags label="Sound" items={kit.style.sound} />
          </div>
        </section>
      </div>
    </>
  );
}

function Tags({ label, items }: { label: string; items: string[] }) {
  return (
    <div style={{ marginBottom: ".5rem" }}>
      <div className="muted small">{label}</div>
      {items.length ? items.map((t) => <span className="tag" key={t}>{t}</span>) : <span className="muted">—</span>}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

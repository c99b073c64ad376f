// Brand audit page: upload an image or PDF (or open a library asset, video thumbnail or saved design
// through ?asset= / ?video= / ?design=), pick the kit, and read how far its colours sit from the kit,
// which fonts a PDF uses, and for Marque designs which text fails contrast. JSON: /audit/json.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { AuditReport } from "~/lib/audit/audit.server.ts";
import type { ColourVerdict } from "~/lib/audit/classify.ts";
import { auditFailure, auditRequest, type AuditFailure } from "~/lib/audit/request.server.ts";
import { formatRatio } from "~/lib/kit/palette.ts";
import { listDesigns } from "~/models/design.server.ts";
import { listKits } from "~/models/kit.server.ts";

export const meta: MetaFunction = () => [{ title: "Brand audit · Marque" }];

type Outcome = { report: AuditReport | null; failure: AuditFailure | null };

async function run(auth: Scope, request: Request): Promise<Outcome> {
  try {
    return { report: await auditRequest(auth, request), failure: null };
  } catch (error) {
    const failure = auditFailure(error);
    if (!failure) throw error;
    return { report: null, failure };
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const query = new URL(request.url).searchParams;
  const kits = (await listKits(auth)).map((k) => ({ slug: k.slug, name: k.name }));
  const designs = (await listDesigns(auth, { take: 200 })).map((d) => ({ id: d.id, name: d.name, kitName: d.kitName }));
  const prefill = { kit: query.get("kit") ?? "", design: query.get("design") ?? "" };
  // A link from the library or a video opens straight onto its audit.
  const stored = ["asset", "video", "design", "blob"].some((k) => query.get(k));
  return { kits, designs, prefill, ...(stored ? await run(auth, request) : { report: null, failure: null }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const outcome = await run(auth, request);
  return data(outcome, { status: outcome.failure?.status ?? 200 });
}

const pct = (share: number) => `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;
const CLASS_WORDS: Record<ColourVerdict["class"], string> = { same: "same colour", "on-brand": "on brand", warn: "warn", "off-brand": "off brand" };

function verdict(c: ColourVerdict): { text: string; tone: "ok" | "warn" | "bad" } {
  if (c.blendOf) return { text: `edge of ${c.blendOf[0].name} and ${c.blendOf[1].name}`, tone: "ok" };
  if (c.coveredBy) return { text: `neutral, covered by ${c.coveredBy.name}`, tone: "ok" };
  return { text: CLASS_WORDS[c.class], tone: c.onBrand ? "ok" : c.class === "warn" ? "warn" : "bad" };
}

const TONE = { ok: "var(--ok)", warn: "var(--warn)", bad: "var(--danger)" } as const;
const chip = (hex: string, size = 22) => <span aria-hidden style={{ display: "inline-block", width: size, height: size, borderRadius: 5, background: hex, border: "1px solid var(--line)", verticalAlign: "middle" }} />;

export default function AuditPage() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { report, failure } = posted ?? loaded;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Brand audit</h1>
          <p className="muted">Check something somebody else made: how far its colours sit from your kit, which fonts it uses, and which text fails contrast.</p>
        </div>
      </div>
      <Form method="post" encType="multipart/form-data" className="card" aria-label="Audit a file">
        <div className="row">
          <div className="field">
            <label htmlFor="kit">Brand kit</label>
            <select id="kit" name="kit" defaultValue={loaded.prefill.kit || loaded.kits[0]?.slug}>
              {loaded.kits.map((k) => <option key={k.slug} value={k.slug}>{k.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="file">Image or PDF</label>
            <input id="file" name="file" type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml,application/pdf" />
          </div>
          <div className="field">
            <label htmlFor="design">…or one of your designs</label>
            <select id="design" name="design" defaultValue={loaded.prefill.design}>
              <option value="">—</option>
              {loaded.designs.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.kitName})</option>)}
            </select>
          </div>
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" className="primary" disabled={busy}>{busy ? "Auditing…" : "Audit"}</button>
          </div>
        </div>
        <p className="muted small" style={{ margin: 0 }}>PNG, JPEG, WebP, SVG or PDF (first 12 pages). The same audit as JSON: POST to <code>/audit/json</code> (file + kit), or <code>marque audit &lt;file&gt; --kit &lt;slug&gt; --json</code>.</p>
      </Form>
      {failure ? <div className="notice error" role="alert" data-field={failure.field}>{failure.error}</div> : null}
      {report ? <Report report={report} /> : null}
    </>
  );
}

function Report({ report }: { report: AuditReport }) {
  const score = report.score;
  const tone = score >= 0.9 ? "ok" : score >= 0.7 ? "warn" : "bad";
  const words = score >= 0.9 ? "On brand" : score >= 0.7 ? "Mostly on brand" : "Off brand";
  return (
    <section aria-label="Audit report" data-testid="audit-report">
      <h2>{report.file.name} against {report.kit.slug ? <Link to={`/kits/${report.kit.slug}`}>{report.kit.name}</Link> : report.kit.name}</h2>
      <div className="card" style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "1.25rem", alignItems: "center" }}>
        <div style={{ textAlign: "center" }}>
          <div data-testid="audit-score" style={{ fontSize: "2.6rem", fontWeight: 800, color: TONE[tone], lineHeight: 1 }}>{pct(score)}</div>
          <div style={{ fontWeight: 600 }}>{words}</div>
        </div>
        <div>
          <div className="swatches" style={{ height: 34 }} aria-label="Dominant colours by share">
            {report.colours.map((c) => <span key={c.hex} style={{ background: c.hex, flex: c.share }} title={`${c.hex} ${pct(c.share)}`} />)}
          </div>
          <p className="muted small" style={{ margin: ".5rem 0 0" }}>
            {report.chromaticScore === null ? "Only neutrals" : `Colours alone: ${pct(report.chromaticScore)} on brand`} · neutrals {pct(report.neutralShare)} of the {report.file.kind === "pdf" ? `${report.pages?.read ?? 0} page(s)` : "image"}
          </p>
        </div>
      </div>

      <h3>Dominant colours</h3>
      <table className="matrix" style={{ width: "100%", textAlign: "left" }}>
        <thead><tr><th>Share</th><th>Colour</th><th>Nearest kit colour</th><th>ΔE00</th><th>Verdict</th></tr></thead>
        <tbody>
          {report.colours.map((c) => {
            const v = verdict(c);
            return (
              <tr key={c.hex} data-hex={c.hex}>
                <td>{pct(c.share)}</td>
                <td>{chip(c.hex)} <code>{c.hex}</code></td>
                <td>{chip(c.nearest.hex)} {c.nearest.name} <span className="muted">({c.nearest.role}, {c.nearest.hex})</span></td>
                <td>{c.deltaE.toFixed(2)}</td>
                <td style={{ color: TONE[v.tone], fontWeight: 600 }}>{v.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {report.offBrand.length ? (
        <>
          <h3>Not on brand</h3>
          <ul>
            {report.offBrand.map((c) => (
              <li key={c.hex}>{chip(c.hex, 14)} <code>{c.hex}</code> covers {pct(c.share)}: {CLASS_WORDS[c.class]}, ΔE00 {c.deltaE.toFixed(2)} from {c.nearest.name} <code>{c.nearest.hex}</code>.</li>
            ))}
          </ul>
        </>
      ) : <div className="notice ok">Every dominant colour is on brand.</div>}

      {report.pages && report.pages.scores.length > 1 ? (
        <p>Pages: {report.pages.scores.map((p) => `${p.page}: ${pct(p.score)}`).join(" · ")}</p>
      ) : null}

      {report.fonts ? <Fonts fonts={report.fonts} /> : null}
      {report.contrast ? <Contrast contrast={report.contrast} /> : null}

      <details className="card" style={{ marginTop: "1rem" }}>
        <summary>How this was judged</summary>
        <p className="small">ΔE00 (CIEDE2000): ≤ {report.thresholds.same} same colour, ≤ {report.thresholds.onBrand} on brand, ≤ {report.thresholds.warn} warn, beyond off brand. The score is the share of on-brand colours.</p>
        <p className="small"><b>Neutrals.</b> {report.neutralRule}</p>
        <p className="small"><b>Edges.</b> {report.blendRule}</p>
        {report.notes.map((n) => <p key={n} className="small muted">{n}</p>)}
      </details>
      <details className="card" style={{ marginTop: ".75rem" }}>
        <summary>JSON</summary>
        <pre className="small" style={{ overflow: "auto", maxHeight: 360 }}>{JSON.stringify(report, null, 2)}</pre>
      </details>
    </section>
  );
}

const FONT_WORDS = { "kit-file": "kit font", "kit-family": "kit family, other file", "not-in-kit": "not in the kit" } as const;

function Fonts({ fonts }: { fonts: NonNullable<AuditReport["fonts"]> }) {
  return (
    <>
      <h3>Fonts</h3>
      {fonts.used.length ? (
        <table className="matrix" style={{ width: "100%", textAlign: "left" }}>
          <thead><tr><th>Font</th><th>In the kit?</th><th>Embedded</th><th>Pages</th></tr></thead>
          <tbody>
            {fonts.used.map((f) => (
              <tr key={f.baseFont}>
                <td>{f.name}</td>
                <td style={{ color: f.status === "not-in-kit" ? TONE.bad : TONE.ok, fontWeight: 600 }}>{FONT_WORDS[f.status]}{f.roles.length ? ` (${f.roles.join(", ")})` : ""}</td>
                <td style={{ color: f.embedded ? undefined : TONE.bad }}>{f.embedded ? "yes" : "no: the printer will substitute it"}</td>
                <td>{f.pages.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted">No text set in a font: scanned pages or outlined text.</p>}
      <p className="muted small">Kit: {fonts.kit.map((k) => `${k.role} ${k.family}`).join(" · ")}</p>
    </>
  );
}

function Contrast({ contrast }: { contrast: NonNullable<AuditReport["contrast"]> }) {
  return (
    <>
      <h3>Text contrast ({contrast.failures.length ? `${contrast.failures.length} failing` : "all pass"})</h3>
      <table className="matrix" style={{ width: "100%", textAlign: "left" }}>
        <thead><tr><th>Layer</th><th>Text</th><th>Colours</th><th>Ratio</th><th>Needs</th></tr></thead>
        <tbody>
          {contrast.texts.map((t, i) => (
            <tr key={i}>
              <td>{t.field}{t.page ? ` · page ${t.page + 1}` : ""}</td>
              <td>{t.text.slice(0, 48)}</td>
              <td><span style={{ background: t.background, color: t.colour, padding: "0 .4rem", borderRadius: 4, border: "1px solid var(--line)" }}>Aa</span> <code>{t.colour}</code> on <code>{t.background}</code></td>
              <td style={{ color: t.pass ? TONE.ok : TONE.bad, fontWeight: 600 }}>{formatRatio(t.ratio)}</td>
              <td>{t.required}:1{t.large ? " (large)" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

// Bulk create: a CSV (upload or paste) -> map its columns to the template's fields -> preview the first
// rows (thumbnails, per-row errors) -> one asset per good row, downloaded as a ZIP with errors.csv.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { listKits } from "~/models/kit.server.ts";
import { FieldError } from "~/lib/errors.ts";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "~/lib/bulk/csv.ts";
import { bulkFields } from "~/lib/bulk/mapping.ts";
import { bulkTemplates, previewRows, readBulkStep } from "~/lib/bulk/bulk-form.server.ts";
import { formatRowIssue } from "~/lib/bulk/rows.server.ts";
import { getBulkJob, startBulkJob } from "~/lib/bulk/jobs.server.ts";
import { FORMATS } from "~/lib/templates/formats.ts";

// The render service's output formats (its module is server-only, this list is for the form).
const OUTPUT_FORMATS = ["png", "jpeg", "webp", "avif", "pdf"] as const;

export const meta: MetaFunction = () => [{ title: "Bulk create · Marque" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const url = new URL(request.url);
  const kits = (await listKits(auth)).map((k) => ({ slug: k.slug, name: k.name }));
  const templates = bulkTemplates().map((t) => ({
    id: t.id,
    name: t.name,
    formats: t.formats.map((f) => ({ id: f, label: FORMATS[f].label, print: "widthMm" in FORMATS[f] })),
    fields: bulkFields(t).fields.map((f) => ({ key: f.key, label: f.label, required: f.required })),
  }));
  const jobId = url.searchParams.get("job");
  const job = jobId ? await getBulkJob(auth, jobId) : undefined;
  if (jobId && !job) throw new Response("Bulk run not found (runs are kept for a week)", { status: 404 });
  return {
    kits,
    templates,
    selected: { kit: url.searchParams.get("kit") ?? kits[0]?.slug ?? "", template: url.searchParams.get("template") ?? templates[0]?.id ?? "" },
    job: job
      ? {
          id: job.id,
          templateId: job.templateId,
          formatId: job.formatId,
          output: job.output,
          kitSlug: job.kitSlug,
          status: job.status,
          total: job.total,
          processed: job.processed,
          okRows: job.okRows,
          failedRows: job.failedRows,
          files: job.files.length,
          error: job.error,
          issues: job.issues.slice(0, 300).map(formatRowIssue),
          moreIssues: Math.max(0, job.issues.length - 300),
        }
      : null,
    limits: { rows: MAX_CSV_ROWS, bytes: MAX_CSV_BYTES },
  };
}

const MAX_BODY = 3 * MAX_CSV_BYTES + 64 * 1024;

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY) {
    return data({ error: `file: the upload is larger than ${MAX_CSV_BYTES} bytes`, field: "file" }, { status: 413 });
  }
  const form = await request.formData();
  try {
    const step = await readBulkStep(auth, form);
    const good = step.rows.filter((r) => !r.issues.some((i) => i.severity === "error"));
    if (form.get("intent") === "generate" && !step.problems.length && good.length) {
      const { settings } = step;
      const job = await startBulkJob(auth, { kit: settings.kit, template: settings.template, formatId: settings.formatId, output: settings.output, bleed: settings.bleed, rows: step.rows });
      return redirect(`/designs/bulk?job=${job.id}`);
    }
    const issues = step.rows.flatMap((r) => r.issues);
    return data(
      {
        error: form.get("intent") === "generate" ? (step.problems[0] ?? (good.length ? undefined : "no row can be rendered; fix the errors below")) : undefined,
        field: undefined as string | undefined,
        csvText: step.csvText,
        headers: step.table.headers,
        delimiter: step.table.delimiter === "\t" ? "tab" : step.table.delimiter,
        mapping: step.mapping,
        suggested: step.suggested,
        problems: step.problems,
        summary: { rows: step.rows.length || step.table.rows.length, good: good.length, bad: step.rows.length - good.length },
        issues: issues.slice(0, 200).map(formatRowIssue),
        moreIssues: Math.max(0, issues.length - 200),
        previews: step.problems.length ? [] : await previewRows(step),
        settings: { kit: step.settings.kit.slug, template: step.settings.template.id, format: step.settings.formatId, output: step.settings.output, bleed: step.settings.bleed },
      },
      { status: form.get("intent") === "generate" ? 400 : 200 },
    );
  } catch (error) {
    if (error instanceof FieldError) return data({ error: error.message, field: error.field }, { status: 400 });
    throw error;
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function BulkCreate() {
  const loaded = useLoaderData<typeof loader>();
  return loaded.job ? <JobView job={loaded.job} /> : <BulkForm loaded={loaded} />;
}

function JobView({ job }: { job: NonNullable<Loaded["job"]> }) {
  const revalidator = useRevalidator();
  const running = job.status === "queued" || job.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Bulk run</h1>
          <p className="muted">{job.templateId} · {job.formatId} · {job.output.toUpperCase()} · kit {job.kitSlug}</p>
        </div>
        <Link to="/designs/bulk" className="btn">New bulk run</Link>
      </div>
      <div className="card" aria-live="polite">
        {running ? (
          <>
            <p>Rendering… {job.processed} of {job.total} rows</p>
            <progress max={job.total} value={job.processed} style={{ width: "100%" }} />
            <noscript><p><a href={`/designs/bulk?job=${job.id}`}>Refresh</a></p></noscript>
          </>
        ) : job.status === "failed" ? (
          <>
            <div className="notice error" role="alert">The run stopped: {job.error}</div>
            {job.files ? <a className="btn" href={`/designs/bulk/${job.id}/zip`} download>Download the {job.files} {job.files === 1 ? "file" : "files"} made</a> : null}
          </>
        ) : (
          <>
            <div className={`notice ${job.failedRows ? "warn" : "ok"}`}>
              {job.okRows} of {job.total} rows rendered ({job.files} files){job.failedRows ? `; ${job.failedRows} row${job.failedRows === 1 ? "" : "s"} failed — see errors.csv in the ZIP` : ""}. Each file is in your asset library.
            </div>
            <a className="btn primary" href={`/designs/bulk/${job.id}/zip`} download>Download ZIP</a>
          </>
        )}
      </div>
      {job.issues.length ? <IssueList issues={job.issues} more={job.moreIssues} /> : null}
    </>
  );
}

function IssueList({ issues, more }: { issues: string[]; more: number }) {
  return (
    <div className="card" style={{ marginTop: "1rem" }}>
      <h2 style={{ marginTop: 0 }}>Row problems</h2>
      <p className="muted small">Rows are counted from the first row under the header (row 1); the sheet row is the number your spreadsheet shows.</p>
      <ul className="small">
        {issues.map((line, i) => (
          <li key={i} className={line.startsWith("warning:") ? "" : "field-error"}>{line}</li>
        ))}
      </ul>
      {more ? <p className="muted small">…and {more} more.</p> : null}
    </div>
  );
}

function BulkForm({ loaded }: { loaded: Loaded }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const step = result && "csvText" in result ? result : undefined;
  const [templateId, setTemplateId] = useState(step?.settings.template ?? loaded.selected.template);
  const [output, setOutput] = useState(step?.settings.output ?? "png");
  const template = loaded.templates.find((t) => t.id === templateId) ?? loaded.templates[0];
  const [formatId, setFormatId] = useState(step?.settings.format ?? template?.formats[0]?.id ?? "");
  const format = template?.formats.find((f) => f.id === formatId) ?? template?.formats[0];
  const mappingFresh = step && step.settings.template === template?.id;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Bulk create</h1>
          <p className="muted">One file per spreadsheet row: a CSV in, a ZIP out. Up to {loaded.limits.rows} rows and {Math.round(loaded.limits.bytes / 1024)} KB per run.</p>
        </div>
      </div>
      {result?.error ? <div className="notice error" role="alert">{result.error}</div> : null}
      <Form method="post" encType="multipart/form-data" className="two-col">
        <div>
          <div className="card">
            <div className="row">
              <div className="field">
                <label htmlFor="kit">Brand kit</label>
                <select id="kit" name="kit" defaultValue={step?.settings.kit ?? loaded.selected.kit}>
                  {loaded.kits.map((k) => <option key={k.slug} value={k.slug}>{k.name}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="template">Template</label>
                <select id="template" name="template" value={template?.id} onChange={(e) => { setTemplateId(e.target.value); setFormatId(""); }}>
                  {loaded.templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                </select>
              </div>
            </div>
            <div className="row">
              <div className="field">
                <label htmlFor="format">Size</label>
                <select id="format" name="format" value={format?.id} onChange={(e) => setFormatId(e.target.value)}>
                  {template?.formats.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="output">File type</label>
                <select id="output" name="output" value={output} onChange={(e) => setOutput(e.target.value as typeof output)}>
                  {OUTPUT_FORMATS.map((o) => <option key={o} value={o}>{o.toUpperCase()}</option>)}
                </select>
              </div>
            </div>
            {output === "pdf" && format?.print ? (
              <label className="small"><input type="checkbox" name="bleed" defaultChecked={step?.settings.bleed ?? true} /> 3 mm bleed and crop marks</label>
            ) : null}
            <div className="field">
              <label htmlFor="file">CSV file</label>
              <input key={step?.csvText.length ?? "new"} id="file" name="file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" />
              {result?.field === "file" ? <div className="field-error">{result.error}</div> : null}
            </div>
            <div className="field">
              <label htmlFor="csv">…or paste the rows (first row: column names)</label>
              <textarea id="csv" name="csv" rows={6} defaultValue={step?.csvText} key={step?.csvText} spellCheck={false} style={{ fontFamily: "ui-monospace, monospace", fontSize: ".82rem" }} />
              <div className="muted small">Comma, semicolon or tab separated. Cells are printed exactly as written — formulas are never run.</div>
            </div>
            <button type="submit" name="intent" value="preview" disabled={busy}>{step ? "Update preview" : "Read CSV"}</button>
          </div>
          {step && mappingFresh && template ? (
            <div className="card" style={{ marginTop: "1rem" }}>
              <h2 style={{ marginTop: 0 }}>Columns → fields</h2>
              <p className="muted small">{step.summary.rows} rows, {step.delimiter}-separated. {step.suggested ? "Suggested from the column names; change any that are wrong." : ""}</p>
              <table className="list">
                <tbody>
                  {template.fields.map((f) => (
                    <tr key={f.key}>
                      <td><label htmlFor={`map-${f.key}`}>{f.label}{f.required ? " *" : ""}</label></td>
                      <td>
                        <select id={`map-${f.key}`} name={`map.${f.key}`} defaultValue={String(step.mapping[f.key] ?? "")} key={`${f.key}-${step.csvText.length}-${String(step.mapping[f.key])}`}>
                          <option value="">— not used —</option>
                          {step.headers.map((h, i) => <option key={i} value={i}>{h}</option>)}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {step.problems.map((p) => <div key={p} className="field-error">{p}</div>)}
              <div className="actions" style={{ marginTop: ".8rem" }}>
                <button type="submit" name="intent" value="preview" disabled={busy}>Update preview</button>
                <button type="submit" name="intent" value="generate" className="primary" disabled={busy || step.summary.good === 0 || step.problems.length > 0}>
                  Create {step.summary.good} file{step.summary.good === 1 ? "" : "s"}
                </button>
              </div>
            </div>
          ) : null}
        </div>
        <div>
          {step && mappingFresh ? (
            <>
              <div className={`notice ${step.summary.bad ? "warn" : "ok"}`}>{step.summary.good} rows ready{step.summary.bad ? `, ${step.summary.bad} with errors (skipped; listed in errors.csv)` : ""}.</div>
              <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))" }}>
                {step.previews.map((p) => (
                  <figure key={p.row} className="card" style={{ margin: 0, padding: ".5rem" }}>
                    {p.thumbnail ? <img src={p.thumbnail} alt={`Row ${p.row}: ${p.label}`} style={{ width: "100%" }} /> : null}
                    <figcaption className="small"><b>Row {p.row}</b> (sheet row {p.sheetRow}) {p.label}</figcaption>
                    {p.issues.map((i) => <div key={i} className={i.startsWith("warning:") ? "muted small" : "field-error"}>{i}</div>)}
                  </figure>
                ))}
              </div>
              {step.issues.length ? <IssueList issues={step.issues} more={step.moreIssues} /> : null}
            </>
          ) : (
            <div className="card muted small">
              Each row becomes one {template?.name.toLowerCase() ?? "design"}. Columns this template reads: {template?.fields.map((f) => f.label + (f.required ? " *" : "")).join(", ")}.
            </div>
          )}
        </div>
      </Form>
    </>
  );
}

// The editor page body: content form (left), live preview, format picker and exports (right).
// Content lives in React state; with JS, saving goes through a fetcher (the page stays put) and an
// export of unsaved changes saves first, so every exported asset matches a saved design.
import { Form, Link, useFetcher, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { applyListOp, contentToFormEntries, photoRefs, setAt, type Content, type FieldSpec, type ListOp } from "~/lib/templates/content-form.ts";
import { DesignConflict } from "./design-conflict.tsx";
import { DesignFields } from "./design-fields.tsx";
import { PreviewPane, usePreview } from "./design-preview.tsx";

export type EditorActionData = {
  ok?: boolean;
  savedAt?: number;
  error?: string;
  errors?: Record<string, string>;
  content?: Content;
  name?: string;
  format?: string;
  /** A photo stored for an image slot, with a small data: URL picture of it for the slot. */
  upload?: { name: string; ref: string; thumb?: string };
  /** The saved version after a save. */
  version?: number;
  /** A save refused because someone else saved first: their version, for review. */
  conflict?: { version: number; name: string; content: Content; updatedAt: number };
};

export interface EditorProps {
  design: { id: string; name: string; formats: string[]; content: Content; updatedAt: number; version: number };
  kit: { slug: string; name: string; version: number };
  template: { id: string; name: string; description: string; formats: { id: string; label: string; family: string; print: boolean }[] };
  fields: FieldSpec[];
  actionData?: EditorActionData;
  /** Viewers see the design and its preview; saving and exporting need an editor. */
  readOnly?: boolean;
}

const OUTPUTS = [
  { id: "png", label: "PNG" },
  { id: "jpeg", label: "JPEG" },
  { id: "webp", label: "WebP" },
  { id: "pdf", label: "PDF" },
] as const;

export function DesignEditor({ design, kit, template, fields, actionData, readOnly = false }: EditorProps) {
  const [content, setContent] = useState<Content>(actionData?.content ?? design.content);
  const [name, setName] = useState(actionData?.name ?? design.name);
  const [formatId, setFormatId] = useState(actionData?.format ?? design.formats[0] ?? template.formats[0]?.id ?? "");
  const [page, setPage] = useState(0);
  const [bleed, setBleed] = useState(true);
  const [baseline, setBaseline] = useState(() => JSON.stringify([design.content, design.name]));
  // The version this edit started from; a save carries it so a save over someone else's is refused.
  const [baseVersion, setBaseVersion] = useState(design.version);
  const [conflictSeen, setConflictSeen] = useState<number | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const [params] = useSearchParams();
  const saver = useFetcher<EditorActionData>();
  const uploader = useFetcher<EditorActionData>();
  // Pictures of the photos in image slots: just uploaded (from the upload's answer), else saved ones.
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const savedPhotos = useMemo(() => photoRefs(design.content), [design.content]);
  const photoSrc = (ref: string) => thumbs[ref] ?? (savedPhotos.has(ref) ? `/designs/${design.id}/photo?ref=${encodeURIComponent(ref)}` : null);
  const formRef = useRef<HTMLFormElement>(null);
  const pendingExport = useRef<string | null>(null);
  const submitted = useRef<string>("");
  useEffect(() => setHydrated(true), []);

  const format = template.formats.find((f) => f.id === formatId) ?? template.formats[0];
  const preview = usePreview({ designId: design.id, formatId, page, content, kitVersion: kit.version });
  const dirty = JSON.stringify([content, name]) !== baseline;
  useEffect(() => {
    if (page > 0 && page >= preview.pages) setPage(preview.pages - 1);
  }, [page, preview.pages]);

  // A save through the fetcher: on success the submitted state is the new baseline; then a pending export runs.
  useEffect(() => {
    if (saver.state !== "idle" || !saver.data) return;
    if (saver.data.ok) {
      setBaseline(submitted.current);
      if (saver.data.version) setBaseVersion(saver.data.version);
      const next = pendingExport.current;
      pendingExport.current = null;
      if (next) window.location.assign(next);
    } else pendingExport.current = null;
  }, [saver.state, saver.data]);

  useEffect(() => {
    const upload = uploader.data?.upload;
    if (uploader.state === "idle") setUploading(null);
    if (uploader.state === "idle" && upload) {
      setContent((c) => setAt(c, upload.name.slice("content.".length), upload.ref));
      const thumb = upload.thumb;
      if (thumb) setThumbs((t) => ({ ...t, [upload.ref]: thumb }));
    }
  }, [uploader.state, uploader.data]);

  const inputNames = useMemo(() => new Set(contentToFormEntries(content, fields, "content").map(([k]) => k.replace(/\.length$/, ""))), [content, fields]);
  const errors: Record<string, string> = { ...(saver.data?.errors ?? actionData?.errors ?? {}), ...(uploader.state === "idle" ? (uploader.data?.errors ?? {}) : {}) };
  for (const issue of preview.issues) errors[`content.${issue.path}`] ??= issue.message;
  const warnings: Record<string, string> = {};
  const looseWarnings: string[] = [];
  for (const o of preview.overflow) {
    const key = `content.${o.field}`;
    if (inputNames.has(key)) warnings[key] = warnings[key] ? `${warnings[key]} ${o.message}` : o.message;
    else looseWarnings.push(o.message);
  }

  const save = (then?: string) => {
    if (!formRef.current) return;
    const fd = new FormData(formRef.current);
    fd.set("intent", "save");
    fd.set("_fetch", "1");
    submitted.current = JSON.stringify([content, name]);
    pendingExport.current = then ?? null;
    saver.submit(fd, { method: "post", encType: "multipart/form-data" });
  };
  const exportHref = (output: string) => `/designs/${design.id}/export/${output}?size=${encodeURIComponent(formatId)}${output === "pdf" && bleed && format?.print ? "&bleed=1" : ""}${output !== "pdf" && page > 0 ? `&page=${page + 1}` : ""}`;
  const zipHref = `/designs/${design.id}/zip${bleed ? "" : "?bleed=0"}`;
  const onExport = (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (!dirty) return;
    e.preventDefault();
    save(e.currentTarget.getAttribute("href") ?? undefined);
  };
  const conflict = saver.data?.conflict ?? actionData?.conflict;
  const showConflict = conflict && conflictSeen !== conflict.version ? conflict : null;
  const takeTheirs = () => {
    if (!conflict) return;
    setContent(conflict.content);
    setName(conflict.name);
    setBaseline(JSON.stringify([conflict.content, conflict.name]));
    setBaseVersion(conflict.version);
    setConflictSeen(conflict.version);
  };
  const keepMine = () => {
    if (!conflict) return;
    setBaseVersion(conflict.version);
    setConflictSeen(conflict.version);
  };
  const saving = saver.state !== "idle";
  const topError = saver.data?.error ?? actionData?.error;
  const justSaved = (saver.data?.ok && !dirty) || (params.get("saved") === "1" && !dirty && !saver.data);

  return (
    <>
    <saver.Form method="post" encType="multipart/form-data" ref={formRef} className="design-editor" onSubmit={() => (submitted.current = JSON.stringify([content, name]))}>
      <input type="hidden" name="baseVersion" value={baseVersion} />
      {hydrated ? <input type="hidden" name="_fetch" value="1" /> : null}
      <div className="page-head">
        <div className="design-title">
          <div className="muted small">
            <Link to="/designs">Designs</Link> · {template.name} · <Link to={`/kits/${kit.slug}`}>{kit.name}</Link> v{kit.version}
          </div>
          <label htmlFor="design-name" className="visually-hidden">Design name</label>
          <input id="design-name" name="name" className="title-input" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} />
          {errors.name ? <div className="field-error" role="alert">{errors.name}</div> : null}
        </div>
        <div className="actions">
          <span className="small muted" role="status" aria-live="polite">{saving ? "Saving…" : dirty ? "Unsaved changes" : justSaved ? "Saved" : ""}</span>
          {readOnly ? <span className="tag">View only</span> : <button className="primary" name="intent" value="save" disabled={saving}>Save</button>}
        </div>
      </div>
      {showConflict ? (
        <DesignConflict message={topError ?? "Someone else saved this design."} theirs={showConflict} mine={{ name, content }} onTakeTheirs={takeTheirs} onKeepMine={keepMine} />
      ) : topError && !conflict ? (
        <div className="notice error" role="alert">{topError}</div>
      ) : null}

      <div className="design-layout">
        <section className="card design-form" aria-label="Content">
          <DesignFields
            fields={fields}
            content={content}
            prefix="content"
            errors={errors}
            warnings={warnings}
            uploading={uploading}
            photoSrc={photoSrc}
            onChange={(inputName, value) => setContent((c) => setAt(c, inputName.slice("content.".length), value))}
            onListOp={(op: ListOp) => setContent((c) => applyListOp(c, fields, op))}
            onUpload={(inputName, file) => {
              const fd = new FormData();
              fd.set("intent", "upload");
              fd.set("_fetch", "1");
              fd.set("path", inputName);
              fd.set("file", file);
              setUploading(inputName);
              uploader.submit(fd, { method: "post", encType: "multipart/form-data" });
            }}
          />
        </section>

        <aside className="design-side">
          <div className="card">
            <div className="field">
              <label htmlFor="format">Format</label>
              <select id="format" name="format" value={formatId} onChange={(e) => { setFormatId(e.target.value); setPage(0); }}>
                {template.formats.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
              </select>
              <div className="muted small">Same content in another size: the layout adapts to each format.</div>
            </div>
            {hydrated ? (
              <PreviewPane preview={preview} page={page} setPage={setPage} formatLabel={format?.label ?? formatId} />
            ) : (
              <div className="muted small">The live preview needs JavaScript. Save, then export below.</div>
            )}
            {looseWarnings.length ? (
              <div className="notice warn small" role="status">
                {looseWarnings.map((w, i) => <div key={i}>{w}</div>)}
              </div>
            ) : null}
          </div>

          {readOnly ? null : <div className="card design-export">
            <h2>Export</h2>
            <div className="actions">
              {OUTPUTS.map((o) => (
                <a key={o.id} className="btn" href={exportHref(o.id)} onClick={onExport} data-export={o.id} download>{o.label}</a>
              ))}
            </div>
            {format?.print ? (
              <label className="check small">
                <input type="checkbox" checked={bleed} onChange={(e) => setBleed(e.target.checked)} /> PDF with 3 mm bleed &amp; crop marks
              </label>
            ) : null}
            <a className="btn" href={zipHref} onClick={onExport} data-export="zip" download>All formats (ZIP)</a>
            <p className="muted small">Exports use the saved design{dirty ? "; your changes are saved first" : ""}. Print formats export at 300 dpi.</p>
          </div>}

          {readOnly ? null : <button form="design-delete" name="intent" value="delete" className="danger small-btn">Delete design</button>}
        </aside>
      </div>
    </saver.Form>
    {/* Outside the editor form (forms cannot nest); the button above submits it through `form=`. */}
    <Form method="post" id="design-delete" onSubmit={(e) => { if (!window.confirm(`Delete “${design.name}”? Its exported files stay in the library.`)) e.preventDefault(); }} />
    </>
  );
}

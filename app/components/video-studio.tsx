// The brief editor page body. The draft lives in React state; every change recompiles the prompt on the
// server (debounced fetcher) so the panel always shows what Generate will send. Save and Generate are
// plain form posts of the same inputs, so the page works without JavaScript too.
import { Form, useFetcher, useNavigation, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { applyListOp, draftToFormEntries, type BriefDraft, type ListOp } from "~/lib/video/brief-form.ts";
import type { PromptView, VariantView } from "~/lib/video/studio-prompt.ts";
import type { ProviderChoice, RenderView } from "~/lib/video/studio-render.server.ts";
import { BriefBasics, ShotList, USE_CASE_LABEL } from "./video-brief-form.tsx";
import { BriefExtras } from "./video-brief-extras.tsx";
import type { FormContext } from "./video-fields.tsx";
import { JobList } from "./video-jobs.tsx";
import { PromptPanel, type LineKey } from "./video-prompt-panel.tsx";

type Compiled = { ok: true; prompt: PromptView; variants: VariantView[] } | { ok: false; errors: Record<string, string> };

export type StudioActionData = { draft?: BriefDraft; compiled?: Compiled; errors?: Record<string, string>; error?: string };

export type StudioProps = {
  brief: { id: string; title: string; updatedAt: string };
  kit: { slug: string; name: string; version: number; tagline: string };
  draft: BriefDraft;
  compiled: Compiled;
  swatches: { role: string; name: string; color: string }[];
  providers: ProviderChoice[];
  jobs: RenderView[];
  actionData?: StudioActionData;
};

const COMPILE_DELAY_MS = 300;

export function VideoStudio({ brief, kit, draft: savedDraft, compiled: initial, swatches, providers, jobs, actionData }: StudioProps) {
  const [draft, setDraft] = useState<BriefDraft>(actionData?.draft ?? savedDraft);
  const [hydrated, setHydrated] = useState(false);
  const [selected, setSelected] = useState(-1);
  const [active, setActive] = useState<{ key: LineKey | null; sources: string[]; pinned: boolean }>({ key: null, sources: [], pinned: false });
  const [focusField, setFocusField] = useState<string | null>(null);
  const [lastGood, setLastGood] = useState<{ prompt: PromptView; variants: VariantView[] } | null>(initial.ok ? initial : null);
  const [provider, setProvider] = useState("local");
  const [endCard, setEndCard] = useState(true);
  const [logoBug, setLogoBug] = useState(false);
  const compiler = useFetcher<StudioActionData>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const first = useRef(true);
  useEffect(() => setHydrated(true), []);

  // A save or generate brings new loader data: the stored draft becomes the baseline again.
  const baseline = useMemo(() => JSON.stringify(savedDraft), [savedDraft]);
  const dirty = JSON.stringify(draft) !== baseline;
  const seenBaseline = useRef(baseline);
  useEffect(() => {
    // Saved (or generated): show the brief as stored, e.g. "2,5" s comes back as 2.5.
    if (seenBaseline.current === baseline) return;
    seenBaseline.current = baseline;
    setDraft(savedDraft);
  }, [baseline, savedDraft]);

  useEffect(() => {
    if (first.current && !actionData?.draft) {
      first.current = false;
      return; // the loader already compiled the saved brief
    }
    first.current = false;
    const timer = setTimeout(() => {
      const body = new FormData();
      for (const [k, v] of draftToFormEntries(draft)) body.append(k, v);
      body.set("intent", "compile");
      compiler.submit(body, { method: "post" });
    }, COMPILE_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher is stable enough; only draft edits recompile
  }, [draft]);

  const live = compiler.data?.compiled;
  useEffect(() => {
    if (live?.ok) setLastGood({ prompt: live.prompt, variants: live.variants });
  }, [live]);
  const compileErrors = live ? (live.ok ? {} : live.errors) : initial.ok ? {} : initial.errors;
  const errors = { ...compileErrors, ...(navigation.state === "idle" ? actionData?.errors ?? {} : {}) };
  const stale = live ? !live.ok : !initial.ok;
  const variants = lastGood?.variants ?? [];
  const variantIndex = selected < variants.length ? selected : -1;

  const showField = useCallback((field: string, focus = true) => {
    const el = document.querySelector(`[data-path="${CSS.escape(field)}"]`) ?? document.querySelector(`[data-path^="${CSS.escape(field)}."]`);
    if (!el) return;
    const details = el.closest("details");
    if (details && !details.open) details.open = true;
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    if (focus) (el.querySelector("input, textarea, select") as HTMLElement | null)?.focus({ preventScroll: true });
  }, []);

  const highlight = useMemo(() => active.sources.filter((s) => s.startsWith("brief.")).map((s) => s.slice(6)), [active.sources]);
  const ctx: FormContext = {
    draft,
    update: setDraft,
    listOp: (op: ListOp) => setDraft((d) => applyListOp(d, op)),
    errors,
    highlight,
    onFocusField: setFocusField,
    hydrated,
  };
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const busyIntent = busy ? String(navigation.formData?.get("intent") ?? "") : "";
  const variant = variantIndex >= 0 ? variants[variantIndex] : undefined;
  const chosen = providers.find((p) => p.name === provider);

  return (
    <>
      <Form method="post" className="studio" noValidate>
        <div className="page-head studio-head">
          <div className="studio-title">
            <div className="crumbs small">
              <a href={`/video?kit=${kit.slug}`}>Video studio</a> › <a href={`/kits/${kit.slug}`}>{kit.name}</a> · {USE_CASE_LABEL[draft.useCase] ?? draft.useCase}
            </div>
            <label htmlFor="f-title" className="visually-hidden">
              Title
            </label>
            <input
              id="f-title"
              name="title"
              className={`title-input${errors.title ? " bad" : ""}`}
              data-path="title"
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              aria-invalid={errors.title ? true : undefined}
            />
            {errors.title ? <div className="field-error">{errors.title}</div> : null}
          </div>
          <div className="actions">
            <span className="muted small" role="status">
              {busyIntent === "save" ? "Saving…" : dirty ? "Unsaved changes" : params.get("saved") ? "Saved" : ""}
            </span>
            <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
              Save
            </button>
            <button
              type="submit"
              name="intent"
              value="delete"
              className="btn danger"
              formNoValidate
              onClick={(e) => {
                if (!window.confirm(`Delete the brief “${brief.title}” and its jobs list? Finished videos stay in the library.`)) e.preventDefault();
              }}
            >
              Delete
            </button>
          </div>
        </div>
        {actionData?.error && navigation.state === "idle" ? (
          <div className="notice error" role="alert">
            {actionData.error}
          </div>
        ) : null}
        {params.get("from") === "model" || params.get("from") === "patterns" ? (
          <div className="notice ok small">
            {params.get("from") === "model" ? "A text model wrote this shot list from your idea." : "Marque's pattern for this kind of video wrote this shot list from your idea."} Change
            anything: the prompt follows as you type.
          </div>
        ) : null}

        <div className="studio-layout">
          <div className="studio-form">
            <BriefBasics ctx={ctx} palette={swatches} />
            <ShotList ctx={ctx} />
            <BriefExtras ctx={ctx} />
          </div>
          <aside className="studio-side">
            <PromptPanel
              prompt={lastGood?.prompt ?? null}
              variants={variants}
              selected={variantIndex}
              onSelect={setSelected}
              stale={stale}
            errors={errors}
              active={active.key}
              pinned={active.pinned}
              onLine={(key, sources, pinned) => {
                setActive({ key, sources, pinned });
                // A click on a line brings the brief field that wrote it into view (the panel stays put).
                const field = pinned ? sources.find((s) => s.startsWith("brief."))?.slice(6) : undefined;
                if (field) showField(field, false);
              }}
              focusField={focusField}
              swatches={swatches}
              kitSlug={kit.slug}
              onShowField={(field) => showField(field)}
            />
            <section className="card generate" aria-labelledby="generate-title">
              <h2 id="generate-title">Generate</h2>
              <input type="hidden" name="variant" value={variantIndex >= 0 ? String(variantIndex) : ""} />
              <fieldset className="choices">
                <legend className="visually-hidden">Made by</legend>
                {providers.map((p) => (
                  <label key={p.name} className={`check provider${p.available ? "" : " disabled"}`} title={p.reason ?? undefined}>
                    <input type="radio" name="provider" value={p.name} checked={provider === p.name} disabled={!p.available} onChange={() => setProvider(p.name)} />
                    {p.label}
                  </label>
                ))}
              </fieldset>
              {providers
                .filter((p) => !p.available)
                .map((p) => (
                  <p key={p.name} className="muted small provider-reason">
                    {p.reason}
                  </p>
                ))}
              <details className="end-card-options">
                <summary>
                  {endCard ? `End card with ${kit.tagline ? `“${kit.tagline}”` : "the logo"}` : "No end card"}
                  {logoBug ? " · logo in the corner" : ""}
                </summary>
                <label className="check">
                  <input type="checkbox" name="endCard" checked={endCard} onChange={(e) => setEndCard(e.target.checked)} /> End card (tagline and logo)
                </label>
                <label className="check">
                  <input type="checkbox" name="logoBug" checked={logoBug} onChange={(e) => setLogoBug(e.target.checked)} /> Logo in the corner
                </label>
                <div className={`field${errors.cta ? " has-error" : ""}`}>
                  <label htmlFor="f-cta">
                    Call to action on the end card <span className="muted small">· optional</span>
                  </label>
                  <input id="f-cta" name="cta" type="text" maxLength={60} placeholder="Book a table at harbourandvine.example" />
                  {errors.cta ? <div className="field-error">{errors.cta}</div> : null}
                </div>
              </details>
              {actionData?.error && navigation.state === "idle" ? (
                <div className="notice error small" role="alert">
                  {actionData.error}
                </div>
              ) : null}
              <button
                type="submit"
                name="intent"
                value="generate"
                className="btn primary generate-btn"
                disabled={busy || !chosen?.available || (hydrated && stale)}
                data-testid="generate"
              >
                {busyIntent === "generate" ? "Starting…" : variant ? `Generate variant ${String.fromCharCode(65 + variantIndex)}: ${variant.label}` : "Generate"}
              </button>
              <p className="muted small">
                {provider === "local"
                  ? "The offline animatic draws one branded storyboard frame per shot; it needs no key and costs nothing."
                  : "Each clip is sent to your video service and billed there."}
                {hydrated && stale ? " Fix the fields marked in red first." : dirty ? " Unsaved changes are saved first." : ""}
              </p>
            </section>
          </aside>
        </div>
      </Form>
      {/* Outside the brief form: each job card has its own cancel form. */}
      <section className="studio-jobs" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Jobs</h2>
        <JobList jobs={jobs} emptyText="Nothing generated yet. Generate makes the video with the provider you pick; its progress shows here." />
      </section>
    </>
  );
}

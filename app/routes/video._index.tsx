// Video studio home: pick a kit, open one of its briefs, start a new one from a one-line idea (a text
// model when configured, else the use case's pattern) or from an example, and follow recent jobs.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { listKits, requireKit } from "~/models/kit.server.ts";
import { createVideoBrief, exampleBrief, exampleBriefs, listVideoBriefs } from "~/models/video-brief.server.ts";
import { listVideoRenders } from "~/models/video-render.server.ts";
import { USE_CASES, type UseCase } from "~/lib/video/brief.ts";
import { BriefExpandError, chooseExpander, expandIdeaToBrief } from "~/lib/video/expand-openai.server.ts";
import { expandIdea } from "~/lib/video/expand.ts";
import { renderView, type RenderView } from "~/lib/video/studio-render.server.ts";
import { kitSwatches } from "~/lib/video/studio-prompt.ts";
import { errorMessage } from "~/lib/errors.ts";
import { getEnv } from "~/env.server.ts";
import { USE_CASE_LABEL } from "~/components/video-brief-form.tsx";
import { JobList } from "~/components/video-jobs.tsx";
import { GeneralErrorBoundary } from "~/root.tsx";
import designStyles from "~/components/design-styles.css?url";
import videoStyles from "~/components/video-styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: designStyles },
  { rel: "stylesheet", href: videoStyles },
];
export const meta: MetaFunction = () => [{ title: "Video studio · Marque" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const kits = await listKits(auth);
  const wanted = new URL(request.url).searchParams.get("kit");
  const kit = kits.find((k) => k.slug === wanted) ?? kits[0] ?? null;
  if (wanted && kit?.slug !== wanted) throw new Response(`There is no kit "${wanted.slice(0, 60)}"`, { status: 404 });
  const briefs = kit ? await listVideoBriefs(auth, { kitId: kit.id }) : [];
  const renders = kit ? await listVideoRenders({ kitId: kit.id, limit: 6 }) : [];
  const jobs = (await Promise.all(renders.map((r) => renderView(auth, r.id)))).filter((v): v is RenderView => v !== null);
  // Each brief's latest finished video, for its card's thumbnail.
  const finished = kit ? await listVideoRenders({ kitId: kit.id, status: ["completed"], limit: 200 }) : [];
  const latest = new Map<string, string>();
  for (const r of finished) if (r.thumbnailKey && !latest.has(r.briefId)) latest.set(r.briefId, r.id);
  const expander = chooseExpander();
  return {
    kits: kits.map((k) => ({ slug: k.slug, name: k.name })),
    kit: kit ? { slug: kit.slug, name: kit.name, swatches: kitSwatches(kit.kit).slice(0, 5) } : null,
    briefs: briefs.map((b) => ({
      id: b.id,
      title: b.title,
      useCase: b.useCase,
      updatedAt: b.updatedAt.toISOString(),
      renders: b.renderCount,
      shots: b.brief?.shots.length ?? null,
      thumbnail: latest.has(b.id) ? `/video/jobs/${latest.get(b.id)}/thumbnail.jpg` : null,
    })),
    examples: (await exampleBriefs()).map((e) => ({ id: e.id, title: e.title, useCase: e.useCase })),
    expander: { ...expander, model: expander.source === "model" ? (getEnv().MARQUE_TEXT_MODEL ?? null) : null },
    jobs,
  };
}

type ActionData = { error?: string; errors?: Record<string, string>; values?: Record<string, string>; modelFailed?: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const kitSlug = String(form.get("kit") ?? "");
  const values = { idea: String(form.get("idea") ?? ""), useCase: String(form.get("useCase") ?? ""), product: String(form.get("product") ?? "") };
  const fail = (errors: Record<string, string>, error: string, status = 400, modelFailed = false) => data<ActionData>({ errors, error, values, modelFailed }, { status });
  try {
    await requireKit(auth, kitSlug);
  } catch {
    return fail({ kit: "pick a brand kit" }, "Pick a brand kit first.");
  }
  if (intent === "example") {
    const example = await exampleBrief(String(form.get("example") ?? ""));
    if (!example) return fail({ example: "there is no such example" }, "That example brief does not exist.");
    const saved = await createVideoBrief(auth, kitSlug, example.brief);
    return redirect(`/video/${saved.id}`);
  }
  if (intent !== "idea") return fail({}, `Unknown action "${intent.slice(0, 40)}"`);
  if (!(USE_CASES as readonly string[]).includes(values.useCase)) return fail({ useCase: "pick a use case" }, "Pick what kind of video this is.");
  const kit = await requireKit(auth, kitSlug);
  try {
    const opts = values.product.trim() ? { product: values.product.trim() } : {};
    // "Use the pattern instead", offered when the text model failed.
    const expansion = form.get("patterns") === "1" ? { brief: expandIdea(values.idea, values.useCase as UseCase, kit.kit, opts), source: "patterns" } : await expandIdeaToBrief(values.idea, values.useCase as UseCase, kit.kit, opts);
    const saved = await createVideoBrief(auth, kitSlug, expansion.brief);
    return redirect(`/video/${saved.id}?from=${expansion.source}`);
  } catch (error) {
    if (error instanceof BriefExpandError) return fail({ idea: error.message }, error.message, 502, true);
    const message = errorMessage(error);
    const field = /^(idea|useCase): /.exec(message)?.[1] ?? "idea";
    return fail({ [field]: message.replace(/^(idea|useCase): /, "") }, "The idea could not be turned into a brief.");
  }
}

export default function VideoStudioHome() {
  const { kits, kit, briefs, examples, expander, jobs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" ? String(navigation.formData?.get("intent") ?? "") : "";
  if (!kit) {
    return (
      <div className="card">
        Make a brand kit first: the studio writes its prompts in your colours, light and voice. <Link to="/kits/new">New kit</Link>
      </div>
    );
  }
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Video studio</h1>
          <p className="muted">Write a brief, see the prompt that carries your colours, light and voice, and make the reel.</p>
        </div>
        <Form method="get" className="kit-picker">
          <label htmlFor="kit-select" className="muted small">Brand kit</label>
          <select id="kit-select" name="kit" defaultValue={kit.slug} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
            {kits.map((k) => (
              <option key={k.slug} value={k.slug}>{k.name}</option>
            ))}
          </select>
          <noscript><button type="submit" className="small-btn">Show</button></noscript>
        </Form>
      </div>
      {actionData?.error && navigation.state === "idle" ? <div className="notice error" role="alert">{actionData.error}</div> : null}

      <div className="studio-home">
        <section aria-labelledby="briefs-title">
          <h2 id="briefs-title" style={{ marginTop: 0 }}>
            Briefs for {kit.name}{" "}
            <span className="kit-swatch-strip" aria-hidden>
              {kit.swatches.map((s) => <span key={s.role} style={{ background: s.color }} />)}
            </span>
          </h2>
          {briefs.length === 0 ? (
            <div className="card muted">No briefs yet for this kit. Start one from an idea or an example.</div>
          ) : (
            <ul className="brief-list">
              {briefs.map((b) => (
                <li key={b.id} className="card brief-card" data-brief={b.id}>
                  <Link to={`/video/${b.id}`} className="brief-thumb" aria-hidden tabIndex={-1}>
                    {b.thumbnail ? <img src={b.thumbnail} alt="" loading="lazy" /> : <span>▶</span>}
                  </Link>
                  <div className="meta">
                    <h3><Link to={`/video/${b.id}`}>{b.title}</Link></h3>
                    <div className="muted small">
                      {USE_CASE_LABEL[b.useCase] ?? b.useCase}
                      {b.shots !== null ? ` · ${b.shots} shot${b.shots === 1 ? "" : "s"}` : " · needs fixing"}
                      {` · ${b.renders} job${b.renders === 1 ? "" : "s"} · edited ${b.updatedAt.slice(0, 16).replace("T", " ")}`}
                    </div>
                  </div>
                  <Link to={`/video/${b.id}`} className="btn open">Open</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>Recent jobs</h2>
          <JobList jobs={jobs} showBrief emptyText="No videos made with this kit yet." />
        </section>

        <aside>
          <Form method="post" className="card new-brief" aria-labelledby="idea-title">
            <h2 id="idea-title">New brief from an idea</h2>
            <input type="hidden" name="kit" value={kit.slug} />
            <input type="hidden" name="intent" value="idea" />
            <div className="field">
              <label htmlFor="idea">Your idea, in one line</label>
              <textarea id="idea" name="idea" rows={2} maxLength={400} required defaultValue={actionData?.values?.idea} placeholder="A regular raves about our oat flat white" aria-invalid={actionData?.errors?.idea ? true : undefined} />
              {actionData?.errors?.idea ? <div className="field-error">{actionData.errors.idea}</div> : null}
            </div>
            <div className="row">
              <div className="field">
                <label htmlFor="useCase">Kind of video</label>
                <select id="useCase" name="useCase" defaultValue={actionData?.values?.useCase || "product-visualisation"}>
                  {USE_CASES.map((u) => <option key={u} value={u}>{USE_CASE_LABEL[u]}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="product">Product <span className="muted small">· optional</span></label>
                <input id="product" name="product" type="text" maxLength={80} defaultValue={actionData?.values?.product} placeholder="the oat flat white" />
              </div>
            </div>
            <div className="actions">
              <button type="submit" className="btn primary" disabled={busy === "idea"}>
                {busy === "idea" ? "Writing the shot list…" : "Write the shot list"}
              </button>
              {actionData?.modelFailed ? (
                <button type="submit" name="patterns" value="1" disabled={busy === "idea"}>
                  Use Marque's pattern instead
                </button>
              ) : null}
            </div>
            <p className="muted small" style={{ marginBottom: 0 }}>
              {expander.source === "model" ? `The text model ${expander.model} writes the shot list.` : expander.note ?? "Marque's built-in pattern for the kind of video writes the shot list (no text model is configured); edit it as you like."}
            </p>
          </Form>

          <Form method="post" className="card new-brief" aria-labelledby="examples-title">
            <h2 id="examples-title">Start from an example</h2>
            <input type="hidden" name="kit" value={kit.slug} />
            <input type="hidden" name="intent" value="example" />
            <ul className="example-list">
              {examples.map((e) => (
                <li key={e.id}>
                  <button type="submit" name="example" value={e.id} data-example={e.id}>
                    <span>{e.title}</span>
                    <span className="muted">{USE_CASE_LABEL[e.useCase] ?? e.useCase}</span>
                  </button>
                </li>
              ))}
            </ul>
          </Form>
        </aside>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

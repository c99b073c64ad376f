// The brief editor: the brief form (left), the compiled prompt with its trace and A/B variants (right,
// recompiled as you type), Generate, and this brief's jobs with live progress and the finished video.
// Without JavaScript the form still saves, edits lists and generates; the prompt follows on each save.
import { brandLockIssues } from "~/lib/video/brand-lock.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useActionData, useLoaderData } from "@remix-run/react";
import { errorMessage } from "~/lib/errors.ts";
import { applyListOp, briefFromDraft, decodeListOp, draftFromBrief, draftFromForm, type BriefDraft } from "~/lib/video/brief-form.ts";
import { LOCAL_MODEL } from "~/lib/video/generate.server.ts";
import { isVideoProviderError } from "~/lib/video/providers/types.ts";
import { makeVariants } from "~/lib/video/variants.ts";
import { compileForStudio, kitSwatches, STUDIO_VARIANTS, type StudioCompile } from "~/lib/video/studio-prompt.ts";
import { providerChoices, renderView, startRender, type RenderView } from "~/lib/video/studio-render.server.ts";
import { deleteVideoBrief, getVideoBrief, updateVideoBrief } from "~/models/video-brief.server.ts";
import { requireKit } from "~/models/kit.server.ts";
import { listVideoRenders, RenderOptionsSchema } from "~/models/video-render.server.ts";
import { VideoStudio, type StudioActionData } from "~/components/video-studio.tsx";
import { GeneralErrorBoundary } from "~/root.tsx";
import designStyles from "~/components/design-styles.css?url";
import videoStyles from "~/components/video-styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: designStyles },
  { rel: "stylesheet", href: videoStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.brief.title ?? "Brief"} · Video · Marque` }];

async function load(auth: Scope, id: string) {
  const saved = await getVideoBrief(auth, id);
  if (!saved) throw new Response("Brief not found", { status: 404 });
  const kit = await requireKit(auth, saved.kitSlug);
  return { saved, kit };
}

/** The prompt as the panel shows it; with errors, nothing compiled. */
function compileView(result: StudioCompile) {
  return result.ok ? { ok: true as const, prompt: result.prompt, variants: result.variants } : result;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const { saved, kit } = await load(auth, params.briefId ?? "");
  const renders = await listVideoRenders({ briefId: saved.id, limit: 12 });
  const views = (await Promise.all(renders.map((r) => renderView(auth, r.id)))).filter((v): v is RenderView => v !== null);
  return {
    brief: { id: saved.id, title: saved.title, updatedAt: saved.updatedAt.toISOString() },
    kit: { slug: kit.slug, name: kit.name, version: kit.version, tagline: kit.kit.voice.tagline },
    draft: draftFromBrief(saved.data),
    compiled: compileView(compileForStudio(saved.data, kit.kit, LOCAL_MODEL)),
    swatches: kitSwatches(kit.kit),
    providers: providerChoices(),
    jobs: views,
  };
}

// Live compiles and in-place list edits change nothing stored: no need to reload the page's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => {
  const intent = String(formData?.get("intent") ?? "");
  return intent === "compile" || intent.startsWith("list:") ? false : defaultShouldRevalidate;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const { saved, kit } = await load(auth, params.briefId ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  if (intent === "delete") {
    await deleteVideoBrief(auth, saved.id);
    return redirect(`/video?kit=${encodeURIComponent(saved.kitSlug)}`);
  }
  const draft: BriefDraft = draftFromForm(form);
  const listOp = decodeListOp(intent);
  if (listOp) return data<StudioActionData>({ draft: applyListOp(draft, listOp) });

  const result = compileForStudio(briefFromDraft(draft), kit.kit, LOCAL_MODEL, intent === "compile" ? STUDIO_VARIANTS : 0);
  if (intent === "compile") return data<StudioActionData>({ compiled: compileView(result) });
  if (intent !== "save" && intent !== "generate") return data<StudioActionData>({ draft, error: `Unknown action "${intent.slice(0, 40)}"` }, { status: 400 });
  if (!result.ok) {
    return data<StudioActionData>({ draft, errors: result.errors, error: `Some fields need attention; ${intent === "generate" ? "nothing was generated" : "nothing was saved"}.` }, { status: 400 });
  }
  if (auth.role !== "owner") {
    const locked = brandLockIssues(result.brief, kit.kit);
    if (locked.length) {
      return data<StudioActionData>(
        { draft, errors: Object.fromEntries(locked.map((i) => [i.path, i.message])), error: `The brand kit is locked: ${locked.length === 1 ? "one colour is" : `${locked.length} colours are`} outside it; ${intent === "generate" ? "nothing was generated" : "nothing was saved"}.` },
        { status: 400 },
      );
    }
  }
  await updateVideoBrief(auth, saved.id, result.brief);
  if (intent === "save") return redirect(`/video/${saved.id}?saved=1`);

  const provider = String(form.get("provider") ?? "local");
  const choice = providerChoices().find((p) => p.name === provider);
  if (!choice) return data<StudioActionData>({ draft, error: `Unknown provider "${provider.slice(0, 40)}".` }, { status: 400 });
  if (!choice.available) return data<StudioActionData>({ draft, error: choice.reason ?? `${choice.label} is not available.` }, { status: 400 });
  const options = RenderOptionsSchema.safeParse({ endCard: form.get("endCard") === "on", logoBug: form.get("logoBug") === "on", ...(String(form.get("cta") ?? "").trim() ? { cta: String(form.get("cta")) } : {}) });
  if (!options.success) return data<StudioActionData>({ draft, errors: { cta: options.error.issues[0]?.message ?? "invalid" }, error: "The end card text is too long." }, { status: 400 });
  // The variant is rebuilt from the saved brief (variants are deterministic): exactly the one the panel showed.
  const rawVariant = String(form.get("variant") ?? "");
  const variantIndex = /^\d{1,2}$/.test(rawVariant) ? Number(rawVariant) : -1;
  let brief = result.brief;
  let label = "Original";
  if (variantIndex >= 0) {
    const variant = makeVariants(result.brief, kit.kit, STUDIO_VARIANTS, { model: LOCAL_MODEL })[variantIndex];
    if (!variant) return data<StudioActionData>({ draft, error: `There is no variant ${String.fromCharCode(65 + variantIndex)} for this brief any more; pick one again.` }, { status: 400 });
    brief = variant.brief;
    label = variant.label;
  }
  try {
    const render = await startRender(auth, { briefId: saved.id, brief, label, provider, options: options.data });
    return redirect(`/video/${saved.id}?job=${render.id}#job-${render.id}`);
  } catch (error) {
    const message = isVideoProviderError(error) ? error.message : `The video could not be started: ${errorMessage(error)}`;
    return data<StudioActionData>({ draft, error: message }, { status: 400 });
  }
}

export default function VideoBriefRoute() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as StudioActionData | undefined;
  return <VideoStudio key={loaded.brief.id} {...loaded} actionData={actionData} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

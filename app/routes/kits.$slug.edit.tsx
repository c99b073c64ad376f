import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/lib/auth/guard.server.ts";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getKit, requireKit, saveKit, KitConflictError } from "~/models/kit.server.ts";
import { addFont, isLogoVariant, isTypeRole, paletteFromLogo, removeFont, removeLogo, setLogo } from "~/models/kit-edit.server.ts";
import { kitFromForm } from "~/lib/kit/form.ts";
import { errorMessage } from "~/lib/errors.ts";
import { KitTabs } from "~/components/kit-tabs.tsx";
import { KitFontFaces } from "~/components/kit-fonts.tsx";
import { PaletteEditor, type PaletteRow } from "~/components/palette-editor.tsx";
import { FilesEditor } from "~/components/kit-files-editor.tsx";
import { FLAW_LEVELS, TYPE_ROLES } from "~/lib/kit/schema.ts";
import { orderedPalette } from "~/lib/kit/view.ts";
import { GeneralErrorBoundary } from "~/root.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.name ?? "kit"} · Marque` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const found = await getKit(auth, params.slug ?? "");
  if (!found) throw new Response("Kit not found", { status: 404 });
  return { slug: found.slug, name: found.name, version: found.version, kit: found.kit };
}

type ActionResult = { ok?: string; error?: string; errors?: Record<string, string>; proposal?: Awaited<ReturnType<typeof paletteFromLogo>>; conflict?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "owner");
  const slug = params.slug ?? "";
  // Before reading the body: an upload for a kit that is not this workspace's is not stored at all.
  if (!(await getKit(auth, slug))) throw new Response("Kit not found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  const baseVersion = Number(form.get("baseVersion")) || undefined;
  const file = form.get("file");
  const upload = file instanceof File && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name } : undefined;
  const fail = (body: ActionResult, status = 400) => data(body, { status });
  try {
    if (intent === "save") {
      const { kit: current } = await requireKit(auth, slug);
      const parsed = kitFromForm(form, current);
      if (parsed.errors) return fail({ errors: parsed.errors, error: "Some fields need attention; nothing was saved." });
      const saved = await saveKit(auth, slug, parsed.kit, { baseVersion });
      return redirect(`/kits/${slug}/edit?saved=${saved.version}`);
    }
    const role = form.get("role");
    const variant = form.get("variant");
    if (intent === "upload-font") {
      if (!isTypeRole(role)) return fail({ error: "role: choose heading, body or accent" });
      if (!upload) return fail({ error: "font: choose a font file (TTF, OTF, WOFF or WOFF2)" });
      const r = await addFont(auth, slug, role, upload.bytes, upload.fileName, baseVersion);
      return data<ActionResult>({ ok: `Added ${r.font.family} ${r.font.subfamily} (${r.font.weight}) to ${role}.` });
    }
    if (intent === "remove-font" && isTypeRole(role)) {
      await removeFont(auth, slug, role, Number(form.get("index")), baseVersion);
      return data<ActionResult>({ ok: `Removed a ${role} font.` });
    }
    if (intent === "upload-logo") {
      if (!isLogoVariant(variant)) return fail({ error: "variant: choose primary, mark, mono or reverse" });
      if (!upload) return fail({ error: "logo: choose an SVG, PNG, JPEG or WebP file" });
      const r = await setLogo(auth, slug, variant, upload.bytes, upload.fileName, baseVersion);
      return data<ActionResult>({ ok: `Updated the ${variant} logo.${r.removed.length ? ` Removed from the SVG for safety: ${r.removed.join(", ")}.` : ""}` });
    }
    if (intent === "remove-logo" && isLogoVariant(variant)) {
      await removeLogo(auth, slug, variant, baseVersion);
      return data<ActionResult>({ ok: `Removed the ${variant} logo.` });
    }
    if (intent === "palette-from-logo") {
      return data<ActionResult>({ proposal: await paletteFromLogo(auth, slug, upload) });
    }
    return fail({ error: `Unknown action "${intent}"` });
  } catch (error) {
    return fail({ error: errorMessage(error), conflict: error instanceof KitConflictError }, error instanceof KitConflictError ? 409 : 400);
  }
}

export default function EditKit() {
  const { slug, name, version, kit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const nav = useNavigation();
  const saving = nav.state !== "idle" && nav.formData?.get("intent") === "save";
  const initialRows = (): PaletteRow[] => orderedPalette(kit).map(({ role, entry }) => ({ role, color: entry.color, name: entry.name, cmyk: entry.print?.cmyk?.join(" ") ?? "", pantone: entry.print?.pantone ?? "" }));
  const [rows, setRows] = useState<PaletteRow[]>(initialRows);
  // A new version from the server (a save, an upload) resets the editor to it.
  useEffect(() => setRows(initialRows()), [version]); // eslint-disable-line react-hooks/exhaustive-deps
  const errors = result?.errors ?? {};
  const savedVersion = typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("saved");
  const err = (key: string) => (errors[key] ? <div className="field-error" role="alert">{errors[key]}</div> : null);

  return (
    <>
      <KitFontFaces kit={kit} />
      <div className="page-head">
        <div>
          <h1>Edit {name}</h1>
          <p className="muted">Editing version {version}. Saving creates version {version + 1}; older versions stay in History.</p>
        </div>
        <Link to={`/kits/${slug}`} className="btn">Done</Link>
      </div>
      <KitTabs slug={slug} current="edit" />
      {result?.error ? (
        <div className="notice error" role="alert">
          {result.error} {result.conflict ? <Link to={`/kits/${slug}/history`}>Review the latest version</Link> : null}
        </div>
      ) : null}
      {result?.ok ? <div className="notice ok" role="status">{result.ok}</div> : null}
      {savedVersion && !result ? <div className="notice ok" role="status">Saved as version {savedVersion}.</div> : null}

      <Form method="post" id="kit-form">
        <input type="hidden" name="baseVersion" value={version} />
        <div className="two-col">
          <section className="card">
            <div className="row">
              <div className="field"><label htmlFor="name">Kit name</label><input id="name" name="name" defaultValue={kit.name} key={`n${version}`} />{err("name")}</div>
            </div>
            <div className="field"><label htmlFor="description">Description</label><input id="description" name="description" defaultValue={kit.description} key={`d${version}`} /></div>
            <h2 style={{ marginTop: ".5rem" }}>Palette</h2>
            <PaletteEditor rows={rows} onChange={setRows} errors={errors} proposal={result?.proposal?.proposal} />
          </section>
          <aside className="sticky">
            <PaletteEditor.Matrix rows={rows} />
          </aside>
        </div>

        <section className="card" style={{ marginTop: "1rem" }}>
          <h2 style={{ marginTop: 0 }}>Typography</h2>
          <div className="row">
            {TYPE_ROLES.map((role) => (
              <div className="field" key={role}>
                <label htmlFor={`typography.${role}.family`}>{role} family</label>
                <input id={`typography.${role}.family`} name={`typography.${role}.family`} defaultValue={kit.typography[role].family} key={`${role}${version}`} />
                {err(`typography.${role}.family`)}
              </div>
            ))}
          </div>
          <div className="row">
            <div className="field"><label htmlFor="scale-base">Base size (px)</label><input id="scale-base" type="number" step="0.5" name="typography.scale.base" defaultValue={kit.typography.scale.base} key={`b${version}`} />{err("typography.scale.base")}</div>
            <div className="field"><label htmlFor="scale-ratio">Scale ratio</label><input id="scale-ratio" type="number" step="0.005" name="typography.scale.ratio" defaultValue={kit.typography.scale.ratio} key={`r${version}`} />{err("typography.scale.ratio")}</div>
            <div className="field"><label htmlFor="minw">Logo min width (mm)</label><input id="minw" type="number" step="1" name="logos.minWidthMm" defaultValue={kit.logos.minWidthMm} key={`m${version}`} />{err("logos.minWidthMm")}</div>
            <div className="field"><label htmlFor="clear">Logo clear space (× height)</label><input id="clear" type="number" step="0.05" name="logos.clearSpace" defaultValue={kit.logos.clearSpace} key={`c${version}`} />{err("logos.clearSpace")}</div>
          </div>
        </section>

        <div className="two-col" style={{ marginTop: "1rem" }}>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>Voice</h2>
            <TextField name="voice.tagline" label="Tagline" value={kit.voice.tagline} version={version} error={errors["voice.tagline"]} />
            <TextField name="voice.adjectives" label="Adjectives (comma separated)" value={kit.voice.adjectives.join(", ")} version={version} error={errors["voice.adjectives"]} />
            <TextField name="voice.wordsToUse" label="Words to use" value={kit.voice.wordsToUse.join(", ")} version={version} error={errors["voice.wordsToUse"]} />
            <TextField name="voice.wordsToAvoid" label="Words to avoid" value={kit.voice.wordsToAvoid.join(", ")} version={version} error={errors["voice.wordsToAvoid"]} />
          </section>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>Visual &amp; video style</h2>
            <TextField name="style.photography" label="Photography keywords" value={kit.style.photography.join(", ")} version={version} />
            <TextField name="style.lighting" label="Lighting" value={kit.style.lighting} version={version} error={errors["style.lighting"]} />
            <TextField name="style.mood" label="Mood" value={kit.style.mood} version={version} />
            <TextField name="style.grade" label="Colour grade" value={kit.style.grade} version={version} />
            <TextField name="style.camera" label="Camera habits" value={kit.style.camera.join(", ")} version={version} />
            <div className="field">
              <label htmlFor="style.flaws">“Authentic flaws” level</label>
              <select id="style.flaws" name="style.flaws" defaultValue={kit.style.flaws} key={`f${version}`}>
                {FLAW_LEVELS.map((l) => <option key={l}>{l}</option>)}
              </select>
            </div>
            <TextField name="style.sound" label="Sound palette" value={kit.style.sound.join(", ")} version={version} />
          </section>
        </div>
        <div className="actions" style={{ margin: "1rem 0 2rem" }}>
          <button className="primary" name="intent" value="save" disabled={saving}>{saving ? "Saving…" : "Save new version"}</button>
        </div>
      </Form>

      <FilesEditor kit={kit} version={version} />
    </>
  );
}

function TextField({ name, label, value, version, error }: { name: string; label: string; value: string; version: number; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {value.length > 48 || name.startsWith("style.") ? (
        <textarea id={name} name={name} defaultValue={value} key={`${name}${version}`} rows={2} />
      ) : (
        <input id={name} name={name} defaultValue={value} key={`${name}${version}`} />
      )}
      {error ? <div className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

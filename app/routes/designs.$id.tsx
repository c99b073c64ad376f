// The design editor: a form generated from the template's content schema, a format picker, a live
// preview, save and exports. Without JavaScript the form still saves, uploads photos and adds,
// removes and reorders repeatable groups (each a form submission); the live preview needs JS.
import { useCan } from "~/components/use-role.ts";
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { Scope } from "~/lib/auth/scope.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { deleteDesign, DesignConflictError, DesignValidationError, getDesign, storeDesignImage, updateDesign } from "~/models/design.server.ts";
import { applyListOp, decodeListOp, fieldsFromSchema, formToContent, setAt, type Content } from "~/lib/templates/content-form.ts";
import { FORMATS, isFormatId, isPrint } from "~/lib/templates/formats.ts";
import { findTemplate } from "~/lib/templates/render-design.server.ts";
import { UploadError } from "~/lib/upload/errors.ts";
import { getEnv } from "~/env.server.ts";
import { DesignEditor, type EditorActionData } from "~/components/design-editor.tsx";
import { GeneralErrorBoundary } from "~/root.tsx";
import designStyles from "~/components/design-styles.css?url";
import { resolveFileRef } from "~/lib/kit/files.server.ts";
import { photoThumbnailDataUrl } from "~/lib/templates/photo-thumb.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: designStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.design.name ?? "Design"} · Marque` }];

async function load(auth: Scope, id: string) {
  const design = await getDesign(auth, id);
  if (!design) throw new Response("Design not found", { status: 404 });
  const template = findTemplate(design.templateId);
  if (!template) throw new Response(`The template "${design.templateId}" of this design no longer exists`, { status: 409 });
  return { design, template, fields: fieldsFromSchema(template.schema) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const { design, template, fields } = await load(auth, params.id ?? "");
  return {
    design: { id: design.id, name: design.name, formats: design.formats, content: design.content, updatedAt: design.updatedAt.getTime(), version: design.version },
    kit: { slug: design.kitSlug, name: design.kitName, version: design.kitVersion },
    template: {
      id: template.id,
      name: template.name,
      description: template.description,
      formats: template.formats.map((id) => ({ id, label: FORMATS[id].label, family: FORMATS[id].family, print: isPrint(FORMATS[id]) })),
    },
    fields,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const id = params.id ?? "";
  const { design, template, fields } = await load(auth, id);
  const limit = getEnv().MARQUE_MAX_UPLOAD_BYTES + 1024 * 1024;
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) return data<EditorActionData>({ error: "The upload is too large." }, { status: 413 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  const viaFetcher = form.get("_fetch") === "1";
  const name = String(form.get("name") ?? design.name);
  const formatRaw = String(form.get("format") ?? "");
  const format = isFormatId(formatRaw) && (template.formats as readonly string[]).includes(formatRaw) ? formatRaw : (design.formats[0] ?? (template.formats[0] as string));
  let content: Content = formToContent(form, fields, "content");

  if (intent === "delete") {
    await deleteDesign(auth, id);
    return redirect("/designs");
  }

  // Photos: with JS each is uploaded on its own (`upload`); without JS they arrive with the save.
  const errors: Record<string, string> = {};
  const uploads = intent === "upload" ? [[String(form.get("path") ?? ""), form.get("file")] as const] : [...form.entries()].filter(([k]) => k.startsWith("file:content.")).map(([k, v]) => [k.slice(5), v] as const);
  for (const [inputName, file] of uploads) {
    if (!(file instanceof File) || file.size === 0 || !inputName.startsWith("content.")) continue;
    try {
      const ref = await storeDesignImage(new Uint8Array(await file.arrayBuffer()), file.name);
      content = setAt(content, inputName.slice(8), ref);
      if (intent === "upload") return data<EditorActionData>({ upload: { name: inputName, ref, thumb: await photoThumbnailDataUrl(await resolveFileRef(ref, inputName)) } });
    } catch (error) {
      if (!(error instanceof UploadError)) throw error;
      errors[inputName] = error.message;
    }
  }
  if (intent === "upload") return data<EditorActionData>({ errors: Object.keys(errors).length ? errors : { content: "choose a photo to upload" } }, { status: 400 });

  const listOp = intent.startsWith("list:") ? decodeListOp(intent.slice(5)) : null;
  if (listOp) return data<EditorActionData>({ content: applyListOp(content, fields, listOp), name, format, errors });

  if (intent !== "save") return data<EditorActionData>({ error: `Unknown action "${intent.slice(0, 40)}"` }, { status: 400 });
  if (Object.keys(errors).length) return data<EditorActionData>({ errors, content, name, format, error: "A photo could not be used; nothing was saved." }, { status: 400 });
  try {
    const formats = [format, ...design.formats.filter((f) => f !== format)];
    const baseRaw = Number(form.get("baseVersion"));
    const baseVersion = Number.isInteger(baseRaw) && baseRaw > 0 ? baseRaw : undefined;
    const saved = await updateDesign(auth, id, { name, content, formats }, { baseVersion });
    if (viaFetcher) return data<EditorActionData>({ ok: true, savedAt: saved.updatedAt.getTime(), version: saved.version });
    return redirect(`/designs/${id}?saved=1`);
  } catch (error) {
    if (error instanceof DesignConflictError) {
      // Nothing was written: show what the other person saved next to this edit, and let them choose.
      const theirs = await getDesign(auth, id);
      if (!theirs) throw new Response("Design not found", { status: 404 });
      return data<EditorActionData>(
        { error: error.message, content, name, format, conflict: { version: theirs.version, name: theirs.name, content: theirs.content as Content, updatedAt: theirs.updatedAt.getTime() } },
        { status: 409 },
      );
    }
    if (!(error instanceof DesignValidationError)) throw error;
    return data<EditorActionData>({ errors: error.errors, content, name, format, error: "Some fields need attention; nothing was saved." }, { status: 400 });
  }
}

export default function DesignRoute() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as EditorActionData | undefined;
  const canEdit = useCan("editor");
  return <DesignEditor key={loaded.design.id} {...loaded} actionData={actionData} readOnly={!canEdit} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

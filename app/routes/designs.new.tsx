// Creates a design from a template's sample content in a kit, then opens the editor.
// The gallery is where templates are chosen, so a plain visit goes there.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getKit } from "~/models/kit.server.ts";
import { createDesign, DesignValidationError } from "~/models/design.server.ts";
import { GeneralErrorBoundary } from "~/root.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "editor");
  return redirect("/templates");
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const form = await request.formData();
  const templateId = String(form.get("templateId") ?? "");
  const kit = await getKit(auth, String(form.get("kit") ?? ""));
  if (!kit) throw new Response("kit: choose a brand kit first", { status: 400 });
  const format = String(form.get("format") ?? "");
  try {
    const design = await createDesign(auth, { kitId: kit.id, templateId, ...(format ? { formats: [format] } : {}) });
    return redirect(`/designs/${design.id}`);
  } catch (error) {
    if (error instanceof DesignValidationError) throw new Response(error.message, { status: 400 });
    throw error;
  }
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// One studio render as JSON for the page's progress bars (GET, polled about once a second), and its
// cancel (POST intent=cancel; without JavaScript the form comes back to the brief page).
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { cancelRender, renderView } from "~/lib/video/studio-render.server.ts";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request, "viewer");
  const view = await renderView(auth, params.id ?? "");
  if (!view) return json({ error: "There is no such video job." }, 404);
  return json(view);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, "editor");
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "cancel") return json({ error: `Unknown action "${intent.slice(0, 40)}"; the only one is cancel.` }, 400);
  const view = await renderView(auth, id);
  if (!view) return json({ error: "There is no such video job." }, 404);
  const cancelled = await cancelRender(auth, id);
  const message = cancelled ? null : `This job is already ${view.status} and cannot be cancelled.`;
  if (form.get("_fetch") === "1") return json({ cancelled, error: message, job: await renderView(auth, id) }, cancelled ? 200 : 409);
  return redirect(`/video/${view.briefId}#job-${id}`);
}

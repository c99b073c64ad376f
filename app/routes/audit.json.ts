// The brand audit as JSON at /audit/json: POST a file (multipart `file` + `kit`) or name a stored one (JSON body or
// form: `asset`, `video`, `design` [+ `format`], `blob`); GET takes the same names in the query.
import { requireUser } from "~/lib/auth/guard.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { auditFailure, auditRequest } from "~/lib/audit/request.server.ts";

async function respond(request: Request): Promise<Response> {
  const auth = await requireUser(request, "viewer");
  try {
    const report = await auditRequest(auth, request);
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const failure = auditFailure(error);
    if (!failure) throw error;
    return Response.json({ error: failure.error, field: failure.field }, { status: failure.status, headers: { "Cache-Control": "no-store" } });
  }
}

export const loader = ({ request }: LoaderFunctionArgs) => respond(request);
export const action = ({ request }: ActionFunctionArgs) => respond(request);

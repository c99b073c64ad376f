// Small helpers for the account forms: read a text field, and answer with field errors by name.
import { data } from "@remix-run/node";
import { ValidationError } from "../validation.ts";

export type FormAnswer = { error: string | null; fields: Record<string, string> };

export function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** A 4xx answer: a message for the whole form and/or messages per field name. */
export function refuse(answer: { error?: string | null; fields?: Record<string, string> }, status = 400) {
  return data<FormAnswer>({ error: answer.error ?? null, fields: answer.fields ?? {} }, { status });
}

/** A ValidationError as per-field messages (the issue path is the form field's name). */
export function refuseInvalid(error: ValidationError, status = 400) {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path] ??= issue.message;
  return refuse({ fields }, status);
}

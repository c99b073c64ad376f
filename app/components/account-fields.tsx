// One labelled input with its error, for the account pages (setup, sign-in, invitations, settings).
import type { InputHTMLAttributes } from "react";

export function Field({ name, label, error, hint, ...input }: { name: string; label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {hint ? <div className="muted small">{hint}</div> : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** The form-level message of an account form's answer. */
export function FormError({ error }: { error: string | null | undefined }) {
  return error ? (
    <div className="notice error" role="alert">
      {error}
    </div>
  ) : null;
}

/** The success message of an account form's answer ("You left Client brand."). */
export function FormNotice({ notice }: { notice: string | null | undefined }) {
  return notice ? (
    <div className="notice ok" role="status">
      {notice}
    </div>
  ) : null;
}

// Building blocks of the studio's brief form: a field wrapper that knows its brief path (for errors and
// prompt-trace highlighting) and list tools that work with JavaScript (state) and without (form intents).
import type { ReactNode } from "react";
import { encodeListOp, type BriefDraft, type ListName, type ListOp } from "~/lib/video/brief-form.ts";

export type FormContext = {
  draft: BriefDraft;
  update: (next: BriefDraft) => void;
  listOp: (op: ListOp) => void;
  errors: Record<string, string>;
  /** Brief field paths the selected prompt line came from, its main source first. */
  highlight: readonly string[];
  onFocusField: (path: string | null) => void;
  hydrated: boolean;
};

/**
 * " hl" when the line's main source is this path (or contains it), " hl-2" for its other sources,
 * " hl-within" when a source is a part of this path (the shot card around a highlighted action).
 */
export function highlightClass(path: string, highlight: readonly string[]): string {
  const covers = (s: string) => path === s || path.startsWith(`${s}.`);
  const [main, ...rest] = highlight;
  if (main !== undefined && covers(main)) return " hl";
  if (rest.some(covers)) return " hl-2";
  if (highlight.some((s) => s.startsWith(`${path}.`))) return " hl-within";
  return "";
}

/** The first error at or under a path (a list item shows its fields' errors on the fields themselves). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  return errors[path];
}

/** `errorBelow`: the caller shows the error under the whole row (narrow fields in a row of inputs). */
export function Field({
  ctx,
  path,
  label,
  hint,
  children,
  className = "",
  errorBelow = false,
}: {
  ctx: FormContext;
  path: string;
  label: string;
  hint?: string;
  children: ReactNode;
  className?: string;
  errorBelow?: boolean;
}) {
  const error = errorAt(ctx.errors, path);
  return (
    <div
      className={`field vfield${highlightClass(path, ctx.highlight)}${error ? " has-error" : ""} ${className}`}
      data-path={path}
      onFocus={() => ctx.onFocusField(path)}
      onBlur={() => ctx.onFocusField(null)}
    >
      <label htmlFor={`f-${path}`}>
        {label}
        {hint ? <span className="muted small"> · {hint}</span> : null}
      </label>
      {children}
      {error && !errorBelow ? (
        <div className="field-error" id={`e-${path}`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** Props for a text input or textarea bound to a draft string at `path`. */
export function bind(ctx: FormContext, path: string, value: string, set: (v: string) => void) {
  return {
    id: `f-${path}`,
    name: path,
    value,
    "aria-invalid": ctx.errors[path] ? true : undefined,
    "aria-describedby": ctx.errors[path] ? `e-${path}` : undefined,
    onChange: (e: { target: { value: string } }) => set(e.target.value),
  };
}

/** A submit button carrying a list intent; with JavaScript the change happens in place instead. */
export function ListButton({ ctx, op, label, children, className = "small-btn" }: { ctx: FormContext; op: ListOp; label: string; children: ReactNode; className?: string }) {
  return (
    <button
      type="submit"
      name="intent"
      value={encodeListOp(op)}
      className={className}
      aria-label={label}
      title={label}
      formNoValidate
      onClick={(e) => {
        if (!ctx.hydrated) return;
        e.preventDefault();
        ctx.listOp(op);
      }}
    >
      {children}
    </button>
  );
}

export function ItemTools({ ctx, list, index, count, noun, keepOne = false }: { ctx: FormContext; list: ListName; index: number; count: number; noun: string; keepOne?: boolean }) {
  return (
    <span className="item-tools">
      {index > 0 ? (
        <ListButton ctx={ctx} op={{ list, op: "up", index }} label={`Move ${noun} ${index + 1} up`}>
          ↑
        </ListButton>
      ) : null}
      {index < count - 1 ? (
        <ListButton ctx={ctx} op={{ list, op: "down", index }} label={`Move ${noun} ${index + 1} down`}>
          ↓
        </ListButton>
      ) : null}
      {keepOne && count === 1 ? null : (
        <ListButton ctx={ctx} op={{ list, op: "remove", index }} label={`Remove ${noun} ${index + 1}`}>
          ✕
        </ListButton>
      )}
    </span>
  );
}

/** Replaces item `index` of a draft list. */
export function setItem<K extends ListName>(ctx: FormContext, list: K, index: number, patch: Partial<BriefDraft[K][number]>) {
  const items = ctx.draft[list] as BriefDraft[K][number][];
  ctx.update({ ...ctx.draft, [list]: items.map((item, i) => (i === index ? { ...item, ...patch } : item)) });
}

/** Shot numbers as 1-based options with 0-based values. */
export function ShotOptions({ count }: { count: number }) {
  return (
    <>
      {Array.from({ length: Math.max(count, 1) }, (_, i) => (
        <option key={i} value={String(i)}>
          Shot {i + 1}
        </option>
      ))}
    </>
  );
}

/** The errors of a row's fields, under the row, each still linked to its input. */
export function RowErrors({ ctx, paths }: { ctx: FormContext; paths: string[] }) {
  const shown = paths.filter((p) => ctx.errors[p]);
  if (!shown.length) return null;
  return (
    <div className="row-errors">
      {shown.map((p) => (
        <div key={p} className="field-error" id={`e-${p}`}>
          {ctx.errors[p]}
        </div>
      ))}
    </div>
  );
}

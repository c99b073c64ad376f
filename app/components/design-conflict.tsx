// Shown when a save was refused because someone else saved the design first: which fields differ between
// their saved version and this edit, and the two ways on (nothing is ever overwritten silently).
import type { Content } from "~/lib/templates/content-form.ts";

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? " › " : ""}${i + 1}`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? " › " : ""}${k}`, out);
  else out.set(prefix || "(value)", value === undefined || value === null ? "" : String(value));
  return out;
}

/** Fields whose text differs, in the order they appear in either version. */
export function changedFields(theirs: { name: string; content: Content }, mine: { name: string; content: Content }) {
  const a = flatten(theirs.content, "", new Map([["Name", theirs.name]]));
  const b = flatten(mine.content, "", new Map([["Name", mine.name]]));
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.filter((k) => (a.get(k) ?? "") !== (b.get(k) ?? "")).map((k) => ({ field: k, theirs: a.get(k) ?? "", mine: b.get(k) ?? "" }));
}

const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s || "(empty)");

export function DesignConflict(props: {
  message: string;
  theirs: { version: number; name: string; content: Content; updatedAt: number };
  mine: { name: string; content: Content };
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}) {
  const rows = changedFields(props.theirs, props.mine);
  return (
    <div className="notice warn conflict" role="alert" data-testid="design-conflict">
      <p><strong>{props.message}</strong></p>
      {rows.length ? (
        <table className="small">
          <thead>
            <tr><th scope="col">Field</th><th scope="col">Their version (v{props.theirs.version})</th><th scope="col">Your edit</th></tr>
          </thead>
          <tbody>
            {rows.slice(0, 30).map((r) => (
              <tr key={r.field}><th scope="row">{r.field}</th><td>{cut(r.theirs)}</td><td>{cut(r.mine)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="small">Their version has the same text as your edit.</p>
      )}
      <div className="actions">
        <button type="button" onClick={props.onTakeTheirs}>Load their version (discard my edit)</button>
        <button type="button" className="primary" onClick={props.onKeepMine}>Keep my edit, then Save over theirs</button>
      </div>
    </div>
  );
}

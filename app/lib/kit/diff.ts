// What changed between two versions of a kit, field by field, for the history view and version summaries.
export interface KitChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
}

/** Flattens a document to dotted leaf paths; arrays are leaves (compared and shown as a whole). */
function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  if (value === undefined) return;
  out.set(prefix, display(value));
}

function display(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  if (typeof value === "string") return value.startsWith("sha256:") ? `file ${value.slice(7, 19)}…` : value;
  return JSON.stringify(value);
}

export function diffKits(before: unknown, after: unknown): KitChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, "", a);
  flatten(after, "", b);
  const changes: KitChange[] = [];
  for (const [path, value] of a) {
    if (!b.has(path)) changes.push({ path, kind: "removed", before: value });
    else if (b.get(path) !== value) changes.push({ path, kind: "changed", before: value, after: b.get(path) });
  }
  for (const [path, value] of b) if (!a.has(path)) changes.push({ path, kind: "added", after: value });
  return changes.sort((x, y) => x.path.localeCompare(y.path));
}

/** One line for a version list: "palette.primary.color #1f3a5f → #224466 and 2 more". */
export function summariseChanges(changes: KitChange[]): string {
  const first = changes[0];
  if (!first) return "No changes";
  const head =
    first.kind === "changed"
      ? `${first.path} ${first.before} → ${first.after}`
      : first.kind === "added"
        ? `added ${first.path}`
        : `removed ${first.path}`;
  const clipped = head.length > 120 ? `${head.slice(0, 117)}…` : head;
  return changes.length > 1 ? `${clipped} and ${changes.length - 1} more` : clipped;
}

// One shape for "this document has these bad fields": kits, briefs, template content and token files
// all report `{ path, message }` issues, and their messages read `source: path: message; …`.
export type Issue = { path: string; message: string };

export class ValidationError extends Error {
  constructor(
    public readonly issues: Issue[],
    source?: string,
    /** What to call a problem with the whole document (an issue with an empty path). */
    emptyPath = "(document)",
  ) {
    super(`${source ? `${source}: ` : ""}${issues.map((i) => `${i.path || emptyPath}: ${i.message}`).join("; ")}`);
    this.name = "ValidationError";
  }
}

/** zod issues as dotted paths (`shots.2.seconds`). */
export function zodIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, limit = Infinity): Issue[] {
  return error.issues.slice(0, limit).map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

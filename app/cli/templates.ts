// `marque templates list [--json]`: the template library, with the formats each comes in and the
// fields a CSV column can fill (for `marque render --data rows.csv`).
import { parseArgs } from "node:util";
import { TEMPLATES } from "../lib/templates/registry.ts";
import { bulkFields } from "../lib/bulk/mapping.ts";
import { CliError, table, type Io } from "./io.ts";

export async function templatesCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest, io);
  throw new CliError(`unknown command "templates ${sub ?? ""}". Try: templates list [--json]`);
}

function list(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } }, strict: true });
  if (values.json) {
    const rows = TEMPLATES.map((t) => {
      const set = bulkFields(t);
      return {
        id: t.id,
        name: t.name,
        category: t.category,
        description: t.description,
        formats: [...t.formats],
        // What a CSV row can fill; empty when the template needs lists (a menu's sections) and takes JSON only.
        csvFields: set.blocking.length ? [] : set.fields.map((f) => ({ key: f.key, label: f.label, required: f.required })),
      };
    });
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  io.out(table([["ID", "NAME", "CATEGORY", "FORMATS"], ...TEMPLATES.map((t) => [t.id, t.name, t.category, t.formats.join(",")])]));
  return 0;
}

import { test, expect } from "vitest";
import { TEMPLATES, renderTemplate } from "~/lib/templates/registry.ts";
import { prepareKit } from "~/lib/templates/context.server.ts";
import { internaliseKit } from "~/models/files.server.ts";
import { parseKit } from "~/lib/kit/schema.ts";
import { blankKit } from "~/lib/kit/defaults.ts";
test("a new blank kit (no logos, Inter only) renders every template in every format", async () => {
  const { kit } = await internaliseKit(parseKit(blankKit("Plain")));
  const prepared = await prepareKit(kit);
  const failures: string[] = [];
  for (const t of TEMPLATES) for (const f of t.formats) {
    try { await renderTemplate(t, t.sample, prepared, f, { format: "png", scale: 0.25 }); } catch (e) { failures.push(`${t.id}/${f}: ${String(e).slice(0, 200)}`); }
  }
  expect(failures).toEqual([]);
}, 120000);

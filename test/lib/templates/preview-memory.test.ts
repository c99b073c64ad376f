// Preview images remember their design and kit for a moment; a design save or a kit change made through
// the app is seen by the very next preview (the memory is dropped at once), and workspaces never share it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/db.server.ts";
import { loadDesignForPreview } from "~/lib/templates/design-response.server.ts";
import { createDesign, updateDesign } from "~/models/design.server.ts";
import { importKitFile } from "~/models/kit-import.server.ts";
import { getKit, saveKit } from "~/models/kit.server.ts";
import { makeWorkspace } from "../../support/auth.ts";

beforeAll(() => {
  process.env.MARQUE_SHORT_MEMORY_MS = "60000";
});
afterAll(() => {
  delete process.env.MARQUE_SHORT_MEMORY_MS;
});

test("remembered between previews, forgotten on a design save and on a kit save; scoped by workspace", async () => {
  const ws = await makeWorkspace();
  const other = await makeWorkspace();
  const file = path.resolve(__dirname, "../../../brand-kits/pulse-cycle-studio/kit.json");
  const slug = (await importKitFile(ws, readFileSync(file, "utf8"), { fileName: file, baseDir: path.dirname(file) })).slug;
  const kit = await getKit(ws, slug);
  const design = await createDesign(ws, { kitId: kit?.id ?? "", templateId: "event-flyer", content: { title: "Spin night", date: "Fri" } });

  const spy = vi.spyOn(prisma.design, "findFirst");
  const together = await Promise.all(Array.from({ length: 16 }, () => loadDesignForPreview(ws, design.id)));
  expect(together.every((l) => l.design.content.title === "Spin night")).toBe(true);
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockClear();
  expect((await loadDesignForPreview(ws, design.id)).design.content.title).toBe("Spin night");
  expect(spy).not.toHaveBeenCalled();

  await updateDesign(ws, design.id, { content: { title: "Spin morning", date: "Sat" } });
  expect((await loadDesignForPreview(ws, design.id)).design.content.title).toBe("Spin morning");
  expect(spy).toHaveBeenCalled();
  spy.mockRestore();

  const before = (await loadDesignForPreview(ws, design.id)).kit.version;
  const current = await getKit(ws, slug);
  if (!current) throw new Error("kit gone");
  await saveKit(ws, slug, { ...current.kit, palette: { ...current.kit.palette, primary: { ...current.kit.palette.primary, color: "#7a1f5c" } } });
  expect((await loadDesignForPreview(ws, design.id)).kit.version).toBe(before + 1);

  const refused = await loadDesignForPreview(other, design.id).catch((e: unknown) => e);
  expect(refused instanceof Response && refused.status).toBe(404);
});

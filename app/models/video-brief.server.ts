// Video briefs saved in the studio, per kit. The document is validated on every write (errors name the
// field); title and use case are copied into columns for lists. Example briefs come from templates/briefs.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { prisma } from "../db.server.ts";
import { PROJECT_ROOT } from "../lib/bootstrap.server.ts";
import { parseBrief, VideoBriefSchema, type VideoBrief } from "../lib/video/brief.ts";
import { requireKit } from "./kit.server.ts";
import type { Scope } from "../lib/auth/scope.ts";

const briefSelect = {
  id: true,
  kitId: true,
  title: true,
  useCase: true,
  data: true,
  createdAt: true,
  updatedAt: true,
  kit: { select: { slug: true, name: true, version: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
/** Briefs belong to their kit's workspace. */
const inScope = (scope: Scope) => ({ kit: { workspaceId: scope.workspaceId } });
function findRow(scope: Scope, id: string) {
  return prisma.videoBrief.findFirst({ where: { id, ...inScope(scope) }, select: briefSelect });
}

export type SavedVideoBrief = ReturnType<typeof hydrate>;

/**
 * `data` is the stored document as it is; `brief` its validated form, or null (with `issues`) when a
 * later schema no longer accepts it, so the editor can still open it and say what to fix.
 */
function hydrate(row: Row) {
  const { kit, data: text, ...rest } = row;
  const data = JSON.parse(text) as unknown;
  const parsed = VideoBriefSchema.safeParse(data);
  return {
    ...rest,
    kitSlug: kit.slug,
    kitName: kit.name,
    kitVersion: kit.version,
    data,
    brief: parsed.success ? parsed.data : null,
    issues: parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  };
}

/** Stores a new brief for the kit; throws KitNotFoundError or BriefValidationError (naming the fields). */
export async function createVideoBrief(scope: Scope, kitSlug: string, input: unknown): Promise<SavedVideoBrief> {
  const brief = parseBrief(input);
  const kit = await requireKit(scope, kitSlug);
  const row = await prisma.videoBrief.create({
    data: { kitId: kit.id, title: brief.title, useCase: brief.useCase, data: JSON.stringify(brief) },
    select: briefSelect,
  });
  return hydrate(row);
}

export async function getVideoBrief(scope: Scope, id: string): Promise<SavedVideoBrief | null> {
  const row = await findRow(scope, id);
  return row ? hydrate(row) : null;
}

/** Replaces the brief's document; null when there is no such brief. */
export async function updateVideoBrief(scope: Scope, id: string, input: unknown): Promise<SavedVideoBrief | null> {
  const brief: VideoBrief = parseBrief(input);
  const { count } = await prisma.videoBrief.updateMany({ where: { id, ...inScope(scope) }, data: { title: brief.title, useCase: brief.useCase, data: JSON.stringify(brief) } });
  return count ? getVideoBrief(scope, id) : null;
}

export async function deleteVideoBrief(scope: Scope, id: string): Promise<boolean> {
  const { count } = await prisma.videoBrief.deleteMany({ where: { id, ...inScope(scope) } });
  return count === 1;
}

/** Briefs, most recently edited first, for one kit or all. */
export async function listVideoBriefs(scope: Scope, filter: { kitId?: string; limit?: number } = {}) {
  const rows = await prisma.videoBrief.findMany({
    where: { ...inScope(scope), ...(filter.kitId ? { kitId: filter.kitId } : {}) },
    select: { ...briefSelect, _count: { select: { renders: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.limit ?? 200, 1000),
  });
  return rows.map(({ _count, ...row }) => ({ ...hydrate(row), renderCount: _count.renders }));
}

export type ExampleBrief = { id: string; title: string; useCase: string; brief: VideoBrief };

let examples: Promise<ExampleBrief[]> | null = null;

/** The example brief of each use case (templates/briefs/*.json), validated; read once per process. */
export function exampleBriefs(): Promise<ExampleBrief[]> {
  examples ??= (async () => {
    const dir = path.join(PROJECT_ROOT, "templates/briefs");
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
    return Promise.all(
      files.map(async (file) => {
        const brief = parseBrief(JSON.parse(await readFile(path.join(dir, file), "utf8")), `templates/briefs/${file}`);
        return { id: file.slice(0, -".json".length), title: brief.title, useCase: brief.useCase, brief };
      }),
    );
  })().catch((error: unknown) => {
    examples = null; // a fixed file is read again on the next call
    throw error;
  });
  return examples;
}

export async function exampleBrief(id: string): Promise<ExampleBrief | null> {
  return (await exampleBriefs()).find((e) => e.id === id) ?? null;
}

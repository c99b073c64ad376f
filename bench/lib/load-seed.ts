// Seeds the load benchmark's throwaway database (already migrated, example kits imported by
// scripts/setup.ts): the first owner, a signed-in session for them, and one saved design to preview.
// Prints `SEED <json>` ({ cookie, designId, kitSlug, templateId, formatId, sample }) as its last line.
//   DATABASE_URL=… MARQUE_DATA_DIR=… node --import tsx bench/lib/load-seed.ts
import { randomBytes } from "node:crypto";
import { prisma } from "../../app/db.server.ts";
import { createSession } from "../../app/lib/auth/session.server.ts";
import { createFirstOwner } from "../../app/models/account.server.ts";
import { createDesign } from "../../app/models/design.server.ts";
import { getTemplate } from "../../app/lib/templates/registry.ts";

const TEMPLATE = "instagram-post";
const FORMAT = "ig-square";

const { user, workspaceId } = await createFirstOwner({ email: "bench@example.com", password: randomBytes(18).toString("base64url"), name: "Bench", workspaceName: "Bench" });
const scope = { workspaceId, userId: user.id, actor: user.email };
const kit = await prisma.kit.findFirst({ where: { workspaceId }, select: { id: true, slug: true }, orderBy: { slug: "asc" } });
if (!kit) throw new Error("no example kit in the first workspace: did scripts/setup.ts seed the database?");
const design = await createDesign(scope, { kitId: kit.id, templateId: TEMPLATE, name: "Load bench post", formats: [FORMAT] });
const setCookie = await createSession(new Request("http://127.0.0.1/"), user.id, workspaceId);
await prisma.$disconnect();
const seed = { cookie: setCookie.split(";")[0] ?? "", designId: design.id, kitSlug: kit.slug, templateId: TEMPLATE, formatId: FORMAT, sample: getTemplate(TEMPLATE).sample };
process.stdout.write(`SEED ${JSON.stringify(seed)}\n`);

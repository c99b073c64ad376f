// The activity log: who changed what in a workspace, and when (kit edits, members, invitations).
import type { Prisma } from "../generated/prisma/client.ts";
import { prisma } from "../db.server.ts";
import { actorLabel, type Scope } from "../lib/auth/scope.ts";

type Tx = Prisma.TransactionClient;

export type ActivityEntry = { id: string; actor: string; action: string; subject: string; summary: string; createdAt: Date };

/** Records one entry; pass the transaction client so the entry commits (or rolls back) with the change. */
export async function logActivity(scope: Scope, entry: { action: string; subject?: string; summary?: string }, tx: Tx = prisma) {
  await tx.activity.create({
    data: {
      workspaceId: scope.workspaceId,
      userId: scope.userId ?? null,
      actor: actorLabel(scope),
      action: entry.action,
      subject: entry.subject ?? "",
      summary: (entry.summary ?? "").slice(0, 2000),
    },
  });
}

export async function listActivity(scope: Scope, filter: { subject?: string; take?: number } = {}): Promise<ActivityEntry[]> {
  return prisma.activity.findMany({
    where: { workspaceId: scope.workspaceId, ...(filter.subject ? { subject: filter.subject } : {}) },
    select: { id: true, actor: true, action: true, subject: true, summary: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.take ?? 100, 500),
  });
}

// The one Prisma client, over better-sqlite3 (SQLite file named by DATABASE_URL).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.ts";
import { getEnv } from "./env.server.ts";

declare global {
  // eslint-disable-next-line no-var
  var __marquePrisma: PrismaClient | undefined;
}

function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: getEnv().DATABASE_URL });
  return new PrismaClient({ adapter });
}

// Kept on globalThis so Vite's dev reloads reuse one connection.
export const prisma: PrismaClient = (globalThis.__marquePrisma ??= createClient());

export type Db = PrismaClient;

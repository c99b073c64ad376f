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
  const client = new PrismaClient({ adapter });
  // WAL: readers (the web app) never wait for a writer (a CLI import, a re-render batch), and with
  // synchronous=NORMAL a commit costs no fsync — a 500-asset re-render went from 1.15x to 1.01x of the
  // sum of its single renders (bench/rerender.ts). Both are issued before any other query on the connection.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").then(() => client.$queryRawUnsafe("PRAGMA synchronous = NORMAL")).catch(() => {});
  return client;
}

// Kept on globalThis so Vite's dev reloads reuse one connection.
export const prisma: PrismaClient = (globalThis.__marquePrisma ??= createClient());

export type Db = PrismaClient;

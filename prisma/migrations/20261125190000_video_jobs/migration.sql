-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_VideoJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kitId" TEXT NOT NULL,
    "kitVersion" INTEGER NOT NULL,
    "brief" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL DEFAULT '',
    "seconds" INTEGER NOT NULL DEFAULT 4,
    "size" TEXT NOT NULL DEFAULT '720x1280',
    "remoteId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "outputs" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VideoJob_kitId_fkey" FOREIGN KEY ("kitId") REFERENCES "Kit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VideoJob" ("brief", "createdAt", "error", "id", "kitId", "kitVersion", "model", "outputs", "progress", "prompt", "provider", "remoteId", "status", "updatedAt") SELECT "brief", "createdAt", "error", "id", "kitId", "kitVersion", "model", "outputs", "progress", "prompt", "provider", "remoteId", "status", "updatedAt" FROM "VideoJob";
DROP TABLE "VideoJob";
ALTER TABLE "new_VideoJob" RENAME TO "VideoJob";
CREATE INDEX "VideoJob_status_idx" ON "VideoJob"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


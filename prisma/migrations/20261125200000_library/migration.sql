-- CreateTable
CREATE TABLE "RerenderJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kitId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "assetIds" TEXT NOT NULL DEFAULT '[]',
    "results" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "heartbeatAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Asset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kitId" TEXT NOT NULL,
    "kitVersion" INTEGER NOT NULL,
    "designId" TEXT,
    "templateId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content" TEXT,
    "output" TEXT,
    "options" TEXT NOT NULL DEFAULT '{}',
    "supersededById" TEXT,
    "supersededAt" DATETIME,
    CONSTRAINT "Asset_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Asset_kitId_fkey" FOREIGN KEY ("kitId") REFERENCES "Kit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Asset_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Asset" ("bytes", "contentHash", "createdAt", "designId", "format", "id", "kitId", "kitVersion", "mime", "storageKey", "templateId") SELECT "bytes", "contentHash", "createdAt", "designId", "format", "id", "kitId", "kitVersion", "mime", "storageKey", "templateId" FROM "Asset";
DROP TABLE "Asset";
ALTER TABLE "new_Asset" RENAME TO "Asset";
CREATE INDEX "Asset_kitId_kitVersion_idx" ON "Asset"("kitId", "kitVersion");
CREATE INDEX "Asset_supersededById_idx" ON "Asset"("supersededById");
CREATE INDEX "Asset_storageKey_idx" ON "Asset"("storageKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RerenderJob_status_idx" ON "RerenderJob"("status");


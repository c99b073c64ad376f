-- CreateTable
CREATE TABLE "VideoBrief" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "useCase" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VideoBrief_kitId_fkey" FOREIGN KEY ("kitId") REFERENCES "Kit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VideoRender" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "briefId" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT 'Original',
    "provider" TEXT NOT NULL,
    "jobIds" TEXT NOT NULL DEFAULT '[]',
    "options" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'clips',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "assetId" TEXT,
    "thumbnailKey" TEXT,
    "seconds" REAL,
    "width" INTEGER,
    "height" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VideoRender_briefId_fkey" FOREIGN KEY ("briefId") REFERENCES "VideoBrief" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VideoBrief_kitId_updatedAt_idx" ON "VideoBrief"("kitId", "updatedAt");

-- CreateIndex
CREATE INDEX "VideoRender_briefId_createdAt_idx" ON "VideoRender"("briefId", "createdAt");

-- CreateIndex
CREATE INDEX "VideoRender_status_idx" ON "VideoRender"("status");


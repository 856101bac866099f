-- CreateTable
CREATE TABLE "Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "chatId" INTEGER,
    "userId" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'markdown',
    "channel" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "result" TEXT NOT NULL DEFAULT '',
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimedBy" TEXT NOT NULL DEFAULT '',
    "claimedUntil" DATETIME,
    "lastError" TEXT NOT NULL DEFAULT '',
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Outbox_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxChannel" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nextAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "enqueued" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "HostDeliverable" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostRequestId" INTEGER NOT NULL,
    "photos" INTEGER NOT NULL DEFAULT 0,
    "videoLink" TEXT NOT NULL DEFAULT '',
    "videoSeconds" INTEGER,
    "articleLink" TEXT NOT NULL DEFAULT '',
    "articleChars" INTEGER,
    "logoUsed" BOOLEAN NOT NULL DEFAULT false,
    "completedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "HostDeliverable_hostRequestId_fkey" FOREIGN KEY ("hostRequestId") REFERENCES "HostRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Chat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "isGroup" BOOLEAN NOT NULL DEFAULT true,
    "unitId" INTEGER,
    "pushKey" TEXT NOT NULL DEFAULT '',
    "pushSecret" TEXT NOT NULL DEFAULT '',
    "pushSetAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Chat" ("createdAt", "id", "platform", "platformChatId", "pushKey", "pushSecret", "pushSetAt", "title", "unitId", "updatedAt") SELECT "createdAt", "id", "platform", "platformChatId", "pushKey", "pushSecret", "pushSetAt", "title", "unitId", "updatedAt" FROM "Chat";
DROP TABLE "Chat";
ALTER TABLE "new_Chat" RENAME TO "Chat";
CREATE INDEX "Chat_unitId_idx" ON "Chat"("unitId");
CREATE UNIQUE INDEX "Chat_platform_platformChatId_key" ON "Chat"("platform", "platformChatId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_dedupeKey_key" ON "Outbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_channel_status_idx" ON "Outbox"("channel", "status");

-- CreateIndex
CREATE INDEX "Outbox_sentAt_idx" ON "Outbox"("sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_window_key" ON "JobRun"("job", "window");

-- CreateIndex
CREATE UNIQUE INDEX "HostDeliverable_hostRequestId_key" ON "HostDeliverable"("hostRequestId");

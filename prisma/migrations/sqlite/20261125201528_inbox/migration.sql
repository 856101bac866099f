-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProcessedMessage" (
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "reply" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "repliedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'DONE',
    "message" TEXT NOT NULL DEFAULT '',
    "replyRoute" TEXT NOT NULL DEFAULT '',
    "replyAfter" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "claimedBy" TEXT NOT NULL DEFAULT '',
    "claimedUntil" DATETIME,
    "lastError" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("platform", "messageId")
);
INSERT INTO "new_ProcessedMessage" ("createdAt", "messageId", "platform", "repliedAt", "reply") SELECT "createdAt", "messageId", "platform", "repliedAt", "reply" FROM "ProcessedMessage";
DROP TABLE "ProcessedMessage";
ALTER TABLE "new_ProcessedMessage" RENAME TO "ProcessedMessage";
CREATE INDEX "ProcessedMessage_createdAt_idx" ON "ProcessedMessage"("createdAt");
CREATE INDEX "ProcessedMessage_status_nextAttemptAt_idx" ON "ProcessedMessage"("status", "nextAttemptAt");
CREATE INDEX "ProcessedMessage_repliedAt_replyAfter_idx" ON "ProcessedMessage"("repliedAt", "replyAfter");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

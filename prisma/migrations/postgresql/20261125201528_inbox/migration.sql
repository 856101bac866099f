-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedBy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "message" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "replyAfter" TIMESTAMP(3),
ADD COLUMN     "replyRoute" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'DONE';

-- CreateIndex
CREATE INDEX "ProcessedMessage_status_nextAttemptAt_idx" ON "ProcessedMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ProcessedMessage_repliedAt_replyAfter_idx" ON "ProcessedMessage"("repliedAt", "replyAfter");

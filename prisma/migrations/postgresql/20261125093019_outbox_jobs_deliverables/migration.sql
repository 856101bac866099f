-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "Chat" ADD COLUMN     "isGroup" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" INTEGER,
    "userId" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'markdown',
    "channel" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "result" TEXT NOT NULL DEFAULT '',
    "dedupeKey" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT NOT NULL DEFAULT '',
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT NOT NULL DEFAULT '',
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxChannel" (
    "key" TEXT NOT NULL,
    "nextAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxChannel_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "enqueued" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostDeliverable" (
    "id" SERIAL NOT NULL,
    "hostRequestId" INTEGER NOT NULL,
    "photos" INTEGER NOT NULL DEFAULT 0,
    "videoLink" TEXT NOT NULL DEFAULT '',
    "videoSeconds" INTEGER,
    "articleLink" TEXT NOT NULL DEFAULT '',
    "articleChars" INTEGER,
    "logoUsed" BOOLEAN NOT NULL DEFAULT false,
    "completedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HostDeliverable_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostDeliverable" ADD CONSTRAINT "HostDeliverable_hostRequestId_fkey" FOREIGN KEY ("hostRequestId") REFERENCES "HostRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

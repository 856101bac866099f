-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PROVINCE', 'CITY', 'INDUSTRY', 'ORGAN', 'DIRECT', 'GRASSROOTS');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CONTACT', 'ADMIN', 'SUPERADMIN');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('FLASH', 'SALON', 'MONTH');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('PLANNED', 'HELD');

-- CreateEnum
CREATE TYPE "RecommendPlatform" AS ENUM ('WEIBO', 'XIMALAYA', 'OTHER');

-- CreateEnum
CREATE TYPE "HostStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WAITLISTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "rankingStartsAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "kind" "UnitKind" NOT NULL,
    "parentId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Chat" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "unitId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Chat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "unitId" INTEGER,
    "role" "Role" NOT NULL DEFAULT 'CONTACT',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReadingGroup" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "foundedOn" TIMESTAMP(3) NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "features" TEXT NOT NULL DEFAULT '',
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadingGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "chatId" INTEGER,
    "kind" "ActivityKind" NOT NULL,
    "theme" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "participantCount" INTEGER,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "status" "ActivityStatus" NOT NULL DEFAULT 'PLANNED',
    "heldAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "personName" TEXT NOT NULL,
    "bookTitle" TEXT NOT NULL,
    "platform" "RecommendPlatform" NOT NULL,
    "link" TEXT NOT NULL DEFAULT '',
    "week" TEXT NOT NULL,
    "recommendedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountReport" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "reporterId" INTEGER,
    "sourcePlatform" TEXT NOT NULL DEFAULT '',
    "sourceMessageId" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CountReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostRequest" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "chatId" INTEGER,
    "month" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "expectedParticipants" INTEGER NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "status" "HostStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" INTEGER,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HostRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostMonth" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 3,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HostMonth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedMessage" (
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "reply" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedMessage_pkey" PRIMARY KEY ("platform","messageId")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '',
    "platform" TEXT NOT NULL DEFAULT '',
    "messageId" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_name_key" ON "Campaign"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_kind_idx" ON "Unit"("kind");

-- CreateIndex
CREATE INDEX "Chat_unitId_idx" ON "Chat"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Chat_platform_platformChatId_key" ON "Chat"("platform", "platformChatId");

-- CreateIndex
CREATE INDEX "Member_unitId_idx" ON "Member"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_platform_platformUserId_key" ON "Member"("platform", "platformUserId");

-- CreateIndex
CREATE INDEX "ReadingGroup_campaignId_unitId_idx" ON "ReadingGroup"("campaignId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ReadingGroup_campaignId_unitId_name_key" ON "ReadingGroup"("campaignId", "unitId", "name");

-- CreateIndex
CREATE INDEX "Activity_campaignId_unitId_idx" ON "Activity"("campaignId", "unitId");

-- CreateIndex
CREATE INDEX "Activity_status_startsAt_idx" ON "Activity"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Recommendation_campaignId_week_unitId_idx" ON "Recommendation"("campaignId", "week", "unitId");

-- CreateIndex
CREATE INDEX "Recommendation_campaignId_unitId_idx" ON "Recommendation"("campaignId", "unitId");

-- CreateIndex
CREATE INDEX "CountReport_campaignId_metric_week_idx" ON "CountReport"("campaignId", "metric", "week");

-- CreateIndex
CREATE UNIQUE INDEX "CountReport_campaignId_unitId_metric_week_key" ON "CountReport"("campaignId", "unitId", "metric", "week");

-- CreateIndex
CREATE INDEX "HostRequest_campaignId_month_status_idx" ON "HostRequest"("campaignId", "month", "status");

-- CreateIndex
CREATE INDEX "HostRequest_unitId_status_idx" ON "HostRequest"("unitId", "status");

-- CreateIndex
CREATE INDEX "HostRequest_status_createdAt_idx" ON "HostRequest"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "HostMonth_campaignId_month_key" ON "HostMonth"("campaignId", "month");

-- CreateIndex
CREATE INDEX "ProcessedMessage_createdAt_idx" ON "ProcessedMessage"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_platform_platformChatId_platformUserId_key" ON "Conversation"("platform", "platformChatId", "platformUserId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chat" ADD CONSTRAINT "Chat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingGroup" ADD CONSTRAINT "ReadingGroup_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingGroup" ADD CONSTRAINT "ReadingGroup_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountReport" ADD CONSTRAINT "CountReport_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountReport" ADD CONSTRAINT "CountReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostRequest" ADD CONSTRAINT "HostRequest_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostRequest" ADD CONSTRAINT "HostRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostRequest" ADD CONSTRAINT "HostRequest_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostMonth" ADD CONSTRAINT "HostMonth_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

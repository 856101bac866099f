-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN "repliedAt" DATETIME;

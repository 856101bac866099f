-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN     "repliedAt" TIMESTAMP(3);

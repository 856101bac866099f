-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "contactEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logoName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "unitHow" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "unitSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReadingGroup" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "updatedById" INTEGER;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "updatedById" INTEGER;

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CountReport" ADD COLUMN     "correctedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ContactRequest" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "chatId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactRequest_unitId_status_idx" ON "ContactRequest"("unitId", "status");

-- CreateIndex
CREATE INDEX "ContactRequest_memberId_status_idx" ON "ContactRequest"("memberId", "status");

-- AddForeignKey
ALTER TABLE "ContactRequest" ADD CONSTRAINT "ContactRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactRequest" ADD CONSTRAINT "ContactRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Members bound before this migration stay the contacts of their units.
UPDATE "Member" SET "unitHow" = 'first', "unitSince" = "updatedAt" WHERE "unitId" IS NOT NULL;

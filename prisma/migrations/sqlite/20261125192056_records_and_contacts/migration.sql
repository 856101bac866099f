-- AlterTable
ALTER TABLE "ReadingGroup" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "ReadingGroup" ADD COLUMN "updatedById" INTEGER;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Activity" ADD COLUMN "updatedById" INTEGER;

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN "deletedAt" DATETIME;

-- AlterTable
ALTER TABLE "CountReport" ADD COLUMN "correctedAt" DATETIME;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "expiresAt" DATETIME;

-- CreateTable
CREATE TABLE "ContactRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "chatId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContactRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ContactRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "unitId" INTEGER,
    "role" TEXT NOT NULL DEFAULT 'CONTACT',
    "unitSince" DATETIME,
    "unitHow" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("createdAt", "displayName", "id", "platform", "platformUserId", "role", "unitId", "updatedAt") SELECT "createdAt", "displayName", "id", "platform", "platformUserId", "role", "unitId", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_unitId_idx" ON "Member"("unitId");
CREATE UNIQUE INDEX "Member_platform_platformUserId_key" ON "Member"("platform", "platformUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ContactRequest_unitId_status_idx" ON "ContactRequest"("unitId", "status");

-- CreateIndex
CREATE INDEX "ContactRequest_memberId_status_idx" ON "ContactRequest"("memberId", "status");

-- Members bound before this migration stay the contacts of their units.
UPDATE "Member" SET "unitHow" = 'first', "unitSince" = "updatedAt" WHERE "unitId" IS NOT NULL;

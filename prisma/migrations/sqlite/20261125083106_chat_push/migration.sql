-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Chat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "unitId" INTEGER,
    "pushKey" TEXT NOT NULL DEFAULT '',
    "pushSecret" TEXT NOT NULL DEFAULT '',
    "pushSetAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Chat" ("createdAt", "id", "platform", "platformChatId", "title", "unitId", "updatedAt") SELECT "createdAt", "id", "platform", "platformChatId", "title", "unitId", "updatedAt" FROM "Chat";
DROP TABLE "Chat";
ALTER TABLE "new_Chat" RENAME TO "Chat";
CREATE INDEX "Chat_unitId_idx" ON "Chat"("unitId");
CREATE UNIQUE INDEX "Chat_platform_platformChatId_key" ON "Chat"("platform", "platformChatId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

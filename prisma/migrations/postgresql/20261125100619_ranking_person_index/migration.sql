-- DropIndex
DROP INDEX "Recommendation_campaignId_unitId_idx";

-- CreateIndex
CREATE INDEX "Recommendation_campaignId_unitId_personName_idx" ON "Recommendation"("campaignId", "unitId", "personName");

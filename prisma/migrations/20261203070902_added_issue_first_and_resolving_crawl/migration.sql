-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "firstCrawlId" TEXT,
ADD COLUMN     "resolvedByCrawlId" TEXT;

-- CreateIndex
CREATE INDEX "Issue_connectionId_firstCrawlId_idx" ON "Issue"("connectionId", "firstCrawlId");

-- CreateIndex
CREATE INDEX "Issue_connectionId_resolvedByCrawlId_idx" ON "Issue"("connectionId", "resolvedByCrawlId");


-- Issues found first by the crawl that still last saw them keep counting as new in that crawl.
UPDATE "Issue" i SET "firstCrawlId" = c."id"
FROM "Crawl" c
WHERE c."id" = i."lastCrawlId" AND i."firstSeenAt" >= COALESCE(c."startedAt", c."createdAt");

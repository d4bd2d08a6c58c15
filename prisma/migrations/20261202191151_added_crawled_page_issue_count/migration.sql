-- AlterTable
ALTER TABLE "CrawledPage" ADD COLUMN     "issueCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "CrawledPage_crawlId_issueCount_idx" ON "CrawledPage"("crawlId", "issueCount");


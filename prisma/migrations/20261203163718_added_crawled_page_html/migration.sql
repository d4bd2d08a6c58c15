-- CreateTable
CREATE TABLE "CrawledPageHtml" (
    "crawlId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "bodyGzip" BYTEA NOT NULL,
    "contentType" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrawledPageHtml_pkey" PRIMARY KEY ("crawlId","url")
);

-- CreateIndex
CREATE INDEX "CrawledPageHtml_connectionId_url_createdAt_idx" ON "CrawledPageHtml"("connectionId", "url", "createdAt");

-- AddForeignKey
ALTER TABLE "CrawledPageHtml" ADD CONSTRAINT "CrawledPageHtml_crawlId_fkey" FOREIGN KEY ("crawlId") REFERENCES "Crawl"("id") ON DELETE CASCADE ON UPDATE CASCADE;


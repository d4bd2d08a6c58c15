-- CreateEnum
CREATE TYPE "SearchConsoleStatus" AS ENUM ('ACTIVE', 'REVOKED');

-- DropIndex
DROP INDEX "Metric_connectionId_date_pageUrl_source_key";

-- AlterTable
ALTER TABLE "Metric" ADD COLUMN     "query" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SearchConsoleLink" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "userId" TEXT,
    "refreshToken" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "propertyUrl" TEXT,
    "status" "SearchConsoleStatus" NOT NULL DEFAULT 'ACTIVE',
    "syncedThrough" DATE,
    "lastSyncAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchConsoleLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SearchConsoleLink_connectionId_key" ON "SearchConsoleLink"("connectionId");

-- CreateIndex
CREATE INDEX "SearchConsoleLink_status_idx" ON "SearchConsoleLink"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_connectionId_date_pageUrl_query_source_key" ON "Metric"("connectionId", "date", "pageUrl", "query", "source");

-- AddForeignKey
ALTER TABLE "SearchConsoleLink" ADD CONSTRAINT "SearchConsoleLink_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;


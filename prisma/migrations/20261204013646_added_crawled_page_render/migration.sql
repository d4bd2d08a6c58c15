-- AlterTable
ALTER TABLE "CrawledPage" ADD COLUMN     "render" JSONB;


-- AlterTable
ALTER TABLE "CrawledPage" ADD COLUMN     "inlinks" INTEGER NOT NULL DEFAULT 0;


-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "searchClicks" INTEGER NOT NULL DEFAULT 0;


-- AlterTable
ALTER TABLE "Fix" ADD COLUMN     "manualByPage" BOOLEAN NOT NULL DEFAULT false;


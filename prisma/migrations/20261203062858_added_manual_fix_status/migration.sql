-- AlterEnum
ALTER TYPE "FixStatus" ADD VALUE 'MANUAL';

-- AlterTable
ALTER TABLE "Fix" ADD COLUMN     "manualReason" TEXT;


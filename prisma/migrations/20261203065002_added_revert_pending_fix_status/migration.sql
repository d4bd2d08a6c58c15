-- AlterEnum
ALTER TYPE "FixStatus" ADD VALUE 'REVERT_PENDING';

-- AlterTable
ALTER TABLE "Fix" ADD COLUMN     "revertAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "revertRetryUntil" TIMESTAMP(3);


-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "wordpressApiRoot" TEXT;


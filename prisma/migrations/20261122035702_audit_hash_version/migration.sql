-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "hash_version" SMALLINT NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "audit_chain_heads" ADD COLUMN     "prev_hash" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "allow_self_approval" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvals_required" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "modules" ADD COLUMN     "carried_from_id" TEXT,
ADD COLUMN     "step_hash" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "review_comments" (
    "id" TEXT NOT NULL,
    "module_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "line" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" TEXT,
    "author_label" TEXT NOT NULL,
    "mentions" TEXT[],
    "resolved_at" TIMESTAMP(3),
    "resolved_by" TEXT,
    "edited_at" TIMESTAMP(3),
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_decisions" (
    "id" TEXT NOT NULL,
    "module_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "reviewer_id" TEXT NOT NULL,
    "reviewer_label" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exports" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "spec_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_comments_module_id_created_at_idx" ON "review_comments"("module_id", "created_at");

-- CreateIndex
CREATE INDEX "review_comments_workspace_id_created_at_idx" ON "review_comments"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "review_decisions_module_id_created_at_idx" ON "review_decisions"("module_id", "created_at");

-- CreateIndex
CREATE INDEX "review_decisions_run_id_idx" ON "review_decisions"("run_id");

-- CreateIndex
CREATE INDEX "exports_spec_id_created_at_idx" ON "exports"("spec_id", "created_at");

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "modules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "modules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "specs" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL DEFAULT '',
    "valid" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMP(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "specs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spec_updates" (
    "id" BIGSERIAL NOT NULL,
    "spec_id" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "user_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spec_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spec_snapshots" (
    "spec_id" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "up_to_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "spec_snapshots_pkey" PRIMARY KEY ("spec_id")
);

-- CreateTable
CREATE TABLE "spec_revisions" (
    "id" TEXT NOT NULL,
    "spec_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,
    "diagnostics" JSONB NOT NULL,
    "author_id" TEXT,
    "author_label" TEXT,
    "restored_from_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spec_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "specs_workspace_id_updated_at_idx" ON "specs"("workspace_id", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "specs_workspace_id_name_key" ON "specs"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "spec_updates_spec_id_id_idx" ON "spec_updates"("spec_id", "id");

-- CreateIndex
CREATE INDEX "spec_revisions_workspace_id_created_at_idx" ON "spec_revisions"("workspace_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "spec_revisions_spec_id_number_key" ON "spec_revisions"("spec_id", "number");

-- AddForeignKey
ALTER TABLE "specs" ADD CONSTRAINT "specs_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_updates" ADD CONSTRAINT "spec_updates_spec_id_fkey" FOREIGN KEY ("spec_id") REFERENCES "specs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_snapshots" ADD CONSTRAINT "spec_snapshots_spec_id_fkey" FOREIGN KEY ("spec_id") REFERENCES "specs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_revisions" ADD CONSTRAINT "spec_revisions_spec_id_fkey" FOREIGN KEY ("spec_id") REFERENCES "specs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

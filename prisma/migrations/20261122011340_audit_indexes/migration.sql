-- CreateIndex
CREATE INDEX "audit_events_workspace_id_resource_id_id_idx" ON "audit_events"("workspace_id", "resource_id", "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_workspace_id_occurred_at_id_idx" ON "audit_events"("workspace_id", "occurred_at" DESC, "id" DESC);

-- Action prefix filters (`spec.`) use LIKE 'spec.%', which a plain btree cannot serve under a non-C collation.
CREATE INDEX "audit_events_workspace_id_action_pattern_idx" ON "audit_events"("workspace_id", "action" text_pattern_ops, "id" DESC);

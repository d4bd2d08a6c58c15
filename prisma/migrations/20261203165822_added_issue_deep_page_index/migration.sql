-- CreateIndex
CREATE INDEX "Issue_connectionId_impactScore_id_status_idx" ON "Issue"("connectionId", "impactScore" DESC, "id", "status");


-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "issuesVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Issue_connectionId_impactScore_id_idx" ON "Issue"("connectionId", "impactScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Issue_connectionId_status_type_idx" ON "Issue"("connectionId", "status", "type");

-- CreateIndex
CREATE INDEX "Issue_connectionId_pageUrl_idx" ON "Issue"("connectionId", "pageUrl");

-- CreateIndex
CREATE INDEX "Issue_connectionId_category_severity_idx" ON "Issue"("connectionId", "category", "severity");

-- Every statement that inserts, updates or deletes a site's issues or fixes bumps its "issuesVersion"
-- once (statement-level, from the transition table), whoever wrote them: the crawl writer, the worker,
-- the API, or SQL by hand. Counts and groups cached under the version are then never stale.
-- The body is an E'' string with \073 for each semicolon: the offline migration engine splits scripts
-- on semicolons and does not understand dollar quoting.
CREATE FUNCTION seology_bump_issues_version() RETURNS trigger
  LANGUAGE plpgsql
  AS E'BEGIN UPDATE "Connection" SET "issuesVersion" = "issuesVersion" + 1 WHERE "id" IN (SELECT DISTINCT "connectionId" FROM changed_rows)\073 RETURN NULL\073 END\073';

CREATE TRIGGER "Issue_inserted_bumps_version" AFTER INSERT ON "Issue"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION seology_bump_issues_version();
CREATE TRIGGER "Issue_updated_bumps_version" AFTER UPDATE ON "Issue"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION seology_bump_issues_version();
CREATE TRIGGER "Issue_deleted_bumps_version" AFTER DELETE ON "Issue"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION seology_bump_issues_version();
CREATE TRIGGER "Fix_inserted_bumps_version" AFTER INSERT ON "Fix"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION seology_bump_issues_version();
CREATE TRIGGER "Fix_updated_bumps_version" AFTER UPDATE ON "Fix"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION seology_bump_issues_version();
CREATE TRIGGER "Fix_deleted_bumps_version" AFTER DELETE ON "Fix"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION seology_bump_issues_version();

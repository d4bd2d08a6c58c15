-- The audit trail is append-only in the database itself: no role the application uses can
-- rewrite or delete history, whatever bug or compromised code path tries to.
-- The function body is an E'' string with \073 for each semicolon because the offline migration
-- engine splits scripts on semicolons and does not understand dollar quoting.
CREATE OR REPLACE FUNCTION seology_audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''AuditLog is append-only: % refused'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END\073';

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION seology_audit_log_refuse_change();

-- TRUNCATE bypasses row triggers, so it gets its own statement-level guard.
CREATE TRIGGER "AuditLog_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION seology_audit_log_refuse_change();

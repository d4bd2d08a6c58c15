/**
 * Checks a live, migrated database (not the schema file) for every model, enum value, column, index
 * and unique constraint the original data-model brief lists. `npm run db:verify` runs it against
 * DATABASE_URL; the test suite runs it against a freshly migrated database.
 */
import { Client } from 'pg';
import { pgConnectionFields } from '../libs/contracts/src/database-url';

export const REQUIRED = {
  tables: [
    'User', 'Connection', 'Issue', 'Fix', 'PendingPlan', 'Job', 'UsageRecord', 'Subscription', 'Metric', 'Crawl',
    'AuditLog', 'Notification', 'AIConversation', 'Team', 'TeamMember', 'TeamInvitation', 'Webhook', 'CSRFToken',
  ],
  enums: {
    ExecutionMode: ['AUTOMATIC', 'PLAN', 'APPROVE'],
    Role: ['USER', 'ADMIN'],
    Plan: ['FREE', 'STARTER', 'PRO', 'AGENCY'],
    Platform: ['WORDPRESS', 'SHOPIFY', 'CUSTOM'],
    ConnectionStatus: [],
    Severity: [],
    IssueStatus: [],
    FixMethod: [],
    FixStatus: [],
    JobType: [
      'CRAWL_SITE', 'ANALYZE_SITE', 'APPLY_FIX', 'APPLY_PLAN', 'ROLLBACK_FIX', 'CLEANUP_ROLLBACKS', 'RESET_USAGE', 'SYNC_METRICS', 'GENERATE_REPORT',
    ],
    JobStatus: ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'RETRYING'],
    PlanStatus: ['PENDING', 'APPROVED', 'REJECTED', 'EXECUTING', 'COMPLETED', 'FAILED'],
    SubscriptionStatus: [],
    TeamRole: ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'],
    InvitationStatus: ['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'REVOKED'],
    CrawlStatus: [],
  } as Record<string, string[]>,
  columns: {
    User: ['onboardingCompleted', 'onboardingStep', 'clerkId', 'email', 'plan'],
    Connection: ['healthStatus', 'pageCount', 'issueCount', 'lastCrawlAt', 'lastAnalysisAt', 'platform', 'status', 'domain', 'executionMode'],
    Issue: ['impactScore', 'estimatedTraffic', 'elementSelector', 'severity', 'type'],
    Fix: ['rollbackDeadline', 'impactMetrics', 'platform', 'planId', 'appliedAt'],
    Job: [
      'type', 'status', 'priority', 'payload', 'result', 'error', 'attempts', 'maxAttempts', 'progress',
      'scheduledFor', 'startedAt', 'completedAt', 'failedAt', 'connectionId', 'userId',
    ],
    UsageRecord: ['userId', 'month', 'year', 'fixesApplied', 'sitesActive', 'apiCalls'],
    PendingPlan: [
      'userId', 'connectionId', 'title', 'description', 'estimatedImpact', 'status', 'approvedAt', 'rejectedAt', 'executedAt', 'rejectionReason',
    ],
    Subscription: ['trialEnd', 'cancelAtPeriodEnd', 'status'],
    Notification: ['icon', 'color', 'createdAt', 'read'],
  } as Record<string, string[]>,
  /** Index (or unique constraint) column lists, in order. */
  indexes: [
    ['User', ['email']], ['User', ['plan']], ['User', ['clerkId']],
    ['Connection', ['userId', 'status']], ['Connection', ['platform']], ['Connection', ['status']], ['Connection', ['domain']],
    ['Issue', ['connectionId', 'status']], ['Issue', ['severity']], ['Issue', ['type']],
    ['Fix', ['connectionId', 'status']], ['Fix', ['appliedAt']], ['Fix', ['rollbackDeadline']], ['Fix', ['planId']],
    ['Job', ['status']], ['Job', ['scheduledFor']], ['Job', ['priority']], ['Job', ['type']], ['Job', ['status', 'priority']],
    ['UsageRecord', ['userId']], ['UsageRecord', ['year', 'month']],
    ['PendingPlan', ['userId']], ['PendingPlan', ['connectionId']], ['PendingPlan', ['status']], ['PendingPlan', ['createdAt']],
    ['Subscription', ['status']],
    ['Notification', ['userId', 'read']], ['Notification', ['createdAt']],
    ['AuditLog', ['userId', 'createdAt']], ['AuditLog', ['action']], ['AuditLog', ['connectionId']],
    ['Metric', ['connectionId', 'date']], ['Metric', ['date']],
  ] as [string, string[]][],
  unique: [
    ['User', ['email']], ['User', ['clerkId']], ['UsageRecord', ['userId', 'month', 'year']], ['TeamMember', ['teamId', 'userId']],
  ] as [string, string[]][],
  /** Cascades the brief promises: deleting a user or a site removes what it owns. */
  cascades: [
    ['Connection', 'userId', 'User'], ['Issue', 'connectionId', 'Connection'], ['Fix', 'connectionId', 'Connection'],
    ['Metric', 'connectionId', 'Connection'], ['Crawl', 'connectionId', 'Connection'], ['UsageRecord', 'userId', 'User'],
  ] as [string, string, string][],
};

interface IndexRow {
  table: string;
  columns: string[];
  unique: boolean;
}

export async function verifySchema(databaseUrl: string): Promise<string[]> {
  const client = new Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    const problems: string[] = [];
    const tables = new Set(
      (await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((r: { table_name: string }) => r.table_name),
    );
    for (const table of REQUIRED.tables) if (!tables.has(table)) problems.push(`missing table ${table}`);

    const enumRows = (await client.query(
      "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'",
    )).rows as { typname: string; enumlabel: string }[];
    const enums = new Map<string, Set<string>>();
    for (const row of enumRows) enums.set(row.typname, (enums.get(row.typname) ?? new Set()).add(row.enumlabel));
    for (const [name, values] of Object.entries(REQUIRED.enums)) {
      const found = enums.get(name);
      if (!found) {
        problems.push(`missing enum ${name}`);
        continue;
      }
      if (found.size === 0) problems.push(`enum ${name} has no values`);
      for (const value of values) if (!found.has(value)) problems.push(`enum ${name} lacks ${value}`);
    }

    const columnRows = (await client.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'")).rows as {
      table_name: string;
      column_name: string;
    }[];
    const columns = new Set(columnRows.map((r) => `${r.table_name}.${r.column_name}`));
    for (const [table, names] of Object.entries(REQUIRED.columns)) {
      for (const name of names) if (!columns.has(`${table}.${name}`)) problems.push(`missing column ${table}.${name}`);
    }

    const indexRows = (await client.query(`
      SELECT t.relname AS table, ix.indisunique AS unique,
             array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY t.relname, ix.indexrelid, ix.indisunique`)).rows as IndexRow[];
    const has = (table: string, cols: string[], unique: boolean) =>
      indexRows.some((i) => i.table === table && i.columns.join(',') === cols.join(',') && (!unique || i.unique));
    for (const [table, cols] of REQUIRED.indexes) if (!has(table, cols, false)) problems.push(`missing index ${table}(${cols.join(', ')})`);
    for (const [table, cols] of REQUIRED.unique) if (!has(table, cols, true)) problems.push(`missing unique constraint ${table}(${cols.join(', ')})`);

    const fkRows = (await client.query(`
      SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confrelid::regclass::text AS target, c.confdeltype AS on_delete
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f'`)).rows as { table: string; column: string; target: string; on_delete: string }[];
    for (const [table, column, target] of REQUIRED.cascades) {
      const fk = fkRows.find((r) => r.table.replace(/"/g, '') === table && r.column === column && r.target.replace(/"/g, '') === target);
      if (!fk) problems.push(`missing foreign key ${table}.${column} -> ${target}`);
      else if (fk.on_delete !== 'c') problems.push(`${table}.${column} -> ${target} does not cascade on delete`);
    }

    const triggers = (await client.query("SELECT tgname FROM pg_trigger WHERE tgrelid = '\"AuditLog\"'::regclass AND NOT tgisinternal")).rows as { tgname: string }[];
    if (!triggers.some((t) => t.tgname === 'AuditLog_append_only')) problems.push('AuditLog has no append-only trigger');
    return problems;
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  verifySchema(url).then(
    (problems) => {
      if (problems.length === 0) {
        console.log('schema OK: every model, enum, column, index, unique constraint and cascade of the brief is present');
        return;
      }
      console.error(problems.map((p) => `- ${p}`).join('\n'));
      process.exit(1);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

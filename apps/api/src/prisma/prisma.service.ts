import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@prisma/client';
import { pgConnectionFields } from '@seology/contracts';
import { Pool, types, type CustomTypesConfig } from 'pg';
import { AppConfig } from '../config/app-config';
import { dbSlowQueriesTotal, type PoolStats } from '../metrics/metrics';
import { parseUtcTimestamp } from './utc-timestamp';

const TIMESTAMP_OID = 1114;
const RAW_POOL_MAX = 10;

/**
 * Prisma stores DateTime as `timestamp(3) without time zone` holding UTC; pg would read those in the
 * process's local zone. Every other type keeps pg's parser (enums and text as strings, jsonb parsed,
 * float8 and int4 as numbers), which is what Prisma's raw queries return too.
 */
const PRISMA_COMPATIBLE_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === TIMESTAMP_OID && format !== 'binary' ? parseUtcTimestamp : types.getTypeParser(oid, format ?? 'text')) as CustomTypesConfig['getTypeParser'],
};

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  private readonly fields: ReturnType<typeof pgConnectionFields>;
  /** Connections of `rows()`, opened on first use, and again after shutdown as Prisma's own reconnect. */
  private pool: Pool | null = null;
  private readonly slowQueryMs: number;

  constructor(config: AppConfig) {
    const fields = pgConnectionFields(config.DATABASE_URL);
    super({
      adapter: new PrismaPg({ ...fields, max: 10 }),
      // Prisma's defaults (2 s to get a connection, 5 s per interactive transaction) fail short
      // transactions outright on a loaded machine ("Transaction not found"); these still bound a stuck one.
      transactionOptions: { maxWait: 10_000, timeout: 15_000 },
      // Emitted to the listener below (not printed): statements slower than DB_SLOW_QUERY_MS are counted.
      log: [{ emit: 'event', level: 'query' }],
    });
    this.fields = fields;
    this.slowQueryMs = config.DB_SLOW_QUERY_MS;
    // PrismaClient's $on is typed from its constructor's generic log options, which a subclass cannot name.
    (this as unknown as { $on(event: 'query', listener: (event: Prisma.QueryEvent) => void): void }).$on('query', (event) => {
      if (event.duration >= this.slowQueryMs) this.slowQuery('prisma', event.duration, event.query);
    });
  }

  /** The raw-statement pool's connections (none before its first statement), for the pool gauges. */
  poolStats(): PoolStats {
    const pool = this.pool;
    return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0, max: RAW_POOL_MAX };
  }

  private slowQuery(client: 'prisma' | 'raw', ms: number, text: string): void {
    dbSlowQueriesTotal.inc({ client });
    this.logger.warn({ msg: `slow ${client} statement: ${Math.round(ms)} ms (DB_SLOW_QUERY_MS=${this.slowQueryMs})`, durationMs: Math.round(ms), statement: text.slice(0, 300) });
  }

  /**
   * Runs one statement (a read, or a single-statement write such as the jobs' INSERT/UPDATE ... RETURNING)
   * on a pool of its own, without Prisma's query compiler; it is never part of a Prisma transaction. Prisma 6's client
   * engine compiles every request, $queryRaw included, in WebAssembly on the event loop (about 0.4 ms
   * for a raw statement, 2 ms for a findMany): on the hottest reads that was most of the request's CPU.
   * Values are bound parameters, exactly as with $queryRaw.
   */
  async rows<T>(sql: Prisma.Sql): Promise<T[]> {
    if (!this.pool) {
      this.pool = new Pool({ ...this.fields, max: RAW_POOL_MAX });
      // An idle connection the server ends (a restart, a failover, an administrator) is emitted on the
      // pool; unhandled, that 'error' event would end the process. The pool drops the connection and
      // opens a new one for the next statement.
      this.pool.on('error', (error) => this.logger.warn(`an idle database connection was closed by the server: ${error.message}`));
    }
    const started = performance.now();
    const result = await this.pool.query({ text: sql.text, values: sql.values, types: PRISMA_COMPATIBLE_TYPES });
    const ms = performance.now() - started;
    if (ms >= this.slowQueryMs) this.slowQuery('raw', ms, sql.text);
    return result.rows as T[];
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }
}

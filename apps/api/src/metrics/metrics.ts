import { QUEUES, type QueueName } from '@seology/contracts';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics. Each process (API, worker) has its own registry and is scraped on
 * its own; Prometheus adds the `instance` label. Counters are module-level so any code can count
 * without a dependency on Nest: the HTTP middleware, the job runner, the crawl and fix code.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'seology_' });

export const httpRequestDuration = new Histogram({
  name: 'seology_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern (never the raw URL) and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** outcome: completed, cancelled, retried (an attempt failed, another follows), failed (no attempt left). */
export type JobOutcome = 'completed' | 'cancelled' | 'retried' | 'failed';

export const jobsTotal = new Counter({
  name: 'seology_jobs_total',
  help: 'Job runs by type and outcome (completed, cancelled, retried, failed)',
  labelNames: ['type', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'seology_job_duration_seconds',
  help: 'Duration of job runs by type',
  labelNames: ['type'] as const,
  buckets: [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600],
  registers: [metricsRegistry],
});

export const crawlPagesTotal = new Counter({
  name: 'seology_crawl_pages_total',
  help: 'Pages fetched by crawls; rate() of it is the crawl throughput in pages per second',
  registers: [metricsRegistry],
});

export const fixOutcomesTotal = new Counter({
  name: 'seology_fix_outcomes_total',
  help: 'Outcomes of applying and rolling back fixes (applied, failed, skipped, rolled_back, conflict, retry_scheduled)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const fixVerificationFailuresTotal = new Counter({
  name: 'seology_fix_verification_failures_total',
  help: 'Applied fixes whose change was not found on the live page',
  registers: [metricsRegistry],
});

export const dbSlowQueriesTotal = new Counter({
  name: 'seology_db_slow_queries_total',
  help: 'Database statements slower than DB_SLOW_QUERY_MS, by client (prisma, raw)',
  labelNames: ['client'] as const,
  registers: [metricsRegistry],
});

// -- Read on scrape --------------------------------------------------------------------------

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
export type QueueCounts = Record<QueueName, Partial<Record<QueueState, number>>>;

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

let queueCounts: (() => Promise<QueueCounts>) | null = null;
let poolStats: (() => PoolStats | null) | null = null;

new Gauge({
  name: 'seology_queue_jobs',
  help: 'BullMQ jobs by queue and state, read from Redis on scrape (every process reports the same numbers: aggregate with max)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    if (!queueCounts) return;
    const counts = await queueCounts();
    for (const queue of QUEUES) {
      for (const state of QUEUE_STATES) this.set({ queue, state }, counts[queue][state] ?? 0);
    }
  },
});

new Gauge({
  name: 'seology_db_pool_connections',
  help: "Connections of the raw-statement database pool by state (total, idle, waiting: callers queued for a connection)",
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const stats = poolStats?.();
    if (!stats) return;
    this.set({ state: 'total' }, stats.total);
    this.set({ state: 'idle' }, stats.idle);
    this.set({ state: 'waiting' }, stats.waiting);
  },
});

new Gauge({
  name: 'seology_db_pool_max',
  help: 'Size limit of the raw-statement database pool',
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const stats = poolStats?.();
    if (stats) this.set(stats.max);
  },
});

/** Where queue depth is read from on scrape (the process's BullMQ queues). Returns the undo. */
export function readQueueCountsFrom(source: () => Promise<QueueCounts>): () => void {
  queueCounts = source;
  return () => {
    if (queueCounts === source) queueCounts = null;
  };
}

/** Where the database pool gauges are read from on scrape. Returns the undo. */
export function readPoolStatsFrom(source: () => PoolStats | null): () => void {
  poolStats = source;
  return () => {
    if (poolStats === source) poolStats = null;
  };
}

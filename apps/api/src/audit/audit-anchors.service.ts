import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { appendFile, readFile } from 'node:fs/promises';
import { withDeadline } from '../common/deadline';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.token';
import { AuditRepository } from './audit.repository';

/** Anchors kept in Redis: enough to catch a rewind and a rewrite of the recent tail. */
const KEEP = 1_000;
/** Appends made together (a burst, or entries inside one caller's transaction) share one anchor. */
const SETTLE_MS = 100;
/** Also re-anchored on a timer, for an entry whose transaction committed after its own anchoring ran. */
const EVERY_MS = 60_000;
const READ_TIMEOUT_MS = 1_500;

/**
 * Adds (seq, hash) to the sorted set only when seq is above every anchor already there, so the
 * anchor never moves back. Answers 1 when added, 0 when already anchored, -1 when the head offered
 * is BEHIND the newest anchor: the chain lost its newest rows.
 */
const ADVANCE = `
local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if top[2] then
  local topSeq = tonumber(top[2])
  local seq = tonumber(ARGV[1])
  if seq == topSeq then return 0 end
  if seq < topSeq then return -1 end
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1] .. ':' .. ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
return 1`;

export interface AuditAnchorSet {
  /** Anchored hash per seq, from every place that answered. */
  hashes: Map<bigint, string>;
  /** Highest anchored seq, null when no place holds an anchor. */
  top: bigint | null;
  /** Places that could not be read. */
  unreadable: string[];
}

/**
 * The head of the audit chain (seq and hash of the newest row), copied outside the database: into
 * Redis (never moving back) and, with AUDIT_ANCHOR_FILE, appended to a file. A database superuser who
 * deletes the newest rows with the trigger disabled, or rewrites the tail with recomputed hashes,
 * leaves a chain that is consistent in itself; verification compares it with these anchors.
 */
@Injectable()
export class AuditAnchors implements OnModuleDestroy {
  private readonly logger = new Logger(AuditAnchors.name);
  private readonly key: string;
  private settleTimer: NodeJS.Timeout | null = null;
  private readonly periodic: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private fileSeq = 0n;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly audit: AuditRepository,
  ) {
    this.key = `${config.QUEUE_PREFIX}:audit:anchors`;
    this.periodic = setInterval(() => this.headMoved(), EVERY_MS);
    this.periodic.unref();
  }

  /** Called after every append; anchors the committed head shortly after. Never throws. */
  headMoved(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.running = this.running.then(() => this.anchorHead()).catch((error: Error) => this.logger.warn(`audit anchor not written: ${error.message}`));
    }, SETTLE_MS);
  }

  /** Anchors now, then waits for every anchoring already under way. */
  async flush(): Promise<void> {
    if (this.settleTimer) {
      clearTimeout(this.settleTimer);
      this.settleTimer = null;
      this.running = this.running.then(() => this.anchorHead()).catch((error: Error) => this.logger.warn(`audit anchor not written: ${error.message}`));
    }
    await this.running;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.periodic);
    await this.flush();
  }

  private async anchorHead(): Promise<void> {
    const head = await this.audit.head();
    if (!head) return;
    const file = this.config.AUDIT_ANCHOR_FILE;
    const [redis] = await Promise.allSettled([
      this.redis.eval(ADVANCE, 1, this.key, head.seq.toString(), head.hash, String(KEEP)) as Promise<number>,
      file && head.seq > this.fileSeq ? appendFile(file, `${head.seq} ${head.hash} ${new Date().toISOString()}\n`, { mode: 0o600 }).then(() => {
        this.fileSeq = head.seq;
      }) : Promise.resolve(),
    ]).then((results) => {
      for (const r of results) if (r.status === 'rejected') this.logger.warn(`audit anchor not written: ${(r.reason as Error).message}`);
      return results;
    });
    if (redis.status === 'fulfilled' && redis.value === -1) {
      this.logger.error(`the audit chain's head (seq ${head.seq}) is behind its anchor in Redis: its newest rows were deleted. GET /api/audit-logs/verify says from where.`);
    }
  }

  /** Every anchor that can be read, from Redis and the anchor file. */
  async read(): Promise<AuditAnchorSet> {
    const set: AuditAnchorSet = { hashes: new Map(), top: null, unreadable: [] };
    const add = (seq: bigint, hash: string) => {
      set.hashes.set(seq, hash);
      if (set.top === null || seq > set.top) set.top = seq;
    };
    const members = await withDeadline(this.redis.zrange(this.key, '0', '-1'), READ_TIMEOUT_MS).catch(() => null);
    if (members === null) set.unreadable.push('Redis');
    for (const member of members ?? []) {
      const [seq, hash] = member.split(':');
      if (seq && hash) add(BigInt(seq), hash);
    }
    const file = this.config.AUDIT_ANCHOR_FILE;
    if (file) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : null));
      if (text === null) set.unreadable.push(file);
      for (const line of (text ?? '').split('\n')) {
        const match = /^(\d+) ([0-9a-f]{64})\b/.exec(line);
        if (match) add(BigInt(match[1]!), match[2]!);
      }
    }
    return set;
  }
}

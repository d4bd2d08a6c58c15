import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { sha256 } from '../common/crypto/tokens';
import { ApiError } from '../common/filters/http-error.filter';
import { withLimitStore } from '../rate-limit/rate-limiter.service';
import { REDIS } from '../redis/redis.module';

const WINDOW_SECONDS = 900;
const ACCOUNT_WINDOW_SECONDS = 86_400;
const KNOWN_ADDRESS_SECONDS = 30 * 86_400;
const MAX_BACKOFF_SECONDS = 900;

/**
 * Failed sign-ins counted in Redis (shared by every API process), three ways:
 * - per account and address together: guessing one account's password from one address;
 * - per address, the number of distinct accounts that failed: spraying one password over many accounts;
 * - per account from every address: past a threshold, an address that never signed in to the account
 *   waits an exponential backoff (up to 15 minutes) after the last failure. Addresses the owner signed
 *   in from before are exempt, so an attacker on many addresses slows guessing without locking the owner out.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Guessing one account from one address. */
  get perPairLimit(): number {
    return this.config.AUTH_RATE_LIMIT_PER_15_MIN;
  }

  /** Distinct accounts that may fail from one address in 15 minutes. */
  get perAddressAccounts(): number {
    return Math.max(3, Math.ceil(this.config.AUTH_RATE_LIMIT_PER_15_MIN / 2));
  }

  /** Failures on one account (all addresses, 24 h) after which unknown addresses back off. */
  get accountBackoffAfter(): number {
    return this.config.AUTH_RATE_LIMIT_PER_15_MIN * 2;
  }

  /** Throws 429 (with the seconds to wait) when this attempt must not even be checked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    const account = sha256(email);
    const replies = (await withLimitStore(this.redis, () => this.redis
      .multi()
      .get(k.pair)
      .ttl(k.pair)
      .scard(k.address)
      .sismember(k.address, account)
      .ttl(k.address)
      .hmget(k.account, 'failures', 'lastAt')
      .exists(k.known)
      .exec())) as [null, unknown][];
    const [pairCount, pairTtl, addressAccounts, addressHasAccount, addressTtl, [failures, lastAt], known] = replies.map(([, v]) => v) as [
      string | null, number, number, number, number, [string | null, string | null], number,
    ];
    if (Number(pairCount ?? 0) >= this.perPairLimit) {
      throw tooMany('Too many failed sign-ins for this account from your address.', pairTtl);
    }
    if (addressHasAccount === 0 && addressAccounts >= this.perAddressAccounts) {
      throw tooMany('Too many accounts failed to sign in from your address.', addressTtl);
    }
    const over = Number(failures ?? 0) - this.accountBackoffAfter;
    if (over >= 0 && known === 0) {
      const waitSeconds = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(over, 20));
      const remaining = Math.ceil(Number(lastAt ?? 0) / 1000 + waitSeconds - Date.now() / 1000);
      if (remaining > 0) throw tooMany('This account had many failed sign-ins; from a new address it accepts one attempt at a time.', remaining);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    await withLimitStore(this.redis, () => this.redis
      .multi()
      .incr(k.pair)
      .expire(k.pair, WINDOW_SECONDS, 'NX')
      .sadd(k.address, sha256(email))
      .expire(k.address, WINDOW_SECONDS, 'NX')
      .hincrby(k.account, 'failures', 1)
      .hset(k.account, 'lastAt', String(Date.now()))
      .expire(k.account, ACCOUNT_WINDOW_SECONDS)
      .exec());
  }

  /**
   * The address is now one the owner uses: it is exempt from the account's backoff. Best effort: the
   * password was right, so losing Redis at this moment only forgets the address.
   */
  async recordSuccess(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    await withLimitStore(this.redis, () => this.redis.multi().del(k.pair).set(k.known, '1', 'EX', KNOWN_ADDRESS_SECONDS).exec()).catch(() => undefined);
  }

  private keys(email: string, ip: string) {
    const prefix = `${this.config.QUEUE_PREFIX}:rl:signin`;
    const account = sha256(email);
    return {
      pair: `${prefix}:pair:${account}:${ip}`,
      address: `${prefix}:addr:${ip}`,
      account: `${prefix}:acct:${account}`,
      known: `${prefix}:known:${account}:${ip}`,
    };
  }
}

function tooMany(reason: string, seconds: number): ApiError {
  const retryAfterSeconds = Math.max(1, seconds);
  return new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    `${reason} Try again in ${retryAfterSeconds < 120 ? `${retryAfterSeconds} second(s)` : `${Math.ceil(retryAfterSeconds / 60)} minute(s)`}.`,
    'RATE_LIMITED',
    { retryAfterSeconds },
  );
}

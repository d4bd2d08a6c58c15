import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toNumber = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? Number(value) : value);

/**
 * The Claude settings. Part of AppConfig (validated at boot) and also read on their own, per call, by
 * proposal generation and the assistant (loadAnthropicConfig), so a key set on a running process is
 * picked up without a restart.
 */
export class AnthropicConfig {
  @IsOptional()
  @IsString()
  ANTHROPIC_API_KEY?: string;

  /** e.g. http://127.0.0.1:12114 for a local server speaking Anthropic's Messages API (tests); unset means api.anthropic.com. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'ANTHROPIC_BASE_URL must look like https://api.anthropic.com' })
  ANTHROPIC_BASE_URL?: string;

  /** The model proposals and the assistant use; unset means the default model of @seology/fixes. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'ANTHROPIC_MODEL must be a model id such as claude-sonnet-4-5' })
  ANTHROPIC_MODEL?: string;
}

/**
 * BullMQ lock settings of the worker's queues, read when the processors' decorators run (before the
 * Nest app and its AppConfig exist), so they are validated on their own too (loadJobLockConfig).
 * BullMQ's defaults (30 s each) suit production; tests that kill a worker set them lower.
 */
export class JobLockConfig extends AnthropicConfig {
  // Extends AnthropicConfig only so that AppConfig (below) can hold both groups with single inheritance.
  /** How long a job's lock lives without renewal. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'JOB_LOCK_DURATION_MS must be a whole number of milliseconds, at least 500' })
  @Min(500, { message: 'JOB_LOCK_DURATION_MS must be a whole number of milliseconds, at least 500' })
  JOB_LOCK_DURATION_MS?: number;

  /** How often stalled jobs (lock expired: the worker died) are taken back. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'JOB_STALLED_INTERVAL_MS must be a whole number of milliseconds, at least 500' })
  @Min(500, { message: 'JOB_STALLED_INTERVAL_MS must be a whole number of milliseconds, at least 500' })
  JOB_STALLED_INTERVAL_MS?: number;
}

/**
 * Every setting the processes read, validated once at boot. A missing or malformed variable stops
 * the process with a message naming it, instead of failing later in some request.
 */
export class AppConfig extends JobLockConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+\/[^/?]+/, { message: 'DATABASE_URL must look like postgresql://user@host:5432/database' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ and rate-limit key, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, - and _' })
  QUEUE_PREFIX = 'seology';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  APP_URL = 'http://localhost:3000';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * Comma-separated `keyId:base64key` pairs (32-byte keys). The first encrypts; all decrypt, so a
   * key can be rotated by putting the new one first and keeping the old one until data is re-encrypted.
   */
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]{43,44})*$/, {
    message: 'ENCRYPTION_KEYS must be keyId:base64(32 bytes)[,keyId:base64(32 bytes)...]',
  })
  ENCRYPTION_KEYS!: string;

  /** Hosts, IPs or CIDRs the SSRF guard lets through although they are private (tests and the local demo). */
  @IsString()
  SSRF_ALLOW_HOSTS = '';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_15_MIN = 20;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  JOB_BACKOFF_MS = 5000;

  /**
   * A fix whose verification and automatic revert both failed (the site went down right after the
   * write) is reverted again after REVERT_RETRY_BASE_MS, then twice as long each time up to
   * REVERT_RETRY_MAX_DELAY_MS, for REVERT_RETRY_WINDOW_MS; after that it is FAILED for a person to roll back.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REVERT_RETRY_BASE_MS = 60_000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REVERT_RETRY_MAX_DELAY_MS = 3_600_000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REVERT_RETRY_WINDOW_MS = 259_200_000;

  /** How long the worker waits for running jobs and connections to close on SIGTERM before it exits anyway. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  WORKER_SHUTDOWN_TIMEOUT_MS = 25_000;

  // -- Operations: logs and metrics (README, "Operations") -------------------------------------

  /** Lowest level written. Default: info (the API under NODE_ENV=test: warn, so test output stays readable). */
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

  /** `json` (one JSON object per line, for log collectors) or `pretty` (one readable line, for a terminal). Default: json in production, pretty otherwise. */
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';

  /**
   * Bearer token Prometheus sends to GET /metrics. Unset: the endpoint answers 404, so metrics are
   * never public by accident. At least 16 characters.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Port of the worker's own metrics endpoint (GET /metrics, same token). Unset: the worker serves no metrics. */
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'WORKER_METRICS_PORT must be a port number (1-65535)' })
  @Min(1, { message: 'WORKER_METRICS_PORT must be a port number (1-65535)' })
  @Max(65535, { message: 'WORKER_METRICS_PORT must be a port number (1-65535)' })
  WORKER_METRICS_PORT?: number;

  /** A database statement slower than this counts in seology_db_slow_queries_total and is logged (warn). */
  @Transform(toNumber)
  @IsInt({ message: 'DB_SLOW_QUERY_MS must be a whole number of milliseconds, at least 1' })
  @Min(1, { message: 'DB_SLOW_QUERY_MS must be a whole number of milliseconds, at least 1' })
  DB_SLOW_QUERY_MS = 1000;

  get logFormat(): NonNullable<AppConfig['LOG_FORMAT']> {
    return this.LOG_FORMAT ?? (this.NODE_ENV === 'production' ? 'json' : 'pretty');
  }

  /**
   * A file the API appends each new head of the audit chain to (seq and hash), besides Redis. Best on
   * storage the database's administrators cannot write, made append-only (`chattr +a`).
   */
  @IsOptional()
  @Matches(/^\//, { message: 'AUDIT_ANCHOR_FILE must be an absolute path' })
  AUDIT_ANCHOR_FILE?: string;

  /** Directory of the built dashboard, served at / when present. */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /** smtp://user:pass@host:port; without it emails are written to the worker log instead of sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://user:password@host:587' })
  SMTP_URL?: string;

  @IsString()
  EMAIL_FROM = 'Seology <no-reply@seology.local>';

  @IsOptional()
  @IsString()
  STRIPE_SECRET_KEY?: string;

  @IsOptional()
  @IsString()
  STRIPE_WEBHOOK_SECRET?: string;

  /** e.g. http://127.0.0.1:12111 to talk to a local server speaking Stripe's API (tests); unset means api.stripe.com. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'STRIPE_API_BASE must look like https://api.stripe.com' })
  STRIPE_API_BASE?: string;

  /**
   * e.g. http://127.0.0.1:12112 to talk to a local server speaking Shopify's Admin GraphQL API (tests);
   * unset means each store's own https://{shop}.myshopify.com.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'SHOPIFY_API_BASE must look like https://my-store.myshopify.com' })
  SHOPIFY_API_BASE?: string;

  /** Stripe price ids of the paid plans; a plan without a price cannot be bought through Checkout. */
  @IsOptional()
  @IsString()
  STRIPE_PRICE_STARTER?: string;

  @IsOptional()
  @IsString()
  STRIPE_PRICE_PRO?: string;

  @IsOptional()
  @IsString()
  STRIPE_PRICE_AGENCY?: string;

  /** Headless Chromium that prints reports to PDF (Debian's `chromium`); a report fails with this path named when it is missing. */
  @IsString()
  CHROMIUM_PATH = '/usr/bin/chromium';

  // -- Google Search Console (README, "Search Console") ----------------------------------------

  /** OAuth 2.0 client of type "Web application" from Google Cloud; without it sites cannot connect Search Console. */
  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_SECRET?: string;

  /**
   * e.g. http://127.0.0.1:12113 to send Google's OAuth endpoints (/o/oauth2/v2/auth, /token, /revoke) to a
   * local server speaking their wire format (tests); unset means accounts.google.com and oauth2.googleapis.com.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'GOOGLE_OAUTH_BASE must look like https://oauth2.googleapis.com' })
  GOOGLE_OAUTH_BASE?: string;

  /** e.g. http://127.0.0.1:12113 for a local server speaking the Search Console API (tests); unset means searchconsole.googleapis.com. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'SEARCH_CONSOLE_API_BASE must look like https://searchconsole.googleapis.com' })
  SEARCH_CONSOLE_API_BASE?: string;

  /** First wait after a 429 from Search Console; doubled on each further 429 of the same request (at most 4 tries). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  SEARCH_CONSOLE_BACKOFF_MS = 2000;

  /** Where Google sends the browser back after consent; Seology's callback route, registered on the OAuth client. */
  get googleRedirectUri(): string {
    return `${this.APP_URL.replace(/\/$/, '')}/api/search-console/callback`;
  }

  // -- Browser security: CORS and proxies (README, "Security") ---------------------------------

  /**
   * Comma-separated origins (e.g. `https://tools.example.com`) besides the app's own that may call the
   * API from a browser, with a bearer token or an API key. Empty: CORS stays closed.
   */
  @Matches(/^$|^https?:\/\/[^/,\s]+(\s*,\s*https?:\/\/[^/,\s]+)*$/, { message: 'CORS_ORIGINS must be a comma-separated list of origins like https://app.example.com (no path)' })
  CORS_ORIGINS = '';

  /**
   * Express's `trust proxy`: whose X-Forwarded-For / X-Forwarded-Proto to believe. `loopback` (a proxy on
   * the same machine), a hop count (`1`), addresses or CIDRs (`10.0.0.0/8,192.168.1.7`), `true` or `false`.
   */
  @Matches(/^(true|false|\d+|[A-Za-z0-9.:/_-]+(\s*,\s*[A-Za-z0-9.:/_-]+)*)$/, { message: 'TRUST_PROXY must be loopback, a hop count, addresses/CIDRs, true or false' })
  TRUST_PROXY = 'loopback';

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  }

  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true') return true;
    if (this.TRUST_PROXY === 'false') return false;
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  /** The dashboard's own origin (scheme, host, port of APP_URL). */
  get appOrigin(): string {
    try {
      return new URL(this.APP_URL).origin;
    } catch {
      return this.APP_URL;
    }
  }

  /** APP_URL is https: cookies are Secure and HSTS is sent on every answer. */
  get servedOverHttps(): boolean {
    return this.APP_URL.startsWith('https://');
  }

  get ssrfAllowHosts(): string[] {
    return this.SSRF_ALLOW_HOSTS.split(',').map((h) => h.trim()).filter(Boolean);
  }
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  return validated(AppConfig, env);
}

/** The Claude settings as they are now (read per call: a key set on a running process counts at once). */
export function loadAnthropicConfig(env: Env = process.env): AnthropicConfig {
  return validated(AnthropicConfig, env);
}

/** The worker's BullMQ lock settings, for the processors' decorators (they run before the app exists). */
export function loadJobLockConfig(env: Env = process.env): JobLockConfig {
  return validated(JobLockConfig, env);
}

function validated<T extends object>(cls: new () => T, env: Env): T {
  const raw = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(cls, raw, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const value = (raw as Record<string, unknown>)[e.property];
      const problem = value === undefined ? 'is not set' : 'is malformed';
      return `  ${e.property} ${problem}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

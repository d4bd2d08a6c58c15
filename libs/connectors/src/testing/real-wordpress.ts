import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * A throw-away real WordPress (Debian's `wordpress` package, PHP's built-in server, MariaDB) for
 * tests that must prove a behaviour against WordPress itself rather than the contract server.
 *
 * Each instance gets its own MariaDB database and user (random names, dropped by stop()), its own
 * docroot in a temp folder and a free loopback port, so several instances run at once (Jest files in
 * parallel, several instances in one file). The docroot symlinks Debian's read-only core files and
 * adds its own wp-config.php and wp-content (plugins, mu-plugins, uploads); a router script defines
 * ABSPATH before WordPress runs so that core loads this wp-config.php rather than Debian's, which
 * picks /etc/wordpress/config-<host>.php by host name without the port and so cannot tell two
 * instances on 127.0.0.1 apart (see real-wordpress/router.php). Nothing is written outside the temp
 * folder and the instance's database.
 */

export const WORDPRESS_CORE_DIR = '/usr/share/wordpress';
const PHP_DIR = join(__dirname, 'real-wordpress');
/** Debian's default theme in 6.1; WordPress falls back to it when none is set. */
const DEFAULT_THEME = 'twentytwentythree';
/** "Month and name", the structure the contract server uses. */
export const PRETTY_PERMALINKS = '/%year%/%monthnum%/%postname%/';

export type Permalinks = 'plain' | 'pretty';

export interface RealWordPressOptions {
  /** Default 'plain', WordPress's own default (the REST API is then only at /?rest_route=/). */
  permalinks?: Permalinks;
  /** Absolute paths of plugin folders, copied into wp-content/plugins and activated. */
  plugins?: string[];
  /** Absolute paths of single-file must-use plugins, copied into wp-content/mu-plugins. */
  muPlugins?: string[];
  /** Site title (Settings → General). Default "Trail Supply Co". */
  siteName?: string;
  tagline?: string;
  /** Published posts created besides "Hello world!" (default 12, more than one REST page of 10). */
  posts?: number;
  /** PHP_CLI_SERVER_WORKERS: requests served at once (default 3). */
  workers?: number;
}

export interface SeededItem {
  id: number;
  title: string;
  /** Permalink under the permalink structure at install time. */
  link: string;
}

export interface SeededImage extends SeededItem {
  /** File URL under wp-content/uploads. */
  url: string;
  /** `_wp_attachment_image_alt` at install: null when the meta row does not exist at all. */
  alt: string | null;
}

export interface SeededContent {
  /** Newest first; the first three embed the images in their content, the first has a featured image and comments. */
  posts: SeededItem[];
  /** "Sample Page", "About us", "Contact". */
  pages: SeededItem[];
  /** "Trail map" (no alt meta row), "Tent pitched" (alt set), "Camp stove" (alt meta row with ""). */
  images: SeededImage[];
  categories: Array<{ id: number; name: string; link: string }>;
  /** A comment and a reply to it, on the first post. */
  comments: Array<{ id: number; postId: number }>;
  helloWorldId: number | null;
}

export type SqlValue = string | null;
export type SqlRow = Record<string, SqlValue>;

export interface TableDump {
  primaryKey: string[];
  rows: SqlRow[];
}

export interface LoggedRequest {
  method: string;
  /** Path and query as sent. */
  uri: string;
  status: number;
}

export interface RealWordPress {
  /** Site URL, "http://127.0.0.1:PORT" (no trailing slash). */
  url: string;
  /** Administrator's login, for application-password Basic auth. */
  username: string;
  /** Application password of the administrator, as WordPress shows it (no spaces). */
  applicationPassword: string;
  adminUser: { id: number; login: string; password: string; email: string };
  database: { name: string; user: string; password: string };
  /** Instance folder (docroot/, state/, logs). */
  dir: string;
  siteName: string;
  permalinks: Permalinks;
  content: SeededContent;
  /** Install + seed time in milliseconds. */
  installMs: number;
  /** Runs one statement (`?` placeholders) on the instance's database; SELECTs return rows. */
  sql(query: string, params?: Array<string | number | null>): Promise<SqlRow[]>;
  /** Every row of each table, ordered by primary key, for before/after diffs. */
  dumpTables(tables: string[]): Promise<Record<string, TableDump>>;
  /** Runs PHP inside WordPress as the administrator (`$args` holds `args`); returns what it returns, as JSON. */
  php<T = unknown>(code: string, args?: unknown): Promise<T>;
  setPermalinks(permalinks: Permalinks): Promise<void>;
  /**
   * The next `count` requests (any URL) answer `status` instead of reaching WordPress; 'always'
   * until clearFaults().
   */
  failNextRequests(count: number | 'always', status?: number): void;
  /** Like failNextRequests, but only once the next write (POST/PUT/PATCH/DELETE) has been served. */
  failAfterNextWrite(count: number | 'always', status?: number): void;
  clearFaults(): void;
  /** Requests served so far (by the router, including faults), oldest first. */
  requests(): LoggedRequest[];
  /** Stops the PHP server: connections are refused until up(). */
  down(): Promise<void>;
  /** Starts the PHP server again on the same port. */
  up(): Promise<void>;
  /** Stops the server, drops the database and its user, deletes the folder. */
  stop(): Promise<void>;
}

/** Why a real WordPress cannot run here, or null when it can. */
export function realWordPressUnavailable(): string | null {
  if (!existsSync(join(WORDPRESS_CORE_DIR, 'wp-load.php'))) {
    return `${WORDPRESS_CORE_DIR} is missing (apt-get install wordpress php-cli php-mysql php-xml)`;
  }
  for (const bin of ['php', 'mariadb']) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
    } catch {
      return `${bin} is not installed (apt-get install wordpress php-cli php-mysql php-xml mariadb-server)`;
    }
  }
  try {
    execFileSync('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);'], { stdio: 'ignore' });
  } catch {
    return 'PHP has no mysqli extension (apt-get install php-mysql)';
  }
  try {
    execFileSync('mariadb', ['-uroot', '-e', 'SELECT 1'], { stdio: 'ignore' });
  } catch {
    return 'MariaDB does not answer as root over its socket (is mariadbd running?)';
  }
  return null;
}

/**
 * The test runner's `describe` when a real WordPress can run here, else its `describe.skip` after
 * saying why once. CI installs everything, so a skip there is a setup error worth reading. The runner's
 * `describe` is passed in, so this module needs no test runner's types (the browser tests load it too).
 */
export function describeWithRealWordPress<Describe extends { skip: Describe }>(describe: Describe): Describe {
  const reason = realWordPressUnavailable();
  if (reason === null) return describe;
  console.warn(`Skipping real WordPress tests: ${reason}`);
  return describe.skip;
}

const live = new Set<Instance>();
let exitHookInstalled = false;

/** Installs and starts a WordPress; a few seconds. */
export async function startRealWordPress(options: RealWordPressOptions = {}): Promise<RealWordPress> {
  const reason = realWordPressUnavailable();
  if (reason !== null) throw new Error(`A real WordPress cannot run here: ${reason}`);
  installExitHook();
  const instance = new Instance(options);
  live.add(instance);
  try {
    await instance.install();
  } catch (error) {
    await instance.stop();
    throw error;
  }
  return instance.handle();
}

/** Rows added, removed or changed between two dumps of the same tables, keyed by primary key. */
export interface TableDiff {
  table: string;
  key: string;
  before: SqlRow | null;
  after: SqlRow | null;
  /** Columns whose value differs (every column for added or removed rows). */
  columns: string[];
}

export function diffTableDumps(before: Record<string, TableDump>, after: Record<string, TableDump>): TableDiff[] {
  const diffs: TableDiff[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const keyOf = (dump: TableDump | undefined) => (row: SqlRow) => (dump?.primaryKey.length ? dump.primaryKey.map((k) => row[k]).join('/') : JSON.stringify(row));
    const index = (dump: TableDump | undefined) => new Map((dump?.rows ?? []).map((row) => [keyOf(dump)(row), row]));
    const was = index(before[table]);
    const now = index(after[table]);
    for (const key of new Set([...was.keys(), ...now.keys()])) {
      const a = was.get(key) ?? null;
      const b = now.get(key) ?? null;
      const columns = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].filter((c) => a === null || b === null || a[c] !== b[c]);
      if (columns.length > 0) diffs.push({ table, key, before: a, after: b, columns });
    }
  }
  return diffs;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test file that forgets stop(), or a Jest worker killed by --forceExit, must not leave PHP
  // servers and databases behind: kill synchronously on the way out.
  process.once('exit', () => {
    for (const instance of live) instance.stopSync();
  });
}

const randomName = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], input: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${basename(bin)} ${args.map((a) => basename(a)).join(' ')} failed: ${stderr.trim() || stdout.trim() || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}

const mariadbRoot = (statements: string) => run('mariadb', ['-uroot'], statements);

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Instance {
  readonly dir = mkdtempSync(join(tmpdir(), 'real-wp-'));
  readonly docroot = join(this.dir, 'docroot');
  readonly state = join(this.dir, 'state');
  readonly database = { name: randomName('wp_'), user: randomName('wpu_'), password: randomBytes(12).toString('hex') };
  readonly siteName: string;
  permalinks: Permalinks;
  port = 0;
  url = '';
  private server: ChildProcess | null = null;
  private databaseCreated = false;
  private userId = 0;
  private readonly adminPassword = randomBytes(12).toString('hex');
  private applicationPassword = '';
  private content: SeededContent | null = null;
  private installMs = 0;

  constructor(private readonly options: RealWordPressOptions) {
    this.siteName = options.siteName ?? 'Trail Supply Co';
    this.permalinks = options.permalinks ?? 'plain';
  }

  async install(): Promise<void> {
    const started = Date.now();
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.layDocroot();
    await mariadbRoot(
      `CREATE DATABASE \`${this.database.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n` +
        `CREATE USER '${this.database.user}'@'localhost' IDENTIFIED BY '${this.database.password}';\n` +
        `GRANT ALL PRIVILEGES ON \`${this.database.name}\`.* TO '${this.database.user}'@'localhost';\n`,
    );
    this.databaseCreated = true;
    const installed = await this.script<{ userId: number }>('install.php', { installing: true, siteName: this.siteName, login: 'admin', email: 'admin@example.org', password: this.adminPassword });
    this.userId = installed.userId;
    const seeded = await this.script<{ applicationPassword: string; content: SeededContent }>('seed.php', {
      userId: this.userId,
      tagline: this.options.tagline ?? 'Tents, stoves and trail advice',
      permalinkStructure: this.permalinks === 'plain' ? '' : PRETTY_PERMALINKS,
      posts: this.options.posts ?? 12,
      plugins: (this.options.plugins ?? []).map((p) => basename(p)),
    });
    this.applicationPassword = seeded.applicationPassword;
    this.content = seeded.content;
    await this.up();
    this.installMs = Date.now() - started;
  }

  private layDocroot(): void {
    mkdirSync(this.docroot);
    mkdirSync(this.state);
    for (const entry of readdirSync(WORDPRESS_CORE_DIR)) {
      if (entry === 'wp-config.php' || entry === 'wp-content' || entry === '.htaccess') continue;
      symlinkSync(join(WORDPRESS_CORE_DIR, entry), join(this.docroot, entry));
    }
    const content = join(this.docroot, 'wp-content');
    for (const sub of ['plugins', 'mu-plugins', 'themes', 'uploads', 'upgrade']) mkdirSync(join(content, sub), { recursive: true });
    symlinkSync(join(WORDPRESS_CORE_DIR, 'wp-content/themes', DEFAULT_THEME), join(content, 'themes', DEFAULT_THEME));
    for (const plugin of this.options.plugins ?? []) cpSync(plugin, join(content, 'plugins', basename(plugin)), { recursive: true });
    for (const file of this.options.muPlugins ?? []) cpSync(file, join(content, 'mu-plugins', basename(file)));
    const salt = () => randomBytes(24).toString('hex');
    const define = (name: string, value: string | boolean) => `define(${JSON.stringify(name)}, ${typeof value === 'boolean' ? String(value) : phpString(value)});`;
    writeFileSync(
      join(this.docroot, 'wp-config.php'),
      [
        '<?php',
        '// Written by the test harness for one throw-away instance (see real-wordpress.ts).',
        define('DB_NAME', this.database.name),
        define('DB_USER', this.database.user),
        define('DB_PASSWORD', this.database.password),
        define('DB_HOST', 'localhost'),
        define('DB_CHARSET', 'utf8mb4'),
        define('DB_COLLATE', ''),
        define('WP_HOME', this.url),
        define('WP_SITEURL', this.url),
        define('WP_CONTENT_DIR', content),
        // Application passwords need https unless the environment is local.
        define('WP_ENVIRONMENT_TYPE', 'local'),
        define('WP_HTTP_BLOCK_EXTERNAL', true),
        // No loopback cron requests and no update checks in the middle of a test.
        define('DISABLE_WP_CRON', true),
        define('AUTOMATIC_UPDATER_DISABLED', true),
        define('WP_AUTO_UPDATE_CORE', false),
        define('WP_DEBUG', false),
        ...['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => define(k, salt())),
        "$table_prefix = 'wp_';",
        "require_once ABSPATH . 'wp-settings.php';",
        '',
      ].join('\n'),
    );
  }

  private async script<T>(file: string, input: unknown): Promise<T> {
    const out = await run('php', [join(PHP_DIR, 'bootstrap.php'), this.docroot, this.url, join(PHP_DIR, file)], JSON.stringify(input));
    const marker = out.lastIndexOf('\n@@RESULT@@\n');
    if (marker < 0) throw new Error(`${file} printed no result: ${out.slice(0, 2000)}`);
    return JSON.parse(out.slice(marker + '\n@@RESULT@@\n'.length)) as T;
  }

  async sql(query: string, params: Array<string | number | null> = []): Promise<SqlRow[]> {
    const out = await run('php', [join(PHP_DIR, 'sql.php')], JSON.stringify({ db: this.database, query, params: params.map((p) => (typeof p === 'number' ? String(p) : p)) }));
    return (JSON.parse(out) as { rows: SqlRow[] }).rows;
  }

  async dumpTables(tables: string[]): Promise<Record<string, TableDump>> {
    const out = await run('php', [join(PHP_DIR, 'sql.php')], JSON.stringify({ db: this.database, dump: tables }));
    return JSON.parse(out) as Record<string, TableDump>;
  }

  php<T>(code: string, args: unknown = {}): Promise<T> {
    return this.script<T>('eval.php', { userId: this.userId, code, args });
  }

  async setPermalinks(permalinks: Permalinks): Promise<void> {
    await this.php("global $wp_rewrite; $wp_rewrite->set_permalink_structure($args['structure']); flush_rewrite_rules(false); return true;", { structure: permalinks === 'plain' ? '' : PRETTY_PERMALINKS });
    this.permalinks = permalinks;
  }

  private writeFault(count: number | 'always', status: number, armed: boolean): void {
    if (count !== 'always' && (!Number.isInteger(count) || count < 1)) throw new Error('count must be a positive integer or "always"');
    writeFileSync(join(this.state, 'fault.json'), JSON.stringify({ status, remaining: count === 'always' ? -1 : count, armed }));
  }

  failNextRequests(count: number | 'always', status = 503): void {
    this.writeFault(count, status, true);
  }

  failAfterNextWrite(count: number | 'always', status = 503): void {
    this.writeFault(count, status, false);
  }

  clearFaults(): void {
    rmSync(join(this.state, 'fault.json'), { force: true });
  }

  requests(): LoggedRequest[] {
    const file = join(this.state, 'requests.log');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as LoggedRequest);
  }

  async up(): Promise<void> {
    if (this.server) return;
    const log = openSync(join(this.dir, 'php-server.log'), 'a');
    const child = spawn('php', ['-S', `127.0.0.1:${this.port}`, '-t', this.docroot, join(PHP_DIR, 'router.php')], {
      // Its own process group, so that down() ends the workers it forks too.
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: String(this.options.workers ?? 3), REAL_WP_DOCROOT: this.docroot, REAL_WP_STATE: this.state },
    });
    closeSync(log);
    this.server = child;
    let exited = false;
    child.once('exit', () => {
      exited = true;
      if (this.server === child) this.server = null;
    });
    for (let waited = 0; waited < 10000; waited += 50) {
      if (exited) throw new Error(`PHP's server exited on port ${this.port}: ${readFileSync(join(this.dir, 'php-server.log'), 'utf8').slice(-2000)}`);
      if (await canConnect(this.port)) return;
      await sleep(50);
    }
    throw new Error(`PHP's server did not listen on port ${this.port} within 10 s`);
  }

  async down(): Promise<void> {
    const child = this.server;
    if (!child || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.server = null;
    // The workers share the group; wait until none still holds the port.
    for (let waited = 0; waited < 3000 && (await canConnect(this.port)); waited += 50) await sleep(50);
  }

  async stop(): Promise<void> {
    live.delete(this);
    await this.down();
    if (this.databaseCreated) {
      await mariadbRoot(`DROP DATABASE IF EXISTS \`${this.database.name}\`;\nDROP USER IF EXISTS '${this.database.user}'@'localhost';\n`);
      this.databaseCreated = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  stopSync(): void {
    if (this.server?.pid !== undefined) killGroup(this.server.pid, 'SIGKILL');
    if (this.databaseCreated) {
      try {
        execFileSync('mariadb', ['-uroot', '-e', `DROP DATABASE IF EXISTS \`${this.database.name}\`; DROP USER IF EXISTS '${this.database.user}'@'localhost';`], { stdio: 'ignore' });
      } catch {
        // Best effort on the way out; the names are random, so a leftover never collides.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  handle(): RealWordPress {
    if (!this.content) throw new Error('not installed');
    const handle: RealWordPress = {
      url: this.url,
      username: 'admin',
      applicationPassword: this.applicationPassword,
      adminUser: { id: this.userId, login: 'admin', password: this.adminPassword, email: 'admin@example.org' },
      database: { ...this.database },
      dir: this.dir,
      siteName: this.siteName,
      permalinks: this.permalinks,
      content: this.content,
      installMs: this.installMs,
      sql: (query, params) => this.sql(query, params),
      dumpTables: (tables) => this.dumpTables(tables),
      php: <T>(code: string, args?: unknown) => this.php<T>(code, args),
      setPermalinks: (p) => this.setPermalinks(p),
      failNextRequests: (count, status) => this.failNextRequests(count, status),
      failAfterNextWrite: (count, status) => this.failAfterNextWrite(count, status),
      clearFaults: () => this.clearFaults(),
      requests: () => this.requests(),
      down: () => this.down(),
      up: () => this.up(),
      stop: () => this.stop(),
    };
    // Follows setPermalinks().
    Object.defineProperty(handle, 'permalinks', { get: () => this.permalinks, enumerable: true });
    return handle;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A PHP single-quoted string literal. */
function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

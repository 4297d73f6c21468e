/**
 * The app's server: Fastify serving the built client and a JSON API over the learner's
 * SQLite database. No learner code ever runs here: cells run in the browser's Web Worker,
 * and the server only stores what the page reports.
 *
 * @example
 * const app = await buildServer({ dbPath: ':memory:', lessonsDir: 'lessons', clientDir: 'packages/app/dist' });
 * const res = await app.inject({ method: 'GET', url: '/api/curriculum' });
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Database } from 'better-sqlite3';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Catalog } from './catalog.js';
import { backupDatabase, isBusy, isDamaged } from './db/health.js';
import { Accounts } from './auth/accounts.js';
import { migratePostgres } from './db/migrate.js';
import { postgresSql, sqliteSql, type Sql } from './db/sql.js';
import { openDatabase, Store, type Quota } from './db/store.js';
import { HttpError } from './errors.js';
import { PRERENDERED_DIR } from './prerendered.js';
import { lessonRoutes } from './routes/lessons.js';
import { practiceRoutes } from './routes/practice.js';
import { progressRoutes } from './routes/progress.js';
import { addUserScope, authRoutes } from './routes/auth.js';
import { oneRequestPerTurn } from './turns.js';
import { classRoutes } from './routes/class.js';
import { runRoutes } from './routes/runs.js';
import { addSecurity } from './security.js';

export interface ServerOptions {
  /** SQLite file (created with its folder if missing), or `:memory:`; unused when `databaseUrl` is set. */
  dbPath: string;
  /** A PostgreSQL URL (`DESCENT_DATABASE_URL`): keep the data there instead, in class mode. */
  databaseUrl?: string;
  /** A PostgreSQL schema to use instead of `public` (tests isolate themselves with one). */
  postgresSchema?: string;
  /** Accounts and logins (always on with `databaseUrl`; `--class` turns it on for SQLite). */
  classMode?: boolean;
  /** In class mode, the address learners open (`https://descent.example.edu`): its host and origin are accepted. */
  publicOrigin?: string;
  /** How long a session lasts (default 7 days). */
  sessionTtlMs?: number;
  /** The `lessons/` folder with `NN-slug.md` files and `curriculum.json`. */
  lessonsDir: string;
  /** The built client (`packages/app/dist`); the API works without it. */
  clientDir: string;
  /** Log every request (the start command turns this on with --verbose); errors are logged always. */
  logger?: boolean;
  /** Where the log goes (default stdout); tests pass their own. */
  logStream?: { write(line: string): void };
  /** The address the server listens on, accepted in `Host` besides the loopback names. */
  listenHost?: string;
  /** What one learner may store (tests shrink it). */
  quota?: Partial<Quota>;
  /** How long a write waits for another process's lock before answering 503. */
  busyTimeoutMs?: number;
  /** A request not fully received in this long (a body shorter than its Content-Length, or nothing at all) gets a 408 and is closed. */
  requestTimeoutMs?: number;
  /** Copy the database to `backups/` at start (default: yes, for a file). */
  backup?: boolean;
  /** The lessons' pre-rendered outputs (default `packages/app/prerendered`, written by `npm run prerender`). */
  prerenderedDir?: string;
}

/** Largest request body: a cell of code is a few kB; 1 MB leaves room for any real one. Routes set smaller limits. */
const BODY_LIMIT = 1024 * 1024;
/**
 * A client must send its whole request within this long, or get a 408 and lose the
 * connection: it cannot hold one open by sending slowly. Node's own request timeout counts
 * only the receiving; a socket idle timeout would also count the server's own work and cut
 * off a login still waiting for its scrypt turn in a burst of logins.
 */
const REQUEST_TIMEOUT_MS = 15_000;
/** Seconds a client is told to wait when another process holds the database's write lock. */
const RETRY_AFTER_S = 1;

/** Builds the app; call `listen` to serve it, or `inject` in tests. The database closes with the app. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const classMode = options.classMode === true || options.databaseUrl !== undefined;
  const { sql, db } = await openStore(options);
  if (db !== undefined && options.dbPath !== ':memory:' && options.backup !== false) {
    try {
      await backupDatabase(db, options.dbPath);
    } catch (e) {
      db.close();
      throw new Error(`Could not back up ${options.dbPath} before starting: ${(e as Error).message}.`, { cause: e });
    }
  }
  const store = new Store(sql, options.quota);
  const accounts = classMode ? new Accounts(sql, options.sessionTtlMs) : undefined;
  // An expired session is refused anyway; deleting the rows at each start keeps the table small.
  if (accounts !== undefined) {
    await accounts.pruneSessions();
    await accounts.throttle.prune();
  }
  const catalog = new Catalog(options.lessonsDir);
  const level = options.logger === true ? 'info' : 'error';
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logStream === undefined ? { level } : { level, stream: options.logStream },
    bodyLimit: BODY_LIMIT,
    requestTimeout,
    // Node checks the timeouts every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(10, requestTimeout / 3)) },
    // Validation never coerces types: a cell's code sent as the number 42 is a client bug to
    // report, not a string to store, and an unknown field is an error rather than silently
    // dropped. It stops at the first problem: reporting all of them let one crafted body
    // cost seconds of CPU and a reply twenty times its size.
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
  });
  app.addHook('onClose', async () => sql.close());
  // SQLite answers synchronously: without this a busy server let new connections wait seconds (turns.ts).
  if (db !== undefined) oneRequestPerTurn(app);
  addSecurity(app, { ...(options.listenHost === undefined ? {} : { listenHost: options.listenHost }), ...(options.publicOrigin === undefined ? {} : { publicOrigin: options.publicOrigin }) });
  addUserScope(app, accounts);
  if (accounts !== undefined) app.decorate('accounts', accounts);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.statusCode).headers(error.headers).send({ error: error.message });
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? BODY_LIMIT;
      const hint = request.routeOptions.config?.tooLarge ?? `This request may carry at most ${(limit / 1024 / 1024).toFixed(1)} MB.`;
      return reply.status(413).send({ error: `The request is too large. ${hint}` });
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const problems = error.validation.slice(0, 1).map((v) => `${where}${v.instancePath || ''} ${v.message ?? 'is invalid'}`.trim());
      return reply.status(400).send({ error: `Invalid request: ${problems.join('; ').slice(0, 500)}.` });
    }
    if (isBusy(error)) {
      request.log.error({ err: error, reqId: request.id }, 'database busy: another process holds the write lock');
      return reply.status(503).header('retry-after', String(RETRY_AFTER_S))
        .send({ error: `The database is busy: another program (a second Descent?) is writing to it. Try again in ${RETRY_AFTER_S} s. (request ${request.id})` });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.status(status).send({ error: error.message });
    request.log.error({ err: error, reqId: request.id }, 'request failed');
    const damaged = isDamaged(error) ? ' The database file looks damaged: stop the server and start it again to check it.' : '';
    return reply.status(500).send({ error: `The server hit an unexpected error; the details are in its log under request ${request.id}.${damaged}` });
  });

  app.get('/api/health', async () => ({ ok: true }));
  await app.register(lessonRoutes, { catalog, store, prerenderedDir: options.prerenderedDir ?? PRERENDERED_DIR });
  await app.register(progressRoutes, { catalog, store });
  await app.register(practiceRoutes, { store, lessonsDir: options.lessonsDir, dbPath: options.dbPath });
  await app.register(runRoutes, { store });
  await app.register(authRoutes, accounts === undefined ? {} : { accounts, secureCookie: options.publicOrigin?.startsWith('https:') ?? false });
  if (accounts !== undefined) await app.register(classRoutes, { sql, catalog });

  const index = join(options.clientDir, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: options.clientDir,
      // Look files up per request (not once at start), so a rebuilt client is served at once.
      wildcard: true,
      index: false,
      setHeaders: (reply, path) => {
        // Vite puts a content hash in every asset name, so assets never change under one name.
        if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        else reply.header('cache-control', 'no-cache');
      },
    });
    app.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }

  // The client routes (/, /lessons/..., /play/...) are all the single page; unknown API
  // paths and assets get a JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path);
    if (!isPage) return reply.status(404).send({ error: `No route ${request.method} ${path}.` });
    if (!existsSync(index)) {
      return reply.status(503).type('text/plain').send(`The app's client is not built (no ${index}). Start the app with \`npm start\`, which builds it.`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

/** The database the options name: PostgreSQL (migrated) for a URL, else the SQLite file. */
async function openStore(options: ServerOptions): Promise<{ sql: Sql; db?: Database }> {
  if (options.databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error(`DESCENT_DATABASE_URL must be a PostgreSQL URL, postgresql://user:password@host:5432/database; got one starting "${options.databaseUrl.split('//')[0]}//". Unset it to use the SQLite file.`);
    }
    const sql = postgresSql(options.databaseUrl, options.postgresSchema === undefined ? {} : { schema: options.postgresSchema });
    try {
      // Two instances starting together may both create it: the loser's "already exists" is fine.
      if (options.postgresSchema !== undefined) {
        await sql.run(`CREATE SCHEMA IF NOT EXISTS ${options.postgresSchema}`).catch((e: { code?: string }) => {
          if (e.code !== '23505' && e.code !== '42P06') throw e;
        });
      }
      await migratePostgres(sql);
    } catch (e) {
      await sql.close();
      const where = options.databaseUrl.replace(/\/\/[^@/]*@/, '//');
      const hint = (e as { code?: string }).code === 'ECONNREFUSED' || (e as { code?: string }).code === 'ENOTFOUND'
        ? ' Is PostgreSQL running on that host and port (on Debian: pg_ctlcluster 15 main start)?'
        : ' Check the user, password and database name in the URL, and that the user may create tables.';
      throw new Error(`Cannot use the PostgreSQL database at ${where} (DESCENT_DATABASE_URL): ${(e as Error).message}.${hint}`, { cause: e });
    }
    return { sql };
  }
  const db = openDatabase(options.dbPath, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  return { sql: sqliteSql(db), db };
}

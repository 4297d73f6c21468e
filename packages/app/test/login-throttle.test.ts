/**
 * The login throttle of class mode, on SQLite and on PostgreSQL (DESCENT_TEST_PG_URL;
 * required under CI=true): the policy's numbers on a fake clock, concurrent attempts from
 * two "instances" (two connections to one database), and the API's 429 with Retry-After,
 * the same for an account that exists and one that does not.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Accounts } from '../src/server/auth/accounts.js';
import { LOGIN_POLICY, LoginThrottle, lockMs, throttledMessage } from '../src/server/auth/throttle.js';
import { migratePostgres } from '../src/server/db/migrate.js';
import { postgresSql, sqliteSql, type Sql } from '../src/server/db/sql.js';
import { openDatabase } from '../src/server/db/store.js';
import { buildServer, type ServerOptions } from '../src/server/index.js';
import { FIXTURE_LESSONS, tempDir } from './helpers.js';
import { dropSchema, PG_MISSING, PG_REQUIRED, PG_URL, testSchema } from './pg.js';

const tmp = tempDir('descent-throttle-');
const opened: Sql[] = [];
const apps: FastifyInstance[] = [];
const schemas: string[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const sql of opened) await sql.close();
  for (const s of schemas) await dropSchema(PG_URL!, s);
  tmp.cleanup();
});

interface Backend {
  name: string;
  /** Two connections to one fresh database, as two app instances would have. */
  open(): Promise<[Sql, Sql]>;
  server(): ServerOptions;
}
const base = (): ServerOptions => ({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client'), classMode: true });
let files = 0;
const backends: Backend[] = [{
  name: 'SQLite',
  open: async () => {
    // One connection for both: several instances on one SQLite file are not a setup the app
    // supports (class mode across instances is PostgreSQL's), and two connections in one
    // process would wait on each other's lock synchronously.
    const a = sqliteSql(openDatabase(':memory:'));
    opened.push(a);
    return [a, a];
  },
  server: () => ({ ...base(), dbPath: join(tmp.dir, `s-${files++}.db`), backup: false }),
}];
if (PG_URL !== undefined) {
  const url = PG_URL;
  const schema = () => {
    const s = testSchema('app_throttle');
    schemas.push(s);
    return s;
  };
  backends.push({
    name: 'PostgreSQL',
    open: async () => {
      const s = schema();
      const a = postgresSql(url, { schema: s, max: 4 });
      const b = postgresSql(url, { schema: s, max: 4 });
      opened.push(a, b);
      await a.run(`CREATE SCHEMA ${s}`);
      await migratePostgres(a);
      return [a, b];
    },
    server: () => ({ ...base(), databaseUrl: url, postgresSchema: schema() }),
  });
}

it('has PostgreSQL to test against under CI', () => {
  if (PG_REQUIRED) expect(PG_URL, PG_MISSING).toBeTruthy();
});

it('locks for 1, 2, 4, 8 minutes, then at most 15', () => {
  expect([1, 4, 5, 6, 7, 8, 9, 10, 50].map((f) => lockMs(f) / 60_000)).toEqual([0, 0, 1, 2, 4, 8, 15, 15, 15]);
  expect(LOGIN_POLICY).toEqual({ threshold: 5, forgetMs: 3_600_000, firstLockMs: 60_000, maxLockMs: 900_000 });
  const msg = throttledMessage({ retryAt: new Date(Date.UTC(2026, 0, 1, 13, 46, 30)), retryAfterS: 90 });
  expect(msg).toBe('Too many failed logins for this username. Try again in 2 min (at 13:47 UTC).');
});

describe.each(backends)('the login throttle on $name', (backend) => {
  it('counts failures per username, locks after the fifth, doubles the lock, forgets after an hour', async () => {
    const [sql] = await backend.open();
    let now = Date.UTC(2026, 0, 5, 9);
    const t = new LoginThrottle(sql, LOGIN_POLICY, () => now);
    for (let i = 0; i < 5; i++) expect(await t.attempt('Ada')).toBeUndefined(); // 5 tries, all wrong
    expect(await t.attempt('bob')).toBeUndefined(); // another name has its own count
    expect(await t.attempt(' ada ')).toEqual({ retryAt: new Date(now + 60_000), retryAfterS: 60 });
    now += 59_500;
    expect((await t.attempt('ada'))?.retryAfterS).toBe(1);
    now += 500; // the lock is over: one more try, which fails and locks for 2 minutes
    expect(await t.attempt('ada')).toBeUndefined();
    expect((await t.attempt('ada'))?.retryAfterS).toBe(120);
    for (const minutes of [2, 4, 8, 15]) {
      now += minutes * 60_000;
      expect(await t.attempt('ada')).toBeUndefined();
    }
    expect((await t.attempt('ada'))?.retryAfterS).toBe(900); // capped at 15 minutes
    now += 15 * 60_000 + 60 * 60_000; // an hour with no failures: forgotten
    for (let i = 0; i < 5; i++) expect(await t.attempt('ada')).toBeUndefined();
    expect(await t.attempt('ada')).toBeDefined();
    expect(await t.prune()).toBe(1); // bob, idle for more than an hour
    now += 2 * 60 * 60_000;
    expect(await t.prune()).toBe(1); // ada
  });

  it('clears the count on a correct password', async () => {
    const [sql] = await backend.open();
    const t = new LoginThrottle(sql);
    for (let i = 0; i < 4; i++) await t.attempt('ada');
    await t.succeeded('ADA');
    for (let i = 0; i < 5; i++) expect(await t.attempt('ada')).toBeUndefined();
    expect(await t.attempt('ada')).toBeDefined();
  });

  it('lets exactly five of 24 concurrent attempts through, across two instances (PostgreSQL) or one', async () => {
    const [a, b] = await backend.open();
    const ta = new LoginThrottle(a);
    const tb = new LoginThrottle(b);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? ta : tb).attempt('ada')));
    expect(results.filter((r) => r === undefined)).toHaveLength(5);
  });

  it('answers 429 with Retry-After, the same for an account that exists and one that does not', async () => {
    const options = backend.server();
    const app = await buildServer(options);
    apps.push(app);
    const accounts = (app as unknown as { accounts: Accounts }).accounts;
    await accounts.createUser('ada', 'ada\'s long password', 'learner');
    const login = (username: string, password: string) => app.inject({
      method: 'POST', url: '/api/auth/login', headers: { host: '127.0.0.1' }, payload: { username, password },
    });
    for (const name of ['ada', 'nobody']) {
      for (let i = 0; i < 5; i++) {
        const r = await login(name, 'a wrong password');
        expect([r.statusCode, r.json()]).toEqual([401, { error: 'Wrong username or password.' }]);
      }
    }
    const answers = [await login('ada', 'a wrong password'), await login('ada', 'ada\'s long password'), await login('nobody', 'a wrong password')];
    for (const r of answers) {
      expect(r.statusCode).toBe(429);
      // The first lock is a minute, on the real clock, which runs on between the lock and the
      // answer (a few seconds on a slow CI machine): the message says what Retry-After says.
      const retryAfter = Number(r.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const wait = retryAfter === 60 ? '1 min' : `${retryAfter} s`;
      expect(r.json().error).toMatch(new RegExp(`^Too many failed logins for this username\\. Try again in ${wait} \\(at \\d\\d:\\d\\d UTC\\)\\.$`));
    }
    expect(Object.keys(answers[0]!.headers).sort()).toEqual(Object.keys(answers[2]!.headers).sort());
    // The lock is in the database: a second instance on it refuses too.
    const other = await buildServer(options);
    apps.push(other);
    const r = await other.inject({ method: 'POST', url: '/api/auth/login', headers: { host: '127.0.0.1' }, payload: { username: 'ada', password: 'ada\'s long password' } });
    expect(r.statusCode).toBe(429);
    // Once the lock has passed, the right password logs in and clears the count.
    await accounts.sql.run('UPDATE login_throttle SET locked_until = ?', [new Date(Date.now() - 1000).toISOString()]);
    expect((await login('ada', 'ada\'s long password')).statusCode).toBe(200);
    expect(await accounts.sql.get('SELECT * FROM login_throttle WHERE username = ?', ['ada'])).toBeUndefined();
  });
});

/**
 * Class mode through the API: nothing without a session, sign-up by invite, every learner's
 * work kept apart, the instructor's class page, the Host and Origin rules for a public
 * origin, and no state in the process (log in through instance A, use the session on B).
 * On SQLite (--class) and on PostgreSQL (DESCENT_TEST_PG_URL; required under CI=true).
 */
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/index.js';
import type { ClassProgressView } from '../src/server/routes/class.js';
import { classServers } from './class-servers.js';
import { FIXTURE_LESSONS } from './helpers.js';
import { PG_MISSING, PG_REQUIRED, PG_URL } from './pg.js';

const ORIGIN = 'https://descent.example.edu';
const { tmp, backends, start, base } = classServers('class', (dir) => ({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(dir, 'no-client'), classMode: true, publicOrigin: ORIGIN }));

/** A client that keeps the session cookie, like a browser. */
function client(app: FastifyInstance) {
  let cookie: string | undefined;
  const call = async (method: InjectOptions['method'], url: string, payload?: object) => {
    const res = await app.inject({
      method, url, headers: { host: '127.0.0.1', ...(cookie ? { cookie } : {}), ...(payload === undefined && method !== 'GET' ? { 'x-descent-client': '1' } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });
    const set = res.headers['set-cookie'];
    if (typeof set === 'string') cookie = set.split(';')[0];
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, setCookie: set as string | undefined };
  };
  return { call, get cookie() { return cookie; }, set cookie(c) { cookie = c; }, use: (other: FastifyInstance) => { app = other; } };
}

it('names a bad DESCENT_DATABASE_URL and how to fix it', async () => {
  await expect(buildServer({ ...base(), databaseUrl: 'mysql://u:secret@db/x' })).rejects.toThrow(/DESCENT_DATABASE_URL must be a PostgreSQL URL, postgresql:\/\/user:password@host:5432\/database; got one starting "mysql:\/\/"/);
  // Port 1 refuses connections: the message hides the password and says what to check.
  const refused = buildServer({ ...base(), databaseUrl: 'postgresql://u:secret@127.0.0.1:1/x' });
  await expect(refused).rejects.toThrow(/Cannot use the PostgreSQL database at postgresql:\/\/127\.0\.0\.1:1\/x .*ECONNREFUSED.*Is PostgreSQL running/);
  await expect(refused).rejects.not.toThrow(/secret/);
});

it('has PostgreSQL to test against under CI', () => {
  if (PG_REQUIRED) expect(PG_URL, PG_MISSING).toBeTruthy();
});

describe.each(backends)('class mode on $name', (backend) => {
  it('logs in, keeps learners apart, and shows the instructor the class', async () => {
    const app = await start(backend.options());
    await app.accounts.createUser('teacher', 'the teacher password', 'instructor');
    const anon = client(app);
    expect((await anon.call('GET', '/api/auth/me')).body).toEqual({ mode: 'class', user: null });
    expect((await anon.call('GET', '/api/curriculum')).status).toBe(401);
    expect((await anon.call('POST', '/api/auth/login', { username: 'teacher', password: 'wrong password!' })).status).toBe(401);

    const teacher = client(app);
    const login = await teacher.call('POST', '/api/auth/login', { username: 'teacher', password: 'the teacher password' });
    expect(login.status).toBe(200);
    expect(login.setCookie).toMatch(/^descent_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=604800; Secure$/);
    const { code } = (await teacher.call('POST', '/api/class/invites', { uses: 2 })).body as { code: string };

    const ada = client(app), bob = client(app);
    expect((await ada.call('POST', '/api/auth/signup', { invite: code, username: 'ada', password: 'ada\'s long password' })).status).toBe(200);
    expect((await bob.call('POST', '/api/auth/signup', { invite: code, username: 'bob', password: 'bob\'s long password' })).status).toBe(200);
    expect((await client(app).call('POST', '/api/auth/signup', { invite: code, username: 'cy', password: 'cy\'s long password' })).status).toBe(403);
    expect((await ada.call('GET', '/api/auth/me')).body).toMatchObject({ mode: 'class', user: { username: 'ada', role: 'learner' } });

    // Ada runs both cells and solves the exercise of 01-mean; Bob only edits a cell.
    await ada.call('POST', '/api/lessons/01-mean/visit');
    await ada.call('POST', '/api/lessons/01-mean/cells/1/runs');
    await ada.call('POST', '/api/lessons/01-mean/cells/2/runs');
    const solved = await ada.call('POST', '/api/lessons/01-mean/exercises/mean/attempts', { code: 'ok', passed: true, tests: [{ name: 't', passed: true }] });
    expect(solved.body.state).toMatchObject({ completedAt: expect.any(String) });
    await bob.call('PUT', '/api/lessons/01-mean/cells/1/edit', { code: 'bob was here' });
    const bobView = (await bob.call('GET', '/api/lessons/01-mean')).body as { state: { cellsRun: number[]; edits: { code: string }[] } };
    expect(bobView.state.cellsRun).toEqual([]);
    expect(bobView.state.edits.map((e) => e.code)).toEqual(['bob was here']);
    expect(((await ada.call('GET', '/api/lessons/01-mean')).body as typeof bobView).state.edits).toEqual([]);
    const review = await bob.call('GET', '/api/practice/summary');
    expect(review.status).toBe(200);

    expect((await ada.call('GET', '/api/class/progress')).status).toBe(403);
    expect((await ada.call('POST', '/api/class/invites', {})).status).toBe(403);
    const view = (await teacher.call('GET', '/api/class/progress')).body as unknown as ClassProgressView;
    expect(view.lessons.map((l) => l.id)).toEqual(['01-mean', '02-tables']);
    expect(view.learners.map((l) => l.username)).toEqual(['ada', 'bob']);
    expect(view.learners[0]!.lessons['01-mean']).toEqual({ cellsRun: 2, exercisesSolved: 1, completed: true });
    expect(view.learners[0]!.lessonsCompleted).toBe(1);
    expect(view.learners[1]!.lessons['01-mean']).toBeUndefined();

    expect((await ada.call('POST', '/api/auth/logout')).setCookie).toMatch(/^descent_session=; .*Max-Age=0/);
    expect((await ada.call('GET', '/api/curriculum')).status).toBe(401);
  });

  it('deletes expired sessions when an instance starts', async () => {
    const options = backend.options();
    const a = await start({ ...options, sessionTtlMs: 1 });
    await a.accounts.createUser('ada', 'ada\'s long password', 'learner');
    await a.accounts.login('ada', 'ada\'s long password');
    const sessions = async () => (await a.accounts.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions'))!.n;
    expect(await sessions()).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    await start(options); // another instance (or a restart) on the same database
    expect(await sessions()).toBe(0);
  });

  it('answers the public origin\'s host, and takes writes only from that origin', async () => {
    const app = await start(backend.options());
    const req = (host: string, origin?: string) => app.inject({
      method: 'POST', url: '/api/auth/login', headers: { host, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      payload: { username: 'nobody', password: 'nothing at all' },
    });
    expect((await req('descent.example.edu', ORIGIN)).statusCode).toBe(401); // reached the route
    expect((await req('descent.example.edu')).statusCode).toBe(401);
    expect((await req('evil.example', ORIGIN)).statusCode).toBe(403);
    expect((await req('descent.example.edu', 'https://evil.example')).statusCode).toBe(403);
    expect((await req('descent.example.edu', 'http://descent.example.edu')).statusCode).toBe(403); // not the configured scheme
  });
});

describe.runIf(PG_URL !== undefined)('several instances on one PostgreSQL', () => {
  it('keeps no state in the process: a session from instance A works on instance B', async () => {
    const options = backends.find((b) => b.name === 'PostgreSQL')!.options();
    const [a, b] = await Promise.all([start(options), start(options)]); // both migrate at once: the advisory lock
    await a.accounts.createUser('ada', 'ada\'s long password', 'learner');
    const ada = client(a);
    expect((await ada.call('POST', '/api/auth/login', { username: 'ada', password: 'ada\'s long password' })).status).toBe(200);
    await ada.call('POST', '/api/lessons/01-mean/cells/1/runs');
    ada.use(b);
    expect((await ada.call('GET', '/api/auth/me')).body).toMatchObject({ user: { username: 'ada' } });
    expect(((await ada.call('GET', '/api/lessons/01-mean')).body as { state: { cellsRun: number[] } }).state.cellsRun).toEqual([1]);
    await ada.call('POST', '/api/lessons/01-mean/cells/2/runs');
    await ada.call('POST', '/api/auth/logout');
    ada.use(a);
    expect((await ada.call('GET', '/api/curriculum')).status).toBe(401); // logged out on B, so out on A too
  });
});

describe('one-person mode', () => {
  it('needs no login, and has no class pages', async () => {
    const app = await start({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client') });
    const me = client(app);
    expect((await me.call('GET', '/api/auth/me')).body).toEqual({ mode: 'single', user: null });
    expect((await me.call('GET', '/api/curriculum')).status).toBe(200);
    expect((await me.call('GET', '/api/class/progress')).status).toBe(404);
    expect((await me.call('POST', '/api/auth/login', { username: 'a', password: 'b' })).status).toBe(404);
  });
});

/**
 * Password resets in class mode, through the API on SQLite and PostgreSQL
 * (DESCENT_TEST_PG_URL): an instructor makes a one-time code for a learner who forgot their
 * password; the learner sets a new one with it and is logged in. The code works once and
 * expires; a newer code replaces an older one; the old password and the old sessions stop
 * working; the learner's failed logins are forgotten; learners cannot make codes.
 */
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../src/server/auth/accounts.js';
import { LOGIN_POLICY } from '../src/server/auth/throttle.js';
import { classServers } from './class-servers.js';
import { FIXTURE_LESSONS } from './helpers.js';

const { backends, start } = classServers('resets', (dir) => ({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(dir, 'no-client'), classMode: true }));

/** A client that keeps its session cookie, like a browser. */
function client(app: FastifyInstance) {
  let cookie: string | undefined;
  return async (method: InjectOptions['method'], url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { host: '127.0.0.1', ...(cookie ? { cookie } : {}) }, ...(payload === undefined ? {} : { payload }) });
    const set = res.headers['set-cookie'];
    if (typeof set === 'string') cookie = set.split(';')[0];
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { error?: string } };
  };
}

describe.each(backends)('password resets on $name', (backend) => {
  it('an instructor\'s code lets a learner choose a new password, once', async () => {
    const app = await start(backend.options()) as FastifyInstance & { accounts: Accounts };
    await app.accounts.createUser('teach', 'the teacher password', 'instructor');
    await app.accounts.createUser('ada', 'ada\'s old password', 'learner');
    const teacher = client(app), ada = client(app), stranger = client(app), laptop = client(app);
    expect((await teacher('POST', '/api/auth/login', { username: 'teach', password: 'the teacher password' })).status).toBe(200);
    expect((await laptop('POST', '/api/auth/login', { username: 'ada', password: 'ada\'s old password' })).status).toBe(200);
    expect((await laptop('GET', '/api/runs')).status).toBe(200);

    // Ada forgot her password and has failed a few times (one short of the lock).
    for (let i = 0; i < LOGIN_POLICY.threshold - 1; i++) expect((await ada('POST', '/api/auth/login', { username: 'ada', password: 'a wrong guess!' })).status).toBe(401);

    // Only an instructor makes codes, only for accounts that exist; a newer code replaces an older one.
    expect((await laptop('POST', '/api/class/password-resets', { username: 'ada' })).status).toBe(403);
    expect(await teacher('POST', '/api/class/password-resets', { username: 'nobody' })).toMatchObject({ status: 404, body: { error: 'No account is called "nobody".' } });
    const first = await teacher('POST', '/api/class/password-resets', { username: 'ada' });
    const second = await teacher('POST', '/api/class/password-resets', { username: 'Ada' });
    expect(second.status).toBe(200);
    const code = String(second.body.code);
    expect(code).toMatch(/^[\w-]{43}$/);
    expect(Date.parse(String(second.body.expiresAt)) - Date.now()).toBeGreaterThan(23 * 3600e3);

    const refused = { status: 403, body: { error: 'That password-reset code is unknown, already used or expired. Ask your instructor for a new one.' } };
    expect(await stranger('POST', '/api/auth/reset', { code: String(first.body.code), password: 'a brand new password' })).toMatchObject(refused);
    expect(await ada('POST', '/api/auth/reset', { code, password: 'short' })).toMatchObject({ status: 400, body: { error: 'A password needs at least 10 characters.' } });
    // The short password did not use the code up.
    expect(await ada('POST', '/api/auth/reset', { code, password: 'ada\'s new password' })).toMatchObject({ status: 200, body: { user: { username: 'ada', role: 'learner' } } });
    expect((await ada('GET', '/api/runs')).status).toBe(200);
    expect(await stranger('POST', '/api/auth/reset', { code, password: 'somebody else\'s password' })).toMatchObject(refused);

    // The old password and the other device's session no longer work; the new password does,
    // and the failures before the reset were forgotten (the lock comes after LOGIN_POLICY.threshold failures).
    expect((await laptop('GET', '/api/runs')).status).toBe(401);
    expect((await stranger('POST', '/api/auth/login', { username: 'ada', password: 'ada\'s old password' })).status).toBe(401);
    for (let i = 0; i < LOGIN_POLICY.threshold - 2; i++) expect((await stranger('POST', '/api/auth/login', { username: 'ada', password: 'another wrong guess' })).status).toBe(401);
    expect((await laptop('POST', '/api/auth/login', { username: 'ada', password: 'ada\'s new password' })).status).toBe(200);
  });

  it('an expired code is refused, and a reset without a code is a 400', async () => {
    const app = await start(backend.options()) as FastifyInstance & { accounts: Accounts };
    await app.accounts.createUser('bo', 'bo\'s old password', 'learner');
    const { code } = await app.accounts.createPasswordReset('bo', null, -1);
    const bo = client(app);
    expect((await bo('POST', '/api/auth/reset', { code, password: 'bo\'s new password' })).status).toBe(403);
    expect((await bo('POST', '/api/auth/reset', { password: 'bo\'s new password' })).status).toBe(400);
    expect((await bo('POST', '/api/auth/login', { username: 'bo', password: 'bo\'s old password' })).status).toBe(200);
  });
});

/**
 * Killing the class-mode server on PostgreSQL mid-write loses nothing it acknowledged: the
 * kill -9 test of crash.test.ts, for a logged-in learner, with the data in PostgreSQL
 * (DESCENT_TEST_PG_URL; required under CI=true). In the slow group: two server starts.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../src/server/auth/accounts.js';
import { migratePostgres } from '../src/server/db/migrate.js';
import { postgresSql } from '../src/server/db/sql.js';
import { startServerProcess, tempDir } from './helpers.js';
import { dropSchema, PG_MISSING, PG_REQUIRED, PG_URL, testSchema } from './pg.js';

const tmp = tempDir('descent-crash-pg-');
const pgSchema = testSchema('app_crash');
afterAll(async () => {
  tmp.cleanup();
  if (PG_URL !== undefined) await dropSchema(PG_URL, pgSchema);
});

let cookie = '';

async function request(url: string, method: string, body: unknown): Promise<boolean> {
  try {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    return res.status === 200;
  } catch {
    return false; // the connection died with the server: not acknowledged
  }
}

describe.runIf(PG_URL !== undefined || PG_REQUIRED)('crash safety on PostgreSQL', () => {
  it('keeps every acknowledged write of a logged-in learner when the server is killed mid-write', async () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
    // The schema travels in the URL (libpq's options parameter), as a deployment may set it too.
    const url = `${PG_URL!}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`;
    const sql = postgresSql(url);
    await sql.run(`CREATE SCHEMA ${pgSchema}`);
    await migratePostgres(sql);
    const userId = await new Accounts(sql).createUser('ada', 'ada\'s long password', 'learner');
    const acknowledged: string[] = [];
    for (let round = 0; round < 2; round++) {
      const { child, url: app } = await startServerProcess(join(tmp.dir, 'unused.db'), { DESCENT_DATABASE_URL: url });
      const exited = new Promise((r) => child.once('exit', r));
      if (round === 0) {
        const res = await fetch(`${app}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password: 'ada\'s long password' }) });
        cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      }
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const code = `round ${round} writer ${w} attempt ${i}`;
          if (await request(`${app}/api/lessons/01-mean/exercises/mean/attempts`, 'POST', { code, passed: false, tests: [] })) acknowledged.push(code);
          else return;
        }
      };
      const writers = [0, 1, 2].map(writer);
      const before = acknowledged.length;
      while (acknowledged.length < before + 40) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      await exited;
      stop = true;
      await Promise.all(writers);
    }
    const stored = new Set((await sql.all<{ code: string }>('SELECT code FROM exercise_attempts WHERE user_id = ?', [userId])).map((r) => r.code));
    expect(acknowledged.length).toBeGreaterThanOrEqual(80);
    expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
    await sql.close();
  }, 120_000);
});

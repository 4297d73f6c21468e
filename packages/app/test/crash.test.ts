/**
 * Killing the server mid-write loses nothing it acknowledged. The real start command runs as
 * a child process; several clients write as fast as they can (exercise attempts, and edits
 * to the same cells one after another); the server is killed with SIGKILL while writes are in
 * flight; then the database is opened again and every acknowledged write must be in it.
 * The same test against PostgreSQL (class mode) is crash-postgres.slow.test.ts.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/store.js';
import { startServerProcess, tempDir } from './helpers.js';

const tmp = tempDir('descent-crash-');
const dbPath = join(tmp.dir, 'descent.db');
afterAll(() => tmp.cleanup());

async function request(url: string, method: string, body: unknown): Promise<boolean> {
  try {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.status === 200;
  } catch {
    return false; // the connection died with the server: not acknowledged
  }
}

describe('crash safety', () => {
  it('keeps every acknowledged write when the server is killed mid-write, three times over', async () => {
    const acknowledgedAttempts: string[] = [];
    // Per cell, the code of each acknowledged edit in order, and the one in flight when killed.
    const lastEdit = new Map<number, { acked?: string; inFlight?: string }>();

    for (let round = 0; round < 3; round++) {
      const { child, url } = await startServerProcess(dbPath);
      const exited = new Promise((r) => child.once('exit', r));
      let stop = false;

      const attemptWriter = async (writer: number) => {
        for (let i = 0; !stop; i++) {
          const code = `round ${round} writer ${writer} attempt ${i}`;
          const ok = await request(`${url}/api/lessons/01-mean/exercises/mean/attempts`, 'POST', { code, passed: false, tests: [{ name: 't', passed: false, error: 'no' }] });
          if (ok) acknowledgedAttempts.push(code);
          else return;
        }
      };
      const editWriter = async (cell: number) => {
        for (let i = 0; !stop; i++) {
          const code = `// round ${round} edit ${i} of cell ${cell}`;
          const state = lastEdit.get(cell) ?? {};
          state.inFlight = code;
          lastEdit.set(cell, state);
          const ok = await request(`${url}/api/lessons/01-mean/cells/${cell}/edit`, 'PUT', { code });
          if (!ok) return;
          state.acked = code;
          state.inFlight = undefined;
        }
      };
      const writers = [0, 1, 2].map(attemptWriter).concat([1, 2].map(editWriter));
      // Let the writes get going, then kill the server without warning.
      const before = acknowledgedAttempts.length;
      while (acknowledgedAttempts.length < before + 40) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      await exited;
      stop = true;
      await Promise.all(writers);
    }

    // Reopening runs SQLite's recovery of the write-ahead log, as a restart would.
    const db = openDatabase(dbPath);
    const stored = new Set((db.prepare('SELECT code FROM exercise_attempts').all() as { code: string }[]).map((r) => r.code));
    const missing = acknowledgedAttempts.filter((c) => !stored.has(c));
    expect(acknowledgedAttempts.length).toBeGreaterThanOrEqual(120);
    expect(missing).toEqual([]);
    for (const [cell, { acked, inFlight }] of lastEdit) {
      const row = db.prepare('SELECT code FROM cell_edits WHERE lesson_id = ? AND cell_index = ?').get('01-mean', cell) as { code: string } | undefined;
      // The last acknowledged edit, or the one sent after it whose answer the kill cut off.
      expect([acked, inFlight].filter((c) => c !== undefined)).toContain(row?.code);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    // And the restarted server serves what is stored.
    const { child, url } = await startServerProcess(dbPath);
    try {
      const lesson = await (await fetch(`${url}/api/lessons/01-mean`)).json() as { state: { edits: { cell: number; code: string }[] } };
      const reader = new BetterSqlite3(dbPath, { readonly: true });
      const rows = reader.prepare("SELECT cell_index AS cell, code FROM cell_edits WHERE lesson_id = '01-mean' ORDER BY cell_index").all();
      reader.close();
      expect(lesson.state.edits.map((e) => ({ cell: e.cell, code: e.code }))).toEqual(rows);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});

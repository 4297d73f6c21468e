/**
 * `descent practice` in a scripted terminal session: the real command is spawned, keys are
 * sent to it, and what it prints and stores is checked. Then kill -9 mid-session: every
 * rating the command acknowledged ("✓ saved <id>") must be in the database afterwards.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const DESCENT = fileURLToPath(new URL('../../lessons/bin/descent.mjs', import.meta.url));
const tmp = tempDir('descent-practice-cli-');
afterAll(() => tmp.cleanup());

/** A running `descent practice` with its output so far and a way to wait for more. */
function start(args: string[]) {
  const child = spawn(process.execPath, [DESCENT, 'practice', ...args], { stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    exited,
    output: () => out,
    /** Resolves once `pattern` has matched `count` times in the output. */
    waitFor(pattern: RegExp, count = 1, timeoutMs = 30_000): Promise<void> {
      const global = new RegExp(pattern.source, 'g');
      const done = () => (out.match(global) ?? []).length >= count;
      if (done()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern} ×${count}. Output:\n${out.slice(-2000)}`)), timeoutMs);
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      });
    },
  };
}

const reviews = (db: string) => {
  const conn = new BetterSqlite3(db, { readonly: true });
  const rows = conn.prepare('SELECT question_id, rating, mode FROM practice_reviews ORDER BY id').all() as { question_id: string; rating: number; mode: string }[];
  conn.close();
  return rows.map((r) => ({ id: r.question_id, rating: r.rating, mode: r.mode }));
};

describe('descent practice in a terminal', () => {
  it('shows a card, reveals the answer on space, saves the rating, and quits on q', async () => {
    const db = join(tmp.dir, 'session.db');
    const p = start(['--db', db, '--limit', '3']);
    await p.waitFor(/space: show the answer/);
    expect(p.output()).toMatch(/Descent practice · review · 3 cards/);
    expect(p.output()).not.toMatch(/Answer\./);
    p.child.stdin.write(' ');
    await p.waitFor(/How well did you know it/);
    expect(p.output()).toMatch(/Answer\./);
    expect(p.output()).toMatch(/Key points/);
    p.child.stdin.write('x'); // not a rating: ignored
    p.child.stdin.write('3');
    await p.waitFor(/✓ saved [a-z0-9-]+: good · next review in/);
    await p.waitFor(/space: show the answer/, 2);
    p.child.stdin.write(' ');
    await p.waitFor(/How well did you know it/, 2);
    p.child.stdin.write('1');
    await p.waitFor(/✓ saved [a-z0-9-]+: again/);
    await p.waitFor(/space: show the answer/, 3);
    p.child.stdin.write('q');
    expect(await p.exited).toBe(0);
    expect(p.output()).toMatch(/2 cards reviewed/);
    expect(reviews(db).map((r) => r.rating)).toEqual([3, 1]);

    // The same database, a second session: the app and the terminal share it, and the
    // two rated cards are no longer new.
    const again = start(['--db', db, '--limit', '10']);
    await again.waitFor(/space: show the answer/);
    const ids = reviews(db).map((r) => r.id);
    expect(again.output()).not.toContain(ids[0]);
    again.child.stdin.write('q');
    expect(await again.exited).toBe(0);
  }, 60_000);

  it('loses no acknowledged rating when killed with SIGKILL mid-session', async () => {
    const db = join(tmp.dir, 'killed.db');
    const p = start(['--db', db, '--mode', 'cram', '--limit', '400']);
    const acknowledged: string[] = [];
    await p.waitFor(/space: show the answer/);
    // Answer as fast as the command acknowledges, then kill it without warning.
    for (let i = 1; i <= 40; i++) {
      p.child.stdin.write(' ');
      p.child.stdin.write(String(1 + (i % 4)));
      await p.waitFor(/✓ saved /, i);
    }
    p.child.stdin.write(' 3 2 4 1'); // more ratings in flight as the kill lands
    p.child.kill('SIGKILL');
    await p.exited;
    for (const m of p.output().matchAll(/✓ saved ([a-z0-9-]+): (again|hard|good|easy)/g)) acknowledged.push(m[1]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    const stored = reviews(db);
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(stored.slice(0, acknowledged.length).map((r) => r.id)).toEqual(acknowledged);
    expect(stored.every((r) => r.mode === 'cram')).toBe(true);
    const conn = new BetterSqlite3(db);
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    conn.close();
  }, 90_000);

  it('a damaged database gets a clear error naming the backup, and --restore-backup recovers it', async () => {
    const db = join(tmp.dir, 'damaged.db');
    const first = start(['--db', db, '--limit', '1']);
    await first.waitFor(/space: show the answer/);
    first.child.stdin.write(' 4');
    await first.waitFor(/✓ saved/);
    first.child.stdin.write('q');
    await first.exited;
    expect(existsSync(`${db}.backup`)).toBe(true);
    // The backup was taken at the start of that session (before the rating), as a daily backup is.
    writeFileSync(db, 'garbage '.repeat(1000));
    const broken = start(['--db', db]);
    expect(await broken.exited).toBe(1);
    expect(broken.output()).toMatch(/is damaged/);
    expect(broken.output()).toContain(`${db}.backup`);
    expect(broken.output()).toMatch(/--restore-backup/);
    const restore = start(['--restore-backup', '--db', db]);
    expect(await restore.exited).toBe(0);
    expect(restore.output()).toMatch(/Restored .* The damaged file is kept at/);
    expect(readFileSync(db).subarray(0, 15).toString()).toBe('SQLite format 3');
  }, 60_000);

  it('exports the bank for Anki and progress as JSON', async () => {
    const anki = join(tmp.dir, 'anki.txt');
    const a = start(['anki', anki]);
    expect(await a.exited).toBe(0);
    expect(readFileSync(anki, 'utf8').split('\n')[0]).toBe('#separator:tab');
    const out = join(tmp.dir, 'progress.json');
    const e = start(['export', out, '--db', join(tmp.dir, 'session.db')]);
    expect(await e.exited).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).reviews.length).toBe(2);
  }, 60_000);
});

describe('descent practice stats', () => {
  it('prints the bank counts by topic, kind and difficulty as JSON', async () => {
    const p = start(['stats', '--json']);
    expect(await p.exited).toBe(0);
    const stats = JSON.parse(p.output()) as { total: number; byTopic: Record<string, number>; byKind: Record<string, number>; byDifficulty: Record<string, number> };
    expect(stats.total).toBeGreaterThanOrEqual(300);
    expect(stats.byKind.coding).toBeGreaterThanOrEqual(50);
    expect(stats.byKind['system-design']).toBeGreaterThanOrEqual(20);
    for (const counts of [stats.byTopic, stats.byKind, stats.byDifficulty]) expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(stats.total);
  }, 60_000);
});

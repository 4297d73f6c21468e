/**
 * Killing the app mid-practice loses no rating it acknowledged: the real start command runs
 * as a child process, several clients post ratings as fast as they can, the server is killed
 * with SIGKILL while ratings are in flight, and every acknowledged rating (its review id and
 * card) must be in the database when it is opened again.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/store.js';
import { startServerProcess, tempDir } from './helpers.js';

const tmp = tempDir('descent-practice-crash-');
const dbPath = join(tmp.dir, 'descent.db');
afterAll(() => tmp.cleanup());

describe('practice crash safety', () => {
  it('keeps every acknowledged rating when the server is killed mid-write', async () => {
    const { child, url } = await startServerProcess(dbPath);
    const exited = new Promise((r) => child.once('exit', r));
    const ids = ((await (await fetch(`${url}/api/practice/queue?mode=cram&limit=60`)).json()) as { cards: { id: string }[] }).cards.map((c) => c.id);
    const acknowledged: { reviewId: number; questionId: string }[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const questionId = ids[(w * 7 + i) % ids.length];
        try {
          const res = await fetch(`${url}/api/practice/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ questionId, rating: 1 + (i % 4) }) });
          if (res.status !== 200) return;
          acknowledged.push({ reviewId: ((await res.json()) as { reviewId: number }).reviewId, questionId });
        } catch {
          return; // the connection died with the server: not acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    stop = true;
    await Promise.all(writers);

    const db = openDatabase(dbPath);
    const stored = new Map((db.prepare('SELECT id, question_id FROM practice_reviews').all() as { id: number; question_id: string }[]).map((r) => [r.id, r.question_id]));
    expect(acknowledged.filter((a) => stored.get(a.reviewId) !== a.questionId)).toEqual([]);
    // Every acknowledged scheduled rating moved its card: each rated question has a card.
    const cards = new Set((db.prepare('SELECT question_id FROM practice_cards').all() as { question_id: string }[]).map((r) => r.question_id));
    expect(acknowledged.filter((a) => !cards.has(a.questionId))).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});

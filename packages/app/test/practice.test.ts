/**
 * Interview practice: the scheduler's queues, the store (ratings, stats, export and import,
 * damaged databases and backups) and the practice API through `app.inject`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '@descent/lessons/practice';
import { toAnki, toMathJax } from '../src/practice/anki.js';
import { backupIfDue, DamagedDatabaseError, openCheckedDatabase, restoreBackup } from '../src/practice/backup.js';
import { buildQueue, forecast, review } from '../src/practice/schedule.js';
import { PracticeStore } from '../src/practice/store.js';
import { sqliteSql } from '../src/server/db/sql.js';
import { buildServer } from '../src/server/index.js';
import type { CardView, PracticeSummary } from '../src/shared/practice.js';
import { FIXTURE_LESSONS, tempDir } from './helpers.js';

const tmp = tempDir('descent-practice-');
afterAll(() => tmp.cleanup());

const q = (id: string, over: Partial<Question> = {}): Question => ({
  id, topic: 'math', kind: 'concept', difficulty: 'medium', lessons: [3], question: `${id}?`, short: 'a', depth: '',
  keyPoints: ['x', 'y'], pitfalls: [], followUps: [], source: `interview/math.md:1`, ...over,
});
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 12));

describe('the schedule', () => {
  const questions = [q('a', { lessons: [2] }), q('b', { difficulty: 'hard', lessons: [3] }), q('c', { difficulty: 'easy', lessons: [3] }), q('d', { topic: 'rl', lessons: [35] })];

  it('a new card rated good comes back later; again comes back sooner', () => {
    const good = review(undefined, 3, day(0));
    const again = review(undefined, 1, day(0));
    expect(new Date(good.due).getTime()).toBeGreaterThan(day(0).getTime());
    expect(new Date(again.due).getTime()).toBeLessThan(new Date(good.due).getTime());
    const later = review(good, 3, new Date(good.due));
    expect(new Date(later.due).getTime() - new Date(good.due).getTime()).toBeGreaterThan(new Date(good.due).getTime() - day(0).getTime());
  });

  it('daily review: due cards first, then new cards in curriculum order up to the daily limit', () => {
    const cards = new Map([['d', review(undefined, 1, day(0))]]);
    const queue = buildQueue(questions, cards, { mode: 'review', now: day(1), newPerDay: 2, newToday: 0 });
    expect(queue.map((x) => x.id)).toEqual(['d', 'a', 'c']);
    expect(buildQueue(questions, cards, { mode: 'review', now: day(1), newPerDay: 2, newToday: 2 }).map((x) => x.id)).toEqual(['d']);
  });

  it('filters by topic, lesson and difficulty', () => {
    const base = { mode: 'review' as const, now: day(0), newPerDay: 10, newToday: 0 };
    expect(buildQueue(questions, new Map(), { ...base, topic: 'rl' }).map((x) => x.id)).toEqual(['d']);
    expect(buildQueue(questions, new Map(), { ...base, lesson: 3 }).map((x) => x.id)).toEqual(['c', 'b']);
    expect(buildQueue(questions, new Map(), { ...base, difficulty: 'hard' }).map((x) => x.id)).toEqual(['b']);
  });

  it('interview mode raises the new-card quota so every card is seen before the date, weakest topic first', () => {
    const cards = new Map([['a', review(undefined, 4, day(0))]]);
    const queue = buildQueue(questions, cards, { mode: 'interview', now: day(1), newPerDay: 0, newToday: 0, interviewDate: day(3) });
    // Three unseen cards, two days left: two a day. Math has a = seen, rl has nothing: rl first.
    expect(queue.map((x) => x.id)).toEqual(['d', 'c']);
  });

  it('cram ignores the schedule and puts the least-remembered first', () => {
    const cards = new Map([['a', review(undefined, 4, day(0))], ['b', review(undefined, 2, day(0))]]);
    expect(buildQueue(questions, cards, { mode: 'cram', now: day(1), newPerDay: 0, newToday: 0 }).map((x) => x.id)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('forecasts the load of the next 30 days', () => {
    const f = forecast([{ due: day(0).toISOString() } as never, { due: day(2).toISOString() } as never, { due: day(40).toISOString() } as never], day(1));
    expect(f.length).toBe(30);
    expect(f[0]).toBe(1);
    expect(f[1]).toBe(1);
    expect(f.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('the practice store', () => {
  // Ratings, stats, export and import: the shared store suite (store-suite.test.ts), on both databases.
  it('a damaged database names its backup, and restoring keeps the damaged file', async () => {
    const path = join(tmp.dir, 'damaged.db');
    const db = openCheckedDatabase(path);
    await new PracticeStore(sqliteSql(db)).rate({ questionId: 'kept', rating: 3, mode: 'review' });
    expect(await backupIfDue(db, path)).toBe(true);
    expect(await backupIfDue(db, path)).toBe(false); // once a day
    db.close();
    writeFileSync(path, 'this is not a database '.repeat(500));
    expect(() => openCheckedDatabase(path)).toThrow(DamagedDatabaseError);
    expect(() => openCheckedDatabase(path)).toThrow(/damaged.*backup is .*damaged\.db\.backup.*--restore-backup/);
    const { damagedKeptAt } = restoreBackup(path);
    expect(existsSync(damagedKeptAt)).toBe(true);
    const restored = openCheckedDatabase(path);
    expect(await new PracticeStore(sqliteSql(restored)).card('kept')).toBeDefined();
    restored.close();
  });
});

describe('the Anki export', () => {
  it('turns formulas into MathJax delimiters and writes one tab-separated note per question', () => {
    expect(toMathJax('the loss $L = x^2$ and $$\\sum_i x_i$$ but `$not math$`')).toBe('the loss \\(L = x^2\\) and \\[\\sum_i x_i\\] but `$not math$`');
    const text = toAnki([q('a', { question: 'What is $a_i$?', short: 'It is *b*.' })]);
    const lines = text.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#tags column:3']);
    const [front, back, tags] = lines[3].split('\t');
    expect(front).toBe('<p>What is \\(a_i\\)?</p>');
    expect(back).toContain('<em>b</em>');
    expect(tags).toBe('descent::math concept medium lesson::03 id::a');
  });
});

describe('the practice API', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildServer({ dbPath: join(tmp.dir, 'api.db'), lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client') });
  });
  afterAll(async () => app?.close());
  const get = async <T>(url: string) => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as T };
  };
  const send = async <T>(method: 'PUT' | 'POST', url: string, payload: unknown) => {
    const res = await app.inject({ method, url, payload: payload as object });
    return { status: res.statusCode, body: res.json() as T };
  };

  it('summarizes the bank and the learner\'s stats', async () => {
    const { status, body } = await get<PracticeSummary>('/api/practice/summary');
    expect(status).toBe(200);
    expect(body.stats.total).toBeGreaterThanOrEqual(300);
    expect(body.stats.due).toBe(0);
    expect(body.settings).toEqual({ newPerDay: 10, interviewDate: null });
    expect(body.topics.map((t) => t.id)).toContain('system-design');
  });

  it('serves a daily queue, saves a rating, and the rated card leaves the queue', async () => {
    const { body } = await get<{ cards: CardView[] }>('/api/practice/queue?mode=review');
    expect(body.cards.length).toBe(10);
    const first = body.cards[0];
    expect(first.questionHtml).toContain('<p>');
    expect(first.shortHtml.length).toBeGreaterThan(0);
    const rated = await send<{ card: CardView }>('POST', '/api/practice/reviews', { questionId: first.id, rating: 3 });
    expect(rated.status).toBe(200);
    expect(rated.body.card.state).toBeGreaterThan(0);
    const after = await get<{ cards: CardView[] }>('/api/practice/queue?mode=review');
    expect(after.body.cards.map((c) => c.id)).not.toContain(first.id);
    expect(after.body.cards.length).toBe(9); // the daily limit counts the card introduced today
    const summary = await get<PracticeSummary>('/api/practice/summary');
    expect(summary.body.stats.reviewedToday).toBe(1);
  });

  it('filters, cram, lesson questions and mock sets', async () => {
    const topic = await get<{ cards: CardView[] }>('/api/practice/queue?mode=cram&topic=rl&limit=500');
    expect(topic.body.cards.length).toBeGreaterThan(5);
    expect(topic.body.cards.every((c) => c.topic === 'rl')).toBe(true);
    const lesson = await get<{ cards: CardView[] }>('/api/practice/lessons/03-calculus/questions');
    expect(lesson.body.cards.map((c) => c.id)).toContain('central-difference');
    const mock = await get<{ seed: number; cards: CardView[] }>('/api/practice/mock?count=5&seed=7');
    expect(mock.body.cards.length).toBe(5);
    expect(mock.body.cards.filter((c) => c.kind === 'coding').length).toBe(1);
    expect(mock.body.cards[0].code?.starter).toBeTruthy();
    expect((await get<{ cards: CardView[] }>('/api/practice/mock?count=5&seed=7')).body.cards.map((c) => c.id)).toEqual(mock.body.cards.map((c) => c.id));
  });

  it('interview mode needs a date; settings are validated', async () => {
    expect((await get('/api/practice/queue?mode=interview')).status).toBe(400);
    const set = await send<{ settings: { interviewDate: string } }>('PUT', '/api/practice/settings', { interviewDate: '2099-01-31', newPerDay: 5 });
    expect(set.body.settings).toEqual({ interviewDate: '2099-01-31', newPerDay: 5 });
    expect((await get('/api/practice/queue?mode=interview')).status).toBe(200);
    expect((await send('PUT', '/api/practice/settings', { newPerDay: -1 })).status).toBe(400);
  });

  it('rejects bad ratings and unknown questions with a message', async () => {
    const bad = await send<{ error: string }>('POST', '/api/practice/reviews', { questionId: 'central-difference', rating: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/rating/);
    const unknown = await send<{ error: string }>('POST', '/api/practice/reviews', { questionId: 'no-such-question', rating: 3 });
    expect(unknown.status).toBe(404);
    expect((await get('/api/practice/questions/no-such-question')).status).toBe(404);
  });

  it('exports and imports progress, and exports the bank for Anki', async () => {
    const exported = await get<{ format: string; reviews: unknown[] }>('/api/practice/export');
    expect(exported.body.format).toBe('descent-practice-progress');
    expect((await send<{ imported: { reviews: number } }>('POST', '/api/practice/import', exported.body)).body.imported.reviews).toBe(0);
    expect((await send('POST', '/api/practice/import', { format: 'nope' })).status).toBe(400);
    const anki = await app.inject({ method: 'GET', url: '/api/practice/anki' });
    expect(anki.headers['content-type']).toMatch(/tab-separated/);
    expect(anki.body.split('\n').length).toBeGreaterThan(300);
    expect(anki.body).toContain('\\(');
  });
});

describe('mock interview sets', () => {
  it('mix one coding and one system-design question with others, reproducibly, even from a tiny bank', async () => {
    const { mockSet } = await import('../src/server/routes/practice.js');
    const bank = [q('c1', { kind: 'coding' }), q('c2', { kind: 'coding' }), q('s1', { kind: 'system-design' }), q('m1'), q('m2'), q('m3')];
    const set = mockSet(bank, 5, 42);
    expect(set.map((x) => x.kind).sort()).toEqual(['coding', 'concept', 'concept', 'concept', 'system-design']);
    expect(mockSet(bank, 5, 42).map((x) => x.id)).toEqual(set.map((x) => x.id));
    expect(mockSet(bank.slice(0, 2), 5, 1).length).toBe(2); // fewer questions than asked: all of them, no endless loop
  });
});

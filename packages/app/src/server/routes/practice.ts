/**
 * Interview practice: the question bank (`interview/*.md`) with spaced-repetition cards in the
 * learner's database. A rating is answered only after its transaction commits, so the page
 * shows the next card only once the last rating is on disk.
 */
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { findBankDir } from '@descent/lessons/practice';
import type { Question } from '@descent/lessons/practice';
import { toAnki } from '../../practice/anki.js';
import { backupIfDue } from '../../practice/backup.js';
import { bankLoader, type PracticeBank } from '../../practice/bank.js';
import { buildQueue, retrievability } from '../../practice/schedule.js';
import { PracticeStore } from '../../practice/store.js';
import type { CardView, PracticeMode, PracticeSummary, QuestionView } from '../../shared/practice.js';
import type { Sql } from '../db/sql.js';
import type { Store } from '../db/store.js';
import { HttpError, notFound } from '../errors.js';
import { ERROR } from './common.js';

export interface PracticeDeps {
  store: Store;
  lessonsDir: string;
  dbPath: string;
  /** The bank folder; by default the `interview/` folder found upwards from the lessons folder. */
  bankDir?: string;
}

const QUESTION_ID = { type: 'string', pattern: '^[a-z0-9-]+$', maxLength: 100 } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const DATE = { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' } as const;

const badRequest = (message: string) => new HttpError(400, message);

/** A small seeded generator (mulberry32), so a mock interview's set is reproducible from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A mixed mock-interview set: one coding and one system-design question when there is room, the rest from other kinds. */
export function mockSet(questions: Question[], count: number, seed: number): Question[] {
  const rand = seeded(seed);
  const shuffled = questions.map((q) => ({ q, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.q);
  const pick: Question[] = [];
  const take = (pred: (q: Question) => boolean) => {
    const q = shuffled.find((x) => pred(x) && !pick.includes(x));
    if (q) pick.push(q);
  };
  take((q) => q.kind === 'coding');
  if (count >= 4) take((q) => q.kind === 'system-design');
  // The rest: concept, math and behavioural questions; any kind if those run out.
  for (const q of shuffled) if (pick.length < count && !pick.includes(q) && q.kind !== 'coding' && q.kind !== 'system-design') pick.push(q);
  for (const q of shuffled) if (pick.length < count && !pick.includes(q)) pick.push(q);
  return pick;
}

export const practiceRoutes: FastifyPluginAsync<PracticeDeps> = async (app, deps) => {
  const practiceOf = (request: FastifyRequest) => new PracticeStore(deps.store.sql, request.userId);
  const bank = bankLoader(deps.bankDir ?? findBankDir(dirname(deps.lessonsDir)));
  // A daily copy of the database, so a damaged file can be recovered (see practice/backup.ts).
  if (deps.store.sql.dialect === 'sqlite') void backupIfDue((deps.store.sql as Sql & { db: Database }).db, deps.dbPath).catch((e: Error) => app.log.warn(`Automatic backup failed: ${e.message}`));

  const cardView = async (practice: PracticeStore, b: PracticeBank, q: Question, now: Date): Promise<CardView> => {
    const card = await practice.card(q.id);
    return { ...(b.view(q.id) as QuestionView), state: card?.state ?? 0, due: card?.due ?? null, recall: retrievability(card, now) };
  };

  app.get('/api/practice/summary', { schema: { response: { 200: anyObject } } }, async (request): Promise<PracticeSummary> => {
    const b = bank();
    const practice = practiceOf(request);
    const topics = new Map<string, { id: string; title: string; count: number }>();
    for (const q of b.questions) {
      const t = topics.get(q.topic) ?? { id: q.topic, title: b.view(q.id)!.topicTitle, count: 0 };
      t.count++;
      topics.set(q.topic, t);
    }
    return {
      stats: await practice.stats(b.questions), settings: await practice.settings(), topics: [...topics.values()],
      lessons: [...new Set(b.questions.flatMap((q) => q.lessons))].sort((x, y) => x - y),
    };
  });

  app.get<{ Querystring: { mode?: PracticeMode; topic?: string; lesson?: string; difficulty?: string; limit?: string } }>('/api/practice/queue', {
    schema: {
      querystring: {
        type: 'object',
        properties: {
          mode: { type: 'string', enum: ['review', 'cram', 'interview'] }, topic: { type: 'string', maxLength: 50 },
          lesson: { type: 'string', pattern: '^\\d{1,2}$' }, difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
          limit: { type: 'string', pattern: '^\\d{1,4}$' },
        },
        additionalProperties: false,
      },
      response: { 200: anyObject, 400: ERROR },
    },
  }, async (request): Promise<{ cards: CardView[] }> => {
    const b = bank();
    const q = request.query;
    const now = new Date();
    const practice = practiceOf(request);
    const settings = await practice.settings();
    const mode = q.mode ?? 'review';
    if (mode === 'interview' && settings.interviewDate === null) throw badRequest('Interview mode needs an interview date: set one in the practice settings first.');
    const queue = buildQueue(b.questions, await practice.cards(), {
      mode, now, newPerDay: settings.newPerDay, newToday: await practice.newToday(now),
      ...(q.topic ? { topic: q.topic } : {}), ...(q.lesson ? { lesson: Number(q.lesson) } : {}), ...(q.difficulty ? { difficulty: q.difficulty } : {}),
      ...(settings.interviewDate ? { interviewDate: new Date(`${settings.interviewDate}T00:00:00`) } : {}),
      limit: q.limit ? Number(q.limit) : 200,
    });
    return { cards: await Promise.all(queue.map((x) => cardView(practice, b, x, now))) };
  });

  app.get<{ Params: { id: string } }>('/api/practice/questions/:id', {
    schema: { params: { type: 'object', properties: { id: QUESTION_ID }, required: ['id'] }, response: { 200: anyObject, 404: ERROR } },
  }, async (request): Promise<{ card: CardView }> => {
    const b = bank();
    const q = b.byId.get(request.params.id);
    if (q === undefined) throw notFound(`No question "${request.params.id}" in the bank (${b.dir}).`);
    return { card: await cardView(practiceOf(request), b, q, new Date()) };
  });

  app.get<{ Params: { lesson: string } }>('/api/practice/lessons/:lesson/questions', {
    schema: { params: { type: 'object', properties: { lesson: { type: 'string', pattern: '^\\d{2}(-[a-z0-9-]+)?$' } }, required: ['lesson'] }, response: { 200: anyObject } },
  }, async (request): Promise<{ cards: CardView[] }> => {
    const b = bank();
    const n = Number(request.params.lesson.slice(0, 2));
    const now = new Date();
    const practice = practiceOf(request);
    return { cards: await Promise.all(b.questions.filter((q) => q.lessons.includes(n)).map((q) => cardView(practice, b, q, now))) };
  });

  app.post<{ Body: { questionId: string; rating: 1 | 2 | 3 | 4; mode?: 'review' | 'cram' | 'mock'; answer?: string; durationMs?: number } }>('/api/practice/reviews', {
    schema: {
      body: {
        type: 'object',
        properties: {
          questionId: QUESTION_ID, rating: { type: 'integer', enum: [1, 2, 3, 4] }, mode: { type: 'string', enum: ['review', 'cram', 'mock'] },
          answer: { type: 'string', maxLength: 100_000 }, durationMs: { type: 'integer', minimum: 0, maximum: 86_400_000 },
        },
        required: ['questionId', 'rating'],
        additionalProperties: false,
      },
      response: { 200: anyObject, 400: ERROR, 404: ERROR },
    },
  }, async (request): Promise<{ card: CardView; reviewId: number }> => {
    const b = bank();
    const { questionId, rating, mode = 'review', answer, durationMs } = request.body;
    const q = b.byId.get(questionId);
    if (q === undefined) throw notFound(`No question "${questionId}" in the bank.`);
    const practice = practiceOf(request);
    const { reviewId } = await practice.rate({ questionId, rating, mode, ...(answer === undefined ? {} : { answer }), ...(durationMs === undefined ? {} : { durationMs }) });
    return { card: await cardView(practice, b, q, new Date()), reviewId };
  });

  app.get<{ Querystring: { count?: string; seed?: string } }>('/api/practice/mock', {
    schema: {
      querystring: { type: 'object', properties: { count: { type: 'string', pattern: '^([1-9]|1[0-9]|20)$' }, seed: { type: 'string', pattern: '^\\d{1,9}$' } }, additionalProperties: false },
      response: { 200: anyObject, 400: ERROR },
    },
  }, async (request): Promise<{ seed: number; cards: CardView[] }> => {
    const b = bank();
    const seed = request.query.seed ? Number(request.query.seed) : Math.floor(Math.random() * 1e9);
    const now = new Date();
    return { seed, cards: await Promise.all(mockSet(b.questions, Number(request.query.count ?? 5), seed).map((q) => cardView(practiceOf(request), b, q, now))) };
  });

  app.put<{ Body: { newPerDay?: number; interviewDate?: string } }>('/api/practice/settings', {
    schema: {
      body: { type: 'object', properties: { newPerDay: { type: 'integer', minimum: 0, maximum: 1000 }, interviewDate: DATE }, additionalProperties: false },
      response: { 200: anyObject, 400: ERROR },
    },
  }, async (request) => {
    const { newPerDay, interviewDate } = request.body;
    return { settings: await practiceOf(request).saveSettings({ ...(newPerDay === undefined ? {} : { newPerDay }), ...(interviewDate === undefined ? {} : { interviewDate: interviewDate === '' ? null : interviewDate }) }) };
  });

  app.get('/api/practice/export', async (request, reply) => {
    const data = await practiceOf(request).exportProgress();
    return reply.header('content-disposition', `attachment; filename="descent-practice-${data.exportedAt.slice(0, 10)}.json"`).send(data);
  });

  // A progress file holds every review ever made (~200 bytes each): allow years of them.
  app.post('/api/practice/import', { bodyLimit: 32 * 1024 * 1024, schema: { body: anyObject, response: { 200: anyObject, 400: ERROR } } }, async (request) => {
    try {
      return { imported: await practiceOf(request).importProgress(request.body) };
    } catch (e) {
      throw badRequest((e as Error).message);
    }
  });

  app.get('/api/practice/anki', async (_request, reply) => reply
    .type('text/tab-separated-values; charset=utf-8')
    .header('content-disposition', 'attachment; filename="descent-interview-questions.txt"')
    .send(toAnki(bank().questions)));
};

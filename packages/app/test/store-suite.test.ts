/**
 * One suite for both databases the app keeps its data in: the same reads, writes,
 * transactions, per-learner separation, practice state and accounts, against the embedded
 * SQLite file and against PostgreSQL (class mode). PostgreSQL runs when DESCENT_TEST_PG_URL
 * is set, and must under CI=true.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../src/server/auth/accounts.js';
import { verifyPassword } from '../src/server/auth/password.js';
import { migratePostgres } from '../src/server/db/migrate.js';
import { postgresSql, sqliteSql, toDollar, type Sql } from '../src/server/db/sql.js';
import { openDatabase, Store } from '../src/server/db/store.js';
import { PracticeStore } from '../src/practice/store.js';
import type { Question } from '@descent/lessons/practice';
import type { RunUpload } from '../src/shared/api.js';
import { dropSchema, PG_MISSING, PG_REQUIRED, PG_URL, testSchema } from './pg.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 10 + n, 12));
const q = (id: string): Question => ({ id, topic: 'math', kind: 'concept', difficulty: 'easy', lessons: [1], question: '', short: '', answer: '' } as unknown as Question);

/** A run as a lesson cell uploads it (src/worker/track-recorder.ts). */
const runUpload = (n: number, over: Partial<RunUpload> = {}): RunUpload => ({
  runId: n.toString(16).padStart(32, '0'), experiment: 'exp', name: `run ${n}`, status: 'FINISHED', startTime: 1000 + n, endTime: 2000 + n,
  params: { lr: 0.1 * n, loss: 'mse', shuffle: true, seed: null }, tags: { lesson: '44' },
  metrics: [{ key: 'loss', step: 1, value: 0.5, timestamp: 1 }, { key: 'loss', step: 0, value: 1, timestamp: 2 }, { key: 'acc', step: 0, value: null, timestamp: 1 }],
  artifacts: [{ name: 'model', kind: 'model', mediaType: 'application/json', base64: Buffer.from('{"w":[1]}').toString('base64') }],
  models: [], ...over,
});

interface Backend { name: string; open(): Promise<Sql> }

const opened: Sql[] = [];
const schemas: string[] = [];
const backends: Backend[] = [{ name: 'SQLite', open: async () => sqliteSql(openDatabase(':memory:')) }];
if (PG_URL !== undefined) {
  const url = PG_URL;
  backends.push({
    name: 'PostgreSQL',
    open: async () => {
      const schema = testSchema('app_store');
      schemas.push(schema);
      const sql = postgresSql(url, { schema, max: 4 });
      await sql.run(`CREATE SCHEMA ${schema}`);
      await migratePostgres(sql);
      return sql;
    },
  });
}
const open = async (b: Backend) => {
  const sql = await b.open();
  opened.push(sql);
  return sql;
};

afterAll(async () => {
  for (const sql of opened) await sql.close();
  for (const s of schemas) await dropSchema(PG_URL!, s);
});

it('has PostgreSQL to test against under CI', () => {
  if (PG_REQUIRED) expect(PG_URL, PG_MISSING).toBeTruthy();
});

it('numbers placeholders for PostgreSQL', () => {
  expect(toDollar('SELECT ? + ?, x FROM t WHERE y = ?')).toBe('SELECT $1 + $2, x FROM t WHERE y = $3');
});

describe.each(backends)('the store on $name', (backend) => {
  it('keeps edits, runs and attempts, newest attempt first', async () => {
    const store = new Store(await open(backend));
    await store.saveEdit('03-calculus', 2, 'const a = 1;', 'h1');
    await store.saveEdit('03-calculus', 2, 'const a = 2;', 'h1');
    await store.recordRun('03-calculus', 1);
    await store.recordRun('03-calculus', 1);
    await store.addAttempt('03-calculus', 'grad', { code: 'x', passed: false, tests: [{ name: 't', passed: false, error: 'no' }] });
    await store.addAttempt('03-calculus', 'grad', { code: 'y', passed: true, tests: [{ name: 't', passed: true }] });
    await store.addAttempt('03-calculus', 'grad', { code: 'z', passed: false, tests: [], error: 'boom' });
    expect(await store.edits('03-calculus')).toMatchObject([{ cell: 2, code: 'const a = 2;', originalHash: 'h1' }]);
    const state = await store.lessonState('03-calculus');
    expect(state.cellsRun).toEqual([1]);
    expect(state.solved.map((s) => s.exerciseId)).toEqual(['grad']);
    expect(await store.sql.get('SELECT runs FROM cell_runs')).toEqual({ runs: 2 });
    const attempts = await store.attempts('03-calculus', 'grad');
    expect(attempts.map((a) => [a.code, a.passed])).toEqual([['z', false], ['y', true], ['x', false]]);
    expect(attempts[0]!.error).toBe('boom');
    expect(attempts[2]!.tests).toEqual([{ name: 't', passed: false, error: 'no' }]);
    expect(typeof attempts[0]!.id).toBe('number');
    expect(await store.deleteEdit('03-calculus', 2)).toBe(true);
    expect(await store.deleteEdit('03-calculus', 2)).toBe(false);
    expect(await store.getEdit('03-calculus', 2)).toBeUndefined();
  });

  it('reads every lesson\'s state at once, equal to reading them one by one', async () => {
    const sql = await open(backend);
    const store = new Store(sql).forUser(3);
    await store.visit('01-mean');
    await store.recordRun('01-mean', 2);
    await store.recordRun('01-mean', 1);
    await store.addAttempt('02-tables', 'sum', { code: 's', passed: true, tests: [] });
    await store.setCompleted('02-tables', true);
    await new Store(sql).forUser(4).recordRun('03-calculus', 1); // another learner's, not ours
    const all = await store.lessonStates();
    expect([...all.keys()].sort()).toEqual(['01-mean', '02-tables']);
    for (const id of ['01-mean', '02-tables']) expect(all.get(id)).toEqual(await store.lessonState(id));
    expect(all.get('01-mean')).toMatchObject({ cellsRun: [1, 2], solved: [], visitedAt: expect.any(String) });
    expect(all.get('02-tables')).toMatchObject({ cellsRun: [], solved: [{ exerciseId: 'sum' }], completedAt: expect.any(String) });
    expect(await store.lessonState('03-calculus')).toEqual({ cellsRun: [], solved: [] });
  });

  it('sets and clears completion, keeping the first completion time', async () => {
    const store = new Store(await open(backend));
    await store.setCompleted('02-linear-algebra', true);
    const first = (await store.lessonState('02-linear-algebra')).completedAt;
    expect(first).toEqual(expect.any(String));
    await store.setCompleted('02-linear-algebra', true);
    expect((await store.lessonState('02-linear-algebra')).completedAt).toBe(first);
    await store.setCompleted('02-linear-algebra', false);
    expect((await store.lessonState('02-linear-algebra')).completedAt).toBeUndefined();
  });

  it('keeps only the newest attempts per exercise, and enforces the quota', async () => {
    const store = new Store(await open(backend), { attemptsPerExercise: 3, storedChars: 60 });
    for (const code of ['a', 'b', 'c', 'd', 'e']) await store.addAttempt('01-mean', 'mean', { code, passed: false, tests: [] });
    expect((await store.attempts('01-mean', 'mean')).map((a) => a.code)).toEqual(['e', 'd', 'c']);
    await expect(store.saveEdit('01-mean', 1, 'x'.repeat(100), 'h')).rejects.toThrow(/would pass the 0\.0 MB/);
  });

  it('refuses rows that break the schema\'s checks', async () => {
    const store = new Store(await open(backend));
    await expect(store.saveEdit('02-x', 0, 'code', 'h')).rejects.toThrow(/check constraint/i);
  });

  it('rolls a transaction back whole, and runs others\' statements outside it', async () => {
    const store = new Store(await open(backend));
    const failing = store.transaction(async (s) => {
      await s.recordRun('01-mean', 1);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('stop');
    });
    const other = store.forUser(7).visit('01-mean'); // starts while the transaction is open
    await expect(failing).rejects.toThrow('stop');
    await other;
    expect((await store.lessonState('01-mean')).cellsRun).toEqual([]);
    expect((await store.forUser(7).lessonState('01-mean')).visitedAt).toEqual(expect.any(String));
  });

  it('keeps each learner\'s work apart', async () => {
    const sql = await open(backend);
    const ada = new Store(sql).forUser(1), bob = new Store(sql).forUser(2);
    await ada.saveEdit('01-mean', 1, 'ada', 'h');
    await bob.saveEdit('01-mean', 1, 'bob', 'h');
    await ada.recordRun('01-mean', 2);
    expect((await ada.getEdit('01-mean', 1))?.code).toBe('ada');
    expect((await bob.getEdit('01-mean', 1))?.code).toBe('bob');
    expect((await bob.lessonState('01-mean')).cellsRun).toEqual([]);
    const pa = new PracticeStore(sql, 1), pb = new PracticeStore(sql, 2);
    await pa.rate({ questionId: 'a', rating: 3, mode: 'review' }, day(0));
    expect(await pb.card('a')).toBeUndefined();
    await pa.saveSettings({ newPerDay: 3 });
    expect((await pb.settings()).newPerDay).toBe(10);
  });

  it('tracking: keeps each learner\'s runs apart, replaces a re-upload, numbers versions per learner, caps artifacts', async () => {
    const sql = await open(backend);
    const ada = new Store(sql).forUser(1).runs, bob = new Store(sql).forUser(2).runs;
    expect(await ada.put(runUpload(1))).toEqual({ created: true });
    expect(await ada.put(runUpload(2, { experiment: 'other' }))).toEqual({ created: true });
    const [r1] = await ada.summaries('exp');
    // Params keep their types; the last metric is the one at the highest step; NaN comes back null.
    expect(r1).toEqual({ runId: runUpload(1).runId, experiment: 'exp', name: 'run 1', status: 'FINISHED', startTime: 1001, endTime: 2001,
      params: { loss: 'mse', lr: 0.1, seed: null, shuffle: true }, tags: { lesson: '44' }, metrics: { acc: null, loss: 0.5 } });
    expect((await ada.metricHistory(r1!.runId, 'loss'))!.map((p) => [p.step, p.value])).toEqual([[0, 1], [1, 0.5]]);
    expect(await ada.experiments()).toEqual(['exp', 'other']);
    // Bob sees none of it, cannot read it, and cannot take Ada's run id.
    expect(await bob.experiments()).toEqual([]);
    expect(await bob.metricHistory(r1!.runId)).toBeUndefined();
    await expect(bob.put(runUpload(1))).rejects.toMatchObject({ statusCode: 409 });

    // A retry, or a later cell's re-send, replaces the run: no duplicate points, rows or versions.
    const model = { name: 'churn', stage: 'none' as const, artifact: 'model', dataHash: 'abc', description: 'first', createdAt: 5 };
    expect(await ada.put(runUpload(1, { status: 'RUNNING', models: [model] }))).toEqual({ created: false });
    expect(await ada.put(runUpload(1, { models: [{ ...model, stage: 'production' }] }))).toEqual({ created: false });
    expect((await ada.summaries('exp')).map((r) => r.status)).toEqual(['FINISHED']);
    expect(await ada.metricHistory(r1!.runId)).toHaveLength(3);
    expect((await ada.modelVersions()).map((v) => [v.version, v.stage, v.runId])).toEqual([[1, 'production', r1!.runId]]);
    // A new version (another session's registry numbered it 1 too) gets the next number and the production slot.
    await ada.put(runUpload(3, { models: [{ ...model, createdAt: 9, stage: 'production' }] }));
    await bob.put(runUpload(4, { models: [model] }));
    expect((await ada.modelVersions()).map((v) => [v.version, v.stage])).toEqual([[1, 'archived'], [2, 'production']]);
    expect((await bob.modelVersions()).map((v) => [v.name, v.version])).toEqual([['churn', 1]]);

    const capped = new Store(sql, { artifactBytes: 8, trackedBytes: 20 }).forUser(5).runs;
    await expect(capped.put(runUpload(6))).rejects.toMatchObject({ statusCode: 413, message: expect.stringMatching(/Artifact 'model' of run 'run 6' is 0\.0 MB; an artifact may be at most/) });
    const small = (n: number) => runUpload(n, { artifacts: [{ name: 'a', kind: 'data', mediaType: 'text/plain', base64: Buffer.from('12345678').toString('base64') }] });
    await capped.put(small(7));
    await capped.put(small(7)); // replacing a run does not count its old artifacts twice
    await capped.put(small(8));
    await expect(capped.put(small(9))).rejects.toMatchObject({ statusCode: 413, message: expect.stringMatching(/would pass the 0\.0 MB a learner may keep/) });
    expect((await capped.summaries('exp')).length).toBe(2); // the refused run left nothing behind
  });

  it('practice: records ratings, counts new cards and reviews, keeps a streak, measures retention', async () => {
    const store = new PracticeStore(await open(backend));
    const questions = [q('a'), q('b'), q('c')];
    await store.rate({ questionId: 'a', rating: 3, mode: 'review' }, day(0));
    await store.rate({ questionId: 'a', rating: 1, mode: 'review' }, day(1));
    await store.rate({ questionId: 'b', rating: 4, mode: 'review' }, day(1));
    const { reviewId } = await store.rate({ questionId: 'c', rating: 2, mode: 'cram' }, day(1));
    expect(typeof reviewId).toBe('number');
    const s = await store.stats(questions, day(1));
    expect(s.seen).toBe(2);
    expect(s.reviewedToday).toBe(3);
    expect(s.newToday).toBe(1);
    expect(s.streak).toBe(2);
    expect(s.retention).toBe(0); // the only repeat review was "again"
    expect(await store.card('c')).toBeUndefined(); // cram leaves the schedule alone
    expect((await store.stats(questions, day(3))).streak).toBe(0);
    expect(await store.saveSettings({ newPerDay: 4, interviewDate: '2026-03-01' })).toEqual({ newPerDay: 4, interviewDate: '2026-03-01' });
  });

  it('practice: exports progress and imports it into another database without duplicating', async () => {
    const a = new PracticeStore(await open(backend));
    await a.rate({ questionId: 'x', rating: 3, mode: 'review', answer: 'my answer', durationMs: 1200 }, day(0));
    await a.rate({ questionId: 'y', rating: 1, mode: 'review' }, day(0));
    const file = JSON.parse(JSON.stringify(await a.exportProgress()));
    const b = new PracticeStore(await open(backend), 5);
    expect(await b.importProgress(file)).toEqual({ cards: 2, reviews: 2 });
    expect(await b.importProgress(file)).toEqual({ cards: 0, reviews: 0 });
    expect((await b.exportProgress()).cards).toEqual((await a.exportProgress()).cards);
    expect((await b.exportProgress()).reviews).toEqual((await a.exportProgress()).reviews);
    await expect(b.importProgress({ format: 'anki' })).rejects.toThrow(/not a Descent practice progress file/);
  });

  it('accounts: hashed passwords, sessions that expire, invite codes with uses', async () => {
    const sql = await open(backend);
    const accounts = new Accounts(sql);
    const id = await accounts.createUser('Ada', 'a long password', 'instructor');
    await expect(accounts.createUser('ada', 'another long one', 'learner')).rejects.toThrow(/"ada" is taken/);
    await expect(accounts.createUser('bo b', 'a long password', 'learner')).rejects.toThrow(/A username is/);
    await expect(accounts.createUser('bob', 'short', 'learner')).rejects.toThrow(/at least 10 characters/);
    const stored = (await sql.get<{ password: string }>('SELECT password FROM users WHERE id = ?', [id]))!.password;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('a long password');
    expect(await verifyPassword('a long password', stored)).toBe(true);
    expect(await accounts.login('ada', 'wrong password')).toBeUndefined();
    expect(await accounts.login('nobody', 'a long password')).toBeUndefined();
    const t = (await accounts.login(' ADA ', 'a long password'))!;
    expect(await accounts.session(t)).toMatchObject({ id, username: 'ada', role: 'instructor' });
    expect(await sql.get('SELECT 1 AS one FROM sessions WHERE token_hash = ?', [t])).toBeUndefined(); // only its hash is stored
    await accounts.logout(t);
    expect(await accounts.session(t)).toBeUndefined();

    const shortLived = new Accounts(sql, 1);
    const t2 = (await shortLived.login('ada', 'a long password'))!;
    await new Promise((r) => setTimeout(r, 5));
    expect(await shortLived.session(t2)).toBeUndefined();
    expect(await shortLived.pruneSessions()).toBeGreaterThanOrEqual(1);

    const { code } = await accounts.createInvite('learner', id, 1);
    const learner = await accounts.signUp(code, 'bob', 'bob\'s long password');
    expect((await accounts.users()).find((u) => u.id === learner)?.role).toBe('learner');
    await expect(accounts.signUp(code, 'carol', 'carol\'s long password')).rejects.toThrow(/used up or expired/);
    await expect(accounts.signUp('made-up', 'carol', 'carol\'s long password')).rejects.toThrow(/unknown/);
    expect((await accounts.users()).map((u) => u.username)).toEqual(['ada', 'bob']);
  });
});

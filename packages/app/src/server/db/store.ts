/**
 * The learner's data, in an embedded SQLite file (or PostgreSQL in class mode, db/sql.ts): lesson progress, cell runs, cell edits and
 * exercise attempts. Every write is one transaction and returns only after SQLite has
 * committed it, so what the API acknowledges survives the process being killed.
 *
 * Durability: WAL mode with `synchronous = FULL` fsyncs the log on every commit, so a
 * committed write also survives a power cut, not only a killed process. Writes here are a
 * few per second at most (autosave is debounced), so the fsync costs nothing noticeable.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { AttemptView as Attempt, TestOutcome } from '../../shared/api.js';
import { HttpError } from '../errors.js';
import { damagedMessage, integrityProblem, isDamaged } from './health.js';
import { migrate } from './migrate.js';
import { DEFAULT_TRACK_LIMITS, RunStore, type TrackLimits } from './runs.js';
import type { Param, Sql } from './sql.js';

export interface CellEdit {
  cell: number;
  code: string;
  originalHash: string;
  updatedAt: string;
}

export interface LessonState {
  openedAt?: string;
  visitedAt?: string;
  completedAt?: string;
  /** Indices of cells that have run without an error. */
  cellsRun: number[];
  /** Solved exercises, oldest first. */
  solved: { exerciseId: string; solvedAt: string }[];
}

const now = () => new Date().toISOString();

/**
 * How long a write waits for another process's write lock before the API answers 503 with
 * `Retry-After`. better-sqlite3 waits synchronously, so this also bounds how long one
 * blocked write holds up every other request.
 */
export const BUSY_TIMEOUT_MS = 750;

/**
 * Opens (creating if needed) the database at `path`, checks its integrity and migrates it.
 * `:memory:` works too. A damaged file throws a message that names it and how to recover.
 */
export function openDatabase(path: string, options: { busyTimeoutMs?: number } = {}): Database {
  let db: Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path);
  } catch (e) {
    throw new Error(`Cannot open the database at ${path}: ${(e as Error).message}. Pass another file with --db <path>.`, { cause: e });
  }
  try {
    db.pragma('journal_mode = WAL');
    const problem = integrityProblem(db);
    if (problem !== undefined) throw new Error(damagedMessage(path, problem));
  } catch (e) {
    db.close();
    if (isDamaged(e)) throw new Error(damagedMessage(path, (e as Error).message), { cause: e });
    throw e;
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process (a second `npm start`) may hold the write lock for a moment.
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
  migrate(db);
  return db;
}

/** What one learner may store, so a runaway client cannot fill the disk. */
export interface Quota extends TrackLimits {
  /** Characters of code, test results and errors across all edits and attempts (default 50 M, about 50 MB). */
  storedChars: number;
  /** Attempts kept per exercise; older ones are dropped (a solve is kept separately). */
  attemptsPerExercise: number;
}

export const DEFAULT_QUOTA: Quota = { storedChars: 50_000_000, attemptsPerExercise: 500, ...DEFAULT_TRACK_LIMITS };

/** The user id of the one person in the embedded, no-login mode. */
export const LOCAL_USER = 0;

/**
 * Typed reads and transactional writes for one learner (`userId`; 0 in one-person mode).
 * `forUser` gives the same store for another learner; `inTx` the same store inside a
 * transaction, so a route's several writes commit together.
 */
export class Store {
  readonly quota: Quota;

  constructor(readonly sql: Sql, quota: Partial<Quota> = {}, readonly userId = LOCAL_USER) {
    this.quota = { ...DEFAULT_QUOTA, ...quota };
  }

  forUser(userId: number): Store {
    return new Store(this.sql, this.quota, userId);
  }

  /** This learner's experiment runs and model versions (db/runs.ts). */
  get runs(): RunStore {
    return new RunStore(this.sql, this.userId, this.quota);
  }

  /** Runs `fn` with a store whose every statement is in one transaction. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => fn(new Store(tx, this.quota, this.userId)));
  }

  /** Characters stored in edits and attempts, the measure the quota bounds. */
  async storedChars(): Promise<number> {
    const row = await this.sql.get<{ n: number }>(`SELECT
      (SELECT COALESCE(SUM(length(code)), 0) FROM cell_edits WHERE user_id = ?) +
      (SELECT COALESCE(SUM(length(code) + length(tests) + COALESCE(length(error), 0)), 0) FROM exercise_attempts WHERE user_id = ?) AS n`,
    [this.userId, this.userId]);
    return Number(row!.n);
  }

  /** Throws a 413 when storing `adding` more characters would pass the quota. */
  async checkQuota(adding: number): Promise<void> {
    const stored = await this.storedChars();
    if (stored + adding > this.quota.storedChars) {
      const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
      throw new HttpError(413, `Your saved work is ${mb(stored)}; storing this would pass the ${mb(this.quota.storedChars)} a learner's database may hold. ` +
        'Reset cells you no longer need (each cell\'s Reset button), or start with another file: npm start -- --db <path>.');
    }
  }

  /** Records a visit to a lesson page. */
  async visit(lessonId: string): Promise<void> {
    const t = now();
    await this.sql.run(`INSERT INTO lesson_progress (user_id, lesson_id, opened_at, visited_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id, lesson_id) DO UPDATE SET visited_at = excluded.visited_at`, [this.userId, lessonId, t, t]);
  }

  /** Records that `cell` ran without an error. */
  async recordRun(lessonId: string, cell: number): Promise<void> {
    await this.sql.run(`INSERT INTO cell_runs (user_id, lesson_id, cell_index, last_run_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id, lesson_id, cell_index) DO UPDATE SET runs = cell_runs.runs + 1, last_run_at = excluded.last_run_at`,
    [this.userId, lessonId, cell, now()]);
  }

  /** Marks the lesson complete (or not); the caller decides when every cell and exercise is done. */
  async setCompleted(lessonId: string, completed: boolean): Promise<void> {
    const t = now();
    await this.transaction(async (s) => {
      await s.sql.run(`INSERT INTO lesson_progress (user_id, lesson_id, opened_at, visited_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id, lesson_id) DO NOTHING`, [s.userId, lessonId, t, t]);
      await s.sql.run(`UPDATE lesson_progress SET completed_at = CASE WHEN ? = 1 THEN COALESCE(completed_at, ?) ELSE NULL END
        WHERE user_id = ? AND lesson_id = ?`, [completed ? 1 : 0, t, s.userId, lessonId]);
    });
  }

  async saveEdit(lessonId: string, cell: number, code: string, originalHash: string): Promise<CellEdit> {
    const previous = (await this.getEdit(lessonId, cell))?.code.length ?? 0;
    if (code.length > previous) await this.checkQuota(code.length - previous);
    const updatedAt = now();
    await this.sql.run(`INSERT INTO cell_edits (user_id, lesson_id, cell_index, code, original_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (user_id, lesson_id, cell_index) DO UPDATE SET code = excluded.code, original_hash = excluded.original_hash,
      updated_at = excluded.updated_at`, [this.userId, lessonId, cell, code, originalHash, updatedAt]);
    return { cell, code, originalHash, updatedAt };
  }

  async getEdit(lessonId: string, cell: number): Promise<CellEdit | undefined> {
    return this.sql.get<CellEdit>(`SELECT cell_index AS cell, code, original_hash AS "originalHash", updated_at AS "updatedAt"
      FROM cell_edits WHERE user_id = ? AND lesson_id = ? AND cell_index = ?`, [this.userId, lessonId, cell]);
  }

  async edits(lessonId: string): Promise<CellEdit[]> {
    return this.sql.all<CellEdit>(`SELECT cell_index AS cell, code, original_hash AS "originalHash", updated_at AS "updatedAt"
      FROM cell_edits WHERE user_id = ? AND lesson_id = ? ORDER BY cell_index`, [this.userId, lessonId]);
  }

  /** Forgets the learner's version of a cell; returns whether there was one. */
  async deleteEdit(lessonId: string, cell: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM cell_edits WHERE user_id = ? AND lesson_id = ? AND cell_index = ?', [this.userId, lessonId, cell])).changes > 0;
  }

  /** Stores an attempt and, if it passed, marks the exercise solved, in one transaction. */
  async addAttempt(lessonId: string, exerciseId: string, attempt: { code: string; passed: boolean; tests: TestOutcome[]; error?: string }): Promise<Attempt> {
    const createdAt = now();
    const tests = JSON.stringify(attempt.tests);
    const id = await this.transaction(async (s) => {
      await s.checkQuota(attempt.code.length + tests.length + (attempt.error?.length ?? 0));
      const newId = await s.sql.insert(`INSERT INTO exercise_attempts (user_id, lesson_id, exercise_id, code, passed, tests, error, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [s.userId, lessonId, exerciseId, attempt.code, attempt.passed ? 1 : 0, tests, attempt.error ?? null, createdAt]);
      // Keep the newest attempts only: the page shows the last 20, and solving is kept apart.
      await s.sql.run(`DELETE FROM exercise_attempts WHERE user_id = ? AND lesson_id = ? AND exercise_id = ? AND id <= (
        SELECT id FROM exercise_attempts WHERE user_id = ? AND lesson_id = ? AND exercise_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      [s.userId, lessonId, exerciseId, s.userId, lessonId, exerciseId, this.quota.attemptsPerExercise]);
      if (attempt.passed) {
        await s.sql.run(`INSERT INTO exercises_solved (user_id, lesson_id, exercise_id, solved_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (user_id, lesson_id, exercise_id) DO NOTHING`, [s.userId, lessonId, exerciseId, createdAt]);
      }
      return newId;
    });
    const result: Attempt = { id, exerciseId, code: attempt.code, passed: attempt.passed, tests: attempt.tests, createdAt };
    if (attempt.error !== undefined) result.error = attempt.error;
    return result;
  }

  async attempts(lessonId: string, exerciseId: string, limit = 20): Promise<Attempt[]> {
    const rows = await this.sql.all<{ id: number; exerciseId: string; code: string; passed: number; tests: string; error: string | null; createdAt: string }>(
      `SELECT id, exercise_id AS "exerciseId", code, passed, tests, error, created_at AS "createdAt"
      FROM exercise_attempts WHERE user_id = ? AND lesson_id = ? AND exercise_id = ? ORDER BY id DESC LIMIT ?`, [this.userId, lessonId, exerciseId, limit]);
    return rows.map((r) => {
      const a: Attempt = { id: Number(r.id), exerciseId: r.exerciseId, code: r.code, passed: r.passed === 1, tests: JSON.parse(r.tests) as TestOutcome[], createdAt: r.createdAt };
      if (r.error !== null) a.error = r.error;
      return a;
    });
  }

  async lessonState(lessonId: string): Promise<LessonState> {
    return (await this.statesWhere(' AND lesson_id = ?', [lessonId])).get(lessonId) ?? { cellsRun: [], solved: [] };
  }

  /**
   * Every lesson's state for this learner, keyed by lesson id, in three queries. The lesson
   * map shows them all at once; asking lesson by lesson (with the edits) made it 176 round
   * trips to PostgreSQL for 44 lessons, the slowest request of the class load test.
   */
  async lessonStates(): Promise<Map<string, LessonState>> {
    return this.statesWhere('', []);
  }

  private async statesWhere(filter: string, params: Param[]): Promise<Map<string, LessonState>> {
    const p = [this.userId, ...params];
    const states = new Map<string, LessonState>();
    const of = (id: string) => {
      let s = states.get(id);
      if (s === undefined) states.set(id, s = { cellsRun: [], solved: [] });
      return s;
    };
    for (const r of await this.sql.all<{ lesson_id: string; opened_at: string; visited_at: string; completed_at: string | null }>(
      `SELECT lesson_id, opened_at, visited_at, completed_at FROM lesson_progress WHERE user_id = ?${filter}`, p)) {
      const s = of(r.lesson_id);
      s.openedAt = r.opened_at;
      s.visitedAt = r.visited_at;
      if (r.completed_at !== null) s.completedAt = r.completed_at;
    }
    for (const r of await this.sql.all<{ lesson_id: string; cell_index: number }>(
      `SELECT lesson_id, cell_index FROM cell_runs WHERE user_id = ?${filter} ORDER BY lesson_id, cell_index`, p)) {
      of(r.lesson_id).cellsRun.push(r.cell_index);
    }
    for (const r of await this.sql.all<{ lesson_id: string; exercise_id: string; solved_at: string }>(
      `SELECT lesson_id, exercise_id, solved_at FROM exercises_solved WHERE user_id = ?${filter} ORDER BY solved_at, exercise_id`, p)) {
      of(r.lesson_id).solved.push({ exerciseId: r.exercise_id, solvedAt: r.solved_at });
    }
    return states;
  }
}

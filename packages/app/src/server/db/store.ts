/**
 * The learner's data, in an embedded SQLite file: lesson progress, cell runs, cell edits and
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

/** What one learner's database may hold, so a runaway client cannot fill the disk. */
export interface Quota {
  /** Characters of code, test results and errors across all edits and attempts (default 50 M, about 50 MB). */
  storedChars: number;
  /** Attempts kept per exercise; older ones are dropped (a solve is kept separately). */
  attemptsPerExercise: number;
}

export const DEFAULT_QUOTA: Quota = { storedChars: 50_000_000, attemptsPerExercise: 500 };

/** Typed reads and transactional writes over an open database. */
export class Store {
  readonly quota: Quota;

  constructor(readonly db: Database, quota: Partial<Quota> = {}) {
    this.quota = { ...DEFAULT_QUOTA, ...quota };
  }

  /** Characters stored in edits and attempts, the measure the quota bounds. */
  storedChars(): number {
    const row = this.db.prepare(`SELECT
      (SELECT COALESCE(SUM(length(code)), 0) FROM cell_edits) +
      (SELECT COALESCE(SUM(length(code) + length(tests) + COALESCE(length(error), 0)), 0) FROM exercise_attempts) AS n`).get() as { n: number };
    return row.n;
  }

  /** Throws a 413 when storing `adding` more characters would pass the quota. */
  checkQuota(adding: number): void {
    const stored = this.storedChars();
    if (stored + adding > this.quota.storedChars) {
      const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
      throw new HttpError(413, `Your saved work is ${mb(stored)}; storing this would pass the ${mb(this.quota.storedChars)} a learner's database may hold. ` +
        'Reset cells you no longer need (each cell\'s Reset button), or start with another file: npm start -- --db <path>.');
    }
  }

  /** Records a visit to a lesson page. */
  visit(lessonId: string): void {
    const t = now();
    this.db.prepare(`INSERT INTO lesson_progress (lesson_id, opened_at, visited_at) VALUES (?, ?, ?)
      ON CONFLICT (lesson_id) DO UPDATE SET visited_at = excluded.visited_at`).run(lessonId, t, t);
  }

  /** Records that `cell` ran without an error. */
  recordRun(lessonId: string, cell: number): void {
    this.db.prepare(`INSERT INTO cell_runs (lesson_id, cell_index, last_run_at) VALUES (?, ?, ?)
      ON CONFLICT (lesson_id, cell_index) DO UPDATE SET runs = runs + 1, last_run_at = excluded.last_run_at`)
      .run(lessonId, cell, now());
  }

  /** Marks the lesson complete (or not); the caller decides when every cell and exercise is done. */
  setCompleted(lessonId: string, completed: boolean): void {
    const t = now();
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO lesson_progress (lesson_id, opened_at, visited_at) VALUES (?, ?, ?)
        ON CONFLICT (lesson_id) DO NOTHING`).run(lessonId, t, t);
      this.db.prepare(`UPDATE lesson_progress SET completed_at = CASE WHEN ? THEN COALESCE(completed_at, ?) ELSE NULL END
        WHERE lesson_id = ?`).run(completed ? 1 : 0, t, lessonId);
    })();
  }

  saveEdit(lessonId: string, cell: number, code: string, originalHash: string): CellEdit {
    const previous = this.getEdit(lessonId, cell)?.code.length ?? 0;
    if (code.length > previous) this.checkQuota(code.length - previous);
    const updatedAt = now();
    this.db.prepare(`INSERT INTO cell_edits (lesson_id, cell_index, code, original_hash, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (lesson_id, cell_index) DO UPDATE SET code = excluded.code, original_hash = excluded.original_hash,
      updated_at = excluded.updated_at`).run(lessonId, cell, code, originalHash, updatedAt);
    return { cell, code, originalHash, updatedAt };
  }

  getEdit(lessonId: string, cell: number): CellEdit | undefined {
    const row = this.db.prepare(`SELECT cell_index AS cell, code, original_hash AS originalHash, updated_at AS updatedAt
      FROM cell_edits WHERE lesson_id = ? AND cell_index = ?`).get(lessonId, cell) as CellEdit | undefined;
    return row;
  }

  edits(lessonId: string): CellEdit[] {
    return this.db.prepare(`SELECT cell_index AS cell, code, original_hash AS originalHash, updated_at AS updatedAt
      FROM cell_edits WHERE lesson_id = ? ORDER BY cell_index`).all(lessonId) as CellEdit[];
  }

  /** Forgets the learner's version of a cell; returns whether there was one. */
  deleteEdit(lessonId: string, cell: number): boolean {
    return this.db.prepare('DELETE FROM cell_edits WHERE lesson_id = ? AND cell_index = ?').run(lessonId, cell).changes > 0;
  }

  /** Stores an attempt and, if it passed, marks the exercise solved, in one transaction. */
  addAttempt(lessonId: string, exerciseId: string, attempt: { code: string; passed: boolean; tests: TestOutcome[]; error?: string }): Attempt {
    const createdAt = now();
    const tests = JSON.stringify(attempt.tests);
    const id = this.db.transaction(() => {
      this.checkQuota(attempt.code.length + tests.length + (attempt.error?.length ?? 0));
      const info = this.db.prepare(`INSERT INTO exercise_attempts (lesson_id, exercise_id, code, passed, tests, error, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(lessonId, exerciseId, attempt.code, attempt.passed ? 1 : 0,
        tests, attempt.error ?? null, createdAt);
      // Keep the newest attempts only: the page shows the last 20, and solving is kept apart.
      this.db.prepare(`DELETE FROM exercise_attempts WHERE lesson_id = ? AND exercise_id = ? AND id <= (
        SELECT id FROM exercise_attempts WHERE lesson_id = ? AND exercise_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`)
        .run(lessonId, exerciseId, lessonId, exerciseId, this.quota.attemptsPerExercise);
      if (attempt.passed) {
        this.db.prepare(`INSERT INTO exercises_solved (lesson_id, exercise_id, solved_at) VALUES (?, ?, ?)
          ON CONFLICT (lesson_id, exercise_id) DO NOTHING`).run(lessonId, exerciseId, createdAt);
      }
      return Number(info.lastInsertRowid);
    })();
    const result: Attempt = { id, exerciseId, code: attempt.code, passed: attempt.passed, tests: attempt.tests, createdAt };
    if (attempt.error !== undefined) result.error = attempt.error;
    return result;
  }

  attempts(lessonId: string, exerciseId: string, limit = 20): Attempt[] {
    const rows = this.db.prepare(`SELECT id, exercise_id AS exerciseId, code, passed, tests, error, created_at AS createdAt
      FROM exercise_attempts WHERE lesson_id = ? AND exercise_id = ? ORDER BY id DESC LIMIT ?`)
      .all(lessonId, exerciseId, limit) as { id: number; exerciseId: string; code: string; passed: number; tests: string; error: string | null; createdAt: string }[];
    return rows.map((r) => {
      const a: Attempt = { id: r.id, exerciseId: r.exerciseId, code: r.code, passed: r.passed === 1, tests: JSON.parse(r.tests) as TestOutcome[], createdAt: r.createdAt };
      if (r.error !== null) a.error = r.error;
      return a;
    });
  }

  lessonState(lessonId: string): LessonState {
    const p = this.db.prepare('SELECT opened_at, visited_at, completed_at FROM lesson_progress WHERE lesson_id = ?')
      .get(lessonId) as { opened_at: string; visited_at: string; completed_at: string | null } | undefined;
    const cellsRun = (this.db.prepare('SELECT cell_index FROM cell_runs WHERE lesson_id = ? ORDER BY cell_index')
      .all(lessonId) as { cell_index: number }[]).map((r) => r.cell_index);
    const solved = (this.db.prepare('SELECT exercise_id, solved_at FROM exercises_solved WHERE lesson_id = ? ORDER BY solved_at')
      .all(lessonId) as { exercise_id: string; solved_at: string }[])
      .map((r) => ({ exerciseId: r.exercise_id, solvedAt: r.solved_at }));
    const state: LessonState = { cellsRun, solved };
    if (p) {
      state.openedAt = p.opened_at;
      state.visitedAt = p.visited_at;
      if (p.completed_at !== null) state.completedAt = p.completed_at;
    }
    return state;
  }
}

/**
 * The app's record of a learner's progress, read from its SQLite file (read-only), so that
 * `descent lessons` shows what the app shows: cells run, exercises solved, lesson complete.
 * The counting is the app's (`packages/app/src/server/routes/common.ts`): plain code cells
 * count toward "cells run", exercises through being solved.
 *
 * @example
 * const progress = readAppProgress(join(homedir(), '.descent', 'descent.db'));
 * progress?.get('03-calculus'); // { cellsRun: [1, 2], solved: ['derivative'], completedAt: '2026-…' }
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Lesson } from '../format/types';

/** Where `npm start` keeps progress unless told otherwise (`--db`). */
export const APP_DB = join(homedir(), '.descent', 'descent.db');

export interface AppLessonProgress {
  cellsRun: number[];
  solved: string[];
  completedAt?: string;
}

interface Db {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}

/**
 * Progress by lesson id, or undefined when there is no database (the app never ran) or it
 * cannot be read (better-sqlite3 missing, a damaged file): the command then shows its own
 * run status only.
 */
export function readAppProgress(path = APP_DB): Map<string, AppLessonProgress> | undefined {
  if (!existsSync(path)) return undefined;
  let db: Db;
  try {
    // better-sqlite3 is the app's dependency; the lessons package works without it.
    const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (p: string, o: object) => Db;
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
  try {
    const out = new Map<string, AppLessonProgress>();
    const get = (id: string) => out.get(id) ?? out.set(id, { cellsRun: [], solved: [] }).get(id)!;
    for (const r of db.prepare('SELECT lesson_id, cell_index FROM cell_runs ORDER BY cell_index').all() as { lesson_id: string; cell_index: number }[]) get(r.lesson_id).cellsRun.push(r.cell_index);
    for (const r of db.prepare('SELECT lesson_id, exercise_id FROM exercises_solved').all() as { lesson_id: string; exercise_id: string }[]) get(r.lesson_id).solved.push(r.exercise_id);
    for (const r of db.prepare('SELECT lesson_id, completed_at FROM lesson_progress WHERE completed_at IS NOT NULL').all() as { lesson_id: string; completed_at: string }[]) get(r.lesson_id).completedAt = r.completed_at;
    return out;
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

/** "3/5 cells · 1/2 exercises" or "✓ complete", counted as the app counts. */
export function describeAppProgress(lesson: Lesson, p: AppLessonProgress | undefined): string | undefined {
  if (p === undefined) return undefined;
  if (p.completedAt !== undefined) return `app: ✓ complete ${p.completedAt.slice(0, 10)}`;
  const counted = lesson.cells.filter((c) => c.role === 'code').map((c) => c.index);
  const run = counted.filter((i) => p.cellsRun.includes(i)).length;
  const solved = p.solved.filter((id) => lesson.exercises.some((e) => e.id === id)).length;
  if (run === 0 && solved === 0) return undefined;
  return `app: ${run}/${counted.length} cells · ${solved}/${lesson.exercises.length} exercises`;
}

/** What the route files share: lookups that answer 404 with a useful message, and state views. */
import type { CellView, LessonState, Progress } from '../../shared/api.js';
import { hashCode, type Catalog, type CatalogLesson } from '../catalog.js';
import type { LessonState as StoredLessonState, Store } from '../db/store.js';
import { notFound } from '../errors.js';

export interface RouteDeps {
  catalog: Catalog;
  store: Store;
  /** Where the build step put the lessons' pre-rendered outputs (server/prerendered.ts). */
  prerenderedDir?: string;
}

/** Lesson ids as the files name them: `03-calculus`. */
export const LESSON_ID = { type: 'string', pattern: '^[0-9]{2}-[a-z0-9-]+$', maxLength: 100 } as const;
/** A cell's 1-based index as it appears in a URL (path parameters are strings; types are not coerced). */
export const CELL_INDEX = { type: 'string', pattern: '^[1-9][0-9]{0,4}$' } as const;
export const EXERCISE_ID = { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 } as const;
/** A cell's code: generous, but a bound, so a runaway client cannot fill the disk. */
export const CODE = { type: 'string', maxLength: 200_000 } as const;
export const ERROR = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;

export function lessonOr404(catalog: Catalog, id: string): CatalogLesson {
  const lesson = catalog.get(id);
  if (lesson === undefined) {
    throw notFound(`No lesson "${id}". The lessons are: ${catalog.ids().join(', ') || 'none'}.`);
  }
  return lesson;
}

export function cellOr404(lesson: CatalogLesson, index: number): CellView {
  const cell = lesson.view.cells[index - 1];
  if (cell === undefined) {
    throw notFound(`Lesson ${lesson.view.id} has ${lesson.view.cells.length} cells; there is no cell ${index}.`);
  }
  return cell;
}

export function exerciseOr404(lesson: CatalogLesson, id: string) {
  const exercise = lesson.view.exercises.find((e) => e.id === id);
  if (exercise === undefined) {
    const known = lesson.view.exercises.map((e) => e.id).join(', ') || 'none';
    throw notFound(`Lesson ${lesson.view.id} has no exercise "${id}" (its exercises: ${known}).`);
  }
  return exercise;
}

/** Cells that count toward progress: plain cells (an exercise counts through being solved). */
const countedCells = (lesson: CatalogLesson) => lesson.view.cells.filter((c) => c.role === 'code').map((c) => c.index);

/** What the API shows of a stored lesson state: runs of cells and solves of exercises the lesson still has. */
export function visibleState(lesson: CatalogLesson, s: StoredLessonState): Omit<LessonState, 'edits'> & { visitedAt?: string } {
  const state: Omit<LessonState, 'edits'> & { visitedAt?: string } = {
    cellsRun: s.cellsRun.filter((i) => i <= lesson.view.cells.length),
    solved: s.solved.map((x) => x.exerciseId).filter((id) => lesson.view.exercises.some((e) => e.id === id)),
  };
  if (s.completedAt !== undefined) state.completedAt = s.completedAt;
  if (s.visitedAt !== undefined) state.visitedAt = s.visitedAt;
  return state;
}

/** The learner's state for a lesson, with edits marked stale when the lesson's code changed since. */
export async function stateOf(store: Store, lesson: CatalogLesson): Promise<LessonState & { visitedAt?: string }> {
  const cells = lesson.view.cells;
  const edits = (await store.edits(lesson.view.id)).filter((e) => e.cell <= cells.length)
    .map((e) => ({ cell: e.cell, code: e.code, updatedAt: e.updatedAt, stale: e.originalHash !== hashCode(cells[e.cell - 1].code) }));
  const { cellsRun, solved, ...times } = visibleState(lesson, await store.lessonState(lesson.view.id));
  return { cellsRun, solved, edits, ...times };
}

export function progressOf(lesson: CatalogLesson, state: Pick<LessonState, 'cellsRun' | 'solved' | 'completedAt'>): Progress {
  const counted = countedCells(lesson);
  const run = new Set(state.cellsRun);
  return {
    cellsRun: counted.filter((i) => run.has(i)).length,
    cells: counted.length,
    exercisesSolved: state.solved.length,
    exercises: lesson.view.exercises.length,
    completed: state.completedAt !== undefined,
  };
}

/**
 * Marks the lesson complete once every plain cell has run and every exercise is solved.
 * Called inside the write's transaction, so the two commit together.
 */
export async function updateCompletion(store: Store, lesson: CatalogLesson): Promise<LessonState> {
  const { visitedAt: _visited, ...state } = await stateOf(store, lesson);
  const p = progressOf(lesson, state);
  const done = p.cellsRun === p.cells && p.exercisesSolved === p.exercises;
  if (done && state.completedAt === undefined) {
    await store.setCompleted(lesson.view.id, true);
    const { visitedAt: _v, ...after } = await stateOf(store, lesson);
    return after;
  }
  return state;
}

/**
 * Runs a parsed lesson: plain cells in order in one shared session, and each exercise checked
 * both ways (the solution must pass its tests, the starter must fail them). Browser-safe; the
 * Node runner calls this inside a worker thread so a runaway cell can be stopped.
 */
import type { Cell, Exercise, Lesson } from '../format/types';
import { createHelpers, emptyContext, type CellContext, type HelperHost } from '../helpers/helpers';
import type { CellResult, ExerciseResult, ExerciseRun, Failure, LessonEvent, LessonResult } from './results';
import { CellError, Session, type ModuleResolver } from './session';

export interface ExecuteOptions {
  resolveModule: ModuleResolver;
  onEvent?: (event: LessonEvent) => void;
}

const now = () => performance.now();

function failureOf(cell: Cell, error: unknown): Failure {
  const line = error instanceof CellError ? error.line : undefined;
  const message = error instanceof CellError ? error.message : String(error);
  const failure: Failure = { kind: 'error', cell: cell.index, fileLine: cell.line + (line ?? 1) - 1, message };
  if (line !== undefined) failure.line = line;
  return failure;
}

/** Runs `cell` in `session` with `host.current` set to a fresh context, awaiting what it started. */
async function runIn(session: Session, cell: Cell, host: HelperHost, name: string): Promise<CellContext> {
  const context = emptyContext();
  host.current = context;
  await session.run(cell.code, name);
  // Charts render and async tests settle after the cell's own code; failures here are the cell's.
  await Promise.all(context.pending);
  return context;
}

/** Runs the test cell after `code` in `session`; never throws, the outcome is in the result. */
async function tryExercise(session: Session, exercise: Exercise, code: Cell | undefined, host: HelperHost, name: string): Promise<ExerciseRun> {
  try {
    if (code !== undefined) await runIn(session, code, host, `${name}-${code.role}`);
  } catch (e) {
    return { passed: false, tests: [], error: e instanceof Error ? e.message : String(e) };
  }
  try {
    const { tests } = await runIn(session, exercise.test, host, `${name}-test`);
    return { passed: tests.every((t) => t.passed), tests };
  } catch (e) {
    return { passed: false, tests: host.current.tests, error: e instanceof Error ? e.message : String(e) };
  }
}

function judge(id: string, solution: ExerciseRun, starter: ExerciseRun): ExerciseResult {
  const result: ExerciseResult = { id, solution, starter, ok: solution.passed && !starter.passed };
  if (!solution.passed) {
    const why = solution.error ?? solution.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.error}`).join('; ');
    result.problem = `the solution fails its tests (${why})`;
  } else if (starter.passed) {
    result.problem = 'the starter already passes the tests, so the exercise asks nothing of the learner';
  }
  return result;
}

/**
 * Runs every cell of `lesson` and checks every exercise. Stops at the first cell that throws
 * (a broken exercise does not stop the run; it is reported in `exercises`).
 */
export async function executeLesson(lesson: Lesson, options: ExecuteOptions): Promise<LessonResult> {
  const emit = options.onEvent ?? (() => {});
  const id = lesson.meta.id;
  let running = 0;
  const host: HelperHost = {
    current: emptyContext(),
    onProgress: (done, total, label) => emit({ type: 'progress', cell: running, done, total, label }),
  };
  const session = new Session(options.resolveModule, createHelpers(host));
  const result: LessonResult = { id, ok: true, cells: [], exercises: [] };
  const exercises = new Map(lesson.exercises.map((e) => [e.solution.index, e]));

  for (const cell of lesson.cells) {
    running = cell.index;
    emit({ type: 'cell-start', cell: cell.index, line: cell.line });
    const started = now();
    let outputs: CellResult['outputs'] = [];
    let judged: ExerciseResult | undefined;
    try {
      const exercise = exercises.get(cell.index);
      if (cell.role === 'code') {
        outputs = (await runIn(session, cell, host, `${id}/cell-${cell.index}`)).outputs;
      } else if (exercise !== undefined) {
        // The starter runs first, in a copy of the scope, so nothing the solution defines can
        // make a starter with a missing piece pass by accident.
        const starter = await tryExercise(session.fork(), exercise, exercise.starter, host, `${id}/cell-${exercise.starter.index}`);
        outputs = (await runIn(session, cell, host, `${id}/cell-${cell.index}`)).outputs;
        const solution = await tryExercise(session, exercise, undefined, host, `${id}/cell-${exercise.test.index}`);
        judged = judge(exercise.id, solution, starter);
        result.exercises.push(judged);
        if (!judged.ok) result.ok = false;
      }
    } catch (e) {
      result.ok = false;
      result.failure = failureOf(cell, e);
      return result;
    }
    const cellResult: CellResult = { cell: cell.index, outputs, ms: now() - started };
    result.cells.push(cellResult);
    emit({ type: 'cell-end', result: cellResult });
    if (judged !== undefined) emit({ type: 'exercise', result: judged });
  }
  return result;
}

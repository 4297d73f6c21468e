/** What running a lesson produces, as plain JSON (it crosses from a worker to the runner). */
import type { Output, TestResult } from '../helpers/outputs';

export interface CellResult {
  /** The cell's 1-based index among the lesson's code cells. */
  cell: number;
  outputs: Output[];
  ms: number;
}

/** One side of an exercise check: the solution or the starter, run against the tests. */
export interface ExerciseRun {
  passed: boolean;
  tests: TestResult[];
  /** An error the code or the test cell threw outside any `test(...)`. */
  error?: string;
}

export interface ExerciseResult {
  id: string;
  solution: ExerciseRun;
  starter: ExerciseRun;
  /** The exercise is real: the solution passes and the starter fails. */
  ok: boolean;
  /** Why the exercise is broken, when it is. */
  problem?: string;
}

/** Why a run stopped early. */
export interface Failure {
  kind: 'error' | 'timeout' | 'crash';
  /** The cell that failed (1-based), and the line in the lesson file where the problem is. */
  cell: number;
  fileLine: number;
  /** The line within the cell, when known. */
  line?: number;
  message: string;
}

export interface LessonResult {
  id: string;
  ok: boolean;
  cells: CellResult[];
  exercises: ExerciseResult[];
  failure?: Failure;
}

/** Progress of a run, reported as it happens (the CLI prints these). */
export type LessonEvent =
  | { type: 'cell-start'; cell: number; line: number }
  | { type: 'cell-end'; result: CellResult }
  | { type: 'progress'; cell: number; done: number; total: number; label?: string }
  | { type: 'exercise'; result: ExerciseResult };

/** The message a failure prints: lesson, cell, file line and error. */
export function describeFailure(file: string, id: string, f: Failure): string {
  const where = f.line === undefined ? '' : `, line ${f.line}`;
  return `${file}:${f.fileLine}: lesson ${id}, cell ${f.cell}${where}: ${f.message}`;
}

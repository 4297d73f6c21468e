/**
 * Runs a lesson in a worker thread with a per-cell time limit. If a cell runs past the limit,
 * the worker is terminated (the only way to stop `while (true) {}`) and the result says which
 * cell was stopped and why.
 */
import { Worker } from 'node:worker_threads';
import type { Lesson } from '../format/types';
import type { LessonEvent, LessonResult } from '../notebook/results';

export interface RunOptions {
  /** Seconds a single cell may run before it is stopped. */
  timeLimit?: number;
  onEvent?: (event: LessonEvent) => void;
}

export const DEFAULT_TIME_LIMIT = 30;

export function runLesson(lesson: Lesson, options: RunOptions = {}): Promise<LessonResult> {
  const limit = options.timeLimit ?? DEFAULT_TIME_LIMIT;
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { lesson } });
  const cells: LessonResult['cells'] = [];
  const exercises: LessonResult['exercises'] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled = false;

  return new Promise<LessonResult>((resolve) => {
    const finish = (result: LessonResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const stopped = (kind: 'timeout' | 'crash', cell: number, fileLine: number, message: string) =>
      finish({ id: lesson.meta.id, ok: false, cells, exercises, failure: { kind, cell, fileLine, message } });

    worker.on('message', (message: { type: 'event'; event: LessonEvent } | { type: 'done'; result: LessonResult }) => {
      if (message.type === 'done') {
        finish(message.result);
        return;
      }
      const { event } = message;
      if (event.type === 'cell-start') {
        clearTimeout(timer);
        timer = setTimeout(() => stopped('timeout', event.cell, event.line,
          `Cell ${event.cell} ran past the ${limit} s time limit and was stopped. Is there a loop that never ends, or too much work for one cell?`),
        limit * 1000);
      } else if (event.type === 'cell-end') {
        clearTimeout(timer);
        cells.push(event.result);
      } else if (event.type === 'exercise') {
        exercises.push(event.result);
      }
      options.onEvent?.(event);
    });
    worker.on('error', (error: Error) => {
      const cell = cells.length + 1;
      const line = lesson.cells[cell - 1]?.line ?? 1;
      stopped('crash', cell, line, `The lesson's worker crashed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (!settled) stopped('crash', cells.length + 1, lesson.cells[cells.length]?.line ?? 1, `The lesson's worker exited with code ${code}.`);
    });
  });
}

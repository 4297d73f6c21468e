/**
 * Worker thread for `checkCodingQuestions`: runs each question as a three-cell lesson with
 * `executeLesson`, the same machinery as lesson exercises, each in a fresh scope.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lesson } from '../format/types';
import { executeLesson } from '../notebook/execute';
import { checkCellImport } from '../notebook/session';

Error.stackTraceLimit = 100;

async function resolveModule(specifier: string): Promise<unknown> {
  checkCellImport(specifier);
  return import(specifier);
}

const { lessons } = workerData as { lessons: Lesson[] };
for (const lesson of lessons) {
  parentPort!.postMessage({ type: 'start', id: lesson.meta.id });
  const result = await executeLesson(lesson, { resolveModule });
  parentPort!.postMessage({ type: 'result', id: lesson.meta.id, result });
}
parentPort!.postMessage({ type: 'done' });

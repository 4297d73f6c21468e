/**
 * The worker thread that runs one lesson. It receives the parsed lesson, runs it with
 * `executeLesson`, and posts every event back. Running here, not in the CLI's thread, is what
 * lets the runner stop a cell stuck in a synchronous loop: it terminates the whole worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lesson } from '../format/types';
import { executeLesson } from '../notebook/execute';
import { checkCellImport } from '../notebook/session';

// Deep library calls must not push the cell's own frame out of the stack trace.
Error.stackTraceLimit = 100;

/** Lessons import only the library, never Node APIs, so they also run in the browser. */
async function resolveModule(specifier: string): Promise<unknown> {
  checkCellImport(specifier);
  return import(specifier);
}

const { lesson } = workerData as { lesson: Lesson };
const port = parentPort!;
let lastProgress = 0;
const result = await executeLesson(lesson, {
  resolveModule,
  onEvent: (event) => {
    // At most ~10 progress messages a second; the first and last always get through.
    if (event.type === 'progress') {
      const t = performance.now();
      if (t - lastProgress < 100 && event.done !== event.total && event.done !== 1) return;
      lastProgress = t;
    }
    port.postMessage({ type: 'event', event });
  },
});
port.postMessage({ type: 'done', result });

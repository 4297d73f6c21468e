// CI runs every curriculum lesson and every exercise check: one test per file in lessons/.
// New lessons are picked up as soon as they are added. Each run also goes through the app's
// pre-render (the file the app shows before the learner runs anything), so the build step
// is checked on every lesson without running the lessons a second time. The lessons are
// dealt alternately to two test files (lessons-a/-b.test.ts) so that `npm test` can run the
// halves side by side.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../app/src/server/catalog.js';
import { prerenderedFromRun } from '../../app/src/server/prerender-run.js';
import { servedPrerendered, type PrerenderedLesson } from '../../app/src/server/prerendered.js';
import { idFromPath } from '../src/format/parse';
import { checkLessonFile } from '../src/node/check';
import { listLessonFiles } from '../src/node/lessons';
import { describeFailure } from '../src/notebook/results';

const lessonsDir = fileURLToPath(new URL('../../../lessons', import.meta.url));

/** Registers `descent lesson check` for every lesson whose position in the list is `part` modulo `parts`. */
export function lessonTests(part: number, parts: number): void {
  const all = listLessonFiles(lessonsDir);
  const files = all.filter((_, i) => i % parts === part);
  const catalog = new Catalog(lessonsDir);
  describe(`curriculum lessons, part ${part + 1} of ${parts} (descent lesson check)`, () => {
    if (all.length === 0) {
      it('has no lessons yet', () => expect(all).toEqual([]));
    }
    for (const file of files) {
      it(idFromPath(file), async () => {
        const { lesson, problems, result } = await checkLessonFile(file);
        const failures = [
          ...problems,
          ...result.exercises.filter((e) => !e.ok).map((e) => `exercise ${e.id}: ${e.problem}`),
          ...(result.failure ? [describeFailure(lesson.file, lesson.meta.id, result.failure)] : []),
        ];
        expect(failures).toEqual([]);
        // The app's pre-render of this run survives JSON, and the page gets every plain cell's outputs.
        const made = prerenderedFromRun(idFromPath(file), lesson, result, 'ci');
        const served = servedPrerendered(JSON.parse(JSON.stringify(made)) as PrerenderedLesson, catalog.get(idFromPath(file))!.view.cells);
        const plain = lesson.cells.filter((c) => c.role === 'code').map((c) => c.index);
        expect(served.cells.map((c) => c.index)).toEqual(plain);
        expect(served.cells.map((c) => c.outputs.length)).toEqual(made.cells.map((c) => c.outputs.length));
      });
    }
  });
}

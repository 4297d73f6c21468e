// CI runs every curriculum lesson and every exercise check: one test per file in lessons/.
// New lessons are picked up as soon as they are added. The lessons are dealt alternately to
// two test files (lessons-a/-b.test.ts) so that `npm test` can run the halves side by side.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { idFromPath } from '../src/format/parse';
import { checkLessonFile } from '../src/node/check';
import { listLessonFiles } from '../src/node/lessons';
import { describeFailure } from '../src/notebook/results';

const lessonsDir = fileURLToPath(new URL('../../../lessons', import.meta.url));

/** Registers `descent lesson check` for every lesson whose position in the list is `part` modulo `parts`. */
export function lessonTests(part: number, parts: number): void {
  const all = listLessonFiles(lessonsDir);
  const files = all.filter((_, i) => i % parts === part);
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
      });
    }
  });
}

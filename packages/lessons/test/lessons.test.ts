// CI runs every curriculum lesson and every exercise check: one test per file in lessons/.
// New lessons are picked up as soon as they are added.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { idFromPath } from '../src/format/parse';
import { checkLessonFile } from '../src/node/check';
import { listLessonFiles } from '../src/node/lessons';
import { describeFailure } from '../src/notebook/results';

const lessonsDir = fileURLToPath(new URL('../../../lessons', import.meta.url));
const files = listLessonFiles(lessonsDir);

describe('curriculum lessons (descent lesson check)', () => {
  if (files.length === 0) {
    it('has no lessons yet', () => expect(files).toEqual([]));
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

/** Finding and loading lesson files on disk. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { idFromPath, parseLesson } from '../format/parse';
import type { Lesson } from '../format/types';

/** Lesson files are named `NN-slug.md`; README.md and other files in the folder are not lessons. */
export const LESSON_FILE = /^\d{2}-[a-z0-9-]+\.md$/;

/** The `lessons/` folder of the repository containing `start` (searched upwards). */
export function findLessonsDir(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'lessons');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(resolve(start), 'lessons');
    dir = parent;
  }
}

/** Every lesson file in `dir`, in curriculum order. */
export function listLessonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => LESSON_FILE.test(f)).sort().map((f) => join(dir, f));
}

/** Parses a lesson file; messages name it relative to the working directory. */
export function loadLesson(file: string): Lesson {
  return parseLesson(readFileSync(file, 'utf8'), relative(process.cwd(), file) || file);
}

/**
 * The file for `ref`: a path to a `.md` file, an exact id, or a unique prefix such as `02`.
 */
export function resolveLessonFile(dir: string, ref: string): string {
  if (ref.endsWith('.md') && existsSync(ref)) return resolve(ref);
  const files = listLessonFiles(dir);
  const exact = files.find((f) => idFromPath(f) === ref);
  if (exact) return exact;
  const matches = files.filter((f) => idFromPath(f).startsWith(ref));
  if (matches.length === 1) return matches[0];
  const known = files.map(idFromPath).join(', ') || 'none';
  throw new Error(matches.length === 0
    ? `No lesson "${ref}" in ${dir} (lessons: ${known}).`
    : `"${ref}" matches several lessons: ${matches.map(idFromPath).join(', ')}.`);
}

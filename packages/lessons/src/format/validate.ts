/**
 * The rules a finished lesson follows beyond being parseable: its id matches its file name,
 * it has enough exercises, it ends with a summary and links to interview questions, and it
 * lists every library module it imports.
 */
import { idFromPath } from './parse';
import type { Lesson } from './types';

export interface ValidateOptions {
  /** The fewest exercises a lesson may have (3 for curriculum lessons). */
  minExercises?: number;
}

const IMPORT_FROM = /\bfrom\s+['"](descent\/[\w/-]+)['"]/g;

/** All problems with a parsed lesson: the parser's plus the curriculum rules. */
export function validateLesson(lesson: Lesson, options: ValidateOptions = {}): string[] {
  const problems = [...lesson.problems];
  const minExercises = options.minExercises ?? 3;
  if (lesson.meta.id !== idFromPath(lesson.file)) {
    problems.push(`Front matter id "${lesson.meta.id}" does not match the file name "${idFromPath(lesson.file)}.md".`);
  }
  if (lesson.exercises.length < minExercises) {
    problems.push(`A lesson needs at least ${minExercises} exercises; this one has ${lesson.exercises.length}.`);
  }
  const headings = lesson.blocks
    .filter((b) => b.kind === 'prose')
    .flatMap((b) => [...b.markdown.matchAll(/^##\s+(.+?)\s*$/gm)].map((m) => m[1].toLowerCase()));
  if (!headings.includes('summary')) problems.push('There is no "## Summary" section: end the lesson with one, a few bullet points.');
  if (!headings.includes('interview questions')) {
    problems.push('There is no "## Interview questions" section: add one after the summary, linking to the practice questions on the lesson\'s topic.');
  }
  const imported = new Set(lesson.cells.flatMap((c) => [...c.code.matchAll(IMPORT_FROM)].map((m) => m[1])));
  for (const module of imported) {
    if (!lesson.meta.modules.includes(module)) {
      problems.push(`Cells import ${module}, so the front matter's \`modules\` must list it.`);
    }
  }
  return problems;
}

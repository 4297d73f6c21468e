/**
 * From a lesson's run to its pre-rendered file (what `scripts/prerender.ts` writes to
 * `packages/app/prerendered/<id>.json`): the outputs of each plain cell, with the hash of the
 * code that made them. Charts keep their Vega-Lite spec (the page draws it) with numbers cut
 * to 6 significant digits (a chart cannot show more; lesson 03's file shrinks from 894 kB to
 * 559 kB); the terminal's SVG is dropped. Pure, so CI can apply it to the lesson runs it does
 * anyway (packages/lessons/test/lesson-suite.ts) without running a lesson twice.
 *
 * @example
 * const lesson = loadLesson(file);
 * const data = prerenderedFromRun('05-probability', lesson, await runLesson(lesson), lessonHashOf(readFileSync(file)));
 */
import { createHash } from 'node:crypto';
import type { Lesson } from '@descent/lessons/format';
import type { LessonResult } from '@descent/lessons/notebook';
import { hashCode } from './catalog.js';
import type { PrerenderedLesson } from './prerendered.js';

/** A pre-rendered file also records the hash of the lesson file it came from (to skip unchanged lessons). */
export type PrerenderedFile = PrerenderedLesson & { lessonHash: string };

/** The hash the pre-rendered file records for a lesson file's bytes. */
export function lessonHashOf(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The spec with every non-integer number to 6 significant digits. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** The pre-rendered file for lesson `id` (its file name without `.md`) from the run `result`. */
export function prerenderedFromRun(id: string, lesson: Lesson, result: LessonResult, lessonHash: string, generatedAt = new Date().toISOString()): PrerenderedFile {
  const plain = new Set(lesson.cells.filter((c) => c.role === 'code').map((c) => c.index));
  const codeOf = new Map(lesson.cells.map((c) => [c.index, c.code]));
  const data: PrerenderedFile = {
    id,
    lessonHash,
    generatedAt,
    generator: 'descent lesson run (packages/app/scripts/prerender.ts)',
    cells: result.cells.filter((c) => plain.has(c.cell)).map((c) => ({
      index: c.cell,
      hash: hashCode(codeOf.get(c.cell)!),
      outputs: c.outputs.map((o) => (o.kind === 'chart' ? { ...o, spec: rounded(o.spec) as typeof o.spec, svg: '' } : o)),
      ms: Math.round(c.ms),
    })),
  };
  if (result.failure) data.failure = `cell ${result.failure.cell}: ${result.failure.message}`;
  return data;
}

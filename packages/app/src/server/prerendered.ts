/**
 * Pre-rendered outputs: what each plain cell printed and drew when the lesson ran in the
 * terminal runner (`descent lesson run`'s `runLesson`), captured by the build step
 * `npm run prerender -w @descent/app` into `packages/app/prerendered/<id>.json`, never written
 * by hand. The page asks for them after the lesson (`/api/lessons/:id/prerendered`) and shows
 * them, marked as such, until the learner runs the cell.
 *
 * Each file records the hash of every cell's code; a cell whose code changed since gets no
 * pre-rendered output, so the page never shows output from code it does not show.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '@descent/lessons/helpers';
import type { CellView, PrerenderedView } from '../shared/api.js';

/** `packages/app/prerendered`. */
export const PRERENDERED_DIR = fileURLToPath(new URL('../../prerendered/', import.meta.url));

export interface PrerenderedCell {
  index: number;
  /** `hashCode` of the code that produced the outputs. */
  hash: string;
  outputs: Output[];
  ms: number;
}

export interface PrerenderedLesson {
  id: string;
  /** When the run happened (ISO 8601) and what ran it. */
  generatedAt: string;
  generator: string;
  cells: PrerenderedCell[];
  /** The run stopped early (the cells after this one have no outputs). */
  failure?: string;
}

/** The pre-rendered outputs of lesson `id`, or undefined if there are none (or the file is unreadable). */
export function readPrerendered(dir: string, id: string): PrerenderedLesson | undefined {
  const file = join(dir, `${id}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as PrerenderedLesson;
    return data.id === id && Array.isArray(data.cells) ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the page gets: the pre-rendered cells whose code hash matches the lesson's plain code
 * cells as the server shows them now (`/api/lessons/:id/prerendered`).
 *
 * @example
 * servedPrerendered(readPrerendered(dir, '01-mean'), catalog.get('01-mean')!.view.cells);
 */
export function servedPrerendered(pre: PrerenderedLesson | undefined, cells: CellView[]): PrerenderedView {
  if (pre === undefined) return { cells: [] };
  const current = new Map(cells.filter((c) => c.role === 'code').map((c) => [c.index, c.hash]));
  return {
    generatedAt: pre.generatedAt,
    cells: pre.cells.filter((c) => current.get(c.index) === c.hash).map((c) => ({ index: c.index, outputs: c.outputs, ms: c.ms })),
  };
}

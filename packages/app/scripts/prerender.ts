/**
 * The build step that pre-renders the lessons' outputs: runs every lesson with the terminal
 * runner (`runLesson`, what `descent lesson run` uses) and writes each plain cell's outputs,
 * with the hash of the code that made them, to `packages/app/prerendered/<id>.json`. Charts
 * keep their Vega-Lite spec (the page draws it) with numbers cut to 6 significant digits (a
 * chart cannot show more; lesson 03's file shrinks from 894 kB to 559 kB); the terminal's
 * SVG is dropped.
 *
 *   npm run prerender -w @descent/app [-- --lessons <dir>] [--out <dir>] [ids…]
 *
 * A lesson whose file has not changed since its last pre-render is skipped (the file records
 * the lesson's hash); `--force` runs them all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listLessonFiles, loadLesson, runLesson } from '@descent/lessons/node';
import { hashCode } from '../src/server/catalog.js';
import { PRERENDERED_DIR, type PrerenderedLesson } from '../src/server/prerendered.js';

/** The spec with every non-integer number to 6 significant digits. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

const { values, positionals } = parseArgs({
  options: { lessons: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  allowPositionals: true,
});
const lessonsDir = resolve(values.lessons ?? fileURLToPath(new URL('../../../lessons/', import.meta.url)));
const out = resolve(values.out ?? PRERENDERED_DIR);
mkdirSync(out, { recursive: true });

const files = listLessonFiles(lessonsDir).filter((f) => positionals.length === 0 || positionals.some((p) => basename(f).startsWith(p)));
let failed = 0;
for (const file of files) {
  const id = basename(file, '.md');
  const lessonHash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
  const target = join(out, `${id}.json`);
  if (!values.force && existsSync(target) && (JSON.parse(readFileSync(target, 'utf8')) as { lessonHash?: string }).lessonHash === lessonHash) {
    console.log(`${id}: up to date`);
    continue;
  }
  const lesson = loadLesson(file);
  const started = Date.now();
  const result = await runLesson(lesson);
  const plain = new Set(lesson.cells.filter((c) => c.role === 'code').map((c) => c.index));
  const codeOf = new Map(lesson.cells.map((c) => [c.index, c.code]));
  const data: PrerenderedLesson & { lessonHash: string } = {
    id,
    lessonHash,
    generatedAt: new Date().toISOString(),
    generator: 'descent lesson run (packages/app/scripts/prerender.ts)',
    cells: result.cells.filter((c) => plain.has(c.cell)).map((c) => ({
      index: c.cell,
      hash: hashCode(codeOf.get(c.cell)!),
      outputs: c.outputs.map((o) => (o.kind === 'chart' ? { ...o, spec: rounded(o.spec) as typeof o.spec, svg: '' } : o)),
      ms: Math.round(c.ms),
    })),
  };
  if (result.failure) {
    data.failure = `cell ${result.failure.cell}: ${result.failure.message}`;
    failed++;
  }
  writeFileSync(target, `${JSON.stringify(data)}\n`);
  console.log(`${id}: ${data.cells.length} cells${data.failure ? `, stopped at ${data.failure}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (failed > 0) process.exitCode = 1;

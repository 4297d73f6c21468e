/**
 * The build step that pre-renders the lessons' outputs: runs every lesson with the terminal
 * runner (`runLesson`, what `descent lesson run` uses) and writes each plain cell's outputs,
 * with the hash of the code that made them, to `packages/app/prerendered/<id>.json`
 * (src/server/prerender-run.ts makes the file from the run).
 *
 *   npm run prerender -w @descent/app [-- --lessons <dir>] [--out <dir>] [ids…]
 *
 * A lesson whose file has not changed since its last pre-render is skipped (the file records
 * the lesson's hash); `--force` runs them all.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listLessonFiles, loadLesson, runLesson } from '@descent/lessons/node';
import { lessonHashOf, prerenderedFromRun } from '../src/server/prerender-run.js';
import { PRERENDERED_DIR } from '../src/server/prerendered.js';

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
  const lessonHash = lessonHashOf(readFileSync(file));
  const target = join(out, `${id}.json`);
  if (!values.force && existsSync(target) && (JSON.parse(readFileSync(target, 'utf8')) as { lessonHash?: string }).lessonHash === lessonHash) {
    console.log(`${id}: up to date`);
    continue;
  }
  const lesson = loadLesson(file);
  const started = Date.now();
  const data = prerenderedFromRun(id, lesson, await runLesson(lesson), lessonHash);
  if (data.failure) failed++;
  writeFileSync(target, `${JSON.stringify(data)}\n`);
  console.log(`${id}: ${data.cells.length} cells${data.failure ? `, stopped at ${data.failure}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (failed > 0) process.exitCode = 1;

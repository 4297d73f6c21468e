/** The `descent lesson ...` commands. Each returns the process exit code. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { renderLessonHtml } from '../export/html';
import { validateLesson } from '../format/validate';
import type { Lesson } from '../format/types';
import { describeFailure, type LessonResult } from '../notebook/results';
import { checkLessonFile, readStatus, writeStatus } from '../node/check';
import { writeFigures } from '../node/figures';
import { describeAppProgress, readAppProgress } from '../node/app-progress';
import { katexCss } from '../node/katex-css';
import { listLessonFiles, loadLesson, resolveLessonFile } from '../node/lessons';
import { runLesson } from '../node/run';
import { findBankDir, loadBank } from '../practice/bank';
import { inlineAnswers } from '../practice/inline-answers';
import { plainText } from './plain-text';
import { bold, dim, exerciseText, green, outputText, ProgressLine, red } from './terminal';

export interface CliOptions {
  lessonsDir: string;
  outDir: string;
  /** The app's database, for `descent lessons` to show the app's progress (default ~/.descent/descent.db). */
  appDb?: string;
  timeLimit?: number;
  png: boolean;
}

const rel = (p: string) => relative(process.cwd(), p) || '.';

function saveStatus(options: CliOptions, lesson: Lesson, result: LessonResult, checked: boolean, problems: string[] = []): void {
  const okExercises = result.exercises.filter((e) => e.ok).length;
  const message = result.failure ? result.failure.message : problems[0];
  writeStatus(options.outDir, lesson.meta.id, {
    ok: result.ok && problems.length === 0,
    checked,
    at: new Date().toISOString(),
    exercises: { ok: okExercises, total: lesson.exercises.length },
    ...(message === undefined ? {} : { message }),
  });
}

function printFailure(lesson: Lesson, result: LessonResult): void {
  if (result.failure) console.log(red(`✗ ${describeFailure(lesson.file, lesson.meta.id, result.failure)}`));
}

/** `descent lessons`: every lesson with its last recorded status. */
export function listCommand(options: CliOptions): number {
  const files = listLessonFiles(options.lessonsDir);
  if (files.length === 0) {
    console.log(`No lessons yet in ${rel(options.lessonsDir)}. See lessons/README.md to write one.`);
    return 0;
  }
  const lessons = files.map(loadLesson);
  const app = readAppProgress(options.appDb);
  const width = Math.max(...lessons.map((l) => l.meta.id.length)) + 1;
  for (const lesson of lessons) {
    const problems = validateLesson(lesson);
    const status = readStatus(options.outDir, lesson.meta.id);
    let state = dim('· not run');
    if (problems.length > 0) state = red(`✗ ${problems.length} format problem${problems.length > 1 ? 's' : ''}`);
    else if (status?.ok) state = green(`✓ ${status.checked ? 'checked' : 'ran'} ${status.at.slice(0, 16).replace('T', ' ')}`);
    else if (status) state = red(`✗ failed: ${status.message ?? 'see descent lesson check'}`);
    // What the app recorded (cells run and exercises solved in the browser), as the app shows it.
    const inApp = describeAppProgress(lesson, app?.get(lesson.meta.id));
    if (inApp !== undefined) state = status === undefined && problems.length === 0 ? (inApp.includes('✓') ? green(inApp) : inApp) : `${state}  ${inApp}`;
    const info = dim(`part ${lesson.meta.part} · ${lesson.meta.minutes} min · ${lesson.exercises.length} exercises`);
    console.log(`${bold(lesson.meta.id.padEnd(width))} ${lesson.meta.title}\n${' '.repeat(width + 1)}${info}  ${state}`);
  }
  return 0;
}

/** `descent lesson run <id>`: runs a lesson, printing each cell's outputs and writing figures. */
export async function runCommand(ref: string, options: CliOptions): Promise<number> {
  const lesson = loadLesson(resolveLessonFile(options.lessonsDir, ref));
  const figuresDir = join(options.outDir, lesson.meta.id);
  const progress = new ProgressLine();
  const started = Date.now();
  let figures = 0;
  console.log(`${bold(`▶ ${lesson.meta.title}`)} ${dim(`(${lesson.meta.id}, ${lesson.cells.length} cells)`)}`);
  const result = await runLesson(lesson, {
    timeLimit: options.timeLimit,
    onEvent: (event) => {
      progress.onEvent(event);
      if (event.type === 'exercise') {
        progress.clear();
        console.log(exerciseText(event.result));
      }
      if (event.type !== 'cell-end') return;
      progress.clear();
      const cell = lesson.cells[event.result.cell - 1];
      if (cell.role === 'starter' || cell.role === 'test') return;
      const written = writeFigures([event.result], figuresDir, { png: options.png });
      figures += written.length;
      console.log(dim(`[${cell.index}] ${cell.role === 'solution' ? `solution of ${cell.exercise} ` : ''}${(event.result.ms / 1000).toFixed(2)} s`));
      let k = 0;
      for (const output of event.result.outputs) {
        console.log(outputText(output, output.kind === 'chart' ? rel(written[k++]?.svg ?? '') : undefined));
      }
      if (cell.note) console.log(dim(`  ▸ Notice: ${plainText(cell.note)}`));
    },
  });
  progress.stop();
  saveStatus(options, lesson, result, false);
  printFailure(lesson, result);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const okExercises = result.exercises.filter((e) => e.ok).length;
  const summary = `${lesson.meta.id}: ${result.cells.length}/${lesson.cells.length} cells, ${okExercises}/${lesson.exercises.length} exercises checked, ${figures} figure${figures === 1 ? '' : 's'} in ${rel(figuresDir)} (${secs} s)`;
  console.log(result.ok ? green(`✓ ${summary}`) : red(`✗ ${summary}`));
  return result.ok ? 0 : 1;
}

/** `descent lesson check [id]`: format rules, every cell, every exercise; non-zero on any failure. */
export async function checkCommand(ref: string | undefined, options: CliOptions): Promise<number> {
  const files = ref === undefined ? listLessonFiles(options.lessonsDir) : [resolveLessonFile(options.lessonsDir, ref)];
  let failed = 0;
  for (const file of files) {
    const started = Date.now();
    const { lesson, problems, result, ok } = await checkLessonFile(file, { timeLimit: options.timeLimit });
    saveStatus(options, lesson, result, true, problems);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${ok ? green('✓') : red('✗')} ${bold(lesson.meta.id)} ${dim(`${result.exercises.length} exercises, ${secs} s`)}`);
    for (const p of problems) console.log(red(`  ${rel(file)}: ${p}`));
    for (const e of result.exercises.filter((x) => !x.ok)) console.log(exerciseText(e));
    if (result.failure) console.log(red(`  ${describeFailure(lesson.file, lesson.meta.id, result.failure)}`));
    if (!ok) failed++;
  }
  console.log(`${files.length - failed} of ${files.length} lessons pass.`);
  return failed === 0 ? 0 : 1;
}

/** `descent lesson export <id>`: runs the lesson and writes `out/<id>/index.html`. */
export async function exportCommand(ref: string, options: CliOptions): Promise<number> {
  const lesson = loadLesson(resolveLessonFile(options.lessonsDir, ref));
  const result = await runLesson(lesson, { timeLimit: options.timeLimit });
  const dir = join(options.outDir, lesson.meta.id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.html');
  // Interview questions link to the bank; on a static page their answers open in place.
  const bankDir = findBankDir(dirname(options.lessonsDir));
  const questions = existsSync(bankDir) ? new Map(loadBank(bankDir).questions.map((q) => [q.id, q])) : new Map();
  writeFileSync(file, inlineAnswers(renderLessonHtml(lesson, result, { css: katexCss() }), questions));
  saveStatus(options, lesson, result, false);
  printFailure(lesson, result);
  console.log(`${result.ok ? green('✓') : red('✗')} wrote ${rel(file)}`);
  return result.ok ? 0 : 1;
}

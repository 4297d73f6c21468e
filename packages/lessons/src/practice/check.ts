/**
 * Checks coding questions the way `descent lesson check` checks exercises: the starter runs
 * against the tests and must fail them, the solution must pass them. All questions run in
 * one worker thread, each in a fresh scope; a question that runs past the time limit stops
 * the worker, is reported, and the rest continue in a new one.
 */
import { Worker } from 'node:worker_threads';
import type { Cell, Lesson } from '../format/types';
import type { LessonResult } from '../notebook/results';
import type { Question } from './types';

export interface CodingCheck {
  id: string;
  source: string;
  ok: boolean;
  /** Why the question is broken, when it is. */
  problem?: string;
}

/** The three-cell lesson a coding question runs as. */
export function questionLesson(q: Question): Lesson {
  if (q.code === undefined) throw new Error(`Question ${q.id} is not a coding question (it has no starter, solution and test).`);
  const cell = (index: number, role: Cell['role'], code: string): Cell => ({ index, line: 1, code, role, exercise: q.id });
  const cells = [cell(1, 'starter', q.code.starter), cell(2, 'solution', q.code.solution), cell(3, 'test', q.code.test)];
  return {
    file: q.source,
    meta: { id: q.id, title: q.id, part: 0, prerequisites: [], modules: [], minutes: 0 },
    blocks: cells.map((c) => ({ kind: 'cell' as const, cell: c })),
    cells,
    exercises: [{ id: q.id, starter: cells[0], solution: cells[1], test: cells[2] }],
    problems: [],
  };
}

function verdict(q: Question, result: LessonResult): CodingCheck {
  const exercise = result.exercises[0];
  if (result.failure) return { id: q.id, source: q.source, ok: false, problem: result.failure.message };
  if (!exercise) return { id: q.id, source: q.source, ok: false, problem: 'the question did not run' };
  return exercise.ok ? { id: q.id, source: q.source, ok: true } : { id: q.id, source: q.source, ok: false, problem: exercise.problem ?? 'broken' };
}

function runBatch(questions: Question[], timeLimit: number, out: CodingCheck[]): Promise<Question[]> {
  const worker = new Worker(new URL('./check-worker-entry.mjs', import.meta.url), { workerData: { lessons: questions.map(questionLesson) } });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const done = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (rest: Question[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(rest);
    };
    const remaining = () => questions.filter((q) => !done.has(q.id));
    worker.on('message', (m: { type: 'start' | 'result' | 'done'; id?: string; result?: LessonResult }) => {
      if (m.type === 'start') {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const q = byId.get(m.id!)!;
          done.add(q.id);
          out.push({ id: q.id, source: q.source, ok: false, problem: `ran past the ${timeLimit} s time limit (a loop that never ends?)` });
          finish(remaining());
        }, timeLimit * 1000);
      } else if (m.type === 'result') {
        clearTimeout(timer);
        done.add(m.id!);
        out.push(verdict(byId.get(m.id!)!, m.result!));
      } else finish([]);
    });
    worker.on('error', (e: Error) => {
      const q = remaining()[0];
      if (q) {
        done.add(q.id);
        out.push({ id: q.id, source: q.source, ok: false, problem: `the worker crashed: ${e.message}` });
      }
      finish(remaining());
    });
    worker.on('exit', () => finish(remaining()));
  });
}

/**
 * Runs every coding question's starter and solution against its tests.
 *
 * @example
 * const checks = await checkCodingQuestions(bank.questions.filter((q) => q.code));
 * checks.filter((c) => !c.ok); // broken questions, with the reason
 */
export async function checkCodingQuestions(questions: Question[], options: { timeLimit?: number } = {}): Promise<CodingCheck[]> {
  const out: CodingCheck[] = [];
  let rest = questions.filter((q) => q.code !== undefined);
  while (rest.length > 0) rest = await runBatch(rest, options.timeLimit ?? 30, out);
  return out;
}

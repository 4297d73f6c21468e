/**
 * `descent lesson check`: a lesson passes when its format is right (see `validateLesson`), every
 * cell runs, and every exercise is real (solution passes its tests, starter fails them).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateLesson, type ValidateOptions } from '../format/validate';
import type { Lesson } from '../format/types';
import type { LessonResult } from '../notebook/results';
import { loadLesson } from './lessons';
import { runLesson, type RunOptions } from './run';

export interface CheckReport {
  lesson: Lesson;
  problems: string[];
  result: LessonResult;
  ok: boolean;
}

export async function checkLessonFile(file: string, options: RunOptions & ValidateOptions = {}): Promise<CheckReport> {
  const lesson = loadLesson(file);
  const problems = validateLesson(lesson, options);
  const result = await runLesson(lesson, options);
  return { lesson, problems, result, ok: problems.length === 0 && result.ok };
}

/** What `descent lessons` shows for a lesson: the outcome of its last run or check. */
export interface LessonStatus {
  ok: boolean;
  checked: boolean;
  at: string;
  exercises: { ok: number; total: number };
  message?: string;
}

export function writeStatus(outDir: string, id: string, status: LessonStatus): void {
  mkdirSync(join(outDir, id), { recursive: true });
  writeFileSync(join(outDir, id, 'status.json'), `${JSON.stringify(status, null, 2)}\n`);
}

export function readStatus(outDir: string, id: string): LessonStatus | undefined {
  const file = join(outDir, id, 'status.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LessonStatus;
  } catch {
    return undefined;
  }
}

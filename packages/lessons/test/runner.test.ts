import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../src/format/parse';
import { checkLessonFile } from '../src/node/check';
import { loadLesson } from '../src/node/lessons';
import { runLesson } from '../src/node/run';
import { describeFailure, type LessonEvent } from '../src/notebook/results';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const lessonOf = (cells: string[]) =>
  parseLesson(`---\nid: inline\ntitle: t\npart: 0\nprerequisites: []\nmodules: []\nminutes: 1\n---\n${cells.map((c) => `\`\`\`ts\n${c}\n\`\`\`\n`).join('')}`, 'inline.md');

describe('runLesson (in a worker thread)', () => {
  it('runs the sample lesson: outputs, figures and all three exercises', async () => {
    const events: LessonEvent['type'][] = [];
    const result = await runLesson(loadLesson(fixture('sample-lesson.md')), { onEvent: (e) => events.push(e.type) });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    const [first, second] = result.cells;
    expect(first.outputs[0]).toMatchObject({ kind: 'chart', label: 'the data', svg: expect.stringContaining('<svg') });
    expect(second.outputs.map((o) => o.kind)).toEqual(['text', 'chart', 'table']);
    expect(result.exercises.map((e) => [e.id, e.ok])).toEqual([['mean', true], ['predict', true], ['mse', true]]);
    expect(result.exercises[0].starter.tests.some((t) => !t.passed)).toBe(true);
    expect(events).toContain('progress');
  });

  it('stops at a failing cell and reports the lesson, cell number and line', async () => {
    const lesson = loadLesson(fixture('failing-cell.md'));
    const result = await runLesson(lesson);
    expect(result.ok).toBe(false);
    expect(result.cells).toHaveLength(1);
    expect(result.failure).toMatchObject({ kind: 'error', cell: 2, line: 3, fileLine: 17 });
    expect(describeFailure(lesson.file, lesson.meta.id, result.failure!))
      .toMatch(/failing-cell\.md:17: lesson failing-cell, cell 2, line 3: TypeError: Cannot read properties of undefined/);
  });

  it('stops a cell that runs past the time limit', async () => {
    const result = await runLesson(loadLesson(fixture('runaway.md')), { timeLimit: 0.5 });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ kind: 'timeout', cell: 2, fileLine: 15 });
    expect(result.failure!.message).toMatch(/Cell 2 ran past the 0.5 s time limit and was stopped/);
  });

  it('refuses imports outside descent/*, so lessons stay browser-safe', async () => {
    const result = await runLesson(lessonOf(["const x = 1;\nimport { readFileSync } from 'node:fs';"]));
    expect(result.failure).toMatchObject({ cell: 1, line: 2 });
    expect(result.failure!.message).toMatch(/may import only from descent\/\*/);
  });

  it('refuses descent/node, which reads files and so cannot run in the browser, and says why', async () => {
    const result = await runLesson(lessonOf(["import { loadFashionMnist } from 'descent/node';"]));
    expect(result.failure).toMatchObject({ cell: 1, line: 1 });
    expect(result.failure!.message).toMatch(/cannot import "descent\/node": it reads files with Node's APIs, and cells also run in the browser/);
  });
});

describe('exercise checker', () => {
  it('reports an exercise whose starter already passes, and one whose solution fails', async () => {
    const report = await checkLessonFile(fixture('broken-exercise.md'), { minExercises: 0 });
    expect(report.ok).toBe(false);
    const [double, half] = report.result.exercises;
    expect(double).toMatchObject({ id: 'double', ok: false, problem: expect.stringMatching(/starter already passes/) });
    expect(half).toMatchObject({ id: 'half', ok: false, problem: expect.stringMatching(/solution fails.*expected 3, got 2/) });
  });

  it('passes the sample lesson', async () => {
    const report = await checkLessonFile(fixture('sample-lesson.md'));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

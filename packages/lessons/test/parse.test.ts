import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../src/format/parse';
import { validateLesson } from '../src/format/validate';

const fixture = (name: string) => `packages/lessons/test/fixtures/${name}`;
const load = (name: string) => parseLesson(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), fixture(name));

const header = '---\nid: tiny\ntitle: Tiny\npart: 1\nprerequisites: [a, b]\nmodules:\n  - descent/plot\nminutes: 5\n---\n';

describe('parseLesson', () => {
  it('reads front matter: strings, numbers, inline and block lists', () => {
    const { meta, problems } = parseLesson(header, 'lessons/tiny.md');
    expect(problems).toEqual([]);
    expect(meta).toEqual({ id: 'tiny', title: 'Tiny', part: 1, prerequisites: ['a', 'b'], modules: ['descent/plot'], minutes: 5 });
  });

  it('reports missing front matter fields instead of throwing', () => {
    const { problems } = parseLesson('---\nid: x\n---\n', 'x.md');
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/`title`/), expect.stringMatching(/`minutes`/)]));
  });

  it('splits prose and cells, numbering cells and recording their file lines', () => {
    const source = `${header}Intro $x$.\n\n\`\`\`ts\nconst a = 1;\n\`\`\`\n\n\`\`\`sh\nnot a cell\n\`\`\`\n\n\`\`\`ts\nshow(a);\n\`\`\`\n`;
    const lesson = parseLesson(source, 'tiny.md');
    expect(lesson.cells.map((c) => [c.index, c.line, c.code])).toEqual([[1, 13, 'const a = 1;'], [2, 21, 'show(a);']]);
    expect(lesson.blocks.map((b) => b.kind)).toEqual(['prose', 'cell', 'prose', 'cell']);
    // Fences in other languages stay in the prose.
    expect(lesson.blocks[2]).toMatchObject({ kind: 'prose', markdown: expect.stringContaining('not a cell') });
  });

  it('attaches a [!NOTE] blockquote to the cell before it', () => {
    const lesson = load('sample-lesson.md');
    expect(lesson.cells[0].note).toBe('The points lie almost exactly on a line with slope 2 and intercept 1.');
    const prose = lesson.blocks.filter((b) => b.kind === 'prose').map((b) => b.markdown).join('\n');
    expect(prose).not.toContain('[!NOTE]');
  });

  it('groups exercise cells by id', () => {
    const lesson = load('sample-lesson.md');
    expect(lesson.exercises.map((e) => e.id)).toEqual(['mean', 'predict', 'mse']);
    expect(lesson.exercises[0].starter.code).toContain('Your code here');
    expect(lesson.cells.map((c) => c.role).slice(2, 5)).toEqual(['starter', 'solution', 'test']);
  });

  it('reports malformed exercises and unknown cell options', () => {
    const source = `${header}\`\`\`ts exercise=a starter\n\`\`\`\n\`\`\`ts exercise=a test\n\`\`\`\n\`\`\`ts hidden\n\`\`\`\n\`\`\`ts solution\n\`\`\`\n`;
    const { problems, exercises } = parseLesson(source, 'tiny.md');
    expect(exercises).toEqual([]);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/Exercise "a".*starter, solution, test \(found starter, test\)/),
      expect.stringMatching(/unknown cell option "hidden"/),
      expect.stringMatching(/a solution cell needs exercise=<id>/),
    ]));
  });
});

describe('validateLesson', () => {
  it('accepts the sample lesson', () => {
    expect(validateLesson(load('sample-lesson.md'))).toEqual([]);
  });

  it('requires three exercises, a summary, interview questions and a matching id', () => {
    const lesson = parseLesson(`${header}\`\`\`ts\nimport { tensor } from 'descent/tensor';\n\`\`\`\n`, 'lessons/other.md');
    const problems = validateLesson(lesson);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/does not match the file name/),
      expect.stringMatching(/at least 3 exercises/),
      expect.stringMatching(/There is no "## Summary" section: end the lesson with one/),
      expect.stringMatching(/There is no "## Interview questions" section: add one/),
      expect.stringMatching(/import descent\/tensor/),
    ]));
  });
});

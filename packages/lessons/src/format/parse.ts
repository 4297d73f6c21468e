/**
 * Parses a lesson file into front matter, prose blocks and cells.
 *
 * Cells are fenced blocks whose info string starts with `ts`:
 *
 *   ```ts                                  a plain cell
 *   ```ts exercise=dot-product starter     the learner's starting point, with a gap
 *   ```ts exercise=dot-product solution    the hidden solution
 *   ```ts exercise=dot-product test        tests that the solution passes and the starter fails
 *
 * A blockquote opening with `> [!NOTE]` right after a cell is that cell's note.
 */
import { readFrontMatter, toLessonMeta } from './front-matter';
import type { Block, Cell, CellRole, Exercise, Lesson } from './types';

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;
const NOTE_START = /^>\s*\[!NOTE\]\s*$/i;
const ROLES: CellRole[] = ['starter', 'solution', 'test'];

/** The lesson id a file name implies: `lessons/02-linear-algebra.md` → `02-linear-algebra`. */
export function idFromPath(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/, '');
}

interface CellOptions {
  role: CellRole;
  exercise?: string;
  problems: string[];
}

/** Reads the words after `ts` in a fence's info string. */
function cellOptions(words: string[]): CellOptions {
  const options: CellOptions = { role: 'code', problems: [] };
  for (const word of words) {
    const exercise = /^exercise=([\w-]+)$/.exec(word);
    if (exercise) options.exercise = exercise[1];
    else if ((ROLES as string[]).includes(word)) options.role = word as CellRole;
    else options.problems.push(`unknown cell option "${word}" (expected exercise=<id> and starter, solution or test)`);
  }
  if (options.exercise !== undefined && options.role === 'code') {
    options.problems.push(`exercise=${options.exercise} needs a role: starter, solution or test`);
  }
  if (options.exercise === undefined && options.role !== 'code') {
    options.problems.push(`a ${options.role} cell needs exercise=<id>`);
  }
  return options;
}

/** Groups exercise cells by id and checks each exercise is starter, solution, test in a row. */
function collectExercises(cells: Cell[], problems: string[]): Exercise[] {
  const exercises: Exercise[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (cell.exercise === undefined || seen.has(cell.exercise)) continue;
    const id = cell.exercise;
    seen.add(id);
    const parts = cells.filter((c) => c.exercise === id);
    const roles = parts.map((c) => c.role).join(', ');
    const consecutive = parts.every((c, i) => c.index === parts[0].index + i);
    if (roles !== 'starter, solution, test' || !consecutive) {
      problems.push(`Exercise "${id}" (line ${parts[0].line}) must be three consecutive cells: starter, solution, test (found ${roles}).`);
      continue;
    }
    exercises.push({ id, starter: parts[0], solution: parts[1], test: parts[2] });
  }
  return exercises;
}

/**
 * Parses one lesson. Format problems do not throw: they are collected in `lesson.problems`
 * so a checker can report all of them at once.
 *
 * @example
 * const lesson = parseLesson(readFileSync(file, 'utf8'), file);
 * lesson.cells.map((c) => c.role); // ['code', 'starter', 'solution', 'test', ...]
 */
export function parseLesson(source: string, file: string): Lesson {
  const problems: string[] = [];
  let fields = {};
  let lineCount = 0;
  try {
    ({ fields, lineCount } = readFrontMatter(source));
  } catch (e) {
    problems.push((e as Error).message);
  }
  const { meta, problems: metaProblems } = toLessonMeta(fields, idFromPath(file));
  problems.push(...metaProblems);

  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  const cells: Cell[] = [];
  let prose: string[] = [];
  let proseStart = lineCount + 1;
  const flushProse = (nextLine: number) => {
    if (prose.join('').trim() !== '') blocks.push({ kind: 'prose', markdown: prose.join('\n'), line: proseStart });
    prose = [];
    proseStart = nextLine;
  };

  let i = lineCount;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i]);
    if (!open) {
      prose.push(lines[i++]);
      continue;
    }
    const [, , fence, info] = open;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    const [lang, ...words] = info.trim().split(/\s+/);
    if (lang !== 'ts' && lang !== 'typescript') {
      prose.push(...lines.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (end >= lines.length) problems.push(`The code cell at line ${i + 1} is never closed.`);
    flushProse(end + 2);
    const options = cellOptions(words);
    const cell: Cell = { index: cells.length + 1, line: i + 2, code: lines.slice(i + 1, end).join('\n'), role: options.role };
    if (options.exercise !== undefined) cell.exercise = options.exercise;
    for (const p of options.problems) problems.push(`Cell ${cell.index} (line ${i + 1}): ${p}.`);
    cells.push(cell);
    blocks.push({ kind: 'cell', cell });
    i = end + 1;

    // A `> [!NOTE]` blockquote right after the cell (blank lines allowed) belongs to it.
    let j = i;
    while (j < lines.length && lines[j].trim() === '') j++;
    if (j < lines.length && NOTE_START.test(lines[j])) {
      let k = j + 1;
      const note: string[] = [];
      while (k < lines.length && lines[k].startsWith('>')) note.push(lines[k++].replace(/^>\s?/, ''));
      cell.note = note.join('\n').trim();
      i = k;
      proseStart = k + 1;
    }
  }
  flushProse(lines.length + 1);
  const exercises = collectExercises(cells, problems);
  return { file, meta, blocks, cells, exercises, problems };
}

/**
 * The lesson format, as data. A lesson file is Markdown with front matter; its fenced `ts`
 * blocks are cells that run in order in one shared scope, like a notebook.
 */

/** The front matter at the top of every lesson. */
export interface LessonMeta {
  /** Matches the file name without `.md`, e.g. `02-linear-algebra`. */
  id: string;
  title: string;
  /** Part of the curriculum (1 = Foundations, ...). */
  part: number;
  /** Ids of lessons to read first. */
  prerequisites: string[];
  /** Library modules the lesson uses, e.g. `descent/tensor`. */
  modules: string[];
  /** Estimated time to work through the lesson. */
  minutes: number;
}

/** What a cell is for: plain code, or one of the three parts of an exercise. */
export type CellRole = 'code' | 'starter' | 'solution' | 'test';

export interface Cell {
  /** 1-based position among the lesson's code cells (what error messages call "cell N"). */
  index: number;
  /** 1-based line in the lesson file of the cell's first line of code. */
  line: number;
  code: string;
  role: CellRole;
  /** The exercise this cell belongs to (starter, solution and test cells only). */
  exercise?: string;
  /** What the learner should notice, from a `> [!NOTE]` right after the cell (Markdown). */
  note?: string;
}

/** A stretch of Markdown between cells, or a cell. */
export type Block =
  | { kind: 'prose'; markdown: string; line: number }
  | { kind: 'cell'; cell: Cell };

/** An exercise: the learner's starter with a gap, the hidden solution, and the tests. */
export interface Exercise {
  id: string;
  starter: Cell;
  solution: Cell;
  test: Cell;
}

export interface Lesson {
  /** Path of the lesson file, as given to the parser (used in messages). */
  file: string;
  meta: LessonMeta;
  blocks: Block[];
  cells: Cell[];
  exercises: Exercise[];
  /** Format problems found while parsing (an empty list means the file is well formed). */
  problems: string[];
}

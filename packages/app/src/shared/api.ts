/**
 * The JSON the server sends and the client reads: one definition for both sides.
 * (Types only; nothing here runs.)
 */

import type { Output } from '@descent/lessons/helpers';

/** A lesson's progress as the home page shows it. */
export interface Progress {
  cellsRun: number;
  cells: number;
  exercisesSolved: number;
  exercises: number;
  completed: boolean;
}

export interface CurriculumLesson {
  number: number;
  title: string;
  summary: string;
  /** The lesson file's id when the lesson exists; `null` while it is still coming. */
  id: string | null;
  minutes?: number;
  progress?: Progress;
  visitedAt?: string;
}

export interface CurriculumPart {
  number: number;
  title: string;
  lessons: CurriculumLesson[];
}

export interface Curriculum {
  parts: CurriculumPart[];
}

export interface CellView {
  index: number;
  role: 'code' | 'starter' | 'solution' | 'test';
  exercise?: string;
  code: string;
  /** A short hash of `code`, to tell whether a saved edit was made against this version. */
  hash: string;
  /** The code highlighted as HTML, shown until the editor loads. */
  html: string;
  noteHtml?: string;
}

/** What the plain cells printed and drew when the build step ran the lesson (server/prerendered.ts). */
export interface PrerenderedView {
  /** When that run happened (ISO 8601); absent when the lesson has no pre-rendered outputs. */
  generatedAt?: string;
  /** Only cells whose code is still the code that ran. */
  cells: { index: number; outputs: Output[]; ms: number }[];
}

export type BlockView = { kind: 'prose'; html: string } | { kind: 'cell'; index: number };

export interface ExerciseView {
  id: string;
  starter: number;
  solution: number;
  test: number;
}

export interface CellEditView {
  cell: number;
  code: string;
  updatedAt: string;
  /** The lesson's own code for this cell changed after the edit was saved. */
  stale: boolean;
}

export interface LessonState {
  cellsRun: number[];
  solved: string[];
  edits: CellEditView[];
  completedAt?: string;
}

export interface LessonView {
  id: string;
  number: number;
  title: string;
  part: number;
  partTitle?: string;
  minutes: number;
  prerequisites: string[];
  modules: string[];
  blocks: BlockView[];
  cells: CellView[];
  exercises: ExerciseView[];
  /** Format problems the lesson file has (empty for a well-formed lesson). */
  problems: string[];
  state: LessonState;
  previous?: { id: string; title: string };
  next?: { id: string; title: string };
}

export interface SearchHit {
  id: string;
  number: number;
  title: string;
  /** Where the words were found: a short excerpt with the match in it. */
  snippet: string;
  /** The excerpt from the section it lands on, as HTML: math rendered by KaTeX, the words in `<mark>`. */
  snippetHtml: string;
  /** The section with the most matches: the heading's id on the lesson page and its text. */
  section?: { id: string; title: string };
  score: number;
}

export interface TestOutcome {
  name: string;
  passed: boolean;
  error?: string;
}

export interface AttemptView {
  id: number;
  exerciseId: string;
  code: string;
  passed: boolean;
  tests: TestOutcome[];
  error?: string;
  createdAt: string;
}

export interface ApiError {
  error: string;
}

/** What the Runs page and an upload both say of a tracked run (descent/track's RunInfo, params and tags). */
interface RunCore {
  runId: string;
  experiment: string;
  name: string;
  status: 'RUNNING' | 'FINISHED' | 'FAILED';
  startTime: number;
  endTime: number | null;
  params: Record<string, string | number | boolean | null>;
  tags: Record<string, string>;
}

/** One tracked run, its metrics at their last step (null for NaN). */
export interface RunView extends RunCore {
  metrics: Record<string, number | null>;
}

/**
 * A whole run as a client uploads it (`POST /api/runs`): what `descent/track` recorded, with
 * artifacts as base64 and model versions registered from this run. Uploading a run id again
 * replaces that run (the same learner's), so a retry never duplicates it.
 */
export interface RunUpload extends RunCore {
  /** NaN (a diverged loss) is sent as null. */
  metrics: { key: string; step: number; value: number | null; timestamp: number }[];
  artifacts: { name: string; kind: 'model' | 'figure' | 'data' | 'other'; mediaType: string; base64: string }[];
  /** Versions registered with this run as their lineage; the server numbers them per learner and model name. */
  models: { name: string; stage: 'none' | 'staging' | 'production' | 'archived'; artifact: string | null; dataHash: string | null; description: string; createdAt: number }[];
}

export interface RunsView {
  experiments: string[];
  experiment: string | null;
  runs: RunView[];
  /** Set when an instructor reads a learner's runs (`?learner=<id>`): whose they are. */
  owner?: string;
}

export interface RunMetricsView {
  points: { key: string; step: number; value: number | null }[];
}

/** One artifact of a run, without its bytes (`GET /api/runs/:id/artifacts/:name` serves those, as a download). */
export interface ArtifactView {
  name: string;
  kind: 'model' | 'figure' | 'data' | 'other';
  mediaType: string;
  /** Bytes. */
  size: number;
}

export interface RunArtifactsView {
  artifacts: ArtifactView[];
}

export interface ModelVersionsView {
  versions: {
    name: string; version: number; stage: 'none' | 'staging' | 'production' | 'archived';
    runId: string | null; artifact: string | null; dataHash: string | null; description: string; createdAt: number;
  }[];
}

/**
 * Messages between the lesson page and the cell worker. Plain JSON both ways.
 *
 * The page sends `run` with a cell's code; with `test` it is an exercise check: the code runs,
 * then the test cell, and the answer lists every test's outcome.
 */
import type { Output, TestResult } from '@descent/lessons/helpers';
import type { RunUpload } from '../shared/api.js';
import type { RunChange } from './track-recorder.js';

export type ToWorker =
  | { type: 'run'; id: number; code: string; name: string; test?: string }
  /** Sent first: bytes of tensor storage the cells may hold at once (see descent/tensor's setMemoryLimit). */
  | { type: 'config'; memoryLimit: number }
  /** From the runner frame, with a MessagePort: the page's messages come over it, and answers go back on it. */
  | { type: 'port' };

export interface RunError {
  message: string;
  /** 1-based line within the cell, when known. */
  line?: number;
  /** The error came from the test cell, not the learner's code. */
  inTest?: boolean;
}

export interface RunResult {
  outputs: Output[];
  /** Exercise checks only: each test's outcome. */
  tests?: TestResult[];
  error?: RunError;
  ms: number;
  /** Runs the cell made or changed with descent/track (track-recorder.ts); the page uploads them. */
  runs?: RunUpload[];
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number; label?: string }
  /** A run the running cell changed, sent as it changes (track-recorder.ts): kept by the page in case the cell is stopped. */
  | ({ type: 'run-change'; id: number } & RunChange)
  | { type: 'done'; id: number; result: RunResult };

// Jobs for the worker-thread tests: a job with number keys (word lengths), one whose reduce
// throws, one that ends its thread, and an export that is not a job.
import type { MapReduceJob } from '../../../src/bigdata/index.js';
import { tokenize } from '../../../src/bigdata/index.js';

export const lengthJob: MapReduceJob<string, number, number, number> = {
  name: 'lengths',
  map: (line, emit) => { for (const w of tokenize(line)) emit(w.length, 1); },
  combine: (_k, xs) => xs.reduce((a, b) => a + b, 0),
  reduce: (_k, xs) => xs.reduce((a, b) => a + b, 0),
};

export const failingJob: MapReduceJob<string, string, number, number> = {
  name: 'failing',
  map: (line, emit) => emit(line, 1),
  reduce: (key) => { throw new Error(`cannot reduce ${key}`); },
};

export const notAJob = 42;

export const exitingJob: MapReduceJob<string, string, number, number> = {
  name: 'exiting',
  map: () => { process.exit(3); },
  reduce: () => 0,
};

// Map-reduce against the single-threaded answer: word count and inverted index over the
// bundled Dhammapada text (174 documents), for several split counts, reducer counts, with
// and without the combiner, in this thread and on real worker threads. The reference is a
// plain loop over the same tokens (exactWordCount, exactInvertedIndex), not the engine.
import { describe, expect, it } from 'vitest';
import {
  builtinJob, exactInvertedIndex, exactWordCount, externalAggregate, hashPartition, invertedIndexJob, makeSplits,
  runMapReduce, runMapReduceOnThreads, splitDocuments, tokenize, wordCountJob,
} from '../../src/bigdata/index.js';
import { loadTinyText } from '../../src/datasets/index.js';

const tsx = import.meta.resolve('tsx/esm/api');
const docs = splitDocuments(loadTinyText().text);
const lines = docs.map((d) => d.text);
const testJobs = new URL('./jobs/test-jobs.ts', import.meta.url);

describe('map-reduce in one thread', () => {
  it('tokenizes like the SQL version (lower case, split on non-alphanumerics)', () => {
    expect(tokenize("Don't PANIC, 42!")).toEqual(['don', 't', 'panic', '42']);
    expect(docs.length).toBe(174);
  });

  for (const [splits, reducers, combine] of [[1, 1, true], [3, 4, false], [8, 4, true], [8, 3, false]] as const) {
    it(`word count and inverted index equal one loop (${splits} splits, ${reducers} reducers, combiner ${combine})`, () => {
      const wc = runMapReduce(wordCountJob, makeSplits(lines, splits), { reducers, combine });
      expect(new Map(wc.output)).toEqual(exactWordCount(lines));
      const ii = runMapReduce(invertedIndexJob, makeSplits(docs, splits), { reducers, combine });
      expect(new Map(ii.output)).toEqual(exactInvertedIndex(docs));
      expect(wc.stats.outputRecords).toBe(exactWordCount(lines).size);
    });
  }

  it('each key is reduced by exactly the reducer its hash names, keys sorted within it', () => {
    const { output, stats } = runMapReduce(wordCountJob, makeSplits(lines, 4), { reducers: 3 });
    const byReducer = output.map(([k]) => hashPartition(k, 3));
    expect([...byReducer].sort((a, b) => a - b)).toEqual(byReducer);   // reducer 0's keys, then 1's, ...
    for (let r = 0; r < 3; r++) {
      const keys = output.filter(([k]) => hashPartition(k, 3) === r).map(([k]) => k);
      expect(keys).toEqual([...keys].sort());
    }
    expect(stats.bytesPerReducer.reduce((a, b) => a + b, 0)).toBe(stats.shuffleBytes);
  });

  it('the combiner cuts the shuffle without changing the answer', () => {
    const on = runMapReduce(wordCountJob, makeSplits(lines, 4));
    const off = runMapReduce(wordCountJob, makeSplits(lines, 4), { combine: false });
    expect(on.output).toEqual(off.output);
    expect(off.stats.shuffleRecords).toBe(off.stats.mapOutputRecords);   // every (word, 1) crosses
    expect(on.stats.mapOutputRecords).toBe(off.stats.mapOutputRecords);
    // With a combiner each split sends one pair per distinct word it holds.
    const distinctPerSplit = makeSplits(lines, 4).reduce((s, split) => s + exactWordCount(split).size, 0);
    expect(on.stats.shuffleRecords).toBe(distinctPerSplit);
    expect(on.stats.shuffleBytes).toBeLessThan(off.stats.shuffleBytes / 2);
  });

  it('rejects bad options and keys with named errors', () => {
    expect(() => runMapReduce(wordCountJob, makeSplits(lines, 2), { reducers: 0 })).toThrow(/runMapReduce: reducers must be a positive integer/);
    expect(() => runMapReduce(wordCountJob, lines as unknown as string[][])).toThrow(/runMapReduce: splits must be an array of arrays/);
    const bad = { name: 'bad', map: (_: string, emit: (k: string, v: number) => void) => emit(undefined as unknown as string, 1), reduce: () => 0 };
    expect(() => runMapReduce(bad, [['x']])).toThrow(/bad: map emitted the key undefined/);
    expect(() => makeSplits([1], 0)).toThrow(/makeSplits: n must be a positive integer/);
  });
});

describe('map-reduce on worker threads', () => {
  // Worker start-up (a loader and the sources in every thread) dominates these tests, so
  // they use few workers.
  it('gives the same output and shuffle counts as one thread', async () => {
    const local = runMapReduce(wordCountJob, makeSplits(lines, 5), { reducers: 3 });
    const threaded = await runMapReduceOnThreads(builtinJob('wordCountJob'), makeSplits(lines, 5), { workers: 2, reducers: 3, register: tsx });
    expect(threaded).toEqual(local);
    expect(new Map(threaded.output)).toEqual(exactWordCount(lines));
  });

  it('runs a job from a user module, with number keys', async () => {
    const { output } = await runMapReduceOnThreads({ module: testJobs, exportName: 'lengthJob' }, makeSplits(lines, 3), { workers: 1, register: tsx });
    const expected = new Map<number, number>();
    for (const w of lines.flatMap(tokenize)) expected.set(w.length, (expected.get(w.length) ?? 0) + 1);
    expect(new Map(output as [number, number][])).toEqual(expected);
  });

  it('names the job and the worker when a task throws or the export is missing', async () => {
    await expect(runMapReduceOnThreads({ module: testJobs, exportName: 'failingJob' }, [['a'], ['b']], { workers: 1, register: tsx }))
      .rejects.toThrow(/job failingJob failed in worker \d: .*cannot reduce/);
    await expect(runMapReduceOnThreads({ module: testJobs, exportName: 'notAJob' }, [['a']], { workers: 1, register: tsx }))
      .rejects.toThrow(/could not load job notAJob: .*has no export "notAJob" with map and reduce/);
    await expect(runMapReduceOnThreads({ module: testJobs, exportName: 'exitingJob' }, [['a']], { workers: 1, register: tsx }))
      .rejects.toThrow(/worker 0 exited \(code 3\) while running job exitingJob/);
    await expect(runMapReduceOnThreads(builtinJob('wordCountJob'), [['a']], { workers: 0 })).rejects.toThrow(/workers must be a positive integer/);
  });
});

describe('externalAggregate (out-of-core GROUP BY)', () => {
  const rows = lines.flatMap(tokenize).map((w, i) => ({ w, i }));
  type Row = { w: string; i: number };
  const opts = {
    key: (r: Row) => r.w,
    init: (r: Row) => ({ n: 1, first: r.i }),
    merge: (a: { n: number; first: number }, b: { n: number; first: number }) => ({ n: a.n + b.n, first: Math.min(a.first, b.first) }),
  };
  const exact = new Map<string, { n: number; first: number }>();
  for (const r of rows) { const s = exact.get(r.w); exact.set(r.w, s === undefined ? { n: 1, first: r.i } : { n: s.n + 1, first: s.first }); }

  for (const maxGroups of [5000, 300, 20]) {
    it(`equals the in-memory GROUP BY with at most ${maxGroups} groups in memory`, () => {
      const { groups, stats } = externalAggregate(rows, { ...opts, maxGroups });
      expect(new Map([...groups].sort())).toEqual(new Map([...exact].sort()));
      expect(stats.peakGroups).toBeLessThanOrEqual(maxGroups);
      expect(stats.rows).toBe(rows.length);
      if (maxGroups >= exact.size) expect(stats.spills).toBe(0);
      else expect(stats.spilledRecords).toBeGreaterThan(0);
      if (maxGroups === 20) expect(stats.depth).toBeGreaterThan(1);   // 1042 keys / 8 partitions > 20: split again
    });
  }

  it('rejects a zero budget', () => {
    expect(() => externalAggregate(rows, { ...opts, maxGroups: 0 })).toThrow(/externalAggregate: maxGroups must be a positive integer/);
  });
});

/**
 * Map-reduce (Dean & Ghemawat, "MapReduce: Simplified Data Processing on Large Clusters",
 * OSDI 2004) in its three phases, written so that each phase is a plain function a worker
 * thread can run:
 *
 * 1. **map**: every input split is read by one map task, which calls `job.map(record, emit)`
 *    and sorts what it emits into R buckets by `hashPartition(key, R)`, so all values of one
 *    key, from every map task, meet at the same reducer.
 * 2. **shuffle**: each bucket is serialized (JSON here) and sent to its reducer. This is the
 *    network traffic of a real cluster, and the number this module counts in bytes.
 *    A **combiner** (`job.combine`) runs inside the map task before the shuffle and folds all
 *    of one key's values in that task into one; it is only correct when folding partial
 *    results gives the same answer as folding everything at once (sums, counts, min, max,
 *    set union: associative and commutative operations).
 * 3. **reduce**: a reducer groups its buckets' pairs by key, sorts the keys, and calls
 *    `job.reduce(key, values)` once per key.
 *
 * `runMapReduce` runs the tasks one after another in this thread (any JavaScript runtime);
 * `runMapReduceOnThreads` (./threads.ts) runs the very same task functions on Node worker
 * threads.
 */
import { murmur3 } from '../stream/hash.js';

/** Keys are strings or numbers: what survives the JSON of the shuffle unchanged. */
export type MapReduceKey = string | number;

/**
 * A map-reduce job: `map` turns one input record into (key, value) pairs, `reduce` turns
 * all values of a key into one output, and the optional `combine` pre-folds values of a key
 * inside one map task (it must be associative and commutative, and its output must be a value
 * `reduce` accepts).
 *
 * ```ts
 * const lengths: MapReduceJob<string, number, number, number> = {
 *   name: 'length histogram',
 *   map: (word, emit) => emit(word.length, 1),
 *   combine: (_len, ones) => ones.reduce((a, b) => a + b, 0),
 *   reduce: (_len, counts) => counts.reduce((a, b) => a + b, 0),
 * };
 * ```
 */
export interface MapReduceJob<I, K extends MapReduceKey, V, O> {
  name: string;
  map(record: I, emit: (key: K, value: V) => void): void;
  combine?(key: K, values: V[]): V;
  reduce(key: K, values: V[]): O;
}

export interface MapReduceOptions {
  /** Number of reduce tasks R (default 4): the number of shuffle buckets. */
  reducers?: number;
  /** Run the job's combiner in the map tasks (default true when the job has one). */
  combine?: boolean;
}

/** What one run moved: records at each phase and the bytes of the shuffle. */
export interface MapReduceStats {
  mapTasks: number;
  reducers: number;
  /** Records read by the map tasks. */
  inputRecords: number;
  /** Pairs the map functions emitted. */
  mapOutputRecords: number;
  /** Pairs sent through the shuffle (after the combiner, if any). */
  shuffleRecords: number;
  /** UTF-8 bytes of the serialized buckets sent through the shuffle. */
  shuffleBytes: number;
  /** Shuffle bytes received by each reducer: skewed keys show up here. */
  bytesPerReducer: number[];
  /** Distinct keys, that is, reduce calls. */
  outputRecords: number;
  combined: boolean;
}

export interface MapReduceResult<K extends MapReduceKey, O> {
  /** (key, output) pairs: reducer 0's keys in sorted order, then reducer 1's, and so on. */
  output: [K, O][];
  stats: MapReduceStats;
}

/** What one map task returns: one serialized bucket per reducer, and its counts. */
export interface MapTaskResult {
  buckets: string[];
  inputRecords: number;
  mapOutputRecords: number;
  shuffleRecords: number;
}

/**
 * The reducer a key goes to: MurmurHash3 of the key modulo R, as Hadoop's `HashPartitioner`
 * does with `hashCode()`. A good hash spreads keys evenly; it cannot spread one very frequent
 * key, which all goes to one reducer (skew).
 *
 * ```ts
 * hashPartition('the', 4);   // the same reducer in every map task, every run
 * ```
 */
export function hashPartition(key: MapReduceKey, reducers: number): number {
  return murmur3(typeof key === 'number' ? `#${key}` : key) % reducers;
}

const utf8 = new TextEncoder();
/** The UTF-8 byte length of a string (what the shuffle would put on the wire). */
export function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/**
 * One map task: runs `job.map` over a split, partitions the pairs by key, optionally
 * combines each key's values, and serializes each bucket as JSON `[[key, value], ...]`.
 *
 * ```ts
 * mapTask(wordCountJob, ['a b a'], 2, true).buckets;   // ['[["a",2]]', '[["b",1]]']: 3 pairs emitted, 2 shuffled
 * ```
 */
export function mapTask<I, K extends MapReduceKey, V, O>(job: MapReduceJob<I, K, V, O>, split: readonly I[], reducers: number, combine: boolean): MapTaskResult {
  let emitted = 0;
  const useCombiner = combine && job.combine !== undefined;
  // Without a combiner, a bucket is the pairs in emission order; with one, a map from key to
  // the values seen so far in this task, folded at the end.
  const plain: [K, V][][] = Array.from({ length: reducers }, () => []);
  const grouped: Map<K, V[]>[] = Array.from({ length: reducers }, () => new Map());
  const emit = (key: K, value: V): void => {
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) {
      throw new TypeError(`${job.name}: map emitted the key ${String(key)}; keys must be strings or finite numbers`);
    }
    emitted++;
    const r = hashPartition(key, reducers);
    if (!useCombiner) { plain[r]!.push([key, value]); return; }
    const g = grouped[r]!;
    const vs = g.get(key);
    if (vs === undefined) g.set(key, [value]); else vs.push(value);
  };
  for (const record of split) job.map(record, emit);
  let shuffled = 0;
  const buckets = Array.from({ length: reducers }, (_, r) => {
    const pairs: [K, V][] = useCombiner ? [...grouped[r]!].map(([k, vs]) => [k, job.combine!(k, vs)]) : plain[r]!;
    shuffled += pairs.length;
    return JSON.stringify(pairs);
  });
  return { buckets, inputRecords: split.length, mapOutputRecords: emitted, shuffleRecords: shuffled };
}

/** Sorts keys the way the reducers do: numbers before strings, each in natural order. */
export function compareKeys(a: MapReduceKey, b: MapReduceKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One reduce task: parses the buckets every map task sent this reducer, groups the pairs by
 * key (the merge step of the shuffle), sorts the keys and calls `job.reduce` once per key.
 *
 * ```ts
 * reduceTask(wordCountJob, ['[["a",2]]', '[["a",1]]']);   // [['a', 3]]
 * ```
 */
export function reduceTask<I, K extends MapReduceKey, V, O>(job: MapReduceJob<I, K, V, O>, buckets: readonly string[]): [K, O][] {
  const groups = new Map<K, V[]>();
  for (const b of buckets) {
    for (const [k, v] of JSON.parse(b) as [K, V][]) {
      const vs = groups.get(k);
      if (vs === undefined) groups.set(k, [v]); else vs.push(v);
    }
  }
  return [...groups.keys()].sort(compareKeys).map((k) => [k, job.reduce(k, groups.get(k)!)]);
}

/** Checks the options and the splits; returns R and whether to combine. */
export function checkRun(fn: string, splits: unknown, options: MapReduceOptions): { reducers: number; combine: boolean } {
  if (!Array.isArray(splits) || splits.some((s) => !Array.isArray(s))) {
    throw new TypeError(`${fn}: splits must be an array of arrays of records (one array per map task); got ${typeof splits}`);
  }
  const reducers = options.reducers ?? 4;
  if (!Number.isInteger(reducers) || reducers < 1) throw new RangeError(`${fn}: reducers must be a positive integer; got ${reducers}`);
  return { reducers, combine: options.combine ?? true };
}

/** Puts the tasks' counts together into the run's stats. */
export function collectStats(maps: readonly MapTaskResult[], reducers: number, outputRecords: number, combined: boolean): MapReduceStats {
  const bytesPerReducer = Array.from({ length: reducers }, (_, r) => maps.reduce((s, m) => s + byteLength(m.buckets[r]!), 0));
  return {
    mapTasks: maps.length,
    reducers,
    inputRecords: maps.reduce((s, m) => s + m.inputRecords, 0),
    mapOutputRecords: maps.reduce((s, m) => s + m.mapOutputRecords, 0),
    shuffleRecords: maps.reduce((s, m) => s + m.shuffleRecords, 0),
    shuffleBytes: bytesPerReducer.reduce((a, b) => a + b, 0),
    bytesPerReducer,
    outputRecords,
    combined,
  };
}

/**
 * Runs a job in this thread: one map task per split, then R reduce tasks. The output and the
 * shuffle counts are exactly those of `runMapReduceOnThreads` with the same splits and R.
 *
 * ```ts
 * import { runMapReduce, wordCountJob } from 'descent/bigdata';
 * const { output, stats } = runMapReduce(wordCountJob, [['to be or'], ['not to be']], { reducers: 2 });
 * new Map(output).get('to');   // 2
 * stats.shuffleBytes;          // what crossed from mappers to reducers
 * ```
 */
export function runMapReduce<I, K extends MapReduceKey, V, O>(job: MapReduceJob<I, K, V, O>, splits: readonly (readonly I[])[], options: MapReduceOptions = {}): MapReduceResult<K, O> {
  const { reducers, combine } = checkRun('runMapReduce', splits, options);
  const maps = splits.map((split) => mapTask(job, split, reducers, combine));
  const output = Array.from({ length: reducers }, (_, r) => reduceTask(job, maps.map((m) => m.buckets[r]!))).flat();
  return { output, stats: collectStats(maps, reducers, output.length, combine && job.combine !== undefined) };
}

/**
 * Cuts records into `n` contiguous splits of nearly equal length (what an input format does
 * with a file's blocks).
 *
 * ```ts
 * makeSplits([1, 2, 3, 4, 5], 2);   // [[1, 2, 3], [4, 5]]
 * ```
 */
export function makeSplits<T>(records: readonly T[], n: number): T[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`makeSplits: n must be a positive integer; got ${n}`);
  return Array.from({ length: n }, (_, i) => records.slice(Math.floor((i * records.length) / n), Math.floor(((i + 1) * records.length) / n)));
}

/**
 * What every part of model selection shares: the `Splitter` interface (scikit-learn's
 * cross-validation iterators), counting samples, taking rows by index, and the base
 * class that validates a splitter's options and saves it to JSON.
 */
import { Tensor } from '../../tensor/index.js';
import { checkLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { isDataFrame, type DataFrame } from '../frame.js';
import { Generator } from '../../random/index.js';

/** Anything with one entry per sample: a matrix, a DataFrame, a label array, a Tensor, `{ data, shape }`. */
export type SamplesLike = MatrixLike | DataFrame | LabelsLike | readonly unknown[];

/** One train/test split: ascending or shuffled sample indices into the data. */
export type TrainTest = [train: number[], test: number[]];

/**
 * A cross-validation splitter (scikit-learn's `KFold`, `StratifiedKFold`, ...): `split`
 * yields `[trainIdx, testIdx]` pairs; `getNSplits` says how many.
 */
export interface Splitter {
  split(X: SamplesLike, y?: LabelsLike | null, groups?: LabelsLike | null): IterableIterator<TrainTest>;
  getNSplits(X?: SamplesLike | null, y?: LabelsLike | null, groups?: LabelsLike | null): number;
}

export function isSplitter(v: unknown): v is Splitter {
  return typeof v === 'object' && v !== null && typeof (v as Splitter).split === 'function' &&
    typeof (v as Splitter).getNSplits === 'function';
}

/** Number of samples (rows) in any array-like input. */
export function numSamples(X: SamplesLike): number {
  if (isDataFrame(X)) return X.nRows;
  if (X instanceof Tensor) {
    if (X.ndim === 0) throw new TypeError('Expected an array of samples, got a 0-d tensor.');
    return X.shape[0];
  }
  if (X !== null && typeof X === 'object' && 'shape' in X && 'data' in X) return (X as { shape: readonly number[] }).shape[0];
  if (X !== null && typeof X === 'object' && typeof (X as ArrayLike<unknown>).length === 'number') return (X as ArrayLike<unknown>).length;
  throw new TypeError(`Expected an array of samples (a number[][], labels, a Tensor or { data, shape }); got ${X === null ? 'null' : typeof X}.`);
}

/** `arr[i]` for each index, in order. */
export function take<T>(arr: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => arr[i]);
}

/**
 * The rows `idx` of X, in the form X came in (scikit-learn's `_safe_indexing` on axis 0):
 * a DataFrame through `take`, a Tensor through `indexSelect`, `{ data, shape }` as a new
 * `{ data, shape }`, and any array (rows of numbers, of mixed cells, or one value per
 * sample) element by element. Nothing is validated here: that is the estimator's job, so
 * whatever the estimator accepts, cross-validation accepts.
 *
 * ```ts
 * takeRows(DataFrame.fromRecords([{ a: 1, s: 'x' }, { a: 2, s: 'y' }]), [1]).toRecords(); // [{ a: 2, s: 'y' }]
 * takeRows([[1, 'a'], [2, 'b'], [3, 'c']], [2, 0]);                                       // [[3, 'c'], [1, 'a']]
 * ```
 */
export function takeRows<T extends SamplesLike>(X: T, idx: readonly number[]): T {
  if (isDataFrame(X)) return X.take(idx) as T;
  if (X instanceof Tensor) return X.indexSelect(0, [...idx]) as T;
  if (Array.isArray(X)) return idx.map((i) => (X as readonly unknown[])[i]) as unknown as T;
  if (X !== null && typeof X === 'object' && 'shape' in X && 'data' in X && !ArrayBuffer.isView(X)) {
    // (n, d, ...) row-major: row i is the run data[i·w, (i+1)·w) with w = d·...
    const { data, shape } = X as { data: ArrayLike<number>; shape: readonly number[] };
    const w = shape.slice(1).reduce((a, b) => a * b, 1);
    const out = new Float64Array(idx.length * w);
    idx.forEach((i, r) => {
      for (let k = 0; k < w; k++) out[r * w + k] = data[i * w + k];
    });
    return { data: out, shape: [idx.length, ...shape.slice(1)] } as unknown as T;
  }
  if (ArrayBuffer.isView(X)) {
    const typed = X as unknown as { constructor: { from(v: number[]): unknown } } & ArrayLike<number>;
    return typed.constructor.from(idx.map((i) => typed[i])) as T;
  }
  throw new TypeError(`Expected samples to index by row (a DataFrame, an array of rows, a Tensor or { data, shape }); got ${X === null ? 'null' : typeof X}.`);
}

/** The number of features (columns) of a 2-D input; undefined when X has no second axis. */
export function numFeatures(X: SamplesLike): number | undefined {
  if (isDataFrame(X)) return X.nCols;
  if (X instanceof Tensor) return X.ndim >= 2 ? X.shape[1] : undefined;
  if (Array.isArray(X)) {
    const first: unknown = X[0];
    return Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<unknown>).length : undefined;
  }
  if (X !== null && typeof X === 'object' && 'shape' in X) return (X as { shape: readonly number[] }).shape[1];
  return undefined;
}

/** The labels a splitter needs (`y` or `groups`), checked against the number of samples. */
export function needLabels(v: LabelsLike | null | undefined, n: number, what: 'y' | 'groups', caller: string): Label[] {
  if (v === null || v === undefined) {
    throw new Error(`${caller}.split needs the \`${what}\` argument: ${what === 'y' ? 'the class labels to stratify on' : 'a group label per sample'}.`);
  }
  const labels = checkLabels(v, what);
  if (labels.length !== n) throw new Error(`Found input variables with inconsistent numbers of samples: [${n}, ${labels.length}]`);
  return labels;
}

/**
 * Encodes labels as 0..k-1 in sorted order (`np.unique(y, return_inverse=True)`).
 * Returns the sorted classes and the code of each sample.
 */
export function encodeLabels(y: readonly Label[]): { classes: Label[]; codes: number[] } {
  const classes = [...new Set(y)];
  if (classes.length > 0 && typeof classes[0] === 'number') (classes as number[]).sort((a, b) => a - b);
  else (classes as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(classes.map((c, i) => [c, i]));
  return { classes, codes: y.map((v) => index.get(v)!) };
}

export function range(start: number, stop: number): number[] {
  return Array.from({ length: Math.max(0, stop - start) }, (_, i) => start + i);
}

/** A fresh generator for a seed, or an unseeded one (a new stream each call) for null. */
export function rngFor(randomState: number | null): Generator {
  return new Generator(randomState ?? Math.floor(Math.random() * 2 ** 32));
}

/** The saved form of a built-in splitter: its class name and options. */
export interface SplitterJSON { splitter: string; options: Record<string, unknown> }

/**
 * Built-in splitters store their options as fields and save as `{ splitter, options }`, so
 * a search estimator holding one round-trips through JSON.
 */
export abstract class BaseSplitter<O extends object> implements Splitter {
  /** The class name, spelled out so it survives minification; used in messages and JSON. */
  static readonly splitterName: string;
  readonly options: Readonly<O>;

  constructor(defaults: O, options: Partial<O>, validate: (o: O) => void) {
    const known = Object.keys(defaults);
    for (const key of Object.keys(options)) {
      if (!known.includes(key)) throw new TypeError(`${this.splitterName} got an unexpected option \`${key}\`. Valid options are: ${known.join(', ')}.`);
    }
    const merged = { ...defaults };
    for (const [k, v] of Object.entries(options)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    validate(merged);
    this.options = Object.freeze(merged);
  }

  abstract split(X: SamplesLike, y?: LabelsLike | null, groups?: LabelsLike | null): IterableIterator<TrainTest>;
  abstract getNSplits(X?: SamplesLike | null, y?: LabelsLike | null, groups?: LabelsLike | null): number;

  get splitterName(): string {
    return (this.constructor as unknown as { splitterName: string }).splitterName;
  }

  toJSON(): SplitterJSON {
    return { splitter: this.splitterName, options: { ...this.options } };
  }
}

/** Throws unless `v` is an integer ≥ `min`, naming the option and its owner. */
export function checkInt(owner: string, name: string, v: unknown, min: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`${owner}: \`${name}\` must be an integer >= ${min}; got ${JSON.stringify(v)}.`);
  }
}

/** Throws unless `randomState` is an integer or null, and (when given) shuffling is on. */
export function checkSeed(owner: string, randomState: unknown, shuffle = true): void {
  if (randomState !== null && !(typeof randomState === 'number' && Number.isInteger(randomState))) {
    throw new Error(`${owner}: \`randomState\` must be an integer seed or null; got ${JSON.stringify(randomState)}.`);
  }
  if (!shuffle && randomState !== null) {
    throw new Error(`${owner}: setting \`randomState\` has no effect since \`shuffle\` is false. Pass shuffle: true, or leave randomState null.`);
  }
}

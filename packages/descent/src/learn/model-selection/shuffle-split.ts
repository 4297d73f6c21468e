/**
 * Random train/test splits: `ShuffleSplit`, `StratifiedShuffleSplit` and `trainTestSplit`
 * (sklearn.model_selection). The sizes follow scikit-learn (a fraction of the test set
 * rounds up, of the train set down) and so does the procedure, but the draws come from
 * Descent's seeded xoshiro128** generator, not NumPy's: a seed always gives the same
 * split, not the split scikit-learn gives for that seed.
 */
import { Tensor } from '../../tensor/index.js';
import type { Generator } from '../../random/index.js';
import type { LabelsLike } from '../base/validation.js';
import { isDataFrame, type DataFrame } from '../frame.js';
import {
  BaseSplitter, checkInt, checkSeed, encodeLabels, needLabels, numSamples, range, rngFor, takeRows,
  type SamplesLike, type TrainTest,
} from './common.js';

/**
 * A size as a fraction of the samples (a number strictly between 0 and 1) or a count
 * (an integer ≥ 1). JavaScript has one number type, so 1 means one sample, never 100%.
 */
export type SplitSize = number | null;

function checkSize(owner: string, name: string, v: SplitSize): void {
  if (v === null) return;
  const ok = typeof v === 'number' && ((v > 0 && v < 1) || (Number.isInteger(v) && v >= 1));
  if (!ok) throw new Error(`${owner}: \`${name}\` must be a fraction in (0, 1), an integer count >= 1 or null; got ${JSON.stringify(v)}.`);
}

/**
 * (nTrain, nTest) for n samples (scikit-learn's `_validate_shuffle_split`): a test
 * fraction rounds up, a train fraction down; a missing size is the rest.
 */
export function shuffleSplitSizes(owner: string, n: number, testSize: SplitSize, trainSize: SplitSize, defaultTest: number): [number, number] {
  if (testSize === null && trainSize === null) testSize = defaultTest;
  for (const [name, v] of [['testSize', testSize], ['trainSize', trainSize]] as const) {
    if (v !== null && v >= 1 && v >= n) {
      throw new Error(`${owner}: ${name}=${v} should be either positive and smaller than the number of samples ${n} or a fraction in (0, 1).`);
    }
  }
  const isFrac = (v: SplitSize) => v !== null && v < 1;
  if (isFrac(testSize) && isFrac(trainSize) && testSize! + trainSize! > 1) {
    throw new Error(`${owner}: the sum of testSize and trainSize = ${testSize! + trainSize!} should be in the (0, 1) range. Reduce testSize and/or trainSize.`);
  }
  let nTest = testSize === null ? null : isFrac(testSize) ? Math.ceil(testSize * n) : testSize;
  let nTrain = trainSize === null ? null : isFrac(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === null) nTrain = n - nTest!;
  else if (nTest === null) nTest = n - nTrain;
  if (nTrain + nTest! > n) {
    throw new Error(`${owner}: the sum of train and test sizes = ${nTrain + nTest!} should be smaller than the number of samples ${n}. Reduce testSize and/or trainSize.`);
  }
  if (nTrain === 0) {
    throw new Error(`${owner}: with nSamples=${n}, testSize=${testSize} and trainSize=${trainSize}, the train set would be empty. Adjust the sizes.`);
  }
  return [nTrain, nTest!];
}

export interface ShuffleSplitOptions {
  /** Number of independent splits. Default 10. */
  nSplits: number;
  /** Test set size (fraction or count); default 0.1 when trainSize is also null. */
  testSize: SplitSize;
  /** Train set size (fraction or count); default: the rest. */
  trainSize: SplitSize;
  /** Seed; null draws new splits each `split`. */
  randomState: number | null;
}

function validateShuffle(name: string) {
  return (o: ShuffleSplitOptions) => {
    checkInt(name, 'nSplits', o.nSplits, 1);
    checkSize(name, 'testSize', o.testSize);
    checkSize(name, 'trainSize', o.trainSize);
    checkSeed(name, o.randomState);
  };
}

/**
 * Independent random permutations, each cut into a test set and a train set
 * (sklearn.model_selection.ShuffleSplit). Test sets of different splits may overlap.
 *
 * ```ts
 * const [[train, test]] = new ShuffleSplit({ nSplits: 1, testSize: 0.25, randomState: 0 }).split(new Array(8).fill([0]));
 * [train.length, test.length]; // [6, 2]
 * ```
 */
export class ShuffleSplit extends BaseSplitter<ShuffleSplitOptions> {
  static override readonly splitterName: string = 'ShuffleSplit';
  constructor(options: Partial<ShuffleSplitOptions> = {}) {
    super({ nSplits: 10, testSize: null, trainSize: null, randomState: null }, options, validateShuffle('ShuffleSplit'));
  }

  *split(X: SamplesLike): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const { nSplits, testSize, trainSize, randomState } = this.options;
    const [nTrain, nTest] = shuffleSplitSizes('ShuffleSplit', n, testSize, trainSize, 0.1);
    const rng = rngFor(randomState);
    for (let s = 0; s < nSplits; s++) {
      const perm = rng.permutation(n);
      yield [perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest)];
    }
  }

  getNSplits(): number {
    return this.options.nSplits;
  }
}

/**
 * How many of `draws` samples each class gets, close to proportional (scikit-learn's
 * `_approximate_mode`): floor each class's share, then hand the leftover samples to the
 * largest remainders, breaking ties at random.
 */
export function approximateMode(counts: readonly number[], draws: number, rng: Generator): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  const continuous = counts.map((c) => (c / total) * draws);
  const out = continuous.map(Math.floor);
  let need = draws - out.reduce((s, c) => s + c, 0);
  const remainder = continuous.map((c, i) => c - out[i]);
  const values = [...new Set(remainder)].sort((a, b) => b - a);
  for (const value of values) {
    if (need <= 0) break;
    const tied = rng.shuffle(range(0, counts.length).filter((i) => remainder[i] === value));
    const now = Math.min(tied.length, need);
    for (const i of tied.slice(0, now)) out[i]++;
    need -= now;
  }
  return out;
}

/**
 * Random splits that keep every class's share in both train and test sets
 * (sklearn.model_selection.StratifiedShuffleSplit). Needs y; every class needs at least
 * 2 members, and both sets need room for one sample of each class.
 *
 * ```ts
 * const y = [0, 0, 0, 0, 1, 1, 1, 1];
 * const [[train, test]] = new StratifiedShuffleSplit({ nSplits: 1, testSize: 0.5, randomState: 0 }).split(y, y);
 * test.map((i) => y[i]).sort(); // [0, 0, 1, 1]
 * ```
 */
export class StratifiedShuffleSplit extends BaseSplitter<ShuffleSplitOptions> {
  static override readonly splitterName: string = 'StratifiedShuffleSplit';
  constructor(options: Partial<ShuffleSplitOptions> = {}) {
    super({ nSplits: 10, testSize: null, trainSize: null, randomState: null }, options, validateShuffle('StratifiedShuffleSplit'));
  }

  *split(X: SamplesLike, y?: LabelsLike | null): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const { classes, codes } = encodeLabels(needLabels(y, n, 'y', 'StratifiedShuffleSplit'));
    const { nSplits, testSize, trainSize, randomState } = this.options;
    const [nTrain, nTest] = shuffleSplitSizes('StratifiedShuffleSplit', n, testSize, trainSize, 0.1);
    const counts = new Array<number>(classes.length).fill(0);
    for (const c of codes) counts[c]++;
    if (Math.min(...counts) < 2) {
      throw new Error('StratifiedShuffleSplit: the least populated class in y has only 1 member, which is too few. Every class needs at least 2 members.');
    }
    if (nTrain < classes.length) throw new Error(`StratifiedShuffleSplit: the train size = ${nTrain} should be greater or equal to the number of classes = ${classes.length}.`);
    if (nTest < classes.length) throw new Error(`StratifiedShuffleSplit: the test size = ${nTest} should be greater or equal to the number of classes = ${classes.length}.`);
    const members = classes.map((_, c) => range(0, n).filter((i) => codes[i] === c));
    const rng = rngFor(randomState);
    for (let s = 0; s < nSplits; s++) {
      const nI = approximateMode(counts, nTrain, rng);
      const tI = approximateMode(counts.map((c, i) => c - nI[i]), nTest, rng);
      const train: number[] = [];
      const test: number[] = [];
      members.forEach((idx, c) => {
        const perm = rng.permutation(idx.length).map((p) => idx[p]);
        train.push(...perm.slice(0, nI[c]));
        test.push(...perm.slice(nI[c], nI[c] + tI[c]));
      });
      yield [rng.shuffle(train), rng.shuffle(test)];
    }
  }

  getNSplits(): number {
    return this.options.nSplits;
  }
}

/** What `trainTestSplit` can split: arrays of rows or labels, typed arrays, Tensors and DataFrames (by rows). */
export type Splittable = readonly unknown[] | ArrayLike<number> | Tensor | DataFrame;

/** The type a split returns: arrays stay arrays, Tensors stay Tensors, DataFrames stay DataFrames. */
export type SplitOf<T> = T extends Tensor ? Tensor : T extends DataFrame ? DataFrame : T extends readonly (infer E)[] ? E[] : T;

export interface TrainTestSplitOptions {
  /** Test size, a fraction (0, 1) or a count; default 0.25 when trainSize is also null. */
  testSize?: SplitSize;
  /** Train size, a fraction or a count; default: the rest. */
  trainSize?: SplitSize;
  /** Shuffle before splitting (default true). Without it, train is the first rows and test the next. */
  shuffle?: boolean;
  /** Seed for the shuffle; null or absent draws a new split each call. */
  randomState?: number | null;
  /** Class labels to keep in the same proportions in both parts (needs shuffle). */
  stratify?: LabelsLike | null;
}

function subset<T extends Splittable>(a: T, idx: number[]): SplitOf<T> {
  return takeRows(a as SamplesLike, idx) as SplitOf<T>;
}

function isOptions(v: unknown): v is TrainTestSplitOptions {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Tensor) && !isDataFrame(v);
}

/**
 * Splits arrays into random train and test parts (sklearn.model_selection.train_test_split),
 * returned as [XTrain, XTest] or [XTrain, XTest, yTrain, yTest].
 *
 * ```ts
 * const X = [[1], [2], [3], [4], [5], [6], [7], [8]];
 * const y = [0, 0, 0, 0, 1, 1, 1, 1];
 * const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 0.25, randomState: 42, stratify: y });
 * [XTrain.length, XTest.length]; // [6, 2]; yTest holds one 0 and one 1
 * ```
 */
export function trainTestSplit<TX extends Splittable>(X: TX, options?: TrainTestSplitOptions): [SplitOf<TX>, SplitOf<TX>];
export function trainTestSplit<TX extends Splittable, TY extends Splittable>(
  X: TX, y: TY, options?: TrainTestSplitOptions): [SplitOf<TX>, SplitOf<TX>, SplitOf<TY>, SplitOf<TY>];
export function trainTestSplit(X: Splittable, yOrOptions?: Splittable | TrainTestSplitOptions, maybeOptions?: TrainTestSplitOptions): unknown[] {
  const arrays: Splittable[] = isOptions(yOrOptions) || yOrOptions === undefined ? [X] : [X, yOrOptions];
  const options: TrainTestSplitOptions = isOptions(yOrOptions) ? yOrOptions : (maybeOptions ?? {});
  const known = ['testSize', 'trainSize', 'shuffle', 'randomState', 'stratify'];
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new TypeError(`trainTestSplit got an unexpected option \`${k}\`. Valid options are: ${known.join(', ')}.`);
  }
  const n = numSamples(X as SamplesLike);
  for (const a of arrays.slice(1)) {
    const m = numSamples(a as SamplesLike);
    if (m !== n) throw new Error(`Found input variables with inconsistent numbers of samples: [${n}, ${m}]`);
  }
  if (n === 0) throw new Error('trainTestSplit: at least one sample is required to split; got 0.');
  const { testSize = null, trainSize = null, shuffle = true, randomState = null, stratify = null } = options;
  checkSize('trainTestSplit', 'testSize', testSize);
  checkSize('trainTestSplit', 'trainSize', trainSize);
  checkSeed('trainTestSplit', randomState);
  let train: number[];
  let test: number[];
  if (!shuffle) {
    if (stratify !== null) throw new Error('trainTestSplit: stratified splitting needs shuffle: true (stratify with shuffle: false is not defined).');
    const [nTrain, nTest] = shuffleSplitSizes('trainTestSplit', n, testSize, trainSize, 0.25);
    train = range(0, nTrain);
    test = range(nTrain, nTrain + nTest);
  } else {
    const opts = { nSplits: 1, testSize: testSize ?? (trainSize === null ? 0.25 : null), trainSize, randomState };
    const splitter = stratify !== null ? new StratifiedShuffleSplit(opts) : new ShuffleSplit(opts);
    [train, test] = splitter.split(X as SamplesLike, stratify).next().value as TrainTest;
  }
  return arrays.flatMap((a) => [subset(a, train), subset(a, test)]);
}

/**
 * K-fold cross-validation splitters (sklearn.model_selection): `KFold`, `StratifiedKFold`,
 * `GroupKFold`, `RepeatedKFold`, `RepeatedStratifiedKFold` and `LeaveOneOut`.
 *
 * Without shuffling, every fold equals scikit-learn's exactly (tested against
 * scikit-learn 1.2.1). With `shuffle: true` the folds come from Descent's seeded
 * xoshiro128** generator, not NumPy's Mersenne Twister: a seed always gives the same
 * folds, but not the folds scikit-learn gives for that seed.
 */
import type { Generator } from '../../random/index.js';
import type { LabelsLike } from '../base/validation.js';
import {
  BaseSplitter, checkInt, checkSeed, encodeLabels, needLabels, numSamples, range, rngFor,
  type SamplesLike, type TrainTest,
} from './common.js';

/** Turns a fold number per sample into (train, test) pairs, both ascending. */
function* fromTestFolds(testFold: readonly number[], nSplits: number): IterableIterator<TrainTest> {
  for (let f = 0; f < nSplits; f++) {
    const train: number[] = [];
    const test: number[] = [];
    testFold.forEach((k, i) => (k === f ? test : train).push(i));
    yield [train, test];
  }
}

/**
 * Fold of each sample for plain K-fold: the first n % k folds get ⌊n/k⌋ + 1 samples, the
 * rest ⌊n/k⌋, each a contiguous block of the (optionally shuffled) sample order.
 */
function kFoldAssignment(n: number, k: number, rng: Generator | null): number[] {
  const order = range(0, n);
  if (rng) rng.shuffle(order);
  const fold = new Array<number>(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < start + size; i++) fold[order[i]] = f;
    start += size;
  }
  return fold;
}

/**
 * Fold of each sample for stratified K-fold, scikit-learn 1.2's algorithm: classes are
 * numbered by first appearance; the sorted class codes are dealt round-robin over the
 * folds to decide how many of each class each fold gets; then each class's samples, in
 * data order, fill fold 0 first, fold 1 next, ... (with shuffling, that fold sequence is
 * shuffled per class).
 */
function stratifiedAssignment(y: readonly (number | string)[], k: number, rng: Generator | null, caller: string): number[] {
  const firstSeen = new Map<number | string, number>();
  const codes = y.map((v) => {
    if (!firstSeen.has(v)) firstSeen.set(v, firstSeen.size);
    return firstSeen.get(v)!;
  });
  const nClasses = firstSeen.size;
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of codes) counts[c]++;
  if (counts.every((c) => k > c)) {
    throw new Error(`${caller}: nSplits=${k} cannot be greater than the number of members in each class (largest class: ${Math.max(...counts)}).`);
  }
  const sorted = [...codes].sort((a, b) => a - b);
  // allocation[f][c]: samples of class c in fold f (np.bincount(y_order[f::k])).
  const allocation = Array.from({ length: k }, () => new Array<number>(nClasses).fill(0));
  sorted.forEach((c, i) => allocation[i % k][c]++);
  const fold = new Array<number>(y.length);
  for (let c = 0; c < nClasses; c++) {
    const foldsForClass: number[] = [];
    for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f][c]; r++) foldsForClass.push(f);
    if (rng) rng.shuffle(foldsForClass);
    let next = 0;
    codes.forEach((code, i) => {
      if (code === c) fold[i] = foldsForClass[next++];
    });
  }
  return fold;
}

function checkEnoughSamples(caller: string, k: number, n: number): void {
  if (k > n) throw new Error(`${caller}: cannot have nSplits=${k} greater than the number of samples: nSamples=${n}.`);
}

export interface KFoldOptions {
  /** Number of folds, at least 2. Default 5. */
  nSplits: number;
  /** Shuffle the samples before cutting them into folds. Default false. */
  shuffle: boolean;
  /** Seed for the shuffle (only with shuffle: true); null draws a new order each `split`. */
  randomState: number | null;
}

const KFOLD_DEFAULTS: KFoldOptions = { nSplits: 5, shuffle: false, randomState: null };

function validateKFold(name: string) {
  return (o: KFoldOptions) => {
    checkInt(name, 'nSplits', o.nSplits, 2);
    if (typeof o.shuffle !== 'boolean') throw new Error(`${name}: \`shuffle\` must be a boolean; got ${JSON.stringify(o.shuffle)}.`);
    checkSeed(name, o.randomState, o.shuffle);
  };
}

/**
 * K consecutive folds; each is the test set once while the other k − 1 train
 * (sklearn.model_selection.KFold).
 *
 * ```ts
 * [...new KFold({ nSplits: 3 }).split([[1], [2], [3], [4], [5]])];
 * // [[[2, 3, 4], [0, 1]], [[0, 1, 4], [2, 3]], [[0, 1, 2, 3], [4]]]
 * ```
 */
export class KFold extends BaseSplitter<KFoldOptions> {
  static override readonly splitterName: string = 'KFold';
  constructor(options: Partial<KFoldOptions> = {}) {
    super(KFOLD_DEFAULTS, options, validateKFold('KFold'));
  }

  *split(X: SamplesLike): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const { nSplits, shuffle, randomState } = this.options;
    checkEnoughSamples('KFold', nSplits, n);
    yield* fromTestFolds(kFoldAssignment(n, nSplits, shuffle ? rngFor(randomState) : null), nSplits);
  }

  getNSplits(): number {
    return this.options.nSplits;
  }
}

/**
 * K-fold that keeps each class's share about the same in every fold
 * (sklearn.model_selection.StratifiedKFold), for classification. Needs y.
 *
 * ```ts
 * const y = [0, 0, 0, 0, 1, 1];
 * [...new StratifiedKFold({ nSplits: 2 }).split(y, y)].map(([, test]) => test); // [[0, 1, 4], [2, 3, 5]]
 * ```
 */
export class StratifiedKFold extends BaseSplitter<KFoldOptions> {
  static override readonly splitterName: string = 'StratifiedKFold';
  constructor(options: Partial<KFoldOptions> = {}) {
    super(KFOLD_DEFAULTS, options, validateKFold('StratifiedKFold'));
  }

  *split(X: SamplesLike, y?: LabelsLike | null): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const labels = needLabels(y, n, 'y', 'StratifiedKFold');
    const { nSplits, shuffle, randomState } = this.options;
    checkEnoughSamples('StratifiedKFold', nSplits, n);
    yield* fromTestFolds(stratifiedAssignment(labels, nSplits, shuffle ? rngFor(randomState) : null, 'StratifiedKFold'), nSplits);
  }

  getNSplits(): number {
    return this.options.nSplits;
  }
}

/**
 * K-fold over groups: all samples of a group land in the same test fold, so a model is
 * never tested on a group it trained on (sklearn.model_selection.GroupKFold). Groups are
 * placed largest first, each into the fold with the fewest samples so far; between groups
 * of equal size, the one whose label sorts later goes first (scikit-learn's order whenever
 * there are at most 16 groups, where NumPy's argsort is stable). Not shuffled.
 *
 * ```ts
 * [...new GroupKFold({ nSplits: 2 }).split([[1], [2], [3], [4]], null, ['a', 'a', 'b', 'c'])];
 * // [[[2, 3], [0, 1]], [[0, 1], [2, 3]]]
 * ```
 */
export class GroupKFold extends BaseSplitter<{ nSplits: number }> {
  static override readonly splitterName: string = 'GroupKFold';
  constructor(options: Partial<{ nSplits: number }> = {}) {
    super({ nSplits: 5 }, options, (o) => checkInt('GroupKFold', 'nSplits', o.nSplits, 2));
  }

  *split(X: SamplesLike, _y?: LabelsLike | null, groups?: LabelsLike | null): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const { classes, codes } = encodeLabels(needLabels(groups, n, 'groups', 'GroupKFold'));
    const k = this.options.nSplits;
    if (k > classes.length) {
      throw new Error(`GroupKFold: cannot have nSplits=${k} greater than the number of groups: ${classes.length}.`);
    }
    const sizes = new Array<number>(classes.length).fill(0);
    for (const c of codes) sizes[c]++;
    // Stable ascending argsort, reversed: largest groups first (np.argsort(sizes)[::-1]).
    const order = range(0, classes.length).sort((a, b) => sizes[a] - sizes[b]).reverse();
    const foldSize = new Array<number>(k).fill(0);
    const groupFold = new Array<number>(classes.length);
    for (const g of order) {
      const lightest = foldSize.indexOf(Math.min(...foldSize));
      foldSize[lightest] += sizes[g];
      groupFold[g] = lightest;
    }
    yield* fromTestFolds(codes.map((c) => groupFold[c]), k);
  }

  getNSplits(): number {
    return this.options.nSplits;
  }
}

/**
 * Each sample is the test set once (sklearn.model_selection.LeaveOneOut): n splits, the
 * same as `KFold({ nSplits: n })`.
 *
 * ```ts
 * [...new LeaveOneOut().split([[1], [2], [3]])]; // [[[1, 2], [0]], [[0, 2], [1]], [[0, 1], [2]]]
 * ```
 */
export class LeaveOneOut extends BaseSplitter<Record<string, never>> {
  static override readonly splitterName: string = 'LeaveOneOut';
  constructor(options: Record<string, never> = {}) {
    super({}, options, () => undefined);
  }

  *split(X: SamplesLike): IterableIterator<TrainTest> {
    const n = numSamples(X);
    if (n < 2) throw new Error(`LeaveOneOut: cannot perform LeaveOneOut with nSamples=${n}; it needs at least 2 samples.`);
    for (let i = 0; i < n; i++) yield [[...range(0, i), ...range(i + 1, n)], [i]];
  }

  getNSplits(X?: SamplesLike | null): number {
    if (X === null || X === undefined) throw new Error('LeaveOneOut.getNSplits needs X: the number of splits is the number of samples.');
    return numSamples(X);
  }
}

export interface RepeatedKFoldOptions {
  /** Folds per repetition, at least 2. Default 5. */
  nSplits: number;
  /** Number of repetitions, each with a new shuffle. Default 10. */
  nRepeats: number;
  /** Seed for the shuffles; null draws new ones each `split`. */
  randomState: number | null;
}

function validateRepeated(name: string) {
  return (o: RepeatedKFoldOptions) => {
    checkInt(name, 'nSplits', o.nSplits, 2);
    checkInt(name, 'nRepeats', o.nRepeats, 1);
    checkSeed(name, o.randomState);
  };
}

/**
 * K-fold repeated `nRepeats` times, shuffled differently each time, from one seeded
 * stream (sklearn.model_selection.RepeatedKFold). nSplits × nRepeats splits.
 *
 * ```ts
 * new RepeatedKFold({ nSplits: 2, nRepeats: 3, randomState: 0 }).getNSplits(); // 6
 * ```
 */
export class RepeatedKFold extends BaseSplitter<RepeatedKFoldOptions> {
  static override readonly splitterName: string = 'RepeatedKFold';
  constructor(options: Partial<RepeatedKFoldOptions> = {}) {
    super({ nSplits: 5, nRepeats: 10, randomState: null }, options, validateRepeated('RepeatedKFold'));
  }

  *split(X: SamplesLike): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const { nSplits, nRepeats, randomState } = this.options;
    checkEnoughSamples('RepeatedKFold', nSplits, n);
    const rng = rngFor(randomState);
    for (let r = 0; r < nRepeats; r++) yield* fromTestFolds(kFoldAssignment(n, nSplits, rng), nSplits);
  }

  getNSplits(): number {
    return this.options.nSplits * this.options.nRepeats;
  }
}

/**
 * Stratified K-fold repeated `nRepeats` times with different shuffles
 * (sklearn.model_selection.RepeatedStratifiedKFold). Needs y.
 *
 * ```ts
 * const y = [0, 0, 0, 1, 1, 1];
 * [...new RepeatedStratifiedKFold({ nSplits: 3, nRepeats: 2, randomState: 1 }).split(y, y)].length; // 6
 * ```
 */
export class RepeatedStratifiedKFold extends BaseSplitter<RepeatedKFoldOptions> {
  static override readonly splitterName: string = 'RepeatedStratifiedKFold';
  constructor(options: Partial<RepeatedKFoldOptions> = {}) {
    super({ nSplits: 5, nRepeats: 10, randomState: null }, options, validateRepeated('RepeatedStratifiedKFold'));
  }

  *split(X: SamplesLike, y?: LabelsLike | null): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const labels = needLabels(y, n, 'y', 'RepeatedStratifiedKFold');
    const { nSplits, nRepeats, randomState } = this.options;
    checkEnoughSamples('RepeatedStratifiedKFold', nSplits, n);
    const rng = rngFor(randomState);
    for (let r = 0; r < nRepeats; r++) {
      yield* fromTestFolds(stratifiedAssignment(labels, nSplits, rng, 'RepeatedStratifiedKFold'), nSplits);
    }
  }

  getNSplits(): number {
    return this.options.nSplits * this.options.nRepeats;
  }
}

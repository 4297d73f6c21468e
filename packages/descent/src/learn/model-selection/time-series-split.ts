/** `TimeSeriesSplit`: forward-chaining folds for ordered data (sklearn.model_selection.TimeSeriesSplit). */
import { BaseSplitter, checkInt, numSamples, range, type SamplesLike, type TrainTest } from './common.js';

export interface TimeSeriesSplitOptions {
  /** Number of splits, at least 2. Default 5. */
  nSplits: number;
  /** Cap on the training window: keep only the last `maxTrainSize` samples before the gap. Default null (no cap). */
  maxTrainSize: number | null;
  /** Samples per test set. Default null: ⌊n / (nSplits + 1)⌋. */
  testSize: number | null;
  /** Samples dropped between the end of each training set and its test set. Default 0. */
  gap: number;
}

/**
 * Split i trains on everything before test block i and tests on that block, so the model
 * never sees the future. The test blocks are the last nSplits · testSize samples, in
 * order; the training set grows (or slides, with `maxTrainSize`), ending `gap` samples
 * before its test block. Indices equal scikit-learn's.
 *
 * ```ts
 * [...new TimeSeriesSplit({ nSplits: 3 }).split([[1], [2], [3], [4], [5], [6]])];
 * // [[[0, 1, 2], [3]], [[0, 1, 2, 3], [4]], [[0, 1, 2, 3, 4], [5]]]
 * ```
 */
export class TimeSeriesSplit extends BaseSplitter<TimeSeriesSplitOptions> {
  static override readonly splitterName: string = 'TimeSeriesSplit';
  constructor(options: Partial<TimeSeriesSplitOptions> = {}) {
    super({ nSplits: 5, maxTrainSize: null, testSize: null, gap: 0 }, options, (o) => {
      checkInt('TimeSeriesSplit', 'nSplits', o.nSplits, 2);
      if (o.maxTrainSize !== null) checkInt('TimeSeriesSplit', 'maxTrainSize', o.maxTrainSize, 1);
      if (o.testSize !== null) checkInt('TimeSeriesSplit', 'testSize', o.testSize, 1);
      checkInt('TimeSeriesSplit', 'gap', o.gap, 0);
    });
  }

  *split(X: SamplesLike): IterableIterator<TrainTest> {
    const n = numSamples(X);
    const { nSplits, maxTrainSize, gap } = this.options;
    const nFolds = nSplits + 1;
    const testSize = this.options.testSize ?? Math.floor(n / nFolds);
    if (nFolds > n) throw new Error(`TimeSeriesSplit: cannot have nFolds=${nFolds} (nSplits + 1) greater than the number of samples: ${n}.`);
    if (n - gap - testSize * nSplits <= 0) {
      throw new Error(`TimeSeriesSplit: too many splits=${nSplits} for number of samples=${n} with testSize=${testSize} and gap=${gap}.`);
    }
    for (let testStart = n - nSplits * testSize; testStart < n; testStart += testSize) {
      const trainEnd = testStart - gap;
      const trainStart = maxTrainSize !== null && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
      yield [range(trainStart, trainEnd), range(testStart, testStart + testSize)];
    }
  }

  getNSplits(): number {
    return this.options.nSplits;
  }
}

/**
 * TargetEncoder: each category replaced by a shrunk mean of the target over that category
 * (scikit-learn 1.3's sklearn.preprocessing.TargetEncoder; Micci-Barreca 2001).
 *
 * For category c with nᶜ samples, mean ȳᶜ and within-category sum of squares SSᶜ, and the
 * overall mean ȳ and variance σ²:
 *
 *   smooth = 'auto' (empirical Bayes): λᶜ = σ²nᶜ / (σ²nᶜ + SSᶜ/nᶜ),  enc = λᶜȳᶜ + (1 − λᶜ)ȳ
 *   smooth = m (a number):             enc = (Σᶜy + m·ȳ) / (nᶜ + m)
 *
 * `fit` learns the encodings from all rows (used by `transform` on new data). `fitTransform`
 * instead cross-fits: the rows of each of `cv` folds are encoded with encodings learned on
 * the other folds, so a row's own target never leaks into its feature (which would make a
 * model downstream overfit). Folds are KFold for a continuous target and StratifiedKFold
 * for a binary one, as in sklearn; unshuffled by default here (sklearn shuffles by default,
 * with NumPy's generator, which Descent's cannot reproduce; `shuffle: true` uses Descent's).
 * Multiclass targets are not supported yet.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkLabels, checkConsistentLength, namedError, uniqueLabels, type Label, type LabelsLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { isDataFrame } from '../frame.js';
import { readCategorical as readCategories, type CategoricalLike } from './encoders.js';

/** Categories by column; a DataFrame's string columns are read as categories too. */
function readCategorical(X: CategoricalLike, caller: string): Label[][] {
  return readCategories(isDataFrame(X) ? (X.toRows() as Label[][]) : X, caller);
}

export interface TargetEncoderParams {
  /** 'auto' (learn from the data) or the categories of each feature. */
  categories: 'auto' | Label[][];
  /** 'auto' (binary if y has two values that are not all non-integer, else continuous), 'binary' or 'continuous'. */
  targetType: 'auto' | 'binary' | 'continuous';
  /** 'auto' (empirical Bayes shrinkage) or m ≥ 0, the weight of the overall mean. */
  smooth: 'auto' | number;
  /** Folds for the cross-fitting in `fitTransform`. Default 5. */
  cv: number;
  /** Shuffle before splitting into folds (with `randomState`). Default false (sklearn: true). */
  shuffle: boolean;
  randomState: number | null;
}

/** Unshuffled (or seeded-shuffled) fold assignment: fold number per row. */
function assignFolds(y: Float64Array, k: number, stratified: boolean, shuffle: boolean, seed: number | null): Int32Array {
  const n = y.length;
  const g = shuffle ? new Generator(seed ?? Math.floor(Math.random() * 2 ** 31)) : null;
  const fold = new Int32Array(n);
  if (!stratified) {
    // sklearn's KFold: the first n mod k folds get one extra row, consecutive blocks.
    const order = g ? g.permutation(n) : Array.from({ length: n }, (_, i) => i);
    let at = 0;
    for (let f = 0; f < k; f++) {
      const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
      for (let s = 0; s < size; s++) fold[order[at++]] = f;
    }
    return fold;
  }
  // sklearn's StratifiedKFold: classes numbered by first appearance; per class, fold sizes from
  // a round robin over the sorted class codes; each class's rows take their folds in blocks.
  const firstSeen = new Map<number, number>();
  for (const v of y) if (!firstSeen.has(v)) firstSeen.set(v, firstSeen.size);
  const code = Array.from(y, (v) => firstSeen.get(v)!);
  const nClasses = firstSeen.size;
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of code) counts[c]++;
  if (counts.every((c) => k > c)) throw new Error(`TargetEncoder: cv=${k} cannot be greater than the number of members in each class.`);
  const sortedCodes = [...code].sort((a, b) => a - b);
  const allocation = Array.from({ length: k }, (_, f) => {
    const a = new Array<number>(nClasses).fill(0);
    for (let i = f; i < n; i += k) a[sortedCodes[i]]++;
    return a;
  });
  for (let c = 0; c < nClasses; c++) {
    const folds = allocation.flatMap((a, f) => new Array<number>(a[c]).fill(f));
    if (g) {
      const p = g.permutation(folds.length);
      const copy = [...folds];
      p.forEach((from, to) => (folds[to] = copy[from]));
    }
    let at = 0;
    for (let i = 0; i < n; i++) if (code[i] === c) fold[i] = folds[at++];
  }
  return fold;
}

/**
 * ```ts
 * const te = new TargetEncoder({ smooth: 0 }).fit([['a'], ['a'], ['b']], [1.5, 2.5, 10]);
 * te.encodings_;               // [[2, 10]]
 * te.transform([['b'], ['z']]); // [[10], [4.666…]] (an unknown category gets the target mean)
 * ```
 */
export class TargetEncoder extends Transformer<TargetEncoderParams> {
  static override readonly spec: EstimatorSpec<TargetEncoderParams> = {
    name: 'TargetEncoder',
    defaults: { categories: 'auto', targetType: 'auto', smooth: 'auto', cv: 5, shuffle: false, randomState: null },
    constraints: {
      categories: [C.options('auto'), C.custom('an array of category arrays, one per feature', (v) => Array.isArray(v) && v.every(Array.isArray))],
      targetType: [C.options('auto', 'binary', 'continuous')],
      smooth: [C.options('auto'), C.number({ min: 0 })],
      cv: [C.integer({ min: 2 })],
      shuffle: [C.boolean],
      randomState: [C.integer(), C.null],
    },
    tags: { requiresY: true },
  };

  declare categories_: Label[][];
  /** Per feature, the encoding of each category (in `categories_` order). */
  declare encodings_: number[][];
  /** The target mean, the encoding of unknown categories. */
  declare targetMean_: number;
  declare targetType_: 'binary' | 'continuous';
  /** For a binary target, its two values; the second counts as 1. */
  declare classes_: Label[] | null;

  /** Validated columns of categories and the numeric target (binary: 0/1). */
  private prepare(X: CategoricalLike, y: LabelsLike): { cols: Label[][]; t: Float64Array } {
    const cols = readCategorical(X, this.estimatorName);
    let labels: Label[];
    try {
      labels = checkLabels(y, 'y');
      checkConsistentLength(cols[0]?.length ?? 0, labels.length);
    } catch (e) {
      throw namedError(e, this.estimatorName);
    }
    const classes = uniqueLabels(labels);
    let type = this.params.targetType;
    if (type === 'auto') {
      const nonInteger = labels.some((v) => typeof v === 'number' && !Number.isInteger(v));
      type = classes.length === 2 && !nonInteger ? 'binary' : 'continuous';
      if (type === 'continuous' && typeof classes[0] === 'string') {
        throw new Error(`TargetEncoder: y has ${classes.length} string classes; only binary and continuous targets are supported yet (multiclass is not).`);
      }
      if (type === 'continuous' && !nonInteger && classes.length > 2) {
        throw new Error("TargetEncoder: y looks multiclass (more than two integer values), which is not supported yet; set targetType: 'continuous' to treat it as a number.");
      }
    }
    if (type === 'binary') {
      if (classes.length !== 2) throw new Error(`TargetEncoder: targetType 'binary' needs exactly two classes in y, got ${classes.length}.`);
      this.classes_ = classes;
      this.targetType_ = 'binary';
      return { cols, t: Float64Array.from(labels, (v) => (v === classes[1] ? 1 : 0)) };
    }
    if (labels.some((v) => typeof v !== 'number')) throw new TypeError('TargetEncoder: a continuous target must be numbers.');
    this.classes_ = null;
    this.targetType_ = 'continuous';
    return { cols, t: Float64Array.from(labels as number[]) };
  }

  /** Category index per value of each column; −1 for unknown values. */
  private codes(cols: Label[][], strict: boolean): Int32Array[] {
    return cols.map((col, j) => {
      const index = new Map(this.categories_[j].map((c, k) => [c, k]));
      return Int32Array.from(col, (v) => {
        const k = index.get(v);
        if (k === undefined && strict) throw new Error(`Found unknown categories [${JSON.stringify(v)}] in column ${j} during fit`);
        return k ?? -1;
      });
    });
  }

  /** Encodings of every category of every feature learned from the rows in `rows`. */
  private learn(codes: Int32Array[], t: Float64Array, rows: number[]): { enc: number[][]; mean: number } {
    let mean = 0;
    for (const i of rows) mean += t[i];
    mean /= rows.length;
    let variance = 0;
    for (const i of rows) variance += (t[i] - mean) ** 2;
    variance /= rows.length;
    const { smooth } = this.params;
    const enc = codes.map((code, j) => {
      const k = this.categories_[j].length;
      const sums = new Array<number>(k).fill(0);
      const counts = new Array<number>(k).fill(0);
      for (const i of rows) {
        if (code[i] < 0) continue;
        sums[code[i]] += t[i];
        counts[code[i]]++;
      }
      if (smooth !== 'auto') return sums.map((s, c) => (s + smooth * mean) / (counts[c] + smooth));
      const means = sums.map((s, c) => (counts[c] === 0 ? NaN : s / counts[c]));
      const ss = new Array<number>(k).fill(0);
      for (const i of rows) if (code[i] >= 0) ss[code[i]] += (t[i] - means[code[i]]) ** 2;
      return means.map((m, c) => {
        const lambda = (variance * counts[c]) / (variance * counts[c] + ss[c] / counts[c]);
        // NaN: an empty category, or no variance at all; both fall back to the mean.
        return Number.isNaN(lambda) ? mean : lambda * m + (1 - lambda) * mean;
      });
    });
    return { enc, mean };
  }

  private learnCategories(cols: Label[][]): void {
    const given = this.params.categories;
    if (given === 'auto') this.categories_ = cols.map((c) => uniqueLabels(c));
    else {
      if (given.length !== cols.length) throw new Error(`TargetEncoder: categories has ${given.length} entries for ${cols.length} features.`);
      this.categories_ = given.map((c) => [...c]);
    }
  }

  fit(X: CategoricalLike, y?: LabelsLike): this {
    this.beginFit();
    if (y === undefined || y === null) throw new Error('TargetEncoder requires y to be passed, but the target y is undefined.');
    const { cols, t } = this.prepare(X, y);
    this.learnCategories(cols);
    const codes = this.codes(cols, this.params.categories !== 'auto');
    const { enc, mean } = this.learn(codes, t, Array.from(t, (_, i) => i));
    this.encodings_ = enc;
    this.targetMean_ = mean;
    this.nFeaturesIn_ = cols.length;
    return this;
  }

  transform(X: CategoricalLike): number[][] {
    this.checkIsFitted();
    const cols = readCategorical(X, this.estimatorName);
    if (cols.length !== this.nFeaturesIn_) throw new Error(`X has ${cols.length} features, but TargetEncoder is expecting ${this.nFeaturesIn_} features as input.`);
    const codes = this.codes(cols, false);
    const n = cols[0]?.length ?? 0;
    return Array.from({ length: n }, (_, i) => codes.map((code, j) => (code[i] < 0 ? this.targetMean_ : this.encodings_[j][code[i]])));
  }

  /**
   * Fits on all rows (for later `transform` calls), and returns the cross-fitted encodings of
   * these rows: each fold encoded by what the other folds learned.
   */
  override fitTransform(X: CategoricalLike, y?: LabelsLike): number[][] {
    this.fit(X, y);
    const { cols, t } = this.prepare(X, y!);
    const codes = this.codes(cols, false);
    const fold = assignFolds(t, this.params.cv, this.targetType_ === 'binary', this.params.shuffle, this.params.randomState);
    const out = Array.from({ length: t.length }, () => new Array<number>(cols.length).fill(0));
    for (let f = 0; f < this.params.cv; f++) {
      const train = Array.from(t, (_, i) => i).filter((i) => fold[i] !== f);
      const { enc, mean } = this.learn(codes, t, train);
      for (let i = 0; i < t.length; i++) {
        if (fold[i] !== f) continue;
        codes.forEach((code, j) => (out[i][j] = code[i] < 0 ? mean : enc[j][code[i]]));
      }
    }
    return out;
  }

  /** Output names: the input names (one encoded column per feature). */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    return inputFeatures ? [...inputFeatures] : Array.from({ length: this.nFeaturesIn_ }, (_, j) => `x${j}`);
  }
}

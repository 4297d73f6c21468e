/**
 * Categorical encoders: OneHotEncoder (one 0/1 column per category), OrdinalEncoder (one
 * integer per category) and LabelEncoder (targets to 0..k−1). Categories may be numbers
 * or strings; learned categories are sorted as `np.unique` sorts them, and text categories
 * given by the user keep the user's order (small, medium, large).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { BaseEstimator } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, checkLabels, namedError, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { isDataFrame, type DataFrame } from '../frame.js';

/** A matrix of categories: numbers or strings (one type per column). */
/** Categorical input: numbers, nested arrays of labels, or a DataFrame (string columns welcome). */
export type CategoricalLike = MatrixLike | readonly (readonly Label[])[] | DataFrame;

/** Reads a categorical matrix into columns, refusing NaN, infinity and ragged rows. */
export function readCategorical(X: CategoricalLike, caller: string): Label[][] {
  // A DataFrame (named, possibly string columns) is read by rows, like nested arrays.
  if (isDataFrame(X)) X = X.toRows() as Label[][];
  const isStrings = Array.isArray(X) && X.some((r) => Array.isArray(r) && r.some((v: unknown) => typeof v === 'string'));
  if (!isStrings) {
    const M = checkArray(X as MatrixLike, { caller });
    return Array.from({ length: M.cols }, (_, j) => Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]));
  }
  const rows = X as readonly (readonly Label[])[];
  const cols = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`${caller}: X is ragged: row ${i} has ${r.length} values but row 0 has ${cols}; every sample needs the same number of features.`);
  });
  try {
    return Array.from({ length: cols }, (_, j) => checkLabels(rows.map((r) => r[j]), `X[:, ${j}]`));
  } catch (e) {
    throw namedError(e, caller);
  }
}

const categoriesConstraint = C.custom("'auto' or an array of category arrays, one per feature", (v) =>
  Array.isArray(v) && v.every((c) => Array.isArray(c)));

export interface OneHotEncoderParams {
  /** 'auto' (learn from the data, sorted) or the categories of each feature: text in any order (the column order), numbers sorted. */
  categories: 'auto' | Label[][];
  /** Drop one column per feature: null (none), 'first', 'if_binary' (only 2-category features), or the category to drop per feature. */
  drop: null | 'first' | 'if_binary' | Label[];
  /** Unknown categories at transform: 'error' (default) or 'ignore' (all zeros). */
  handleUnknown: 'error' | 'ignore';
}

/**
 * One 0/1 column per category of each feature (dense output; scikit-learn's default sparse
 * matrix has no equivalent here).
 *
 * ```ts
 * const enc = new OneHotEncoder().fit([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * enc.categories_;                   // [['blue', 'red'], ['M', 'S']]
 * enc.transform([['blue', 'S']]);    // [[1, 0, 0, 1]]
 * ```
 */
export class OneHotEncoder extends Transformer<OneHotEncoderParams> {
  static override readonly spec: EstimatorSpec<OneHotEncoderParams> = {
    name: 'OneHotEncoder',
    defaults: { categories: 'auto', drop: null, handleUnknown: 'error' },
    constraints: {
      categories: [C.options('auto'), categoriesConstraint],
      drop: [C.options('first', 'if_binary'), C.null, C.custom('an array of one category per feature', Array.isArray)],
      handleUnknown: [C.options('error', 'ignore')],
    },
    tags: { input: 'categorical' },
  };

  declare categories_: Label[][];
  /** Per feature, the index of the dropped category (null: none), or null when nothing is dropped. */
  declare dropIdx_: (number | null)[] | null;

  override fit(X: CategoricalLike): this {
    this.beginFit();
    const cols = readCategorical(X, this.estimatorName);
    this.categories_ = learnCategories(cols, this.params.categories, this.params.handleUnknown === 'error', this.estimatorName);
    const { drop } = this.params;
    if (drop === null) this.dropIdx_ = null;
    else if (drop === 'first') this.dropIdx_ = this.categories_.map(() => 0);
    else if (drop === 'if_binary') this.dropIdx_ = this.categories_.map((c) => (c.length === 2 ? 0 : null));
    else {
      if (drop.length !== cols.length) throw new Error(`OneHotEncoder: drop should have length equal to the number of features (${cols.length}), got ${drop.length}.`);
      this.dropIdx_ = drop.map((d, j) => {
        const idx = this.categories_[j].indexOf(d);
        if (idx < 0) throw new Error(`OneHotEncoder: the drop value ${JSON.stringify(d)} is not a category of feature ${j}.`);
        return idx;
      });
    }
    this.nFeaturesIn_ = cols.length;
    return this;
  }

  /** Kept columns of feature j (category indices), after dropping. */
  private kept(j: number): number[] {
    const drop = this.dropIdx_?.[j] ?? null;
    return this.categories_[j].map((_, c) => c).filter((c) => c !== drop);
  }

  override transform(X: CategoricalLike): number[][] {
    this.checkIsFitted();
    const cols = readCategorical(X, this.estimatorName);
    if (cols.length !== this.nFeaturesIn_) throw new Error(`X has ${cols.length} features, but OneHotEncoder is expecting ${this.nFeaturesIn_} features as input.`);
    const idx = cols.map((col, j) => encodeColumn(col, this.categories_[j], j, this.params.handleUnknown === 'error'));
    const n = cols[0]?.length ?? 0;
    return Array.from({ length: n }, (_, i) => cols.flatMap((_, j) => this.kept(j).map((c) => (idx[j][i] === c ? 1 : 0))));
  }

  override fitTransform(X: CategoricalLike): number[][] {
    return this.fit(X).transform(X);
  }

  /** Back to categories; an all-zero block gives the dropped category, or null for an unknown one. */
  inverseTransform(X: MatrixLike): (Label | null)[][] {
    this.checkIsFitted();
    const M = checkArray(X, { caller: this.estimatorName });
    const widths = this.categories_.map((_, j) => this.kept(j).length);
    const total = widths.reduce((a, b) => a + b, 0);
    if (M.cols !== total) throw new Error(`Shape of the passed X data is not correct. Expected ${total} columns, got ${M.cols}.`);
    return Array.from({ length: M.rows }, (_, i) => {
      let offset = 0;
      return this.categories_.map((cats, j) => {
        const kept = this.kept(j);
        let best = -1;
        for (let c = 0; c < kept.length; c++) if (M.data[i * M.cols + offset + c] !== 0 && (best < 0 || M.data[i * M.cols + offset + c] > M.data[i * M.cols + offset + best])) best = c;
        offset += kept.length;
        if (best >= 0) return cats[kept[best]];
        const drop = this.dropIdx_?.[j] ?? null;
        return drop !== null ? cats[drop] : null;
      });
    });
  }

  /** Output column names, "x0_red" style (or with the given input names). */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    const names = inputFeatures ?? this.categories_.map((_, j) => `x${j}`);
    return this.categories_.flatMap((cats, j) => this.kept(j).map((c) => `${names[j]}_${cats[c]}`));
  }
}

/**
 * The categories of each feature: learned sorted ('auto'), or as given. As in scikit-learn
 * 1.2, text categories may come in any order (that order is the encoding: ordinal codes,
 * one-hot columns), while numeric ones must be sorted; duplicates are refused here, since
 * they would make two codes for one value.
 */
function learnCategories(cols: Label[][], given: 'auto' | Label[][], strict: boolean, caller: string): Label[][] {
  if (given === 'auto') return cols.map((c) => uniqueLabels(c));
  if (given.length !== cols.length) throw new Error(`${caller}: shape mismatch: categories has ${given.length} entries for ${cols.length} features.`);
  return given.map((cats, j) => {
    const sorted = uniqueLabels(cats);
    if (sorted.length !== cats.length) {
      throw new Error(`${caller}: duplicate categories passed for feature ${j}; give each category once.`);
    }
    const numeric = cats.every((c) => typeof c === 'number');
    if (numeric && sorted.some((v, k) => v !== cats[k])) {
      throw new Error(`${caller}: Unsorted categories are not supported for numerical categories (feature ${j}); sort them ascending, or give them as strings to choose the order.`);
    }
    if (strict) encodeColumn(cols[j], cats, j, true, 'fit');
    return [...cats];
  });
}

/** Category index per value; -1 for unknown values unless `strict`. */
function encodeColumn(col: Label[], cats: Label[], j: number, strict: boolean, during: 'fit' | 'transform' = 'transform'): number[] {
  const index = new Map(cats.map((c, k) => [c, k]));
  return col.map((v) => {
    const k = index.get(v);
    if (k === undefined) {
      if (strict) throw new Error(`Found unknown categories [${JSON.stringify(v)}] in column ${j} during ${during}`);
      return -1;
    }
    return k;
  });
}

export interface OrdinalEncoderParams {
  /** 'auto' (learn from the data, sorted) or the categories of each feature: text in any order (code k is the k-th), numbers sorted. */
  categories: 'auto' | Label[][];
  /** 'error' (default) or 'use_encoded_value' (unknowns become `unknownValue`). */
  handleUnknown: 'error' | 'use_encoded_value';
  /** The code for unknown categories with 'use_encoded_value': an integer not used by any category, or NaN. */
  unknownValue: number | null;
}

/**
 * Each category becomes its index in the categories of its feature: sorted when learned,
 * in the given order when given.
 *
 * ```ts
 * new OrdinalEncoder().fitTransform([['b'], ['a'], ['c']]); // [[1], [0], [2]]
 * new OrdinalEncoder({ categories: [['small', 'medium', 'large']] }).fitTransform([['large'], ['small']]); // [[2], [0]]
 * ```
 */
export class OrdinalEncoder extends Transformer<OrdinalEncoderParams> {
  static override readonly spec: EstimatorSpec<OrdinalEncoderParams> = {
    name: 'OrdinalEncoder',
    defaults: { categories: 'auto', handleUnknown: 'error', unknownValue: null },
    constraints: {
      categories: [C.options('auto'), categoriesConstraint],
      handleUnknown: [C.options('error', 'use_encoded_value')],
      unknownValue: [C.integer(), C.custom('NaN', (v) => Number.isNaN(v)), C.null],
    },
    tags: { input: 'categorical' },
  };

  declare categories_: Label[][];

  override fit(X: CategoricalLike): this {
    this.beginFit();
    const { handleUnknown, unknownValue } = this.params;
    if ((handleUnknown === 'use_encoded_value') !== (unknownValue !== null)) {
      throw new Error("OrdinalEncoder: set unknownValue exactly when handleUnknown is 'use_encoded_value'.");
    }
    const cols = readCategorical(X, this.estimatorName);
    this.categories_ = learnCategories(cols, this.params.categories, handleUnknown === 'error', this.estimatorName);
    if (unknownValue !== null && !Number.isNaN(unknownValue) && this.categories_.some((c) => unknownValue >= 0 && unknownValue < c.length)) {
      throw new Error(`OrdinalEncoder: unknownValue (${unknownValue}) should not be one of the values used to encode the categories.`);
    }
    this.nFeaturesIn_ = cols.length;
    return this;
  }

  override transform(X: CategoricalLike): number[][] {
    this.checkIsFitted();
    const cols = readCategorical(X, this.estimatorName);
    if (cols.length !== this.nFeaturesIn_) throw new Error(`X has ${cols.length} features, but OrdinalEncoder is expecting ${this.nFeaturesIn_} features as input.`);
    const strict = this.params.handleUnknown === 'error';
    const idx = cols.map((col, j) => encodeColumn(col, this.categories_[j], j, strict));
    return Array.from({ length: cols[0]?.length ?? 0 }, (_, i) => idx.map((c) => (c[i] < 0 ? this.params.unknownValue! : c[i])));
  }

  override fitTransform(X: CategoricalLike): number[][] {
    return this.fit(X).transform(X);
  }

  /** Codes back to categories; the unknown code gives null. */
  inverseTransform(X: MatrixLike): (Label | null)[][] {
    this.checkIsFitted();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    if (M.cols !== this.nFeaturesIn_) throw new Error(`Shape of the passed X data is not correct. Expected ${this.nFeaturesIn_} columns, got ${M.cols}.`);
    return Array.from({ length: M.rows }, (_, i) => this.categories_.map((cats, j) => {
      const v = M.data[i * M.cols + j];
      return Number.isInteger(v) && v >= 0 && v < cats.length ? cats[v] : null;
    }));
  }
}

/**
 * Encodes target labels as 0..k−1 in sorted order, and back. Takes y, not X.
 *
 * ```ts
 * const le = new LabelEncoder().fit(['paris', 'paris', 'tokyo', 'amsterdam']);
 * le.classes_;                 // ['amsterdam', 'paris', 'tokyo']
 * le.transform(['tokyo']);     // [2]
 * le.inverseTransform([0]);    // ['amsterdam']
 * ```
 */
export class LabelEncoder extends BaseEstimator<Record<string, never>> {
  static override readonly spec: EstimatorSpec<Record<string, never>> = {
    name: 'LabelEncoder', defaults: {}, constraints: {}, tags: { input: 'labels' },
  };

  declare classes_: Label[];

  fit(y: LabelsLike): this {
    this.beginFit();
    const labels = checkLabels(y, 'y');
    if (labels.length === 0) throw new Error('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required by LabelEncoder.');
    this.classes_ = uniqueLabels(labels);
    return this;
  }

  transform(y: LabelsLike): number[] {
    this.checkIsFitted();
    const labels = checkLabels(y, 'y');
    const index = new Map(this.classes_.map((c, i) => [c, i]));
    const unseen = uniqueLabels(labels.filter((v) => !index.has(v)));
    if (unseen.length > 0) throw new Error(`y contains previously unseen labels: [${unseen.map((v) => JSON.stringify(v)).join(', ')}]`);
    return labels.map((v) => index.get(v)!);
  }

  fitTransform(y: LabelsLike): number[] {
    return this.fit(y).transform(y);
  }

  inverseTransform(codes: LabelsLike): Label[] {
    this.checkIsFitted();
    const c = checkLabels(codes, 'y');
    const bad = c.filter((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= this.classes_.length);
    if (bad.length > 0) throw new Error(`y contains previously unseen labels: [${bad.join(', ')}]`);
    return c.map((v) => this.classes_[v as number]);
  }
}

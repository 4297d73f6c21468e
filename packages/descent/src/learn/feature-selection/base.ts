/**
 * What every feature selector shares (scikit-learn's `SelectorMixin`): a boolean mask over
 * the input columns, `transform` keeping the masked columns, and `inverseTransform`
 * putting zeros back where columns were dropped. Plus reading a fitted model's feature
 * importances (`coef_` or `featureImportances_`) for the model-based selectors.
 */
import type { BaseEstimator } from '../base/base-estimator.js';
import { Transformer } from '../base/mixins.js';
import type { Matrix, MatrixLike } from '../base/validation.js';

export abstract class Selector<P extends object = object> extends Transformer<P> {
  /** The mask over the input features, from the fitted state. */
  protected abstract supportMask(): boolean[];

  /**
   * The kept features: a boolean mask over the input columns, or with `indices` their
   * positions.
   *
   * ```ts
   * new VarianceThreshold().fit([[0, 1], [0, 2]]).getSupport(); // [false, true]
   * ```
   */
  getSupport(indices?: false): boolean[];
  getSupport(indices: true): number[];
  getSupport(indices = false): boolean[] | number[] {
    this.checkIsFitted();
    const mask = this.supportMask();
    return indices ? mask.flatMap((m, j) => (m ? [j] : [])) : mask;
  }

  /** X with only the selected columns (rows of length `getSupport(true).length`). */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return selectColumns(M, this.getSupport(true));
  }

  /** Rows as wide as the input of `fit`, with zeros in the dropped columns. */
  inverseTransform(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const keep = this.getSupport(true);
    const rows = Array.isArray(X) ? (X as number[][]) : null;
    if (!rows || rows.some((r) => !Array.isArray(r) || r.length !== keep.length)) {
      throw new Error(`${this.estimatorName}.inverseTransform: expected rows of ${keep.length} selected features.`);
    }
    return rows.map((r) => {
      const out = new Array<number>(this.nFeaturesIn_).fill(0);
      keep.forEach((j, k) => (out[j] = r[k]));
      return out;
    });
  }
}

/** The columns `cols` of M, as rows. */
export function selectColumns(M: Matrix, cols: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < M.rows; i++) {
    const base = i * M.cols;
    out.push(cols.map((j) => M.data[base + j]));
  }
  return out;
}

/** How to read a fitted model's importance per feature. */
export type ImportanceGetter = 'auto' | 'coef_' | 'featureImportances_' | ((estimator: BaseEstimator) => ArrayLike<number> | readonly ArrayLike<number>[]);

/**
 * One importance per feature from a fitted model (scikit-learn's `_get_feature_importances`).
 * `auto` reads `coef_`, else `featureImportances_`. A 2-D `coef_` (one row per class) is
 * reduced over the rows: 'square' sums the squares (RFE), 'norm' takes the `normOrder`
 * norm of each column (SelectFromModel); a 1-D one is squared or made absolute.
 */
export function featureImportances(
  estimator: BaseEstimator, getter: ImportanceGetter, transform: 'square' | 'norm', normOrder = 1, caller = 'This selector',
): number[] {
  let raw: unknown;
  if (typeof getter === 'function') raw = getter(estimator);
  else {
    const e = estimator as unknown as Record<string, unknown>;
    const name = getter === 'auto' ? (e.coef_ !== undefined ? 'coef_' : e.featureImportances_ !== undefined ? 'featureImportances_' : null) : getter;
    if (name === null || e[name] === undefined) {
      throw new Error(`${caller}: when importanceGetter is '${String(getter)}', the fitted ${estimator.estimatorName} must have ` +
        `${getter === 'auto' ? '`coef_` or `featureImportances_`' : `\`${getter}\``}. Pass a model that has it, or a function (estimator) => importances.`);
    }
    raw = e[name];
  }
  const arr = raw as ArrayLike<number> | ArrayLike<ArrayLike<number>>;
  const is2d = arr.length > 0 && typeof arr[0] === 'object';
  if (!is2d) return Array.from(arr as ArrayLike<number>, (v) => (transform === 'square' ? v * v : Math.abs(v)));
  const rows = Array.from(arr as ArrayLike<ArrayLike<number>>);
  const d = rows[0].length;
  return Array.from({ length: d }, (_, j) => {
    if (transform === 'square') return rows.reduce((s, r) => s + r[j] * r[j], 0);
    if (normOrder === Infinity) return rows.reduce((s, r) => Math.max(s, Math.abs(r[j])), 0);
    if (normOrder === 1) return rows.reduce((s, r) => s + Math.abs(r[j]), 0);
    return rows.reduce((s, r) => s + Math.abs(r[j]) ** normOrder, 0) ** (1 / normOrder);
  });
}

/** Indices that sort `values` ascending, ties by position (NumPy's stable mergesort argsort). */
export function argsortStable(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
}

/** NaN scores rank lowest (scikit-learn's `_clean_nans`). */
export function cleanNaNs(scores: readonly number[]): number[] {
  return scores.map((s) => (Number.isNaN(s) ? -Number.MAX_VALUE : s));
}

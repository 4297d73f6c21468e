/** SelectFromModel: keep the features a fitted model finds important enough. */
import type { BaseEstimator, EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import type { LabelsLike, MatrixLike, VectorLike } from '../base/validation.js';
import { median } from '../metrics/regression.js';
import { featureImportances, selectColumns, Selector, type ImportanceGetter } from './base.js';
import { readMatrixWithY } from './univariate.js';

type Any = Record<string, (...args: unknown[]) => unknown>;

export interface SelectFromModelParams {
  /** A model with `coef_` or `featureImportances_` after fitting. Required. */
  estimator: BaseEstimator;
  /**
   * Keep features whose importance is >= this: a number, 'mean', 'median', or a scaled one
   * such as '1.25*mean'. Default null: 1e-5 for L1-penalised models (Lasso, penalty 'l1'),
   * else 'mean'.
   */
  threshold: number | string | null;
  /** `estimator` is already fitted: use it as is. Default false. */
  prefit: boolean;
  /** Order of the norm over the rows of a 2-D `coef_` (one row per class). Default 1. */
  normOrder: number;
  /** Keep at most this many (the most important). Default null: no limit. */
  maxFeatures: number | null;
  importanceGetter: ImportanceGetter;
}

const THRESHOLD = /^\s*(?:([0-9.eE+-]+)\s*\*\s*)?(mean|median)\s*$/;

/**
 * Meta-transformer keeping the columns whose importance in the fitted model reaches a
 * threshold; `threshold_` is the number actually used.
 *
 * ```ts
 * const sel = new SelectFromModel({ estimator: new Lasso({ alpha: 0.2 }) }).fit(X, y);
 * sel.getSupport(); // the columns Lasso did not zero out
 * ```
 */
export class SelectFromModel extends Selector<SelectFromModelParams> {
  static override readonly spec: EstimatorSpec<SelectFromModelParams> = {
    name: 'SelectFromModel',
    defaults: { estimator: null as unknown as BaseEstimator, threshold: null, prefit: false, normOrder: 1, maxFeatures: null, importanceGetter: 'auto' },
    constraints: {
      estimator: [C.estimator],
      threshold: [C.null, C.number(), C.custom("'mean', 'median' or a scaled one such as '1.25*mean'", (v) => typeof v === 'string' && THRESHOLD.test(v))],
      prefit: [C.boolean],
      normOrder: [C.number({ min: 1 })],
      maxFeatures: [C.null, C.integer({ min: 0 })],
      importanceGetter: [C.options('auto', 'coef_', 'featureImportances_'), C.custom('a function (estimator) => importances', (v) => typeof v === 'function')],
    },
    tags: { requiresY: true, requiredParams: ['estimator'] },
  };

  /** The fitted model the importances come from. */
  declare estimator_: BaseEstimator;
  /** The importance a feature needs to be kept. */
  declare threshold_: number;

  fit(X: MatrixLike, y?: LabelsLike | VectorLike): this {
    this.beginFit();
    const M = readMatrixWithY(X, y, this.estimatorName);
    const { estimator, maxFeatures } = this.params;
    if (maxFeatures !== null && maxFeatures > M.cols) {
      throw new Error(`${this.estimatorName}: maxFeatures is ${maxFeatures} but X has only ${M.cols} features.`);
    }
    if (this.params.prefit) {
      if (!estimator.isFitted()) throw new Error(`${this.estimatorName}: with prefit: true, the estimator must already be fitted; fit it first or set prefit: false.`);
      const copy = estimator.clone();
      copy.restoreFitted(Object.fromEntries(estimator.fittedAttributes().map((k) => [k, (estimator as unknown as Record<string, unknown>)[k]])));
      this.estimator_ = copy;
    } else {
      this.estimator_ = (estimator.clone() as unknown as Any).fit(selectColumns(M, Array.from({ length: M.cols }, (_, j) => j)), y) as unknown as BaseEstimator;
    }
    this.threshold_ = this.resolveThreshold(this.importances());
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  private importances(): number[] {
    return featureImportances(this.estimator_, this.params.importanceGetter, 'norm', this.params.normOrder, this.estimatorName);
  }

  private resolveThreshold(scores: number[]): number {
    let t = this.params.threshold;
    if (t === null) {
      const est = this.params.estimator;
      const l1 = (est.params as { penalty?: unknown }).penalty === 'l1' || est.estimatorName.includes('Lasso');
      t = l1 ? 1e-5 : 'mean';
    }
    if (typeof t === 'number') return t;
    const m = THRESHOLD.exec(t)!;
    const scale = m[1] === undefined ? 1 : Number(m[1]);
    const ref = m[2] === 'median' ? median(scores) : scores.reduce((a, b) => a + b, 0) / scores.length;
    return scale * ref;
  }

  protected supportMask(): boolean[] {
    const scores = this.importances();
    const { maxFeatures } = this.params;
    let mask = new Array<boolean>(scores.length).fill(maxFeatures === null);
    if (maxFeatures !== null) {
      // The maxFeatures largest, ties by position (a stable sort of −scores).
      const order = scores.map((_, j) => j).sort((a, b) => scores[b] - scores[a] || a - b);
      for (const j of order.slice(0, maxFeatures)) mask[j] = true;
    }
    mask = mask.map((m, j) => m && !(scores[j] < this.threshold_));
    return mask;
  }
}

/** SequentialFeatureSelector: greedy forward or backward selection by cross-validated score. */
import type { BaseEstimator, EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { namedError, type LabelsLike, type MatrixLike, type VectorLike } from '../base/validation.js';
import type { Scorer } from '../model-selection/scoring.js';
import { crossValScore, isCv, type CV } from '../model-selection/validation.js';
import { selectColumns, Selector } from './base.js';
import { readMatrixWithY } from './univariate.js';

export interface SequentialFeatureSelectorParams {
  /** Any model; it is cross-validated on each candidate subset. Required. */
  estimator: BaseEstimator;
  /**
   * How many features to end with: a count, a fraction (0, 1] of them, or 'auto' (half,
   * or with `tol`, as long as each step improves the score by at least `tol`). Default 'auto'.
   */
  nFeaturesToSelect: number | 'auto';
  /** With 'auto': stop when the best step improves the mean CV score by less than this. Default null. */
  tol: number | null;
  /** 'forward' adds the best feature each step; 'backward' removes the least useful. */
  direction: 'forward' | 'backward';
  /** How a fold is scored: null (the model's `score`), a scorer name or function. */
  scoring: string | Scorer | null;
  /** Folds: a count (default 5; stratified for classifiers), a splitter or explicit splits. */
  cv: CV;
}

/**
 * Greedy search over feature subsets: each step tries adding (forward) or removing
 * (backward) every remaining feature, cross-validates the model on each candidate subset,
 * and keeps the best (the lowest index among equal scores). d·k model fits per k steps, so
 * slower than RFE, but it needs no importances and works with any model.
 *
 * ```ts
 * const sfs = new SequentialFeatureSelector({ estimator: new LinearRegression(), nFeaturesToSelect: 2, cv: 4 }).fit(X, y);
 * sfs.getSupport(true); // [0, 2]
 * ```
 */
export class SequentialFeatureSelector extends Selector<SequentialFeatureSelectorParams> {
  static override readonly spec: EstimatorSpec<SequentialFeatureSelectorParams> = {
    name: 'SequentialFeatureSelector',
    defaults: { estimator: null as unknown as BaseEstimator, nFeaturesToSelect: 'auto', tol: null, direction: 'forward', scoring: null, cv: 5 },
    constraints: {
      estimator: [C.estimator],
      nFeaturesToSelect: [C.options('auto'), C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true })],
      tol: [C.null, C.number({ min: 0, minExclusive: true })],
      direction: [C.options('forward', 'backward')],
      scoring: [C.null, C.string, C.custom('a function (estimator, X, y) => number', (v) => typeof v === 'function')],
      cv: [C.custom('null, an integer >= 2, a splitter or a list of [train, test] index pairs', isCv)],
    },
    tags: { requiresY: true, requiredParams: ['estimator'] },
  };

  declare support_: boolean[];
  /** The number of features selected. */
  declare nFeaturesToSelect_: number;

  fit(X: MatrixLike, y?: LabelsLike | VectorLike): this {
    this.beginFit();
    const M = readMatrixWithY(X, y, this.estimatorName);
    const d = M.cols;
    if (d < 2) throw new Error(`${this.estimatorName}: X has ${d} feature; sequential selection needs at least 2.`);
    const { nFeaturesToSelect: k, tol, direction } = this.params;
    if (tol !== null && k !== 'auto') throw new Error(`${this.estimatorName}: tol is only used with nFeaturesToSelect: 'auto'.`);
    let target: number;
    if (k === 'auto') target = tol !== null ? d - 1 : Math.trunc(d / 2);
    else if (Number.isInteger(k) && k >= 1) {
      if (k >= d) throw new Error(`${this.estimatorName}: nFeaturesToSelect must be below the number of features (${d}); got ${k}.`);
      target = k;
    } else target = Math.trunc(d * k);
    // scikit-learn 1.2 runs `target` steps for 'auto' in either direction, else d − target backward steps.
    const steps = k === 'auto' || direction === 'forward' ? target : d - target;
    // mask: the features already added (forward) or already removed (backward).
    const mask = new Array<boolean>(d).fill(false);
    let oldScore = -Infinity;
    for (let s = 0; s < steps; s++) {
      let bestJ = -1;
      let bestScore = -Infinity;
      for (let j = 0; j < d; j++) {
        if (mask[j]) continue;
        const candidate = mask.map((m, i) => m || i === j);
        const cols = candidate.flatMap((c, i) => (c !== (direction === 'backward') ? [i] : []));
        let scores: number[];
        try {
          scores = crossValScore(this.params.estimator, selectColumns(M, cols), y, { cv: this.params.cv, scoring: this.params.scoring });
        } catch (e) {
          throw namedError(e, this.estimatorName);
        }
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
        if (bestJ < 0 || mean > bestScore) [bestJ, bestScore] = [j, mean];
      }
      if (tol !== null && k === 'auto' && bestScore - oldScore < tol) break;
      oldScore = bestScore;
      mask[bestJ] = true;
    }
    this.support_ = direction === 'backward' ? mask.map((m) => !m) : mask;
    this.nFeaturesToSelect_ = this.support_.filter(Boolean).length;
    this.nFeaturesIn_ = d;
    return this;
  }

  protected supportMask(): boolean[] {
    return this.support_;
  }
}

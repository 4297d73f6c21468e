/** SelectKBest and SelectPercentile: keep the features with the best univariate scores. */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C, type Constraint } from '../base/constraints.js';
import { namedError, type LabelsLike, type MatrixLike, type VectorLike } from '../base/validation.js';
import { argsortStable, cleanNaNs, Selector } from './base.js';
import { chi2, fClassif, fRegression, readMatrix, type ScoresPvalues } from './univariate.js';
import { mutualInfoClassif, mutualInfoRegression } from './mutual-info.js';

/** A score function by name (saveable with the selector), or your own. */
export type ScoreFunc =
  | 'fClassif' | 'fRegression' | 'chi2' | 'mutualInfoClassif' | 'mutualInfoRegression'
  | ((X: number[][], y: LabelsLike | VectorLike) => ScoresPvalues | number[]);

const SCORE_FUNCS = {
  fClassif: (X: number[][], y: LabelsLike | VectorLike) => fClassif(X, y as LabelsLike),
  fRegression: (X: number[][], y: LabelsLike | VectorLike) => fRegression(X, y as VectorLike),
  chi2: (X: number[][], y: LabelsLike | VectorLike) => chi2(X, y as LabelsLike),
  // Seeded, so a selector's fit is reproducible.
  mutualInfoClassif: (X: number[][], y: LabelsLike | VectorLike) => mutualInfoClassif(X, y as LabelsLike, { randomState: 0 }),
  mutualInfoRegression: (X: number[][], y: LabelsLike | VectorLike) => mutualInfoRegression(X, y as VectorLike, { randomState: 0 }),
};

const scoreFuncConstraint: Constraint[] = [
  C.options(...Object.keys(SCORE_FUNCS)),
  C.custom('a function (X, y) => [scores, pvalues]', (v) => typeof v === 'function'),
];

/** Runs the score function on X's rows; returns scores and p-values (null for score-only functions). */
function runScores(scoreFunc: ScoreFunc, X: number[][], y: LabelsLike | VectorLike): { scores: number[]; pvalues: number[] | null } {
  const fn = typeof scoreFunc === 'function' ? scoreFunc : SCORE_FUNCS[scoreFunc];
  const out = fn(X, y);
  if (Array.isArray(out) && Array.isArray(out[0])) return { scores: [...(out[0] as number[])], pvalues: [...(out as ScoresPvalues)[1]] };
  return { scores: Array.from(out as number[]), pvalues: null };
}

/** The scores, with any error from the score function prefixed by the selector's name. */
function scoreNamed(scoreFunc: ScoreFunc, rows: number[][], y: LabelsLike | VectorLike | undefined, caller: string): { scores: number[]; pvalues: number[] | null } {
  try {
    return runScores(scoreFunc, rows, y as LabelsLike);
  } catch (e) {
    throw namedError(e, caller);
  }
}

function rowsOf(X: MatrixLike, caller: string): number[][] {
  const M = readMatrix(X, caller);
  return Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
}

/**
 * What SelectKBest and SelectPercentile share (scikit-learn's `_BaseFilter`): `fit` scores
 * every feature against y; the subclass decides which scores to keep.
 */
abstract class UnivariateFilter<P extends { scoreFunc: ScoreFunc }> extends Selector<P> {
  declare scores_: number[];
  /** p-values, or null when the score function gives only scores (mutual information). */
  declare pvalues_: number[] | null;

  /** Checks the params against the feature count before scoring (throws on a bad one). */
  protected checkFeatureCount(_d: number): void {}

  fit(X: MatrixLike, y?: LabelsLike | VectorLike): this {
    this.beginFit();
    const rows = rowsOf(X, this.estimatorName);
    const d = rows[0].length;
    this.checkFeatureCount(d);
    const { scores, pvalues } = scoreNamed(this.params.scoreFunc, rows, y, this.estimatorName);
    this.scores_ = scores;
    this.pvalues_ = pvalues;
    this.nFeaturesIn_ = d;
    return this;
  }
}

export interface SelectKBestParams {
  /** How each feature is scored against y. Default 'fClassif' (ANOVA F for class labels). */
  scoreFunc: ScoreFunc;
  /** How many features to keep, or 'all'. Default 10. */
  k: number | 'all';
}

/**
 * Keeps the k features with the highest scores; equal scores favour the later column, as
 * scikit-learn's stable argsort does. `scores_` and `pvalues_` hold every feature's score.
 *
 * ```ts
 * const sel = new SelectKBest({ scoreFunc: 'fRegression', k: 1 }).fit(X, y);
 * sel.getSupport(true); // the index of the column most linearly related to y
 * ```
 */
export class SelectKBest extends UnivariateFilter<SelectKBestParams> {
  static override readonly spec: EstimatorSpec<SelectKBestParams> = {
    name: 'SelectKBest',
    defaults: { scoreFunc: 'fClassif', k: 10 },
    constraints: { scoreFunc: scoreFuncConstraint, k: [C.integer({ min: 0 }), C.options('all')] },
    tags: { requiresY: true },
  };

  protected override checkFeatureCount(d: number): void {
    const { k } = this.params;
    if (k !== 'all' && k > d) throw new Error(`${this.estimatorName}: k should be <= n_features = ${d}; got ${k}. Use k='all' to return all features.`);
  }

  protected supportMask(): boolean[] {
    const { k } = this.params;
    const mask = new Array<boolean>(this.scores_.length).fill(k === 'all');
    if (k === 'all' || k === 0) return mask;
    for (const j of argsortStable(cleanNaNs(this.scores_)).slice(-k)) mask[j] = true;
    return mask;
  }
}

export interface SelectPercentileParams {
  /** How each feature is scored against y. Default 'fClassif'. */
  scoreFunc: ScoreFunc;
  /** Percent of the features to keep. Default 10. */
  percentile: number;
}

/**
 * Keeps the top `percentile` percent of features by score: those above the
 * (100 − percentile)th percentile of the scores, plus, among ties at it, the first ones up to
 * ⌊d · percentile / 100⌋ features in all.
 *
 * ```ts
 * new SelectPercentile({ scoreFunc: 'chi2', percentile: 50 }).fitTransform(counts, labels); // half the columns
 * ```
 */
export class SelectPercentile extends UnivariateFilter<SelectPercentileParams> {
  static override readonly spec: EstimatorSpec<SelectPercentileParams> = {
    name: 'SelectPercentile',
    defaults: { scoreFunc: 'fClassif', percentile: 10 },
    constraints: { scoreFunc: scoreFuncConstraint, percentile: [C.number({ min: 0, max: 100 })] },
    tags: { requiresY: true },
  };

  protected supportMask(): boolean[] {
    const p = this.params.percentile;
    const d = this.scores_.length;
    if (p === 100) return new Array<boolean>(d).fill(true);
    if (p === 0) return new Array<boolean>(d).fill(false);
    const scores = cleanNaNs(this.scores_);
    const threshold = percentile(scores, 100 - p);
    const mask = scores.map((s) => s > threshold);
    const ties = scores.flatMap((s, j) => (s === threshold ? [j] : []));
    const room = Math.trunc((d * p) / 100) - mask.filter(Boolean).length;
    for (const j of ties.slice(0, Math.max(0, room))) mask[j] = true;
    return mask;
  }
}

/** NumPy's default (linear) percentile, q in [0, 100]. */
function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

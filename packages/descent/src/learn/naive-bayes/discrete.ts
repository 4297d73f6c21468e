/**
 * Naive Bayes for counts and binary features (sklearn.naive_bayes): `MultinomialNB`
 * (word counts), `ComplementNB` (the same, estimated from the other classes, for
 * imbalanced text) and `BernoulliNB` (presence/absence). All three learn from per-class
 * feature totals, smoothed by adding `alpha` to every count (Laplace for α = 1, Lidstone
 * below), so `partialFit` only has to add each batch's totals.
 */
import { fromRows, matmulTransB, toRows } from '../../linalg/matrix.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C, type ParamConstraints } from '../base/constraints.js';
import { checkXLabels, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike } from '../base/validation.js';
import { BaseNB, readSampleWeight } from './base.js';

/** The parameters all three share. */
export interface DiscreteNBParams {
  /** Additive smoothing, one number or one per feature. Default 1. */
  alpha: number | number[];
  /** Keep alpha below 1e-10 as given; scikit-learn 1.2's default (false) raises it to 1e-10 to avoid log(0). */
  forceAlpha: boolean;
  /** Learn the class priors from the class counts (true) or use uniform priors (false). */
  fitPrior: boolean;
  /** Fixed class priors, overriding fitPrior. Default null. */
  classPrior: number[] | null;
}

const numberArray = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
const DISCRETE_CONSTRAINTS: ParamConstraints<DiscreteNBParams> = {
  alpha: [C.number({ min: 0 }), C.custom('an array of numbers >= 0', (v) => numberArray(v) && (v as number[]).every((x) => x >= 0))],
  forceAlpha: [C.boolean],
  fitPrior: [C.boolean],
  classPrior: [C.custom('an array of probabilities', numberArray), C.null],
};
const DISCRETE_DEFAULTS: DiscreteNBParams = { alpha: 1, forceAlpha: false, fitPrior: true, classPrior: null };

/** Counting, smoothing and priors; subclasses give the feature log-probabilities and the likelihood. */
export abstract class BaseDiscreteNB<P extends DiscreteNBParams> extends BaseNB<P> {
  /** Total sample weight per class. */
  declare classCount_: number[];
  /** (nClasses, nFeatures) per-class feature totals (after binarizing, for BernoulliNB). */
  declare featureCount_: number[][];
  /** log P(c). */
  declare classLogPrior_: number[];
  /** (nClasses, nFeatures) smoothed log-probabilities of each feature per class. */
  declare featureLogProb_: number[][];

  /** Binarizes (BernoulliNB) or checks for negative counts (the others); returns the data to count. */
  protected abstract prepare(M: Matrix): Matrix;
  /** featureLogProb_ from the counts and the smoothing. */
  protected abstract updateFeatureLogProb(alpha: number[]): void;

  /** Fits from scratch; `sampleWeight` scales each sample's counts. */
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    this.accumulate(M, labels, uniqueLabels(labels), sampleWeight, true);
    return this;
  }

  /**
   * Adds one batch's counts (out-of-core learning). The first call needs `classes`.
   *
   * ```ts
   * const nb = new MultinomialNB().partialFit(counts.slice(0, 100), y.slice(0, 100), ['ham', 'spam']);
   * nb.partialFit(counts.slice(100), y.slice(100));
   * ```
   */
  partialFit(X: MatrixLike, y: LabelsLike, classes?: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const { M, labels, classes: cls, first } = this.beginPartialFit(X, y, classes);
    this.accumulate(M, labels, cls, sampleWeight, first);
    return this;
  }

  private accumulate(M0: Matrix, labels: Label[], classes: Label[], sampleWeight: ArrayLike<number> | undefined, first: boolean): void {
    const M = this.prepare(M0);
    const { rows: n, cols: d, data } = M;
    const w = readSampleWeight(sampleWeight, n, this.estimatorName);
    if (first) {
      this.classes_ = classes;
      this.nFeaturesIn_ = d;
      this.classCount_ = new Array<number>(classes.length).fill(0);
      this.featureCount_ = classes.map(() => new Array<number>(d).fill(0));
    }
    // featureCount += Yᵀ·X and classCount += Σ Y, with Y the weighted one-hot labels (n, k).
    for (let i = 0; i < n; i++) {
      const c = this.classes_.indexOf(labels[i]);
      this.classCount_[c] += w[i];
      const row = this.featureCount_[c];
      for (let j = 0; j < d; j++) row[j] += w[i] * data[i * d + j];
    }
    this.updateFeatureLogProb(this.checkedAlpha());
    this.updateClassLogPrior();
  }

  /** alpha per feature, raised to 1e-10 unless forceAlpha (scikit-learn's `_check_alpha`). */
  private checkedAlpha(): number[] {
    const { alpha, forceAlpha } = this.params;
    const d = this.nFeaturesIn_;
    if (Array.isArray(alpha) && alpha.length !== d) {
      throw new Error(`${this.estimatorName}: alpha has ${alpha.length} values but X has ${d} features; pass one per feature or a single number.`);
    }
    const a = Array.isArray(alpha) ? [...alpha] : new Array<number>(d).fill(alpha);
    return forceAlpha ? a : a.map((v) => Math.max(v, 1e-10));
  }

  private updateClassLogPrior(): void {
    const k = this.classes_.length;
    const { classPrior, fitPrior } = this.params;
    if (classPrior !== null) {
      if (classPrior.length !== k) throw new Error(`${this.estimatorName}: the number of priors (${classPrior.length}) must match the number of classes (${k}).`);
      this.classLogPrior_ = classPrior.map(Math.log);
    } else if (fitPrior) {
      const total = this.classCount_.reduce((s, c) => s + c, 0);
      this.classLogPrior_ = this.classCount_.map((c) => Math.log(c) - Math.log(total));
    } else {
      this.classLogPrior_ = new Array<number>(k).fill(-Math.log(k));
    }
  }

  /** Σⱼ xⱼ · W[c][j] for each row and class: X·Wᵀ, (n, k), through the shared matmul kernels. */
  protected static dot(M: Matrix, W: number[][]): number[][] {
    return toRows(matmulTransB(M, fromRows(W)));
  }
}

function refuseNegative(M: Matrix, name: string): Matrix {
  if (M.data.some((v) => v < 0)) throw new Error(`Negative values in data passed to ${name} (input X). It models counts or frequencies; use GaussianNB for real-valued features.`);
  return M;
}

/**
 * Multinomial naive Bayes (sklearn.naive_bayes.MultinomialNB), for counts such as word
 * frequencies: θ_cj = (N_cj + α) / (N_c + α·d), and log P(x, c) = log P(c) + Σⱼ xⱼ log θ_cj.
 *
 * ```ts
 * const X = [[2, 1, 0], [3, 0, 0], [0, 1, 3], [0, 2, 2]];
 * new MultinomialNB().fit(X, ['a', 'a', 'b', 'b']).predict([[1, 0, 0]]); // ['a']
 * ```
 */
export class MultinomialNB extends BaseDiscreteNB<DiscreteNBParams> {
  static override readonly spec: EstimatorSpec<DiscreteNBParams> = {
    name: 'MultinomialNB', defaults: DISCRETE_DEFAULTS, constraints: DISCRETE_CONSTRAINTS,
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  protected prepare(M: Matrix): Matrix {
    return refuseNegative(M, this.estimatorName);
  }

  protected updateFeatureLogProb(alpha: number[]): void {
    this.featureLogProb_ = this.featureCount_.map((row) => {
      const smoothed = row.map((v, j) => v + alpha[j]);
      const total = Math.log(smoothed.reduce((s, v) => s + v, 0));
      return smoothed.map((v) => Math.log(v) - total);
    });
  }

  protected jointLogLikelihood(X: Matrix): number[][] {
    return BaseDiscreteNB.dot(X, this.featureLogProb_).map((r) => r.map((v, c) => v + this.classLogPrior_[c]));
  }
}

export interface ComplementNBParams extends DiscreteNBParams {
  /** Normalise each class's weights to sum to 1 (Rennie et al.'s second normalisation). Default false. */
  norm: boolean;
}

/**
 * Complement naive Bayes (sklearn.naive_bayes.ComplementNB; Rennie, Shih, Teevan & Karger,
 * "Tackling the poor assumptions of naive Bayes text classifiers", ICML 2003): each class
 * is described by the counts of all the *other* classes, which is steadier when classes
 * are imbalanced. w_cj = −log((N_~c,j + α) / Σⱼ(N_~c,j + α)), optionally normalised, and
 * the score is Σⱼ xⱼ w_cj (the prior only matters when there is a single class).
 *
 * ```ts
 * new ComplementNB().fit([[2, 1, 0], [3, 0, 0], [0, 1, 3]], [0, 0, 1]).predict([[0, 0, 2]]); // [1]
 * ```
 */
export class ComplementNB extends BaseDiscreteNB<ComplementNBParams> {
  static override readonly spec: EstimatorSpec<ComplementNBParams> = {
    name: 'ComplementNB',
    defaults: { ...DISCRETE_DEFAULTS, norm: false },
    constraints: { ...DISCRETE_CONSTRAINTS, norm: [C.boolean] },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** Total of each feature over all classes. */
  declare featureAll_: number[];

  protected prepare(M: Matrix): Matrix {
    return refuseNegative(M, this.estimatorName);
  }

  protected updateFeatureLogProb(alpha: number[]): void {
    const d = this.nFeaturesIn_;
    this.featureAll_ = Array.from({ length: d }, (_, j) => this.featureCount_.reduce((s, r) => s + r[j], 0));
    this.featureLogProb_ = this.featureCount_.map((row) => {
      const comp = row.map((v, j) => this.featureAll_[j] + alpha[j] - v);
      const total = comp.reduce((s, v) => s + v, 0);
      const logged = comp.map((v) => Math.log(v / total));
      if (!this.params.norm) return logged.map((v) => -v);
      const summed = logged.reduce((s, v) => s + v, 0);
      return logged.map((v) => v / summed);
    });
  }

  protected jointLogLikelihood(X: Matrix): number[][] {
    const jll = BaseDiscreteNB.dot(X, this.featureLogProb_);
    return this.classes_.length === 1 ? jll.map((r) => r.map((v, c) => v + this.classLogPrior_[c])) : jll;
  }
}

export interface BernoulliNBParams extends DiscreteNBParams {
  /** Threshold: features above it count as 1, the rest as 0; null if X is already binary. Default 0. */
  binarize: number | null;
}

/**
 * Bernoulli naive Bayes (sklearn.naive_bayes.BernoulliNB), for binary features: with
 * p_cj = (N_cj + α) / (N_c + 2α), log P(x, c) = log P(c) + Σⱼ [xⱼ log p_cj + (1 − xⱼ) log(1 − p_cj)],
 * so an absent feature is evidence too (unlike MultinomialNB).
 *
 * ```ts
 * new BernoulliNB().fit([[1, 0, 1], [1, 1, 0], [0, 0, 1]], ['x', 'x', 'y']).predictProba([[1, 0, 0]]);
 * ```
 */
export class BernoulliNB extends BaseDiscreteNB<BernoulliNBParams> {
  static override readonly spec: EstimatorSpec<BernoulliNBParams> = {
    name: 'BernoulliNB',
    defaults: { ...DISCRETE_DEFAULTS, binarize: 0 },
    constraints: { ...DISCRETE_CONSTRAINTS, binarize: [C.number(), C.null] },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  protected prepare(M: Matrix): Matrix {
    const t = this.params.binarize;
    return t === null ? M : { ...M, data: M.data.map((v) => (v > t ? 1 : 0)) };
  }

  protected override checkX(X: MatrixLike): Matrix {
    return this.prepare(this.checkPredictInput(X));
  }

  protected updateFeatureLogProb(alpha: number[]): void {
    this.featureLogProb_ = this.featureCount_.map((row, c) => row.map((v, j) => Math.log(v + alpha[j]) - Math.log(this.classCount_[c] + 2 * alpha[j])));
  }

  protected jointLogLikelihood(X: Matrix): number[][] {
    // log(1 − p) per class and feature; then Σⱼ xⱼ (log p − log(1 − p)) + Σⱼ log(1 − p).
    const negProb = this.featureLogProb_.map((r) => r.map((v) => Math.log(1 - Math.exp(v))));
    const diff = this.featureLogProb_.map((r, c) => r.map((v, j) => v - negProb[c][j]));
    const offset = negProb.map((r, c) => r.reduce((s, v) => s + v, 0) + this.classLogPrior_[c]);
    return BaseDiscreteNB.dot(X, diff).map((r) => r.map((v, c) => v + offset[c]));
  }
}

/** Gaussian naive Bayes (sklearn.naive_bayes.GaussianNB). */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkXLabels, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike } from '../base/validation.js';
import { BaseNB, readSampleWeight } from './base.js';

export interface GaussianNBParams {
  /** Class prior probabilities (summing to 1), or null to use the class frequencies. */
  priors: number[] | null;
  /** Added to every variance: this fraction of the largest feature variance, for stability. Default 1e-9. */
  varSmoothing: number;
}

const isProbVector = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Population variance of each column (np.var(X, axis=0)). */
function columnVariance(M: Matrix): number[] {
  const { rows: n, cols: d, data } = M;
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const v = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j] += (data[i * d + j] - mean[j]) ** 2;
  return v.map((s) => s / n);
}

/**
 * Each feature is normal within each class: P(xⱼ | c) = N(xⱼ; θ_cj, σ²_cj), with θ and σ²
 * the (weighted) per-class mean and variance, and every σ² raised by
 * ε = varSmoothing · maxⱼ Var(xⱼ) so a constant feature does not divide by zero:
 *
 *   log P(x, c) = log P(c) − ½ Σⱼ log(2π σ²_cj) − ½ Σⱼ (xⱼ − θ_cj)² / σ²_cj
 *
 * `partialFit` merges batches with Chan, Golub & LeVeque's update of mean and variance
 * ("Updating formulae and a pairwise algorithm for computing sample variances", 1979).
 * As in scikit-learn, ε is recomputed from each new batch.
 *
 * ```ts
 * const { data: X, target: y } = loadIris();
 * const nb = new GaussianNB().fit(X, y);
 * nb.theta_[0];              // mean of each feature for class 0 (setosa)
 * nb.predictProba([X[60]]);  // [[P(0), P(1), P(2)]]
 * ```
 */
export class GaussianNB extends BaseNB<GaussianNBParams> {
  static override readonly spec: EstimatorSpec<GaussianNBParams> = {
    name: 'GaussianNB',
    defaults: { priors: null, varSmoothing: 1e-9 },
    constraints: {
      priors: [C.custom('an array of probabilities', isProbVector), C.null],
      varSmoothing: [C.number({ min: 0 })],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** (nClasses, nFeatures) per-class feature means. */
  declare theta_: number[][];
  /** (nClasses, nFeatures) per-class feature variances, ε included. */
  declare var_: number[][];
  /** Total sample weight seen per class. */
  declare classCount_: number[];
  /** P(c): `priors`, or the class frequencies. */
  declare classPrior_: number[];
  /** The variance added to every σ² (from the last batch). */
  declare epsilon_: number;

  /** Fits from scratch; `sampleWeight` weights each sample's contribution to means, variances and counts. */
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    this.update(M, labels, uniqueLabels(labels), readSampleWeight(sampleWeight, M.rows, this.estimatorName), sampleWeight !== undefined);
    return this;
  }

  /**
   * Updates the fit with one more batch (for data that does not fit in memory or arrives
   * over time). The first call needs `classes`, every label that can appear.
   *
   * ```ts
   * const nb = new GaussianNB().partialFit(X.slice(0, 75), y.slice(0, 75), [0, 1, 2]);
   * nb.partialFit(X.slice(75), y.slice(75));
   * ```
   */
  partialFit(X: MatrixLike, y: LabelsLike, classes?: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const { M, labels, classes: cls } = this.beginPartialFit(X, y, classes);
    this.update(M, labels, cls, readSampleWeight(sampleWeight, M.rows, this.estimatorName), sampleWeight !== undefined);
    return this;
  }

  /** scikit-learn's `_partial_fit`: merge this batch's per-class statistics into the running ones. */
  private update(M: Matrix, labels: Label[], classes: Label[], w: Float64Array, weighted: boolean): void {
    const { cols: d, data } = M;
    const k = classes.length;
    // When every feature is constant the largest variance is 0, and so would ε be: every σ² = 0
    // and each probability 0/0 (scikit-learn returns NaN there). Then ε is varSmoothing itself.
    const maxVariance = columnVariance(M).reduce((m, v) => Math.max(m, v), 0);
    const epsilon = this.params.varSmoothing * (maxVariance > 0 ? maxVariance : 1);
    if (!this.theta_) {
      this.classes_ = classes;
      this.nFeaturesIn_ = d;
      this.theta_ = Array.from({ length: k }, () => new Array<number>(d).fill(0));
      this.var_ = Array.from({ length: k }, () => new Array<number>(d).fill(0));
      this.classCount_ = new Array<number>(k).fill(0);
      const { priors } = this.params;
      if (priors !== null) {
        if (priors.length !== k) throw new Error(`GaussianNB: the number of priors (${priors.length}) must match the number of classes (${k}).`);
        const sum = priors.reduce((s, p) => s + p, 0);
        if (Math.abs(sum - 1) > 1e-8 + 1e-5) throw new Error(`GaussianNB: the priors must sum to 1; they sum to ${sum}.`);
        if (priors.some((p) => p < 0)) throw new Error('GaussianNB: the priors must be non-negative.');
        this.classPrior_ = [...priors];
      } else {
        this.classPrior_ = new Array<number>(k).fill(0);
      }
    } else {
      // The running variances hold the previous ε; take this batch's ε out before merging.
      this.var_ = this.var_.map((r) => r.map((v) => v - epsilon));
    }
    for (const label of uniqueLabels(labels)) {
      const c = this.classes_.indexOf(label);
      const idx = labels.flatMap((l, i) => (l === label ? [i] : []));
      const nNew = idx.reduce((s, i) => s + w[i], 0);
      if (weighted && Math.abs(nNew) <= 1e-8) continue;
      const mu = new Array<number>(d).fill(0);
      for (const i of idx) for (let j = 0; j < d; j++) mu[j] += w[i] * data[i * d + j];
      for (let j = 0; j < d; j++) mu[j] /= nNew;
      const v = new Array<number>(d).fill(0);
      for (const i of idx) for (let j = 0; j < d; j++) v[j] += w[i] * (data[i * d + j] - mu[j]) ** 2;
      for (let j = 0; j < d; j++) v[j] /= nNew;
      const nPast = this.classCount_[c];
      if (nPast === 0) {
        this.theta_[c] = mu;
        this.var_[c] = v;
      } else {
        // Chan et al.: pooled sum of squared deviations plus the between-batch term.
        const nTotal = nPast + nNew;
        const oldMu = this.theta_[c];
        const oldVar = this.var_[c];
        this.theta_[c] = mu.map((m, j) => (nNew * m + nPast * oldMu[j]) / nTotal);
        this.var_[c] = v.map((vn, j) => (nPast * oldVar[j] + nNew * vn + ((nNew * nPast) / nTotal) * (oldMu[j] - mu[j]) ** 2) / nTotal);
      }
      this.classCount_[c] += nNew;
    }
    this.var_ = this.var_.map((r) => r.map((v) => v + epsilon));
    this.epsilon_ = epsilon;
    this.var_.forEach((r, c) => r.forEach((v, j) => {
      if (this.classCount_[c]! > 0 && !(v > 0)) {
        throw new Error(`GaussianNB: feature ${j} is constant within class ${JSON.stringify(this.classes_[c])} and varSmoothing is 0, so its variance is 0 and ` +
          'the likelihood divides by zero. Keep varSmoothing > 0 (the default 1e-9 adds a tiny variance to every feature).');
      }
    }));
    if (this.params.priors === null) {
      const total = this.classCount_.reduce((s, c) => s + c, 0);
      this.classPrior_ = this.classCount_.map((c) => c / total);
    }
  }

  protected jointLogLikelihood(X: Matrix): number[][] {
    const { rows: n, cols: d, data } = X;
    const k = this.classes_.length;
    const base = this.var_.map((v, c) => Math.log(this.classPrior_[c]) - 0.5 * v.reduce((s, x) => s + Math.log(2 * Math.PI * x), 0));
    return Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, c) => {
      const th = this.theta_[c];
      const va = this.var_[c];
      let s = 0;
      for (let j = 0; j < d; j++) s += (data[i * d + j] - th[j]) ** 2 / va[j];
      return base[c] - 0.5 * s;
    }));
  }
}

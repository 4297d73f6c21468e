/**
 * Bagging (Breiman, "Bagging predictors", Machine Learning 24, 1996; scikit-learn's
 * `BaggingClassifier`/`BaggingRegressor`): fit copies of any estimator on random subsets of
 * the samples (with replacement by default) and, optionally, of the features, then
 * average their probabilities, votes or predictions. Out-of-bag scoring as in forests.
 */
import { isEstimator, type BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkXLabels, checkXy, uniqueLabels, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { accuracyScore } from '../metrics/accuracy.js';
import { r2Score } from '../metrics/regression.js';
import { Generator } from '../../random/index.js';
import { argmax, DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/decision-tree.js';
import { seedOf } from '../tree/params.js';

export interface BaggingParams {
  /** The estimator to copy; null for a decision tree. */
  estimator: BaseEstimator | null;
  nEstimators: number;
  /** Samples per estimator: a count, or a fraction of n in (0, 1]. Default 1 (all n). */
  maxSamples: number;
  /** Features per estimator: a count, or a fraction in (0, 1]. Default 1 (all). */
  maxFeatures: number;
  /** Draw samples with replacement. */
  bootstrap: boolean;
  /** Draw features with replacement. */
  bootstrapFeatures: boolean;
  oobScore: boolean;
  randomState: number | null;
}

const DEFAULTS: BaggingParams = {
  estimator: null, nEstimators: 10, maxSamples: 1, maxFeatures: 1, bootstrap: true, bootstrapFeatures: false, oobScore: false, randomState: null,
};
const CONSTRAINTS = {
  estimator: [C.estimator, C.null],
  nEstimators: [C.integer({ min: 1 })],
  maxSamples: [C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true })],
  maxFeatures: [C.integer({ min: 1 }), C.number({ min: 0, max: 1, minExclusive: true })],
  bootstrap: [C.boolean],
  bootstrapFeatures: [C.boolean],
  oobScore: [C.boolean],
  randomState: [C.integer(), C.null],
};

/** A count from an integer > 1 or a fraction in (0, 1] (1 means all of them, as scikit-learn's 1.0). */
function countOf(v: number, total: number, what: string, caller: string): number {
  const k = Number.isInteger(v) && v !== 1 ? v : Math.max(1, Math.floor(v * total));
  if (k > total) throw new Error(`${caller}: ${what} is ${v} but there are only ${total}; use a count <= ${total} or a fraction.`);
  return k;
}

/** Draws `k` of `0..n-1` with or without replacement. */
function draw(rng: Generator, n: number, k: number, replace: boolean): number[] {
  if (replace) return Array.from({ length: k }, () => rng.integers(0, n));
  return rng.permutation(n).slice(0, k);
}

function take(M: Matrix, rows: readonly number[], cols: readonly number[]): number[][] {
  return rows.map((i) => cols.map((j) => M.data[i * M.cols + j]));
}

interface Bag { samples: number[]; features: number[] }

/** Fits the bags; shared by both kinds. */
function fitBags(p: BaggingParams, M: Matrix, fitOne: (rows: number[], cols: number[], seed: number) => BaseEstimator, caller: string): { estimators: BaseEstimator[]; bags: Bag[] } {
  if (p.oobScore && !p.bootstrap) throw new Error(`${caller}: oobScore needs bootstrap: true.`);
  const rng = new Generator(seedOf(p.randomState));
  const nS = countOf(p.maxSamples, M.rows, 'maxSamples', caller);
  const nF = countOf(p.maxFeatures, M.cols, 'maxFeatures', caller);
  const estimators: BaseEstimator[] = [];
  const bags: Bag[] = [];
  for (let b = 0; b < p.nEstimators; b++) {
    const seed = rng.integers(0, 2 ** 31 - 1);
    const r = new Generator(seed);
    const features = nF === M.cols && !p.bootstrapFeatures ? Array.from({ length: M.cols }, (_, j) => j) : draw(r, M.cols, nF, p.bootstrapFeatures).sort((a, c) => a - c);
    const samples = draw(r, M.rows, nS, p.bootstrap);
    estimators.push(fitOne(samples, features, seed));
    bags.push({ samples, features });
  }
  return { estimators, bags };
}

/** A clone of the estimator with its seed set, if it has one. */
function seeded(est: BaseEstimator, seed: number): BaseEstimator {
  const c = est.clone();
  if ('randomState' in (c.params as object)) c.setParams({ randomState: seed });
  return c;
}

type AnyEstimator = BaseEstimator & Record<string, (...a: unknown[]) => unknown>;

/**
 * Bagged classifiers: the mean of their probabilities (or the share of their votes when
 * the estimator has no `predictProba`).
 *
 * ```ts
 * const bag = new BaggingClassifier({ estimator: new KNeighborsClassifier(), nEstimators: 20, maxFeatures: 0.5, randomState: 0 }).fit(X, y);
 * ```
 */
export class BaggingClassifier extends Classifier<BaggingParams> {
  static override readonly spec: EstimatorSpec<BaggingParams> = {
    name: 'BaggingClassifier', defaults: DEFAULTS, constraints: CONSTRAINTS, tags: { estimatorType: 'classifier', requiresY: true },
  };
  declare estimators_: BaseEstimator[];
  /** The feature indices each estimator saw. */
  declare estimatorsFeatures_: number[][];
  declare estimatorsSamples_: number[][];
  declare oobScore_: number;
  declare oobDecisionFunction_: number[][];

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const base = this.params.estimator ?? new DecisionTreeClassifier();
    if (isEstimator(base) && base.tags.estimatorType !== 'classifier') throw new Error(`${this.estimatorName}: estimator must be a classifier, got ${base.estimatorName}.`);
    const { estimators, bags } = fitBags(this.params, M, (rows, cols, seed) => {
      const est = seeded(base, seed) as AnyEstimator;
      return est.fit(take(M, rows, cols), rows.map((i) => labels[i])) as BaseEstimator;
    }, this.estimatorName);
    this.classes_ = uniqueLabels(labels);
    this.nFeaturesIn_ = M.cols;
    this.estimators_ = estimators;
    this.estimatorsFeatures_ = bags.map((b) => b.features);
    this.estimatorsSamples_ = bags.map((b) => b.samples);
    if (this.params.oobScore) {
      const k = this.classes_.length;
      const sum = Array.from({ length: M.rows }, () => new Array<number>(k).fill(0));
      bags.forEach((bag, b) => {
        const inBag = new Uint8Array(M.rows);
        for (const i of bag.samples) inBag[i] = 1;
        const rows = Array.from({ length: M.rows }, (_, i) => i).filter((i) => !inBag[i]);
        if (!rows.length) return;
        const P = this.probaOf(estimators[b], take(M, rows, bag.features));
        rows.forEach((i, r) => P[r].forEach((v, c) => (sum[i][c] += v)));
      });
      this.oobDecisionFunction_ = sum.map((r) => {
        const s = r.reduce((a, v) => a + v, 0);
        return s > 0 ? r.map((v) => v / s) : r;
      });
      this.oobScore_ = accuracyScore(labels, this.oobDecisionFunction_.map((r) => this.classes_[argmax(r)]));
    }
    return this;
  }

  /** One estimator's probabilities mapped onto `classes_` (a bag may miss a class). */
  private probaOf(est: BaseEstimator, rows: number[][]): number[][] {
    const e = est as AnyEstimator;
    const own = (e as unknown as { classes_: Label[] }).classes_;
    const k = this.classes_.length;
    const idx = own.map((c) => this.classes_.indexOf(c));
    if (est.supports('predictProba')) {
      return (e.predictProba(rows) as number[][]).map((p) => {
        const out = new Array<number>(k).fill(0);
        p.forEach((v, j) => (out[idx[j]] += v));
        return out;
      });
    }
    return (e.predict(rows) as Label[]).map((l) => {
      const out = new Array<number>(k).fill(0);
      out[this.classes_.indexOf(l)] = 1;
      return out;
    });
  }

  /** Mean class probabilities of the estimators: (n, nClasses). */
  predictProba(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const all = Array.from({ length: M.rows }, (_, i) => i);
    const k = this.classes_.length;
    const sum = Array.from({ length: M.rows }, () => new Array<number>(k).fill(0));
    this.estimators_.forEach((est, b) => {
      this.probaOf(est, take(M, all, this.estimatorsFeatures_[b])).forEach((p, i) => p.forEach((v, c) => (sum[i][c] += v)));
    });
    return sum.map((r) => r.map((v) => v / this.estimators_.length));
  }

  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((r) => this.classes_[argmax(r)]);
  }
}

/**
 * Bagged regressors: the mean of their predictions.
 *
 * ```ts
 * const bag = new BaggingRegressor({ nEstimators: 50, randomState: 0 }).fit(X, y); // bagged regression trees
 * ```
 */
export class BaggingRegressor extends Regressor<BaggingParams> {
  static override readonly spec: EstimatorSpec<BaggingParams> = {
    name: 'BaggingRegressor', defaults: DEFAULTS, constraints: CONSTRAINTS, tags: { estimatorType: 'regressor', requiresY: true },
  };
  declare estimators_: BaseEstimator[];
  declare estimatorsFeatures_: number[][];
  declare estimatorsSamples_: number[][];
  declare oobScore_: number;
  declare oobPrediction_: number[];

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    const base = this.params.estimator ?? new DecisionTreeRegressor();
    if (isEstimator(base) && base.tags.estimatorType !== 'regressor') throw new Error(`${this.estimatorName}: estimator must be a regressor, got ${base.estimatorName}.`);
    const { estimators, bags } = fitBags(this.params, M, (rows, cols, seed) => {
      const est = seeded(base, seed) as AnyEstimator;
      return est.fit(take(M, rows, cols), rows.map((i) => v[i])) as BaseEstimator;
    }, this.estimatorName);
    this.nFeaturesIn_ = M.cols;
    this.estimators_ = estimators;
    this.estimatorsFeatures_ = bags.map((b) => b.features);
    this.estimatorsSamples_ = bags.map((b) => b.samples);
    if (this.params.oobScore) {
      const sum = new Float64Array(M.rows);
      const cnt = new Float64Array(M.rows);
      bags.forEach((bag, b) => {
        const inBag = new Uint8Array(M.rows);
        for (const i of bag.samples) inBag[i] = 1;
        const rows = Array.from({ length: M.rows }, (_, i) => i).filter((i) => !inBag[i]);
        if (!rows.length) return;
        const pred = (estimators[b] as AnyEstimator).predict(take(M, rows, bag.features)) as number[];
        rows.forEach((i, r) => {
          sum[i] += pred[r];
          cnt[i]++;
        });
      });
      this.oobPrediction_ = Array.from(sum, (s, i) => s / Math.max(cnt[i], 1));
      this.oobScore_ = r2Score(v, this.oobPrediction_);
    }
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    const all = Array.from({ length: M.rows }, (_, i) => i);
    const sum = new Float64Array(M.rows);
    this.estimators_.forEach((est, b) => {
      ((est as AnyEstimator).predict(take(M, all, this.estimatorsFeatures_[b])) as number[]).forEach((p, i) => (sum[i] += p));
    });
    return Array.from(sum, (s) => s / this.estimators_.length);
  }
}

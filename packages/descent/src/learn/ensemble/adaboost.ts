/**
 * AdaBoost (scikit-learn's `AdaBoostClassifier` and `AdaBoostRegressor`).
 *
 * SAMME (Zhu, Zou, Rosset & Hastie, "Multi-class AdaBoost", 2009): fit a weak learner on
 * weighted data, measure its weighted error ε, give it the vote
 *     α = ν · (log((1 − ε)/ε) + log(K − 1)),
 * multiply the weight of every sample it got wrong by e^α, renormalize, repeat. For K = 2
 * this is Freund & Schapire's AdaBoost (1997). SAMME.R uses the learners' class
 * probabilities instead of their votes.
 *
 * AdaBoost.R2 (Drucker, "Improving regressors using boosting techniques", 1997): each
 * learner is fitted on a weighted bootstrap sample, its per-sample losses are scaled to
 * [0, 1], and the prediction is the weighted median of the learners' predictions.
 */
import { isEstimator, type BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier, Regressor } from '../base/mixins.js';
import { checkSampleWeight, checkXLabels, checkXy, toRows, uniqueLabels, type Label, type LabelsLike, type MatrixLike, type VectorLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { argmax, DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/decision-tree.js';
import { seedOf } from '../tree/params.js';

export interface AdaBoostClassifierParams {
  /** The weak learner (it must accept sample weights); null for a decision stump. */
  estimator: BaseEstimator | null;
  nEstimators: number;
  learningRate: number;
  algorithm: 'SAMME' | 'SAMME.R';
  randomState: number | null;
}

export interface AdaBoostRegressorParams {
  /** null for a depth-3 regression tree. */
  estimator: BaseEstimator | null;
  nEstimators: number;
  learningRate: number;
  loss: 'linear' | 'square' | 'exponential';
  randomState: number | null;
}

type Weighted = BaseEstimator & {
  fit(X: number[][], y: unknown[], w?: ArrayLike<number>): unknown;
  predict(X: number[][]): unknown[];
  predictProba(X: number[][]): number[][];
};

function seeded(est: BaseEstimator, rng: Generator): Weighted {
  const c = est.clone();
  if ('randomState' in (c.params as object)) c.setParams({ randomState: rng.integers(0, 2 ** 31 - 1) });
  return c as Weighted;
}

/**
 * Before each round, weights that were not zero to begin with are kept at least machine
 * epsilon (scikit-learn issue #20320): otherwise they underflow to 0 and those samples drop
 * out of every later round for good.
 */
function clipWeights(w: Float64Array, zero: Float64Array): Float64Array {
  return w.map((v, i) => (zero[i] ? 0 : Math.max(v, EPS)));
}

/** Probabilities are clipped below at float64 epsilon before the log, as scikit-learn does. */
const EPS = 2.220446049250313e-16;

/**
 * AdaBoost for classification.
 *
 * ```ts
 * const ada = new AdaBoostClassifier({ nEstimators: 100, algorithm: 'SAMME', randomState: 0 }).fit(X, y);
 * ada.estimatorWeights_;   // each stump's vote α
 * ```
 */
export class AdaBoostClassifier extends Classifier<AdaBoostClassifierParams> {
  static override readonly spec: EstimatorSpec<AdaBoostClassifierParams> = {
    name: 'AdaBoostClassifier',
    defaults: { estimator: null, nEstimators: 50, learningRate: 1, algorithm: 'SAMME.R', randomState: null },
    constraints: {
      estimator: [C.estimator, C.null],
      nEstimators: [C.integer({ min: 1 })],
      learningRate: [C.number({ min: 0, minExclusive: true })],
      algorithm: [C.options('SAMME', 'SAMME.R')],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };
  declare estimators_: BaseEstimator[];
  declare estimatorWeights_: number[];
  declare estimatorErrors_: number[];
  declare nClasses_: number;

  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const rows = toRows(M);
    const classes = uniqueLabels(labels);
    const K = classes.length;
    const { nEstimators, learningRate: lr, algorithm } = this.params;
    const base = this.params.estimator ?? new DecisionTreeClassifier({ maxDepth: 1 });
    if (isEstimator(base) && algorithm === 'SAMME.R' && !base.supports('predictProba')) {
      throw new Error(`${this.estimatorName}: algorithm 'SAMME.R' needs an estimator with predictProba; ${base.estimatorName} has none. Use algorithm 'SAMME'.`);
    }
    let w = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? new Float64Array(M.rows).fill(1);
    const total0 = w.reduce((a, b) => a + b, 0);
    w = w.map((v) => v / total0);
    const rng = new Generator(seedOf(this.params.randomState));
    const estimators: BaseEstimator[] = [];
    const weights = new Array<number>(nEstimators).fill(0);
    const errors = new Array<number>(nEstimators).fill(1);
    const zero = w.map((v) => (v === 0 ? 1 : 0));
    for (let m = 0; m < nEstimators; m++) {
      w = clipWeights(w, zero);
      const est = seeded(base, rng);
      est.fit(rows, labels, w);
      estimators.push(est);
      const P = algorithm === 'SAMME.R' ? est.predictProba(rows) : null;
      const pred = P ? P.map((p) => classes[argmax(p)]) : est.predict(rows);
      let err = 0;
      let wsum = 0;
      for (let i = 0; i < M.rows; i++) {
        wsum += w[i];
        if (pred[i] !== labels[i]) err += w[i];
      }
      err /= wsum;
      if (err <= 0) {
        weights[m] = 1;
        errors[m] = 0;
        break;
      }
      if (algorithm === 'SAMME') {
        if (err >= 1 - 1 / K) {
          estimators.pop();
          if (!estimators.length) throw new Error(`${this.estimatorName}: the first estimator is no better than chance (error ${err.toFixed(3)}); the ensemble cannot be fitted. Use a stronger estimator.`);
          break;
        }
        const alpha = lr * (Math.log((1 - err) / err) + Math.log(K - 1));
        weights[m] = alpha;
        errors[m] = err;
        if (m < nEstimators - 1) for (let i = 0; i < M.rows; i++) if (pred[i] !== labels[i] && w[i] > 0) w[i] *= Math.exp(alpha);
      } else {
        // SAMME.R: w_i ← w_i · exp(−ν (K−1)/K · Σ_k y_ik log p_ik), y_ik = 1 or −1/(K−1).
        const own = (est as unknown as { classes_: Label[] }).classes_;
        weights[m] = 1;
        errors[m] = err;
        if (m < nEstimators - 1) {
          for (let i = 0; i < M.rows; i++) {
            let s = 0;
            for (let k = 0; k < K; k++) {
              const j = own.indexOf(classes[k]);
              const p = Math.max(j >= 0 ? P![i][j] : 0, EPS);
              s += (labels[i] === classes[k] ? 1 : -1 / (K - 1)) * Math.log(p);
            }
            const e = -lr * ((K - 1) / K) * s;
            if (w[i] > 0 || e < 0) w[i] *= Math.exp(e);
          }
        }
      }
      const sum = w.reduce((a, b) => a + b, 0);
      if (!Number.isFinite(sum) || sum <= 0) break;
      if (m < nEstimators - 1) w = w.map((v) => v / sum);
    }
    this.classes_ = classes;
    this.nClasses_ = K;
    this.nFeaturesIn_ = M.cols;
    this.estimators_ = estimators;
    this.estimatorWeights_ = weights;
    this.estimatorErrors_ = errors;
    return this;
  }

  /** Per-class scores: (n, K), or one column (positive means the second class) for K = 2. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const M = this.checkPredictInput(X);
    const rows = toRows(M);
    const K = this.classes_.length;
    const pred = rows.map(() => new Array<number>(K).fill(0));
    this.estimators_.forEach((est, m) => {
      const e = est as Weighted;
      if (this.params.algorithm === 'SAMME.R') {
        const own = (est as unknown as { classes_: Label[] }).classes_;
        e.predictProba(rows).forEach((p, i) => {
          const logs = this.classes_.map((c) => Math.log(Math.max(own.includes(c) ? p[own.indexOf(c)] : 0, EPS)));
          const mean = logs.reduce((a, b) => a + b, 0) / K;
          logs.forEach((l, k) => (pred[i][k] += (K - 1) * (l - mean)));
        });
      } else {
        e.predict(rows).forEach((l, i) => (pred[i][this.classes_.indexOf(l as Label)] += this.estimatorWeights_[m]));
      }
    });
    const total = this.estimatorWeights_.reduce((a, b) => a + b, 0);
    const out = pred.map((r) => r.map((v) => v / total));
    return K === 2 ? out.map((r) => r[1] - r[0]) : out;
  }

  /** Class probabilities: softmax of the decision, scaled by 1/(K − 1) (by ½ for two classes). */
  predictProba(X: MatrixLike): number[][] {
    const K = this.classes_?.length ?? 0;
    const D = this.decisionFunction(X);
    return D.map((d) => {
      const z = typeof d === 'number' ? [-d / 2, d / 2] : d.map((v) => v / (K - 1));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
  }

  predict(X: MatrixLike): Label[] {
    const D = this.decisionFunction(X);
    return D.map((d) => (typeof d === 'number' ? this.classes_[d > 0 ? 1 : 0] : this.classes_[argmax(d)]));
  }
}

/**
 * AdaBoost.R2 for regression.
 *
 * ```ts
 * const ada = new AdaBoostRegressor({ nEstimators: 100, loss: 'square', randomState: 0 }).fit(X, y);
 * ```
 */
export class AdaBoostRegressor extends Regressor<AdaBoostRegressorParams> {
  static override readonly spec: EstimatorSpec<AdaBoostRegressorParams> = {
    name: 'AdaBoostRegressor',
    defaults: { estimator: null, nEstimators: 50, learningRate: 1, loss: 'linear', randomState: null },
    constraints: {
      estimator: [C.estimator, C.null],
      nEstimators: [C.integer({ min: 1 })],
      learningRate: [C.number({ min: 0, minExclusive: true })],
      loss: [C.options('linear', 'square', 'exponential')],
      randomState: [C.integer(), C.null],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };
  declare estimators_: BaseEstimator[];
  declare estimatorWeights_: number[];
  declare estimatorErrors_: number[];

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: v } = checkXy(X, y, { caller: this.estimatorName });
    const rows = toRows(M);
    const n = M.rows;
    const { nEstimators, learningRate: lr, loss } = this.params;
    const base = this.params.estimator ?? new DecisionTreeRegressor({ maxDepth: 3 });
    let w = checkSampleWeight(sampleWeight, n, this.estimatorName) ?? new Float64Array(n).fill(1);
    const total0 = w.reduce((a, b) => a + b, 0);
    w = w.map((x) => x / total0);
    const rng = new Generator(seedOf(this.params.randomState));
    const estimators: BaseEstimator[] = [];
    const weights: number[] = [];
    const errors: number[] = [];
    const zero = w.map((v) => (v === 0 ? 1 : 0));
    for (let m = 0; m < nEstimators; m++) {
      w = clipWeights(w, zero);
      const est = seeded(base, rng);
      // A bootstrap sample drawn with probabilities w (inverse CDF on the cumulative weights).
      const cdf = new Float64Array(n);
      let acc = 0;
      for (let i = 0; i < n; i++) cdf[i] = acc += w[i];
      const idx = Array.from({ length: n }, () => {
        const u = rng.random() * acc;
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cdf[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      });
      est.fit(idx.map((i) => rows[i]), idx.map((i) => v[i]));
      estimators.push(est);
      const pred = est.predict(rows) as number[];
      const errs = pred.map((p, i) => Math.abs(p - v[i]));
      const maxErr = Math.max(...errs.filter((_, i) => w[i] > 0));
      const scaled = errs.map((e) => {
        const r = maxErr !== 0 ? e / maxErr : e;
        return loss === 'square' ? r * r : loss === 'exponential' ? 1 - Math.exp(-r) : r;
      });
      let err = 0;
      for (let i = 0; i < n; i++) if (w[i] > 0) err += w[i] * scaled[i];
      if (err <= 0) {
        weights.push(1);
        errors.push(0);
        break;
      }
      if (err >= 0.5) {
        if (estimators.length > 1) estimators.pop();
        if (!weights.length) {
          weights.push(1);
          errors.push(err);
        }
        break;
      }
      const beta = err / (1 - err);
      weights.push(lr * Math.log(1 / beta));
      errors.push(err);
      if (m < nEstimators - 1) for (let i = 0; i < n; i++) if (w[i] > 0) w[i] *= beta ** ((1 - scaled[i]) * lr);
      const sum = w.reduce((a, b) => a + b, 0);
      if (!Number.isFinite(sum) || sum <= 0) break;
      w = w.map((x) => x / sum);
    }
    this.nFeaturesIn_ = M.cols;
    this.estimators_ = estimators;
    this.estimatorWeights_ = weights.slice(0, estimators.length);
    this.estimatorErrors_ = errors.slice(0, estimators.length);
    return this;
  }

  /** The weighted median of the learners' predictions. */
  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    const rows = toRows(M);
    const preds = this.estimators_.map((e) => (e as Weighted).predict(rows) as number[]);
    const wts = this.estimatorWeights_;
    return rows.map((_, i) => {
      const order = preds.map((_, m) => m).sort((a, b) => preds[a][i] - preds[b][i]);
      const total = order.reduce((s, m) => s + wts[m], 0);
      let acc = 0;
      for (const m of order) {
        acc += wts[m];
        if (acc >= 0.5 * total) return preds[m][i];
      }
      return preds[order[order.length - 1]][i];
    });
  }
}

/**
 * LIME for tables (Ribeiro, Singh & Guestrin, "Why Should I Trust You?", KDD 2016), with the
 * defaults of the authors' `lime` package (`LimeTabularExplainer`): explain one prediction by
 * fitting a weighted linear model to the black box on perturbed copies of the row.
 *
 * 1. Each feature is cut at its training quartiles (25th, 50th, 75th percentile), so a
 *    feature is described by its bin ("0.4 < x2 <= 1.3").
 * 2. numSamples rows are drawn: each feature's bin from the training bin frequencies, then a
 *    value inside the bin from a normal with the bin's training mean and standard deviation,
 *    truncated to the bin's range. The first sample is the row itself.
 * 3. The surrogate sees binary features z_j = 1 when sample and row share feature j's bin.
 *    A sample's weight is the kernel √exp(−d²/w²) of its Euclidean distance d to the row in
 *    z-space (all ones), with width w = 0.75·√(number of features).
 * 4. A ridge regression (α = 1) of the black-box output on z, weighted, on the features chosen
 *    by forward selection (numFeatures <= 6) or by the largest weights of a ridge on all of
 *    them: its coefficients are the explanation, its weighted R² how well the line fits.
 *
 * With `discretizeContinuous: false` the samples are normal around the training mean with the
 * training spread, the surrogate sees standardized features, and its coefficients are slopes
 * per training standard deviation.
 */
import { Generator } from '../random/index.js';
import { solve } from '../linalg/index.js';
import type { PredictFn } from './kernel-explainer.js';

export interface LimeTabularOptions {
  /** Names for the features in the explanation. Default x0, x1, … */
  featureNames?: string[];
  /** Describe features by quartile bins (lime's default) or use them standardized. Default true. */
  discretizeContinuous?: boolean;
  /** Kernel width. Default 0.75·√(number of features). */
  kernelWidth?: number;
  randomState?: number;
}

export interface LimeExplainOptions {
  /** How many features the explanation keeps. Default 10. */
  numFeatures?: number;
  /** Perturbed samples. Default 5000. */
  numSamples?: number;
}

export interface LimeExplanation {
  /** The kept features, largest |weight| first; `name` describes the row's bin when discretized. */
  weights: { feature: number; name: string; weight: number }[];
  intercept: number;
  /** Weighted R² of the surrogate on the samples: how linear the model is near x. */
  score: number;
  /** The surrogate's prediction at x (intercept + Σ weight·z₀, z₀ = 1 for every kept feature when discretized). */
  localPrediction: number;
  /** The model's own prediction at x. */
  prediction: number;
}

/** Training statistics of one feature's bin: what sampling inside it needs. */
interface Bin { mean: number; std: number; min: number; max: number; freq: number }

/** NumPy's np.percentile with linear interpolation, on sorted values. */
function percentile(sorted: number[], q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** How many cut points lie strictly below v: lime's np.searchsorted(cuts, v). */
function binOf(cuts: readonly number[], v: number): number {
  let b = 0;
  while (b < cuts.length && cuts[b] < v) b++;
  return b;
}

/**
 * ```ts
 * const lime = new LimeTabularExplainer(Xtrain, { featureNames: names, randomState: 0 });
 * const e = lime.explainInstance(Xtest[0], (X) => model.predictProba(X).map((p) => p[1]), { numFeatures: 5 });
 * e.weights; // [{ feature: 2, name: 'petal length > 5.1', weight: 0.41 }, …]
 * ```
 */
export class LimeTabularExplainer {
  readonly featureNames: string[];
  readonly kernelWidth: number;
  /** Quartile cut points per feature (after removing duplicates). */
  readonly cuts: number[][];
  private readonly bins: Bin[][];
  private readonly mean: number[];
  private readonly std: number[];
  private readonly rng: Generator;
  private readonly discretize: boolean;

  constructor(trainingData: number[][], options: LimeTabularOptions = {}) {
    if (!Array.isArray(trainingData) || trainingData.length < 2 || !Array.isArray(trainingData[0])) {
      throw new Error('LimeTabularExplainer: trainingData must be an array of at least 2 rows (the training set, or a sample of it).');
    }
    const d = trainingData[0].length;
    for (const r of trainingData) {
      if (r.length !== d || r.some((v) => !Number.isFinite(v))) throw new Error(`LimeTabularExplainer: every training row needs ${d} finite numbers; impute or drop missing values first.`);
    }
    this.featureNames = options.featureNames ?? Array.from({ length: d }, (_, j) => `x${j}`);
    if (this.featureNames.length !== d) throw new Error(`LimeTabularExplainer: featureNames has ${this.featureNames.length} names for ${d} features.`);
    this.kernelWidth = options.kernelWidth ?? 0.75 * Math.sqrt(d);
    this.discretize = options.discretizeContinuous ?? true;
    this.rng = new Generator(options.randomState ?? 0);
    const n = trainingData.length;
    this.mean = Array.from({ length: d }, (_, j) => trainingData.reduce((s, r) => s + r[j], 0) / n);
    this.std = this.mean.map((m, j) => Math.sqrt(trainingData.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n) || 1);
    this.cuts = [];
    this.bins = [];
    for (let j = 0; j < d; j++) {
      const col = trainingData.map((r) => r[j]).sort((a, b) => a - b);
      const cuts = [...new Set([25, 50, 75].map((q) => percentile(col, q)))];
      this.cuts.push(cuts);
      const members: number[][] = Array.from({ length: cuts.length + 1 }, () => []);
      for (const v of col) members[binOf(cuts, v)].push(v);
      this.bins.push(members.map((vs, b) => {
        const mean = vs.length ? vs.reduce((a, c) => a + c, 0) / vs.length : 0;
        const std = vs.length ? Math.sqrt(vs.reduce((a, c) => a + (c - mean) ** 2, 0) / vs.length) : 0;
        // Bins are open at the ends: the training minimum and maximum bound the first and last.
        return { mean, std, min: b === 0 ? col[0] : cuts[b - 1], max: b === cuts.length ? col[n - 1] : cuts[b], freq: vs.length / n };
      }));
    }
  }

  /** How the explanation names feature j's bin for the value v. */
  binName(j: number, v: number): string {
    const c = this.cuts[j];
    const b = binOf(c, v);
    const name = this.featureNames[j];
    const f = (x: number) => String(Number(x.toFixed(2)));
    if (!this.discretize) return name;
    if (b === 0) return `${name} <= ${f(c[0])}`;
    if (b === c.length) return `${name} > ${f(c[c.length - 1])}`;
    return `${f(c[b - 1])} < ${name} <= ${f(c[b])}`;
  }

  /** Explains f(x) with a weighted linear surrogate fitted near x. */
  explainInstance(x: readonly number[], predictFn: PredictFn, options: LimeExplainOptions = {}): LimeExplanation {
    const d = this.cuts.length;
    if (!Array.isArray(x) || x.length !== d || x.some((v) => !Number.isFinite(v))) throw new Error(`LimeTabularExplainer.explainInstance: x must be ${d} finite numbers, like a training row.`);
    const numSamples = options.numSamples ?? 5000;
    const numFeatures = Math.min(options.numFeatures ?? 10, d);
    if (!Number.isInteger(numSamples) || numSamples < 2) throw new Error(`LimeTabularExplainer.explainInstance: numSamples must be an integer >= 2. Got ${numSamples}.`);
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new Error(`LimeTabularExplainer.explainInstance: numFeatures must be an integer >= 1. Got ${options.numFeatures}.`);
    const { Z, rows } = this.sample(x, numSamples);
    const y = Array.from(predictFn(rows));
    if (y.length !== numSamples || y.some((v) => !Number.isFinite(v))) throw new Error('LimeTabularExplainer.explainInstance: predictFn must return one finite number per row (for a classifier, one class\'s probability).');
    const w = Z.map((z) => {
      let d2 = 0;
      for (let j = 0; j < d; j++) d2 += (z[j] - Z[0][j]) ** 2;
      return Math.sqrt(Math.exp(-d2 / this.kernelWidth ** 2));
    });
    const used = numFeatures <= 6 ? forwardSelection(Z, y, w, numFeatures) : highestWeights(Z, y, w, numFeatures);
    const fit = weightedRidge(Z, y, w, used, 1);
    const localPrediction = fit.intercept + used.reduce((s, j, k) => s + fit.coef[k] * Z[0][j], 0);
    const weights = used.map((j, k) => ({ feature: j, name: this.binName(j, x[j]), weight: fit.coef[k] }))
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    return { weights, intercept: fit.intercept, score: fit.r2, localPrediction, prediction: y[0] };
  }

  /** The perturbed rows (for the model) and what the surrogate sees of them (z). Row 0 is x. */
  private sample(x: readonly number[], n: number): { Z: number[][]; rows: number[][] } {
    const d = x.length;
    const Z: number[][] = [];
    const rows: number[][] = [];
    const home = x.map((v, j) => binOf(this.cuts[j], v));
    Z.push(this.discretize ? new Array<number>(d).fill(1) : x.map((v, j) => (v - this.mean[j]) / this.std[j]));
    rows.push([...x]);
    for (let i = 1; i < n; i++) {
      const row = new Array<number>(d);
      const z = new Array<number>(d);
      for (let j = 0; j < d; j++) {
        if (!this.discretize) {
          row[j] = this.rng.normal(this.mean[j], this.std[j]);
          z[j] = (row[j] - this.mean[j]) / this.std[j];
          continue;
        }
        const b = this.drawBin(j);
        row[j] = this.inBin(this.bins[j][b]);
        z[j] = b === home[j] ? 1 : 0;
      }
      Z.push(z);
      rows.push(row);
    }
    return { Z, rows };
  }

  private drawBin(j: number): number {
    let u = this.rng.random();
    const bins = this.bins[j];
    for (let b = 0; b < bins.length - 1; b++) {
      u -= bins[b].freq;
      if (u < 0) return b;
    }
    return bins.length - 1;
  }

  /** A normal draw truncated to the bin (rejection; the bin holds its own mean, so it accepts quickly). */
  private inBin(bin: Bin): number {
    if (bin.std === 0) return bin.mean;
    for (let tries = 0; tries < 100; tries++) {
      const v = this.rng.normal(bin.mean, bin.std);
      if (v >= bin.min && v <= bin.max) return v;
    }
    return this.rng.uniform(bin.min, bin.max);
  }
}

/**
 * Weighted ridge with an unpenalised intercept on the columns `cols` of Z:
 * minimise Σ_i w_i (y_i − b − z_iᵀβ)² + α‖β‖². Centring by the weighted means removes b.
 */
export function weightedRidge(Z: number[][], y: number[], w: number[], cols: number[], alpha: number): { coef: number[]; intercept: number; r2: number } {
  const p = cols.length;
  const W = w.reduce((a, b) => a + b, 0);
  const zm = cols.map((j) => Z.reduce((s, z, i) => s + w[i] * z[j], 0) / W);
  const ym = y.reduce((s, v, i) => s + w[i] * v, 0) / W;
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => (a === b ? alpha : 0)));
  const rhs = new Array<number>(p).fill(0);
  Z.forEach((z, i) => {
    for (let a = 0; a < p; a++) {
      const za = z[cols[a]] - zm[a];
      rhs[a] += w[i] * za * (y[i] - ym);
      for (let b = 0; b < p; b++) A[a][b] += w[i] * za * (z[cols[b]] - zm[b]);
    }
  });
  const coef = p === 0 ? [] : (solve(A, rhs).toArray() as number[]);
  const intercept = ym - coef.reduce((s, c, k) => s + c * zm[k], 0);
  let ssRes = 0;
  let ssTot = 0;
  Z.forEach((z, i) => {
    const pred = intercept + coef.reduce((s, c, k) => s + c * z[cols[k]], 0);
    ssRes += w[i] * (y[i] - pred) ** 2;
    ssTot += w[i] * (y[i] - ym) ** 2;
  });
  return { coef, intercept, r2: ssTot > 0 ? 1 - ssRes / ssTot : 1 };
}

/** lime's forward selection: add, one at a time, the feature that most raises the weighted R². */
function forwardSelection(Z: number[][], y: number[], w: number[], k: number): number[] {
  const used: number[] = [];
  const d = Z[0].length;
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < d; j++) {
      if (used.includes(j)) continue;
      // lime uses an unregularised fit here; a tiny α keeps a column that never varies solvable.
      const s = weightedRidge(Z, y, w, [...used, j], 1e-9).r2;
      if (s > bestScore) [best, bestScore] = [j, s];
    }
    used.push(best);
  }
  return used;
}

/** lime's 'highest_weights': fit all features (α = 0.01), keep the k largest |coef_j·z₀_j|. */
function highestWeights(Z: number[][], y: number[], w: number[], k: number): number[] {
  const all = Array.from({ length: Z[0].length }, (_, j) => j);
  const { coef } = weightedRidge(Z, y, w, all, 0.01);
  return all.sort((a, b) => Math.abs(coef[b] * Z[0][b]) - Math.abs(coef[a] * Z[0][a])).slice(0, k);
}

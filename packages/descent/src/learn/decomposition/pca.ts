/**
 * PCA: principal component analysis by the singular value decomposition of the centred
 * data (sklearn.decomposition.PCA). With X − mean = U·S·Vᵀ, the rows of Vᵀ are the
 * principal axes and S²/(n − 1) the variance along each: the eigenvalues of the sample
 * covariance, obtained without forming it (squaring X would square its condition number).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { gammaln } from '../metrics/clustering.js';
import { centered, columnMeans, firstRows, randomizedSvd, rowsOf, thinSvd } from './svd-utils.js';

export interface PCAParams {
  /**
   * Components to keep: an integer, a fraction in (0, 1) (the fewest components that explain
   * more than that share of the variance), 'mle' (Minka's choice of dimension), or null
   * (all: min(n, d)). Default null.
   */
  nComponents: number | 'mle' | null;
  /** Scale the projections to unit variance. Default false. */
  whiten: boolean;
  /**
   * 'full' (exact SVD), 'randomized' (Halko et al.), or 'auto': randomized when the data is
   * larger than 500 × 500 and fewer than 80% of the components are kept, as scikit-learn.
   * Default 'auto'.
   */
  svdSolver: 'auto' | 'full' | 'randomized';
  /** Power iterations for 'randomized' ('auto': 7 or 4). Default 'auto'. */
  iteratedPower: number | 'auto';
  /** Extra random directions for 'randomized'. Default 10. */
  nOversamples: number;
  /** Seed for 'randomized'. Default null (a fresh seed). */
  randomState: number | null;
}

/**
 * What PCA and IncrementalPCA share (scikit-learn's `_BasePCA`): the fitted axes and the
 * projection onto them and back.
 */
export abstract class BasePCA<P extends { whiten: boolean }> extends Transformer<P> {
  /** (nComponents, d): the principal axes, by decreasing variance. */
  declare components_: number[][];
  /** Variance along each axis: S²/(n − 1). */
  declare explainedVariance_: number[];
  /** Each axis's share of the total variance. */
  declare explainedVarianceRatio_: number[];
  declare singularValues_: number[];
  /** Per-feature mean of the training data. */
  declare mean_: number[];
  declare nComponents_: number;
  /** Probabilistic PCA's noise variance: the mean variance of the dropped directions (Tipping & Bishop 1999). */
  declare noiseVariance_: number;

  /** Projections on the principal axes: (X − mean)·Vᵀ, divided by √variance when whitening. */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return project(M, this.mean_, this.components_, this.params.whiten ? this.explainedVariance_ : null);
  }

  /** Back to feature space: Z·V + mean (Z·√variance·V with whitening). Exact when every component is kept. */
  inverseTransform(Z: MatrixLike): number[][] {
    this.checkIsFitted();
    const M = checkArray(Z, { caller: `${this.estimatorName}.inverseTransform`, name: 'Z' });
    return reconstruct(M, this.mean_, this.components_, this.params.whiten ? this.explainedVariance_ : null, this.estimatorName);
  }
}

/**
 * Principal component analysis. Components follow scikit-learn's sign convention (each
 * column of U has its largest entry positive), so they match its `components_` exactly.
 *
 * ```ts
 * const pca = new PCA({ nComponents: 1 }).fit([[2, 0], [0, 1], [-2, 0], [0, -1]]);
 * pca.components_;              // [[1, 0]]
 * pca.explainedVarianceRatio_;  // [0.8]
 * pca.transform([[1, 1]]);      // [[1]]
 * ```
 */
export class PCA extends BasePCA<PCAParams> {
  static override readonly spec: EstimatorSpec<PCAParams> = {
    name: 'PCA',
    defaults: { nComponents: null, whiten: false, svdSolver: 'auto', iteratedPower: 'auto', nOversamples: 10, randomState: null },
    constraints: {
      nComponents: [C.integer({ min: 0 }), C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true }), C.options('mle'), C.null],
      whiten: [C.boolean],
      svdSolver: [C.options('auto', 'full', 'randomized')],
      iteratedPower: [C.integer({ min: 0 }), C.options('auto')],
      nOversamples: [C.integer({ min: 1 })],
      randomState: [C.integer(), C.null],
    },
  };

  declare nSamples_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, minSamples: 2 });
    const { nComponents } = this.params;
    const n = M.rows;
    const d = M.cols;
    const k = Math.min(n, d);
    if (typeof nComponents === 'number' && nComponents >= 1 && nComponents > k) {
      throw new Error(`PCA: nComponents=${nComponents} must be between 0 and min(nSamples, nFeatures)=${k} with svdSolver='full'. Choose at most ${k} components.`);
    }
    if (nComponents === 'mle' && n < d) {
      throw new Error(`PCA: nComponents='mle' is only supported if nSamples >= nFeatures (got ${n} < ${d}). Give an integer or a fraction instead.`);
    }
    let solver = this.params.svdSolver;
    if (solver === 'auto') {
      solver = Math.max(n, d) <= 500 || nComponents === 'mle' || nComponents === null || nComponents < 1 || nComponents >= 0.8 * k ? 'full' : 'randomized';
    }
    const mean = columnMeans(M);
    const Xc = centered(M, mean);
    this.mean_ = Array.from(mean);
    this.nSamples_ = n;
    this.nFeaturesIn_ = d;
    if (solver === 'randomized') this.fitRandomized(Xc, nComponents);
    else this.fitFull(Xc, nComponents);
    return this;
  }

  private fitFull(Xc: Matrix, nComponents: PCAParams['nComponents']): void {
    const n = Xc.rows;
    const { S, Vt } = thinSvd(Xc);
    const variance = Array.from(S, (s) => (s * s) / (n - 1));
    const total = variance.reduce((a, b) => a + b, 0);
    const ratio = variance.map((v) => v / total);
    let k = Math.min(Xc.rows, Xc.cols);
    if (nComponents === 'mle') k = inferDimension(variance, n);
    else if (typeof nComponents === 'number' && nComponents > 0 && nComponents < 1) {
      // The fewest components whose cumulative ratio exceeds the fraction (searchsorted side='right', + 1).
      let cum = 0;
      let count = 0;
      for (const r of ratio) {
        cum += r;
        count++;
        if (cum > nComponents) break;
      }
      k = count;
    } else if (typeof nComponents === 'number') k = nComponents;
    const all = Math.min(Xc.rows, Xc.cols);
    const dropped = variance.slice(k);
    this.noiseVariance_ = k < all ? dropped.reduce((a, b) => a + b, 0) / dropped.length : 0;
    this.setComponents(rowsOf(firstRows(Vt, k)), variance.slice(0, k), ratio.slice(0, k), Array.from(S.slice(0, k)));
  }

  private fitRandomized(Xc: Matrix, nComponents: PCAParams['nComponents']): void {
    const n = Xc.rows;
    const k = typeof nComponents === 'number' && nComponents >= 1 ? nComponents : Math.min(n, Xc.cols);
    if (k >= Math.min(n, Xc.cols)) {
      throw new Error(`PCA: svdSolver='randomized' needs nComponents < min(nSamples, nFeatures) = ${Math.min(n, Xc.cols)}; got ${k}. Use svdSolver='full'.`);
    }
    const seed = this.params.randomState ?? Math.floor(Math.random() * 2 ** 32);
    const { S, Vt } = randomizedSvd(Xc, { nComponents: k, nOversamples: this.params.nOversamples, nIter: this.params.iteratedPower, seed });
    const variance = Array.from(S, (s) => (s * s) / (n - 1));
    // The total variance comes from the data itself: the dropped directions were never computed.
    let total = 0;
    for (let i = 0; i < Xc.data.length; i++) total += Xc.data[i] * Xc.data[i];
    total /= n - 1;
    const kept = variance.reduce((a, b) => a + b, 0);
    const all = Math.min(n, Xc.cols);
    this.noiseVariance_ = k < all ? (total - kept) / (all - k) : 0;
    this.setComponents(rowsOf(Vt), variance, variance.map((v) => v / total), Array.from(S));
  }

  private setComponents(components: number[][], variance: number[], ratio: number[], singular: number[]): void {
    this.components_ = components;
    this.explainedVariance_ = variance;
    this.explainedVarianceRatio_ = ratio;
    this.singularValues_ = singular;
    this.nComponents_ = components.length;
  }
}

/** (X − mean)·Vᵀ, each column divided by √variance[j] if given. */
export function project(M: Matrix, mean: readonly number[], components: readonly number[][], variance: readonly number[] | null): number[][] {
  const k = components.length;
  const d = M.cols;
  const out: number[][] = [];
  for (let i = 0; i < M.rows; i++) {
    const row = new Array<number>(k);
    for (let c = 0; c < k; c++) {
      const v = components[c];
      let s = 0;
      for (let j = 0; j < d; j++) s += (M.data[i * d + j] - mean[j]) * v[j];
      row[c] = variance ? s / Math.sqrt(variance[c]) : s;
    }
    out.push(row);
  }
  return out;
}

/** Z·V + mean, Z's columns first multiplied by √variance[j] if given. */
export function reconstruct(Z: Matrix, mean: readonly number[], components: readonly number[][], variance: readonly number[] | null, caller: string): number[][] {
  const k = components.length;
  if (Z.cols !== k) throw new Error(`${caller}.inverseTransform: Z has ${Z.cols} columns, but the model has ${k} components.`);
  const d = mean.length;
  const out: number[][] = [];
  for (let i = 0; i < Z.rows; i++) {
    const row = mean.slice();
    for (let c = 0; c < k; c++) {
      const z = variance ? Z.data[i * k + c] * Math.sqrt(variance[c]) : Z.data[i * k + c];
      const v = components[c];
      for (let j = 0; j < d; j++) row[j] += z * v[j];
    }
    out.push(row);
  }
  return out;
}

/**
 * Minka's Laplace approximation to the evidence for a PCA model of rank `rank` given the
 * covariance spectrum ("Automatic choice of dimensionality for PCA", NIPS 2000, eq. 30),
 * as scikit-learn's `_assess_dimension`.
 */
function assessDimension(spectrum: readonly number[], rank: number, n: number): number {
  const d = spectrum.length;
  const eps = 1e-15;
  if (spectrum[rank - 1] < eps) return -Infinity;
  let pu = -rank * Math.log(2);
  for (let i = 1; i <= rank; i++) pu += gammaln((d - i + 1) / 2) - (Math.log(Math.PI) * (d - i + 1)) / 2;
  let pl = 0;
  for (let i = 0; i < rank; i++) pl += Math.log(spectrum[i]);
  pl = (-pl * n) / 2;
  let rest = 0;
  for (let i = rank; i < d; i++) rest += spectrum[i];
  const v = Math.max(eps, rest / (d - rank));
  const pv = (-Math.log(v) * n * (d - rank)) / 2;
  const m = d * rank - (rank * (rank + 1)) / 2;
  const pp = (Math.log(2 * Math.PI) * (m + rank)) / 2;
  let pa = 0;
  const tail = (j: number) => (j >= rank ? v : spectrum[j]);
  for (let i = 0; i < rank; i++) {
    for (let j = i + 1; j < d; j++) pa += Math.log((spectrum[i] - spectrum[j]) * (1 / tail(j) - 1 / tail(i))) + Math.log(n);
  }
  return pu + pl + pv + pp - pa / 2 - (rank * Math.log(n)) / 2;
}

/** The rank with the largest Minka evidence (never 0). */
function inferDimension(spectrum: readonly number[], n: number): number {
  let best = 0;
  let bestLl = -Infinity;
  for (let rank = 1; rank < spectrum.length; rank++) {
    const ll = assessDimension(spectrum, rank, n);
    if (ll > bestLl) { bestLl = ll; best = rank; }
  }
  return best;
}

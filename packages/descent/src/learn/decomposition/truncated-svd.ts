/**
 * TruncatedSVD: the top singular vectors of X itself, without centring
 * (sklearn.decomposition.TruncatedSVD), which is latent semantic analysis on term counts.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { reconstruct } from './pca.js';
import { firstRows, matmulT, randomizedSvd, rowsOf, thinSvd } from './svd-utils.js';

export interface TruncatedSVDParams {
  /** Components to keep (fewer than the features). Default 2. */
  nComponents: number;
  /**
   * 'randomized' (Halko et al., scikit-learn's default) or 'arpack'. scikit-learn's 'arpack'
   * runs Lanczos iterations; ours computes the exact thin SVD, which is what they converge to.
   */
  algorithm: 'randomized' | 'arpack';
  /** Power iterations for 'randomized'. Default 5. */
  nIter: number;
  /** Extra random directions for 'randomized'. Default 10. */
  nOversamples: number;
  /** Seed for 'randomized'. Default null. */
  randomState: number | null;
}

/**
 * Truncated SVD of X ≈ U_k·S_k·V_kᵀ; `transform` gives X·V_k.
 *
 * ```ts
 * const svd = new TruncatedSVD({ nComponents: 1, algorithm: 'arpack' }).fit([[3, 0], [0, 1]]);
 * svd.singularValues_;   // [3]
 * svd.transform([[1, 1]]); // [[1]]
 * ```
 */
export class TruncatedSVD extends Transformer<TruncatedSVDParams> {
  static override readonly spec: EstimatorSpec<TruncatedSVDParams> = {
    name: 'TruncatedSVD',
    defaults: { nComponents: 2, algorithm: 'randomized', nIter: 5, nOversamples: 10, randomState: null },
    constraints: {
      nComponents: [C.integer({ min: 1 })],
      algorithm: [C.options('randomized', 'arpack')],
      nIter: [C.integer({ min: 0 })],
      nOversamples: [C.integer({ min: 1 })],
      randomState: [C.integer(), C.null],
    },
  };

  /** (nComponents, d): the right singular vectors. */
  declare components_: number[][];
  /** Variance of each column of X·V_k (ddof 0). */
  declare explainedVariance_: number[];
  declare explainedVarianceRatio_: number[];
  declare singularValues_: number[];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const k = this.params.nComponents;
    const limit = this.params.algorithm === 'arpack' ? Math.min(M.rows, M.cols) - 1 : Math.min(M.rows, M.cols);
    if (k > limit) {
      throw new Error(`TruncatedSVD: nComponents=${k} is too large for X of shape (${M.rows}, ${M.cols}); with algorithm '${this.params.algorithm}' it can be at most ${limit}. Choose fewer components.`);
    }
    let S: Float64Array;
    let Vt;
    if (this.params.algorithm === 'arpack') {
      const r = thinSvd(M);
      S = r.S.slice(0, k);
      Vt = firstRows(r.Vt, k);
    } else {
      const seed = this.params.randomState ?? Math.floor(Math.random() * 2 ** 32);
      const r = randomizedSvd(M, { nComponents: k, nOversamples: this.params.nOversamples, nIter: this.params.nIter, seed });
      S = r.S;
      Vt = r.Vt;
    }
    // Explained variance of the projections X·V (scikit-learn uses them rather than U·S,
    // which differs from X·V by the approximation error of a randomized SVD).
    const Z = matmulT(M, Vt);
    const varOf = (col: (i: number) => number, n: number): number => {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += col(i);
      mean /= n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (col(i) - mean) ** 2;
      return s / n;
    };
    const variance = Array.from({ length: k }, (_, c) => varOf((i) => Z.data[i * k + c], M.rows));
    let full = 0;
    for (let j = 0; j < M.cols; j++) full += varOf((i) => M.data[i * M.cols + j], M.rows);
    this.components_ = rowsOf(Vt);
    this.singularValues_ = Array.from(S);
    this.explainedVariance_ = variance;
    this.explainedVarianceRatio_ = variance.map((v) => v / full);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** X·V_k. */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return rowsOf(matmulT(M, { rows: this.components_.length, cols: M.cols, data: Float64Array.from(this.components_.flat()) }));
  }

  /** Z·V_kᵀ: the rank-k approximation of the original rows. */
  inverseTransform(Z: MatrixLike): number[][] {
    this.checkIsFitted();
    const M = checkArray(Z, { caller: `${this.estimatorName}.inverseTransform`, name: 'Z' });
    return reconstruct(M, new Array<number>(this.nFeaturesIn_).fill(0), this.components_, null, this.estimatorName);
  }
}

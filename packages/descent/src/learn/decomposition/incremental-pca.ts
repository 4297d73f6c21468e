/**
 * IncrementalPCA: PCA one batch at a time in memory O(batch · d) (Ross, Lim, Lin & Yang,
 * "Incremental learning for robust visual tracking", IJCV 77, 2008), as
 * sklearn.decomposition.IncrementalPCA. Each batch is stacked under the current
 * components scaled by their singular values, plus one row that corrects for the shift of
 * the mean, and the SVD of that small matrix gives the updated components.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { BasePCA } from './pca.js';
import { firstRows, rowsOf, thinSvd } from './svd-utils.js';

export interface IncrementalPCAParams {
  /** Components to keep; null keeps min(batch rows, d) of the first batch. Default null. */
  nComponents: number | null;
  whiten: boolean;
  /** Rows per batch in `fit`; null is 5·d. Default null. */
  batchSize: number | null;
}

/**
 * PCA fitted in batches (`fit` splits X; `partialFit` takes one batch at a time). With
 * every component kept it equals PCA; with fewer it is an approximation.
 *
 * ```ts
 * const ipca = new IncrementalPCA({ nComponents: 1, batchSize: 2 });
 * ipca.partialFit([[2, 0], [0, 1]]).partialFit([[-2, 0], [0, -1]]);
 * ipca.components_;   // ≈ [[1, 0]] up to sign
 * ```
 */
export class IncrementalPCA extends BasePCA<IncrementalPCAParams> {
  static override readonly spec: EstimatorSpec<IncrementalPCAParams> = {
    name: 'IncrementalPCA',
    defaults: { nComponents: null, whiten: false, batchSize: null },
    constraints: { nComponents: [C.integer({ min: 1 }), C.null], whiten: [C.boolean], batchSize: [C.integer({ min: 1 }), C.null] },
  };

  /** Per-feature variance of everything seen so far (ddof 0). */
  declare var_: number[];
  declare nSamplesSeen_: number;
  declare batchSize_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const batch = this.params.batchSize ?? 5 * M.cols;
    const minBatch = this.params.nComponents ?? 0;
    // scikit-learn's gen_batches(n, batch, min_batch_size): a short last batch joins the one before.
    let start = 0;
    for (let b = 0; b < Math.floor(M.rows / batch); b++) {
      const end = start + batch;
      if (end + minBatch > M.rows) continue;
      this.update(sliceRows(M, start, end));
      start = end;
    }
    if (start < M.rows) this.update(sliceRows(M, start, M.rows));
    this.batchSize_ = batch;
    return this;
  }

  /** Updates the fit with one more batch of rows (the first call starts a fresh fit). */
  partialFit(X: MatrixLike): this {
    if (!this.isFitted()) this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    if (this.isFitted()) this.checkNFeatures(M);
    this.update(M);
    this.batchSize_ ??= M.rows;
    return this;
  }

  private update(B: Matrix): void {
    const n = B.rows;
    const d = B.cols;
    const first = this.nSamplesSeen_ === undefined;
    const k = this.params.nComponents ?? (first ? Math.min(n, d) : this.components_.length);
    if (k > d) throw new Error(`IncrementalPCA: nComponents=${k} is larger than the number of features (${d}). Choose at most ${d}.`);
    if (k > n) throw new Error(`IncrementalPCA: nComponents=${k} must be at most the number of samples in each batch (${n}). Use a larger batchSize.`);
    const seen = first ? 0 : this.nSamplesSeen_;
    const lastMean = first ? new Array<number>(d).fill(0) : this.mean_;
    const lastVar = first ? new Array<number>(d).fill(0) : this.var_;
    // Chan, Golub & LeVeque's pairwise update of the mean and variance (scikit-learn's _incremental_mean_and_var).
    const total = seen + n;
    const batchMean = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) batchMean[j] += B.data[i * d + j];
    for (let j = 0; j < d; j++) batchMean[j] /= n;
    const mean = batchMean.map((m, j) => (lastMean[j] * seen + m * n) / total);
    const variance = batchMean.map((m, j) => {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (B.data[i * d + j] - m) ** 2;
      if (seen === 0) return ss / total;
      return (lastVar[j] * seen + ss + ((seen * n) / total) * (lastMean[j] - m) ** 2) / total;
    });
    // Rows to decompose: the old components scaled by S, the centred batch, the mean correction.
    const old = first ? 0 : this.components_.length;
    const rows = old + n + (first ? 0 : 1);
    const A = { rows, cols: d, data: new Float64Array(rows * d) };
    for (let c = 0; c < old; c++) for (let j = 0; j < d; j++) A.data[c * d + j] = this.singularValues_[c] * this.components_[c][j];
    const center = first ? mean : batchMean;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) A.data[(old + i) * d + j] = B.data[i * d + j] - center[j];
    if (!first) {
      const f = Math.sqrt((seen / total) * n);
      for (let j = 0; j < d; j++) A.data[(old + n) * d + j] = f * (lastMean[j] - batchMean[j]);
    }
    const { S, Vt } = thinSvd(A, false);
    const explained = Array.from(S, (s) => (s * s) / (total - 1));
    const totalSS = variance.reduce((a, v) => a + v * total, 0);
    this.nSamplesSeen_ = total;
    this.components_ = rowsOf(firstRows(Vt, k));
    this.singularValues_ = Array.from(S.slice(0, k));
    this.mean_ = mean;
    this.var_ = variance;
    this.explainedVariance_ = explained.slice(0, k);
    this.explainedVarianceRatio_ = Array.from(S.slice(0, k), (s) => (s * s) / totalSS);
    const rest = explained.slice(k);
    this.noiseVariance_ = k !== n && k !== d && rest.length > 0 ? rest.reduce((a, b) => a + b, 0) / rest.length : 0;
    this.nComponents_ = k;
    this.nFeaturesIn_ = d;
  }
}

function sliceRows(M: Matrix, r0: number, r1: number): Matrix {
  return { rows: r1 - r0, cols: M.cols, data: M.data.slice(r0 * M.cols, r1 * M.cols) };
}

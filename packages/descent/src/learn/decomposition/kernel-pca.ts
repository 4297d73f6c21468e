/**
 * KernelPCA (sklearn.decomposition.KernelPCA; Schölkopf, Smola & Müller, "Nonlinear
 * component analysis as a kernel eigenvalue problem", Neural Computation 10, 1998): PCA in
 * the feature space of a kernel, without ever forming the features. Centre the n × n kernel
 * matrix K (as if the features had mean zero), take its top eigenvectors α_k with
 * eigenvalues λ_k; the training projections are α_k·√λ_k, and a new point x projects to
 * Σ_i K̃(x, x_i)·α_ik/√λ_k.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type Matrix, type MatrixLike } from '../base/validation.js';
import { eighKernel } from '../../linalg/eigh-kernel.js';
import { kernelRow, type KernelName } from '../svm/kernels.js';
import { svdFlip } from './svd-utils.js';

export interface KernelPCAParams {
  /** Components to keep; null keeps every component with a positive eigenvalue. Default null. */
  nComponents: number | null;
  kernel: KernelName;
  /** For rbf, poly and sigmoid; null is 1/nFeatures. Default null. */
  gamma: number | null;
  degree: number;
  /** For poly and sigmoid. Default 1 (scikit-learn's KernelPCA default, unlike SVC's 0). */
  coef0: number;
  /** Drop components with zero eigenvalue even when nComponents is given. Default false. */
  removeZeroEig: boolean;
}

/**
 * Kernel principal component analysis (dense eigensolver).
 *
 * ```ts
 * const kpca = new KernelPCA({ nComponents: 2, kernel: 'rbf', gamma: 10 }).fit(X);
 * kpca.transform(X);   // (n, 2): for two concentric circles, the first component separates them
 * ```
 */
export class KernelPCA extends Transformer<KernelPCAParams> {
  static override readonly spec: EstimatorSpec<KernelPCAParams> = {
    name: 'KernelPCA',
    defaults: { nComponents: null, kernel: 'linear', gamma: null, degree: 3, coef0: 1, removeZeroEig: false },
    constraints: {
      nComponents: [C.integer({ min: 1 }), C.null],
      kernel: [C.options('linear', 'poly', 'rbf', 'sigmoid')],
      gamma: [C.number({ min: 0 }), C.null],
      degree: [C.integer({ min: 0 })],
      coef0: [C.number()],
      removeZeroEig: [C.boolean],
    },
  };

  /** Eigenvalues of the centred kernel matrix, descending. */
  declare eigenvalues_: number[];
  /** (n, nComponents): the eigenvectors as columns. */
  declare eigenvectors_: number[][];
  /** The training rows (needed to evaluate the kernel at new points). */
  declare XFit_: number[][];
  declare gamma_: number;
  /** Column means of the training kernel matrix, and their mean (the centring terms). */
  declare kFitRows_: number[];
  declare kFitAll_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const n = M.rows;
    const gamma = this.params.gamma ?? 1 / M.cols;
    const K = this.kernelMatrix(M, M, gamma);
    // Centre: K̃ = K − 1K/n − K1/n + 1K1/n², from the column means.
    const rowsMean = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rowsMean[j] += K[i * n + j] / n;
    const all = rowsMean.reduce((a, b) => a + b, 0) / n;
    const Kc = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      let rowSum = 0;
      for (let j = 0; j < n; j++) rowSum += K[i * n + j];
      for (let j = 0; j < n; j++) Kc[i * n + j] = K[i * n + j] - rowsMean[j] - rowSum / n + all;
    }
    const k = Math.min(n, this.params.nComponents ?? n);
    const { values, V } = eighKernel({ rows: n, cols: n, data: Kc });
    // The top k (eigh ascends), negative rounding noise set to zero, signs as svd_flip on the eigenvectors.
    const vecs = { rows: n, cols: k, data: new Float64Array(n * k) };
    const lambdas: number[] = [];
    // scikit-learn's _check_psd_eigenvalues: negative values, and positive ones below 1e-12 of
    // the largest, are rounding noise of zero eigenvalues.
    const top = Math.max(0, values[n - 1]);
    for (let c = 0; c < k; c++) {
      const src = n - k + c;
      lambdas.push(values[src] < 1e-12 * top ? 0 : values[src]);
      for (let i = 0; i < n; i++) vecs.data[i * k + c] = V.data[i * n + src];
    }
    svdFlip(vecs, { rows: k, cols: 0, data: new Float64Array(0) });
    let order = lambdas.map((_, c) => c).sort((a, b) => lambdas[b] - lambdas[a] || b - a);
    if (this.params.removeZeroEig || this.params.nComponents === null) order = order.filter((c) => lambdas[c] > 0);
    this.eigenvalues_ = order.map((c) => lambdas[c]);
    this.eigenvectors_ = Array.from({ length: n }, (_, i) => order.map((c) => vecs.data[i * k + c] + 0)); // + 0 turns −0 into 0 (JSON keeps no sign of zero)
    this.XFit_ = Array.from({ length: n }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
    this.gamma_ = gamma;
    this.kFitRows_ = rowsMean;
    this.kFitAll_ = all;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  private kernelMatrix(A: Matrix, B: Matrix, gamma: number): Float64Array {
    const out = new Float64Array(A.rows * B.rows);
    const row = new Float64Array(B.rows);
    for (let i = 0; i < A.rows; i++) {
      kernelRow(this.params.kernel, A.data, i, B.data, B.rows, A.cols, gamma, this.params.degree, this.params.coef0, row);
      out.set(row, i * B.rows);
    }
    return out;
  }

  /** Projections of new rows: the centred kernel against the training rows times α/√λ. */
  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const n = this.XFit_.length;
    const train = { rows: n, cols: this.nFeaturesIn_, data: Float64Array.from(this.XFit_.flat()) };
    const K = this.kernelMatrix(M, train, this.gamma_);
    const k = this.eigenvalues_.length;
    return Array.from({ length: M.rows }, (_, i) => {
      let rowMean = 0;
      for (let j = 0; j < n; j++) rowMean += K[i * n + j] / n;
      const z = new Array<number>(k).fill(0);
      for (let j = 0; j < n; j++) {
        const kc = K[i * n + j] - this.kFitRows_[j] - rowMean + this.kFitAll_;
        for (let c = 0; c < k; c++) if (this.eigenvalues_[c] > 0) z[c] += kc * this.eigenvectors_[j][c];
      }
      return z.map((v, c) => (this.eigenvalues_[c] > 0 ? v / Math.sqrt(this.eigenvalues_[c]) : 0));
    });
  }

  /** The training projections α_k·√λ_k (what scikit-learn's fit_transform returns). */
  override fitTransform(X: MatrixLike): number[][] {
    this.fit(X);
    return this.eigenvectors_.map((row) => row.map((v, c) => v * Math.sqrt(this.eigenvalues_[c])));
  }
}

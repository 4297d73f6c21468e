/** Linear discriminant analysis (sklearn.discriminant_analysis.LinearDiscriminantAnalysis). */
import { cholesky, eigh, inv, lstsq, svd } from '../../linalg/index.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier } from '../base/mixins.js';
import { fromRows, matmul, transpose as transposeMatrix } from '../../linalg/matrix.js';
import { checkXLabels, toRows, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { classesFromScores, linearDecision } from '../linear-model/base.js';
import { covariance, flipColumnSigns, withinClassCovariance, type Shrinkage } from './covariance.js';

export interface LinearDiscriminantAnalysisParams {
  /**
   * - 'svd' (default): never forms the covariance matrix; good with many features; no shrinkage.
   * - 'lsqr': solves Σ·w = μ_c by least squares; classification only (no `transform`).
   * - 'eigen': the generalized eigenproblem S_b·v = λ·S_w·v; classification and `transform`.
   */
  solver: 'svd' | 'lsqr' | 'eigen';
  /** 'lsqr'/'eigen' only: null (none), 'auto' (Ledoit–Wolf), or a fixed s in [0, 1]. */
  shrinkage: Shrinkage;
  /** Class priors; null uses the class frequencies. Renormalised if they do not sum to 1. */
  priors: number[] | null;
  /** Dimensions kept by `transform`, at most min(nClasses − 1, nFeatures); null keeps them all. */
  nComponents: number | null;
  /** 'svd' only: also compute `covariance_`. */
  storeCovariance: boolean;
  /** 'svd' only: singular values below this count as zero (rank detection). */
  tol: number;
}

type Mat = number[][];
// Fitted attributes are number[][]; their products run on the shared matrix core.
const matMul = (A: Mat, B: Mat): Mat => toRows(matmul(fromRows(A), fromRows(B)));
const transpose = (A: Mat): Mat => toRows(transposeMatrix(fromRows(A)));
const arr = (t: { toArray(): unknown }) => t.toArray() as Mat;

/**
 * Gaussian classes sharing one covariance Σ give linear decision boundaries:
 * δ_c(x) = xᵀΣ⁻¹μ_c − ½μ_cᵀΣ⁻¹μ_c + log π_c, and `predictProba` is the softmax of δ. The
 * same model gives a supervised projection (`transform`) onto the ≤ k − 1 directions
 * that best separate the class means relative to the within-class spread (Fisher 1936;
 * Hastie, Tibshirani & Friedman, *Elements of Statistical Learning*, §4.3).
 *
 * Coefficients, intercepts, means, explained variance ratios, predictions and
 * probabilities match scikit-learn. Projection directions (`scalings_`, `transform`) are
 * determined only up to the sign of each column; here each column's largest entry is
 * made positive, so they may differ from scikit-learn's by a sign per column.
 *
 * ```ts
 * const { data: X, target: y } = loadIris();
 * const lda = new LinearDiscriminantAnalysis({ nComponents: 2 }).fit(X, y);
 * lda.transform(X.slice(0, 2));       // (2, 2) coordinates in the discriminant plane
 * lda.explainedVarianceRatio_;        // [0.9912…, 0.0087…]
 * ```
 */
export class LinearDiscriminantAnalysis extends Classifier<LinearDiscriminantAnalysisParams> {
  static override readonly spec: EstimatorSpec<LinearDiscriminantAnalysisParams> = {
    name: 'LinearDiscriminantAnalysis',
    defaults: { solver: 'svd', shrinkage: null, priors: null, nComponents: null, storeCovariance: false, tol: 1e-4 },
    constraints: {
      solver: [C.options('svd', 'lsqr', 'eigen')],
      shrinkage: [C.null, C.options('auto'), C.number({ min: 0, max: 1 })],
      priors: [C.custom('an array of probabilities', (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))), C.null],
      nComponents: [C.integer({ min: 1 }), C.null],
      storeCovariance: [C.boolean],
      tol: [C.number({ min: 0 })],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** (nClasses, nFeatures), or (1, nFeatures) for two classes. */
  declare coef_: number[][];
  /** (nClasses,), or (1,) for two classes. */
  declare intercept_: number[];
  /** (nClasses, nFeatures) class means. */
  declare means_: number[][];
  declare priors_: number[];
  /** (nFeatures, nFeatures) within-class covariance Σ_c π_c Σ_c ('lsqr', 'eigen', or storeCovariance). */
  declare covariance_: number[][];
  /** Share of the between-class variance along each kept direction ('svd', 'eigen'). */
  declare explainedVarianceRatio_: number[];
  /** (nFeatures, rank) projection directions ('svd', 'eigen'). */
  declare scalings_: number[][];
  /** Overall mean Σ_c π_c μ_c ('svd'). */
  declare xbar_: number[];
  /** Dimensions `transform` returns. */
  declare nComponents_: number;

  override supports(method: string): boolean {
    if (method === 'transform') return this.params.solver !== 'lsqr';
    return super.supports(method);
  }

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName, minSamples: 2 });
    const { solver, shrinkage, nComponents } = this.params;
    const classes = uniqueLabels(labels);
    const k = classes.length;
    const rows = toRows(M);
    const n = M.rows;
    const d = M.cols;
    if (k < 2) throw new Error(`LinearDiscriminantAnalysis: the number of classes has to be greater than one; got ${k} class.`);
    if (n === k) throw new Error('LinearDiscriminantAnalysis: the number of samples must be more than the number of classes.');
    if (solver === 'svd' && shrinkage !== null) throw new Error("LinearDiscriminantAnalysis: shrinkage is not supported with the 'svd' solver; use solver 'lsqr' or 'eigen'.");
    const groups = classes.map((c) => rows.filter((_, i) => labels[i] === c));
    let priors = this.params.priors ? [...this.params.priors] : groups.map((g) => g.length / n);
    if (priors.length !== k) throw new Error(`LinearDiscriminantAnalysis: ${priors.length} priors given for ${k} classes.`);
    if (priors.some((p) => p < 0)) throw new Error('LinearDiscriminantAnalysis: priors must be non-negative.');
    const sum = priors.reduce((s, p) => s + p, 0);
    if (Math.abs(sum - 1) > 1e-5) priors = priors.map((p) => p / sum); // scikit-learn warns and renormalises
    const maxComponents = Math.min(k - 1, d);
    if (nComponents !== null && nComponents > maxComponents) {
      throw new Error(`LinearDiscriminantAnalysis: nComponents=${nComponents} cannot be larger than min(nFeatures, nClasses - 1) = ${maxComponents}.`);
    }
    this.classes_ = classes;
    this.priors_ = priors;
    this.nFeaturesIn_ = d;
    this.nComponents_ = nComponents ?? maxComponents;
    this.means_ = groups.map((g) => g[0].map((_, j) => g.reduce((s, r) => s + r[j], 0) / g.length));
    let coef: Mat;
    let intercept: number[];
    if (solver === 'svd') [coef, intercept] = this.solveSvd(groups, n);
    else {
      this.covariance_ = withinClassCovariance(groups, priors, shrinkage);
      coef = solver === 'lsqr' ? transpose(arr(lstsq(this.covariance_, transpose(this.means_)).solution)) : this.solveEigen(rows, shrinkage);
      intercept = this.means_.map((m, c) => -0.5 * m.reduce((s, v, j) => s + v * coef[c][j], 0) + Math.log(priors[c]));
    }
    if (k === 2) {
      // Two classes: one discriminant, class 1 minus class 0 (positive favours classes_[1]).
      this.coef_ = [coef[1].map((v, j) => v - coef[0][j])];
      this.intercept_ = [intercept[1] - intercept[0]];
    } else {
      this.coef_ = coef;
      this.intercept_ = intercept;
    }
    return this;
  }

  /**
   * scikit-learn's `_solve_svd`: whiten the within-class data by its SVD (never forming
   * Σ), then take the SVD of the whitened, prior-weighted class means. Returns (coef, intercept).
   */
  private solveSvd(groups: Mat[], n: number): [Mat, number[]] {
    const k = groups.length;
    const d = this.nFeaturesIn_;
    const priors = this.priors_;
    if (this.params.storeCovariance) this.covariance_ = withinClassCovariance(groups, priors, null);
    const Xc = groups.flatMap((g, c) => g.map((r) => r.map((v, j) => v - this.means_[c][j]))); // (n, d)
    const xbar = Array.from({ length: d }, (_, j) => priors.reduce((s, p, c) => s + p * this.means_[c][j], 0));
    const std = Array.from({ length: d }, (_, j) => {
      const m = Xc.reduce((s, r) => s + r[j], 0) / n;
      const sd = Math.sqrt(Xc.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n);
      return sd === 0 ? 1 : sd;
    });
    const fac = 1 / (n - k);
    const first = svd(Xc.map((r) => r.map((v, j) => (Math.sqrt(fac) * v) / std[j])));
    const S = Array.from(first.S.toTypedArray() as Float64Array);
    const Vt = arr(first.Vt);
    const rank = S.filter((s) => s > this.params.tol).length;
    if (rank === 0) {
      throw new Error('LinearDiscriminantAnalysis: every feature is constant within each class (the within-class scatter is zero), so the svd solver ' +
        "has no direction to whiten and the classes' spread is undefined. Check X for constant or duplicated features, or use solver 'lsqr' with shrinkage 'auto'.");
    }
    const scalings = Array.from({ length: d }, (_, j) => Array.from({ length: rank }, (_, r) => Vt[r][j] / std[j] / S[r])); // (d, rank)
    const fac2 = k === 1 ? 1 : 1 / (k - 1);
    const centred = this.means_.map((m, c) => m.map((v, j) => Math.sqrt(n * priors[c] * fac2) * (v - xbar[j]))); // (k, d)
    const second = svd(matMul(centred, scalings)); // (k, rank)
    const S2 = Array.from(second.S.toTypedArray() as Float64Array);
    const total = S2.reduce((s, v) => s + v * v, 0);
    this.explainedVarianceRatio_ = S2.map((v) => (v * v) / total).slice(0, this.nComponents_);
    const rank2 = S2.filter((s) => s > this.params.tol * S2[0]).length;
    const V2 = transpose(arr(second.Vt)).map((r) => r.slice(0, rank2)); // (rank, rank2)
    this.scalings_ = flipColumnSigns(matMul(scalings, V2)); // (d, rank2)
    this.xbar_ = xbar;
    const proj = matMul(this.means_.map((m) => m.map((v, j) => v - xbar[j])), this.scalings_); // (k, rank2)
    const coef = matMul(proj, transpose(this.scalings_)); // (k, d)
    const intercept = proj.map((p, c) => -0.5 * p.reduce((s, v) => s + v * v, 0) + Math.log(priors[c]) - xbar.reduce((s, v, j) => s + v * coef[c][j], 0));
    return [coef, intercept];
  }

  /**
   * scikit-learn's `_solve_eigen`: S_b·v = λ·S_w·v with S_b = S_t − S_w, solved through the
   * Cholesky factor S_w = L·Lᵀ as the symmetric problem (L⁻¹S_bL⁻ᵀ)·u = λ·u, v = L⁻ᵀu, so
   * VᵀS_wV = I (scipy.linalg.eigh(a, b)'s normalisation). Returns coef = M·V·Vᵀ (= M·S_w⁻¹).
   */
  private solveEigen(rows: Mat, shrinkage: Shrinkage): Mat {
    const Sw = this.covariance_;
    const St = covariance(rows, shrinkage);
    const Sb = St.map((r, a) => r.map((v, b) => v - Sw[a][b]));
    let Linv: Mat;
    try {
      Linv = arr(inv(arr(cholesky(Sw))));
    } catch {
      throw new Error('LinearDiscriminantAnalysis: the within-class covariance is singular, so the eigen solver cannot run. Use shrinkage (e.g. \'auto\') or the svd solver.');
    }
    const Cm = matMul(matMul(Linv, Sb), transpose(Linv));
    const sym = Cm.map((r, a) => r.map((v, b) => (v + Cm[b][a]) / 2));
    const { eigenvalues, eigenvectors } = eigh(sym);
    const evals = Array.from(eigenvalues.toTypedArray() as Float64Array);
    const V = matMul(transpose(Linv), arr(eigenvectors)); // (d, d), columns ascending
    const order = evals.map((_, i) => i).sort((a, b) => evals[b] - evals[a]);
    const total = evals.reduce((s, v) => s + v, 0);
    this.explainedVarianceRatio_ = order.map((i) => evals[i] / total).slice(0, this.nComponents_);
    this.scalings_ = flipColumnSigns(V.map((r) => order.map((i) => r[i])));
    return matMul(matMul(this.means_, this.scalings_), transpose(this.scalings_));
  }

  /** δ(x) = x·coefᵀ + intercept: (n, nClasses), or (n,) for two classes. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    return linearDecision(this.checkPredictInput(X), this.coef_, this.intercept_);
  }

  predict(X: MatrixLike): Label[] {
    return classesFromScores(this.decisionFunction(X), this.classes_);
  }

  /** Softmax of the decision function (the logistic of it for two classes). */
  predictProba(X: MatrixLike): number[][] {
    const dec = this.decisionFunction(X);
    if (this.classes_.length === 2) {
      return (dec as number[]).map((s) => {
        const p = 1 / (1 + Math.exp(-s));
        return [1 - p, p];
      });
    }
    return (dec as number[][]).map((row) => {
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const z = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / z);
    });
  }

  /** log of `predictProba`; zeros become the smallest normal float first, as in scikit-learn. */
  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map((p) => Math.log(p === 0 ? 2.2250738585072014e-308 : p)));
  }

  /** Projects X onto the discriminant directions: (n, nComponents_). Not available with 'lsqr'. */
  transform(X: MatrixLike): number[][] {
    if (this.params.solver === 'lsqr') throw new Error("LinearDiscriminantAnalysis: transform is not implemented for the 'lsqr' solver; use 'svd' or 'eigen'.");
    const rows = toRows(this.checkPredictInput(X));
    const shift = this.params.solver === 'svd' ? this.xbar_ : null;
    return rows.map((r) => {
      const x = shift ? r.map((v, j) => v - shift[j]) : r;
      return Array.from({ length: Math.min(this.nComponents_, this.scalings_[0].length) }, (_, c) => x.reduce((s, v, j) => s + v * this.scalings_[j][c], 0));
    });
  }

  fitTransform(X: MatrixLike, y: LabelsLike): number[][] {
    return this.fit(X, y).transform(X);
  }
}

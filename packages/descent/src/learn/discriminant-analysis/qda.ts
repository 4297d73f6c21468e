/** Quadratic discriminant analysis (sklearn.discriminant_analysis.QuadraticDiscriminantAnalysis). */
import { fromData, fromRows, matmul } from '../../linalg/matrix.js';
import { svd } from '../../linalg/index.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier } from '../base/mixins.js';
import { checkXLabels, toRows, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { flipColumnSigns } from './covariance.js';

export interface QuadraticDiscriminantAnalysisParams {
  /** Class priors; null uses the class frequencies. */
  priors: number[] | null;
  /** Shrinks each class covariance towards the identity: (1 − r)·Σ_c + r·I, r in [0, 1]. Default 0. */
  regParam: number;
  /** Also keep the class covariances in `covariance_`. */
  storeCovariance: boolean;
  /** Singular values below this mark collinear features (the fit still runs, as in scikit-learn). */
  tol: number;
}

/**
 * Gaussian classes, each with its own covariance Σ_c, give quadratic boundaries:
 *
 *   δ_c(x) = −½ (x − μ_c)ᵀ Σ_c⁻¹ (x − μ_c) − ½ log|Σ_c| + log π_c
 *
 * Each Σ_c is kept as its eigen-decomposition from the SVD of the centred class data,
 * Σ_c = R_c · diag(s_c) · R_cᵀ (`rotations_`, `scalings_`), so the quadratic form is a
 * squared norm: ‖(x − μ_c)·R_c·diag(s_c)^(−½)‖². Means, scalings, predictions and
 * probabilities match scikit-learn; the columns of `rotations_` are eigenvectors, fixed
 * here up to sign by making each column's largest entry positive.
 *
 * ```ts
 * const { data: X, target: y } = loadIris();
 * const qda = new QuadraticDiscriminantAnalysis({ regParam: 0.1 }).fit(X, y);
 * qda.predictProba(X.slice(0, 1)); // [[1 − 1.5e-10, 1.5e-10, 7.4e-18]]: surely setosa
 * ```
 */
export class QuadraticDiscriminantAnalysis extends Classifier<QuadraticDiscriminantAnalysisParams> {
  static override readonly spec: EstimatorSpec<QuadraticDiscriminantAnalysisParams> = {
    name: 'QuadraticDiscriminantAnalysis',
    defaults: { priors: null, regParam: 0, storeCovariance: false, tol: 1e-4 },
    constraints: {
      priors: [C.custom('an array of probabilities', (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))), C.null],
      regParam: [C.number({ min: 0, max: 1 })],
      storeCovariance: [C.boolean],
      tol: [C.number({ min: 0 })],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** (nClasses, nFeatures) */
  declare means_: number[][];
  declare priors_: number[];
  /** Per class, (nFeatures, r) eigenvectors of Σ_c (r = min(n_c, nFeatures)). */
  declare rotations_: number[][][];
  /** Per class, the r eigenvalues of Σ_c (regularised). */
  declare scalings_: number[][];
  /** Per class, (nFeatures, nFeatures) covariance (with storeCovariance). */
  declare covariance_: number[][][];

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    const k = classes.length;
    if (k < 2) throw new Error(`QuadraticDiscriminantAnalysis: the number of classes has to be greater than one; got ${k} class.`);
    const rows = toRows(M);
    const { regParam, priors } = this.params;
    if (priors && priors.length !== k) throw new Error(`QuadraticDiscriminantAnalysis: ${priors.length} priors given for ${k} classes.`);
    this.classes_ = classes;
    this.nFeaturesIn_ = M.cols;
    this.priors_ = priors ? [...priors] : classes.map((c) => labels.filter((l) => l === c).length / M.rows);
    this.means_ = [];
    this.rotations_ = [];
    this.scalings_ = [];
    if (this.params.storeCovariance) this.covariance_ = [];
    for (const c of classes) {
      const Xg = rows.filter((_, i) => labels[i] === c);
      if (Xg.length === 1) throw new Error(`QuadraticDiscriminantAnalysis: y has only 1 sample in class ${JSON.stringify(c)}, so its covariance is ill defined. Every class needs at least 2 samples.`);
      const mean = Xg[0].map((_, j) => Xg.reduce((s, r) => s + r[j], 0) / Xg.length);
      // Σ_c = Vᵀ·diag(S²/(n_c − 1))·V from the SVD of the centred class data.
      const { S, Vt } = svd(Xg.map((r) => r.map((v, j) => v - mean[j])));
      const s2 = Array.from(S.toTypedArray() as Float64Array, (s) => (1 - regParam) * ((s * s) / (Xg.length - 1)) + regParam);
      // scikit-learn warns "Variables are collinear" and goes on; with regParam = 0 an exactly
      // singular class covariance then gives log 0 and 0/0, so every label came out undefined.
      if (regParam === 0 && s2.length > 0 && (s2.length < M.cols || Math.min(...s2) <= 1e-12 * Math.max(...s2))) {
        throw new Error(`QuadraticDiscriminantAnalysis: the features are collinear within class ${JSON.stringify(c)} (its covariance is singular: ` +
          `${Xg.length} samples, ${M.cols} features), so its Gaussian density is undefined. Set regParam > 0 (e.g. 0.01, which shrinks each ` +
          'class covariance toward the identity), or drop redundant features.');
      }
      const Vtm = Vt.toArray() as number[][];
      const R = flipColumnSigns(Vtm[0].map((_, j) => Vtm.map((row) => row[j]))); // (d, r)
      this.means_.push(mean);
      this.scalings_.push(s2);
      this.rotations_.push(R);
      if (this.params.storeCovariance) this.covariance_.push(R.map((ra) => R.map((rb) => ra.reduce((s, v, t) => s + v * s2[t] * rb[t], 0))));
    }
    return this;
  }

  /** δ_c(x) for each row and class: (n, nClasses). Per class, one product (X − μ_c)·R_c on the shared matmul kernels. */
  private jointLogLikelihood(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const { rows: n, cols: d } = M;
    const out = Array.from({ length: n }, () => new Array<number>(this.classes_.length));
    this.classes_.forEach((_, c) => {
      const s = this.scalings_[c];
      const mean = this.means_[c];
      const logDet = s.reduce((t, v) => t + Math.log(v), 0);
      const logPrior = Math.log(this.priors_[c]);
      const Xc = fromData(M.data.map((v, i) => v - mean[i % d]), n, d);
      const Z = matmul(Xc, fromRows(this.rotations_[c])); // (n, d)·(d, r) -> (n, r)
      const r = s.length;
      for (let i = 0; i < n; i++) {
        let norm2 = 0;
        for (let t = 0; t < r; t++) {
          const z = Z.data[i * r + t];
          norm2 += (z * z) / s[t];
        }
        out[i][c] = -0.5 * (norm2 + logDet) + logPrior;
      }
    });
    return out;
  }

  /** δ_c(x): (n, nClasses), or δ₁ − δ₀ (n,) for two classes. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const d = this.jointLogLikelihood(X);
    return this.classes_.length === 2 ? d.map((r) => r[1] - r[0]) : d;
  }

  predict(X: MatrixLike): Label[] {
    return this.jointLogLikelihood(X).map((r) => this.classes_[r.indexOf(Math.max(...r))]);
  }

  /** exp(δ_c) normalised over the classes (shifted by the row maximum first). */
  predictProba(X: MatrixLike): number[][] {
    return this.jointLogLikelihood(X).map((r) => {
      const m = Math.max(...r);
      const e = r.map((v) => Math.exp(v - m));
      const z = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / z);
    });
  }

  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }
}

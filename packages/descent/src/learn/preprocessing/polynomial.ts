/** PolynomialFeatures: every monomial of the features up to a degree. */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';

export interface PolynomialFeaturesParams {
  /** Highest total degree. Default 2. */
  degree: number;
  /** Only products of distinct features (x₀x₁, not x₀²). Default false. */
  interactionOnly: boolean;
  /** Include the constant column 1 (degree 0). Default true. */
  includeBias: boolean;
}

/** Index combinations of size d in non-decreasing order (with replacement) or strictly increasing. */
function combinations(n: number, d: number, withReplacement: boolean): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (acc.length === d) return void out.push([...acc]);
    for (let i = start; i < n; i++) rec(withReplacement ? i : i + 1, [...acc, i]);
  };
  rec(0, []);
  return out;
}

/** C(n, k) as a float (exact while it stays below 2⁵³; only compared against a limit here). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/**
 * The most exponents `powers_` (output columns × input features) may hold. scikit-learn builds
 * any size; here 1,000 features to degree 2 (501,501 columns, 5·10⁸ exponents, gigabytes as
 * arrays) is refused with a message instead of running the process out of memory.
 */
export const MAX_POWERS_ENTRIES = 20_000_000;

/**
 * Maps [a, b] to [1, a, b, a², ab, b²] (degree 2), in scikit-learn's column order: by
 * degree, then lexicographically by feature index.
 *
 * ```ts
 * new PolynomialFeatures().fitTransform([[2, 3]]); // [[1, 2, 3, 4, 6, 9]]
 * ```
 */
export class PolynomialFeatures extends Transformer<PolynomialFeaturesParams> {
  static override readonly spec: EstimatorSpec<PolynomialFeaturesParams> = {
    name: 'PolynomialFeatures',
    defaults: { degree: 2, interactionOnly: false, includeBias: true },
    constraints: { degree: [C.integer({ min: 0 })], interactionOnly: [C.boolean], includeBias: [C.boolean] },
  };

  /** powers_[k][j]: exponent of input feature j in output column k. */
  declare powers_: number[][];
  declare nOutputFeatures_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const { degree, interactionOnly, includeBias } = this.params;
    if (degree === 0 && !includeBias) throw new Error('PolynomialFeatures: with degree 0, includeBias=false would produce no features.');
    let nOut = 0;
    for (let d = includeBias ? 0 : 1; d <= degree; d++) nOut += interactionOnly ? binomial(M.cols, d) : binomial(M.cols + d - 1, d);
    if (nOut * M.cols > MAX_POWERS_ENTRIES) {
      throw new Error(`PolynomialFeatures: ${M.cols} features to degree ${degree} give ${nOut.toLocaleString('en-US')} output features, so powers_ alone ` +
        `would hold ${(nOut * M.cols).toLocaleString('en-US')} exponents (the limit is ${MAX_POWERS_ENTRIES.toLocaleString('en-US')}) and each transformed row ` +
        `${nOut.toLocaleString('en-US')} values. Reduce the features first (feature selection or PCA), lower the degree, or set interactionOnly.`);
    }
    const powers: number[][] = [];
    for (let d = includeBias ? 0 : 1; d <= degree; d++) {
      for (const combo of combinations(M.cols, d, !interactionOnly)) {
        const p = new Array<number>(M.cols).fill(0);
        for (const j of combo) p[j]++;
        powers.push(p);
      }
    }
    this.powers_ = powers;
    this.nOutputFeatures_ = powers.length;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    return Array.from({ length: M.rows }, (_, i) => this.powers_.map((p) => {
      let v = 1;
      for (let j = 0; j < M.cols; j++) for (let e = 0; e < p[j]; e++) v *= M.data[i * M.cols + j];
      return v;
    }));
  }

  /** Output column names: "1", "x0", "x0^2", "x0 x1", ... (or with the given input names). */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    const names = inputFeatures ?? Array.from({ length: this.nFeaturesIn_ }, (_, j) => `x${j}`);
    return this.powers_.map((p) => {
      const parts = p.flatMap((e, j) => (e === 0 ? [] : [e === 1 ? names[j] : `${names[j]}^${e}`]));
      return parts.length === 0 ? '1' : parts.join(' ');
    });
  }
}

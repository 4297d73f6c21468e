/**
 * Cold start: a new item has no ratings, so collaborative filtering has no factors for it.
 * A hybrid fixes that by learning a map from the item's content (genre, tags, text
 * features) to the latent factors the model learned for the known items, then placing
 * new items by their content alone (the idea of Gantner et al. 2010, "Learning
 * Attribute-to-Feature Mappings for Cold-Start Recommendations", with a ridge map).
 */
import { solveSpd } from './base.js';
import { checkParam, notFitted } from './interactions.js';

/**
 * Ridge regression from content features (n, d) to factors (n, f):
 * W = (FᵀF + αI)⁻¹FᵀQ, with an unpenalized intercept (features are centred first).
 *
 * @example
 * ```ts
 * import { ALS, ContentToFactors } from 'descent/recommend';
 * const als = new ALS({ factors: 8 }).fit(train);
 * const map = new ContentToFactors({ alpha: 1 }).fit(itemFeatures, als.itemFactors_, 8);
 * const qNew = map.transform([[1, 0, 1]]);   // factors of a brand-new item
 * ```
 */
export class ContentToFactors {
  readonly params: { alpha: number };
  /** Weights (d, f), row-major. */
  coef_?: Float64Array;
  /** Intercept (f). */
  intercept_?: Float64Array;
  featureMeans_?: Float64Array;
  nFeatures_ = 0;
  nFactors_ = 0;

  constructor(params: { alpha?: number } = {}) {
    this.params = { alpha: 1, ...params };
  }

  fit(features: readonly (readonly number[])[], factors: ArrayLike<number>, f: number): this {
    const { alpha } = this.params;
    checkParam('ContentToFactors', 'alpha', alpha, Number.isFinite(alpha) && alpha > 0, 'a number > 0');
    const n = features.length;
    const d = features[0]?.length ?? 0;
    if (n === 0 || d === 0) throw new RangeError('ContentToFactors.fit: features must be a non-empty (nItems, nFeatures) array');
    if (!Number.isInteger(f) || f < 1 || factors.length !== n * f) {
      throw new RangeError(`ContentToFactors.fit: factors must hold nItems × f = ${n} × ${f} numbers; got ${factors.length}`);
    }
    const mean = new Float64Array(d);
    const fmean = new Float64Array(f);
    for (let r = 0; r < n; r++) {
      if (features[r].length !== d) throw new RangeError(`ContentToFactors.fit: row ${r} has ${features[r].length} features, row 0 has ${d}`);
      for (let a = 0; a < d; a++) {
        if (!Number.isFinite(features[r][a])) throw new RangeError(`ContentToFactors.fit: features[${r}][${a}] is not finite`);
        mean[a] += features[r][a] / n;
      }
      for (let c = 0; c < f; c++) fmean[c] += factors[r * f + c] / n;
    }
    const A = new Float64Array(d * d);
    const B = new Float64Array(d * f);
    for (let r = 0; r < n; r++) {
      for (let a = 0; a < d; a++) {
        const xa = features[r][a] - mean[a];
        for (let b = 0; b < d; b++) A[a * d + b] += xa * (features[r][b] - mean[b]);
        for (let c = 0; c < f; c++) B[a * f + c] += xa * (factors[r * f + c] - fmean[c]);
      }
    }
    for (let a = 0; a < d; a++) A[a * d + a] += alpha;
    const W = new Float64Array(d * f);
    const rhs = new Float64Array(d);
    const x = new Float64Array(d);
    for (let c = 0; c < f; c++) {
      for (let a = 0; a < d; a++) rhs[a] = B[a * f + c];
      solveSpd(A, rhs, d, x);
      for (let a = 0; a < d; a++) W[a * f + c] = x[a];
    }
    const b0 = Float64Array.from(fmean);
    for (let a = 0; a < d; a++) for (let c = 0; c < f; c++) b0[c] -= mean[a] * W[a * f + c];
    Object.assign(this, { coef_: W, intercept_: b0, featureMeans_: mean, nFeatures_: d, nFactors_: f });
    return this;
  }

  /** Predicted factors (rows, f), row-major, for items given by their features. */
  transform(features: readonly (readonly number[])[]): Float64Array {
    const W = this.coef_ ?? notFitted('ContentToFactors');
    const b0 = this.intercept_ as Float64Array;
    const d = this.nFeatures_;
    const f = this.nFactors_;
    const out = new Float64Array(features.length * f);
    features.forEach((row, r) => {
      if (row.length !== d) throw new RangeError(`ContentToFactors.transform: row ${r} has ${row.length} features; the map was fitted on ${d}`);
      for (let c = 0; c < f; c++) {
        let s = b0[c];
        for (let a = 0; a < d; a++) s += row[a] * W[a * f + c];
        out[r * f + c] = s;
      }
    });
    return out;
  }
}

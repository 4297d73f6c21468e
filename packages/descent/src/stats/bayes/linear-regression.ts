/**
 * Conjugate Bayesian linear regression with a Normal–inverse-gamma prior (Gelman et al.,
 * BDA3 §14.2 and §14.8; Murphy, Machine Learning: A Probabilistic Perspective, §7.6.3):
 *
 *   β | σ² ~ N(m₀, σ² V₀),  σ² ~ InvGamma(a₀, b₀),  y | X, β, σ² ~ N(Xβ, σ² I)
 *
 * gives the posterior Vₙ = (V₀⁻¹ + XᵀX)⁻¹, mₙ = Vₙ(V₀⁻¹m₀ + Xᵀy), aₙ = a₀ + n/2,
 * bₙ = b₀ + ½(yᵀy + m₀ᵀV₀⁻¹m₀ − mₙᵀVₙ⁻¹mₙ), and the posterior predictive at x* is Student t
 * with 2aₙ degrees of freedom, centre x*ᵀmₙ and scale² (bₙ/aₙ)(1 + x*ᵀVₙx*).
 * X is used as given: add a column of ones for an intercept.
 */
import { inv } from '../../linalg/solve.js';
import { t as studentT } from '../distributions/student-t.js';

export interface BayesianLinearRegressionPrior {
  /** Prior mean of β (default 0). */
  priorMean?: number[];
  /** Prior precision λ with V₀ = I/λ (default 1e-6, nearly flat). */
  priorPrecision?: number;
  a0?: number;
  b0?: number;
}

export interface BayesianLinearRegressionPosterior {
  /** Posterior mean mₙ and the matrix Vₙ (Cov(β | y) = σ² Vₙ). */
  mean: number[];
  V: number[][];
  aN: number;
  bN: number;
  /** E[σ² | y] = bₙ/(aₙ − 1). */
  sigma2Mean: number;
  /** Posterior predictive mean and central interval (default 95%) at each row of X. */
  predict(X: number[][], options?: { probability?: number }): { mean: number[]; lower: number[]; upper: number[] };
}

/**
 * ```ts
 * const post = bayesianLinearRegression([[1, 0], [1, 1], [1, 2], [1, 3]], [1.1, 2.9, 5.2, 6.8]);
 * post.mean;                          // ≈ least squares [1.07, 1.93]
 * post.predict([[1, 4]]).upper;       // upper end of the 95% predictive interval
 * ```
 */
export function bayesianLinearRegression(X: number[][], y: number[], prior: BayesianLinearRegressionPrior = {}): BayesianLinearRegressionPosterior {
  const n = X.length;
  if (n === 0 || y.length !== n) throw new RangeError(`bayesianLinearRegression: X has ${n} rows but y has ${y.length} values`);
  const p = X[0].length;
  X.forEach((r, i) => {
    if (r.length !== p) throw new RangeError(`bayesianLinearRegression: row ${i} of X has ${r.length} columns, row 0 has ${p}`);
  });
  const { priorPrecision = 1e-6, a0 = 1e-6, b0 = 1e-6 } = prior;
  const m0 = prior.priorMean ?? new Array<number>(p).fill(0);
  if (m0.length !== p) throw new RangeError(`bayesianLinearRegression: priorMean has ${m0.length} entries for ${p} columns`);
  if (!(priorPrecision > 0 && a0 > 0 && b0 > 0)) throw new RangeError('bayesianLinearRegression: priorPrecision, a0 and b0 must be > 0');
  // precision matrix Λₙ = λI + XᵀX and the vector λm₀ + Xᵀy
  const prec = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? priorPrecision : 0)));
  const rhs = m0.map((v) => priorPrecision * v);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) {
      rhs[i] += X[r][i] * y[r];
      for (let j = 0; j < p; j++) prec[i][j] += X[r][i] * X[r][j];
    }
  }
  const V = inv(prec).toArray() as number[][];
  const mean = V.map((row) => row.reduce((s, v, j) => s + v * rhs[j], 0));
  const aN = a0 + n / 2;
  const yy = y.reduce((s, v) => s + v * v, 0);
  const m0Pm0 = priorPrecision * m0.reduce((s, v) => s + v * v, 0);
  const mPm = mean.reduce((s, mi, i) => s + mi * prec[i].reduce((acc, v, j) => acc + v * mean[j], 0), 0);
  const bN = b0 + 0.5 * (yy + m0Pm0 - mPm);
  return {
    mean,
    V,
    aN,
    bN,
    sigma2Mean: aN > 1 ? bN / (aN - 1) : Infinity,
    predict(Xnew, options = {}) {
      const { probability = 0.95 } = options;
      const q = studentT.ppf((1 + probability) / 2, 2 * aN);
      const out = { mean: [] as number[], lower: [] as number[], upper: [] as number[] };
      for (const x of Xnew) {
        if (x.length !== p) throw new RangeError(`predict: a row has ${x.length} columns, expected ${p}`);
        const mu = x.reduce((s, v, i) => s + v * mean[i], 0);
        const xVx = x.reduce((s, xi, i) => s + xi * V[i].reduce((acc, v, j) => acc + v * x[j], 0), 0);
        const scale = Math.sqrt((bN / aN) * (1 + xVx));
        out.mean.push(mu);
        out.lower.push(mu - q * scale);
        out.upper.push(mu + q * scale);
      }
      return out;
    },
  };
}

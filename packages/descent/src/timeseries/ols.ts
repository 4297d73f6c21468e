/**
 * Ordinary least squares with the summaries the unit-root tests need (coefficients,
 * t-values, residuals, log-likelihood, AIC/BIC as statsmodels' OLS defines them), on the
 * linalg module's Householder QR: X = QR, β = R⁻¹Qᵀy, Cov(β) = σ̂²(RᵀR)⁻¹.
 */
import { qrKernel } from '../linalg/qr-kernel.js';
import type { Matrix } from '../linalg/matrix.js';

export interface OlsFit {
  params: Float64Array;
  tvalues: Float64Array;
  resid: Float64Array;
  ssr: number;
  nobs: number;
  llf: number;
  aic: number;
  bic: number;
}

/** Fits y ≈ Xβ for X given as rows (n × k, n > k, full column rank). */
export function ols(rows: readonly ArrayLike<number>[], y: ArrayLike<number>): OlsFit {
  const n = rows.length;
  const k = rows[0].length;
  const X: Matrix = { rows: n, cols: k, data: new Float64Array(n * k) };
  rows.forEach((r, i) => {
    for (let j = 0; j < k; j++) X.data[i * k + j] = r[j];
  });
  const { Q, R } = qrKernel(X, 'reduced');
  // Qᵀy, then back substitution R β = Qᵀy
  const qty = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Q.data[i * k + j] * y[i];
    qty[j] = s;
  }
  const params = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    let s = qty[j];
    for (let l = j + 1; l < k; l++) s -= R.data[j * k + l] * params[l];
    params[j] = s / R.data[j * k + j];
  }
  const resid = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += X.data[i * k + j] * params[j];
    resid[i] = y[i] - f;
    ssr += resid[i] ** 2;
  }
  // (RᵀR)⁻¹ = R⁻¹R⁻ᵀ: its diagonal is the squared row norms of R⁻¹
  const Rinv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    Rinv[j * k + j] = 1 / R.data[j * k + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let l = i + 1; l <= j; l++) s += R.data[i * k + l] * Rinv[l * k + j];
      Rinv[i * k + j] = -s / R.data[i * k + i];
    }
  }
  const sigma2 = ssr / (n - k);
  const tvalues = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let d = 0;
    for (let j = i; j < k; j++) d += Rinv[i * k + j] ** 2;
    tvalues[i] = params[i] / Math.sqrt(sigma2 * d);
  }
  const llf = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1);
  return { params, tvalues, resid, ssr, nobs: n, llf, aic: -2 * llf + 2 * k, bic: -2 * llf + Math.log(n) * k };
}

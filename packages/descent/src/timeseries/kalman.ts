/**
 * The Kalman filter for a univariate state-space model without observation noise,
 *   y_t = c + Z·s_t,   s_{t+1} = T·s_t + R·ε_{t+1},   ε ~ N(0, σ²),
 * the form ARIMA models take (Harvey, Forecasting, Structural Time Series Models and the
 * Kalman Filter, 1989, §3.3; Durbin & Koopman, Time Series Analysis by State Space
 * Methods, 2nd ed., §4.3). Matrices are small (m ≤ d + max(p, q + 1)), so plain loops.
 */
import { luFactor, luSolve } from '../linalg/lu.js';
import type { Matrix } from '../linalg/matrix.js';

export interface StateSpace {
  m: number;
  /** Z (m), T (m×m row-major), R (m), σ², observation constant c. */
  Z: Float64Array;
  T: Float64Array;
  R: Float64Array;
  sigma2: number;
  c: number;
  /** Initial state mean (m) and covariance (m×m). */
  a0: Float64Array;
  P0: Float64Array;
  /** Observations whose likelihood terms are skipped (diffuse states being absorbed). */
  burn: number;
}

export interface FilterResult {
  llf: number;
  /** One-step prediction errors and their variances. */
  v: Float64Array;
  F: Float64Array;
  /** Predicted state and covariance for the period after the last observation. */
  aNext: Float64Array;
  PNext: Float64Array;
}

/** For each row of T (m×m), the columns of its non-zeros: SARIMA transitions are sparse. */
export function sparseRows(T: Float64Array, m: number): Int32Array[] {
  const rows: Int32Array[] = [];
  for (let i = 0; i < m; i++) {
    const cols: number[] = [];
    for (let k = 0; k < m; k++) if (T[i * m + k] !== 0) cols.push(k);
    rows.push(Int32Array.from(cols));
  }
  return rows;
}

/**
 * P ← T P Tᵀ + σ² R Rᵀ, touching only T's non-zeros (`rows` from `sparseRows`): O(m²·nnz)
 * instead of O(m³), which is what makes a 27-state seasonal model cheap. Writes into `out`
 * (with `TP` as scratch) when given, so the filter loop allocates nothing.
 */
export function predictCov(
  ss: StateSpace,
  P: Float64Array,
  rows: Int32Array[] = sparseRows(ss.T, ss.m),
  TP: Float64Array = new Float64Array(ss.m * ss.m),
  out: Float64Array = new Float64Array(ss.m * ss.m),
): Float64Array {
  const { m, T, R, sigma2 } = ss;
  // TP = T P, row by row over T's non-zeros
  TP.fill(0);
  for (let i = 0; i < m; i++) {
    const cols = rows[i];
    const ti = i * m;
    for (let n = 0; n < cols.length; n++) {
      const k = cols[n];
      const t = T[ti + k];
      const pk = k * m;
      for (let j = 0; j < m; j++) TP[ti + j] += t * P[pk + j];
    }
  }
  // out = TP Tᵀ + σ² R Rᵀ (symmetric: compute the upper triangle and mirror it)
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = sigma2 * R[i] * R[j];
      const cols = rows[j];
      for (let n = 0; n < cols.length; n++) s += TP[i * m + cols[n]] * T[j * m + cols[n]];
      out[i * m + j] = s;
      out[j * m + i] = s;
    }
  }
  return out;
}

/** a ← T a. */
export function predictMean(ss: StateSpace, a: Float64Array): Float64Array {
  const { m, T } = ss;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += T[i * m + k] * a[k];
    out[i] = s;
  }
  return out;
}

/** Runs the filter over y and returns the exact Gaussian log-likelihood Σ −½(log 2πF_t + v_t²/F_t). */
export function kalmanFilter(ss: StateSpace, y: ArrayLike<number>): FilterResult {
  const { m, Z, c } = ss;
  const n = y.length;
  let a: Float64Array = Float64Array.from(ss.a0);
  let P: Float64Array = Float64Array.from(ss.P0);
  const v = new Float64Array(n);
  const F = new Float64Array(n);
  let llf = 0;
  const PZ = new Float64Array(m);
  // once the predicted covariance stops changing (to 1e-15 relative) the filter is in its
  // steady state: F and the gain P Zᵀ/F are reused and P is no longer propagated
  let steady = false;
  let f = 0;
  const rows = sparseRows(ss.T, m);
  const Pf = new Float64Array(m * m);
  const TP = new Float64Array(m * m);
  let Pnext: Float64Array = new Float64Array(m * m);
  for (let t = 0; t < n; t++) {
    // innovation v = y − c − Z a, variance F = Z P Zᵀ
    let za = 0;
    for (let i = 0; i < m; i++) za += Z[i] * a[i];
    if (!steady) {
      f = 0;
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += P[i * m + j] * Z[j];
        PZ[i] = s;
        f += Z[i] * s;
      }
    }
    const vt = y[t] - c - za;
    v[t] = vt;
    F[t] = f;
    if (t >= ss.burn) llf += -0.5 * (Math.log(2 * Math.PI * f) + (vt * vt) / f);
    // update: a += P Zᵀ v / F, P −= P Zᵀ Z P / F; then predict
    for (let i = 0; i < m; i++) a[i] += (PZ[i] * vt) / f;
    a = predictMean(ss, a);
    if (!steady) {
      // filtered covariance into its own buffer (P stays the predicted one for the check)
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) Pf[i * m + j] = P[i * m + j] - (PZ[i] * PZ[j]) / f;
      const next = predictCov(ss, Pf, rows, TP, Pnext);
      if (t >= ss.burn) {
        let diff = 0;
        let size = 0;
        for (let i = 0; i < m * m; i++) {
          diff = Math.max(diff, Math.abs(next[i] - P[i]));
          size = Math.max(size, Math.abs(next[i]));
        }
        steady = diff <= 1e-15 * size;
      }
      Pnext = P;
      P = next;
    }
  }
  return { llf, v, F, aNext: a, PNext: Float64Array.from(P) };
}

/**
 * The stationary covariance P = T P Tᵀ + σ² R Rᵀ of a stable block, by solving the
 * vectorized Lyapunov equation (I − T⊗T) vec P = σ² vec(R Rᵀ) with linalg's LU.
 */
export function stationaryCov(T: Float64Array, R: Float64Array, sigma2: number, r: number): Float64Array {
  const N = r * r;
  const A: Matrix = { rows: N, cols: N, data: new Float64Array(N * N) };
  const b: Matrix = { rows: N, cols: 1, data: new Float64Array(N) };
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const row = i * r + j;
      b.data[row] = sigma2 * R[i] * R[j];
      A.data[row * N + row] += 1;
      for (let k = 0; k < r; k++) for (let l = 0; l < r; l++) A.data[row * N + k * r + l] -= T[i * r + k] * T[j * r + l];
    }
  }
  return luSolve(luFactor(A), b).data;
}

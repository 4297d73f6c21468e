/**
 * The state-space form of a seasonal ARIMA(p, d, q)×(P, D, Q)ₛ model, laid out exactly as
 * statsmodels' SARIMAX (statsmodels/tsa/statespace/sarimax.py, `initial_transition`,
 * `initial_design`, `initialize_default`), so the approximate-diffuse likelihood agrees to
 * rounding, not just in the limit:
 *
 *   state = [Δ⁰…Δ^{d−1} integration states (d) | D seasonal blocks of s lagged values |
 *            the ARMA part in Harvey's form (r = max(p + sP, q + sQ + 1))]
 *
 * The ARMA part uses the multiplied polynomials φ(L)Φ(Lˢ) and θ(L)Θ(Lˢ) (Box & Jenkins,
 * Time Series Analysis, ch. 9). The d + sD integration states get the approximate-diffuse
 * prior (variance 1e6) and their first d + sD likelihood terms are skipped, as statsmodels.
 */
import { stationaryCov, type StateSpace } from './kalman.js';

/** Coefficients of a lag polynomial 1 − Σ aᵢLⁱ (AR) or 1 + Σ aᵢLⁱ (MA) as [1, ±a₁, …]. */
function lagPoly(coef: number[], step: number, sign: 1 | -1): number[] {
  const out = new Array<number>(coef.length * step + 1).fill(0);
  out[0] = 1;
  coef.forEach((c, i) => (out[(i + 1) * step] = sign * c));
  return out;
}

function polyMul(a: number[], b: number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

/** The reduced (multiplied-out) AR and MA coefficients: y_t = Σ φᵢ y_{t−i} + ε_t + Σ θⱼ ε_{t−j}. */
export function reducedPolynomials(ar: number[], ma: number[], sar: number[], sma: number[], s: number): { phi: number[]; theta: number[] } {
  const arPoly = polyMul(lagPoly(ar, 1, -1), lagPoly(sar, s, -1));
  const maPoly = polyMul(lagPoly(ma, 1, 1), lagPoly(sma, s, 1));
  return { phi: arPoly.slice(1).map((v) => -v), theta: maPoly.slice(1) };
}

export interface SarimaSpec {
  d: number;
  D: number;
  s: number;
  /** Reduced AR and MA coefficients (from `reducedPolynomials`). */
  phi: number[];
  theta: number[];
  sigma2: number;
  c: number;
}

/**
 * ```ts
 * const { phi, theta } = reducedPolynomials([], [-0.4], [], [-0.8], 12);
 * const ss = sarimaStateSpace({ d: 1, D: 1, s: 12, phi, theta, sigma2: 0.1, c: 0 });
 * ss.m; // 1 + 12 + 14 = 27
 * ```
 */
export function sarimaStateSpace(spec: SarimaSpec): StateSpace {
  const { d, D, s, phi, theta, sigma2, c } = spec;
  const kDiff = d + s * D;
  const r = Math.max(phi.length, theta.length + 1, 1);
  const m = kDiff + r;
  const Z = new Float64Array(m);
  const T = new Float64Array(m * m);
  const R = new Float64Array(m);
  const lastOfBlock = (i: number) => d + (i + 1) * s - 1;
  // ordinary integration states: Δʲy_{t−1} = Σ_{k ≥ j} Δᵏy_{t−1} + (seasonal levels) + ARMA
  for (let j = 0; j < d; j++) {
    Z[j] = 1;
    for (let k = j; k < d; k++) T[j * m + k] = 1;
    for (let i = 0; i < D; i++) T[j * m + lastOfBlock(i)] = 1;
    T[j * m + kDiff] = 1;
  }
  // seasonal blocks: a shift register of the last s values of Δ^d Δₛ^i y; its newest entry
  // is the value s periods back plus the next block's newest (or the ARMA state)
  for (let i = 0; i < D; i++) {
    const start = d + i * s;
    Z[lastOfBlock(i)] = 1;
    T[start * m + lastOfBlock(i)] = 1;
    for (let later = i + 1; later < D; later++) T[start * m + lastOfBlock(later)] = 1;
    T[start * m + kDiff] = 1;
    for (let k = 1; k < s; k++) T[(start + k) * m + start + k - 1] = 1;
  }
  // ARMA block (Harvey): first column φ, superdiagonal ones, R = [1, θ₁, …]
  Z[kDiff] = 1;
  const Tarma = new Float64Array(r * r);
  const Rarma = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    if (i < phi.length) Tarma[i * r] = phi[i];
    if (i + 1 < r) Tarma[i * r + i + 1] = 1;
    Rarma[i] = i === 0 ? 1 : i - 1 < theta.length ? theta[i - 1] : 0;
  }
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) T[(kDiff + i) * m + kDiff + j] = Tarma[i * r + j];
    R[kDiff + i] = Rarma[i];
  }
  const P0 = new Float64Array(m * m);
  for (let j = 0; j < kDiff; j++) P0[j * m + j] = 1e6;
  const Parma = stationaryCov(Tarma, Rarma, sigma2, r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P0[(kDiff + i) * m + kDiff + j] = Parma[i * r + j];
  return { m, Z, T, R, sigma2, c, a0: new Float64Array(m), P0, burn: kDiff };
}

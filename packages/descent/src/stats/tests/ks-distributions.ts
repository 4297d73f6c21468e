/**
 * Null distributions of the Kolmogorov–Smirnov statistics, following SciPy 1.10's choice of
 * method region by region (Simard & L'Ecuyer, J. Stat. Softw. 39(11), 2011):
 *
 * - `smirnov(n, d)` = P(D⁺ₙ ≥ d), the exact one-sided tail of Birnbaum & Tingey (Ann. Math.
 *   Stat. 22 (1951) 592): d Σ_{j ≤ n(1−d)} C(n, j)(1 − d − j/n)^{n−j}(d + j/n)^{j−1};
 * - `kolmogorov(x)`, the limiting tail P(√n·Dₙ ≥ x) = 2 Σ (−1)^{k−1} e^{−2k²x²}, or for small x
 *   1 − √(2π)/x Σ e^{−(2k−1)²π²/(8x²)} (its Jacobi-theta form);
 * - `kolmogn(n, d)`, the exact two-sided P(Dₙ ≥ d): the matrix-power method of Durbin as
 *   programmed by Marsaglia, Tsang & Wang (J. Stat. Softw. 8(18), 2003), with the exact
 *   end cases of Ruben & Gambino and 2·smirnov where the two one-sided tails cannot
 *   overlap (d ≥ ½) or where SciPy uses it (n·d² large).
 */
import { gammaln } from '../special/index.js';

/** P(D⁺ₙ ≥ d), Birnbaum–Tingey, terms summed in log space. */
export function smirnov(n: number, d: number): number {
  if (Number.isNaN(d)) return NaN;
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  const jmax = Math.floor(n * (1 - d) + 1e-12);
  const lgn1 = gammaln(n + 1);
  let sum = 0;
  for (let j = 0; j <= jmax; j++) {
    const base = 1 - d - j / n;
    if (base <= 0) {
      if (n - j > 0) continue;
    }
    // (1 − d − j/n)^{n−j}, which is 1 when n − j = 0 even if rounding left the base at −0
    const powBase = n - j === 0 ? 0 : (n - j) * Math.log(Math.max(base, 0));
    const logTerm = lgn1 - gammaln(j + 1) - gammaln(n - j + 1) + powBase + (j - 1) * Math.log(d + j / n);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, d * sum);
}

/** The limiting tail P(K ≥ x) of √n·Dₙ (SciPy's `kolmogorov`, `kstwobign.sf`). */
export function kolmogorov(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x < 1) {
    // 1 − cdf with cdf = √(2π)/x Σ_k exp(−(2k−1)²π²/(8x²))
    const w = (Math.PI * Math.PI) / (8 * x * x);
    let cdf = 0;
    for (let k = 1; k < 20; k++) cdf += Math.exp(-((2 * k - 1) ** 2) * w);
    return 1 - (Math.sqrt(2 * Math.PI) / x) * cdf;
  }
  let s = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    s += k % 2 ? term : -term;
    if (term < 1e-20) break;
  }
  return Math.min(1, 2 * s);
}

/**
 * P(Dₙ < d) by Durbin's matrix: with k = ⌊nd⌋ + 1, m = 2k − 1 and h = k − nd, the
 * (k, k) entry of Hⁿ times n!/nⁿ. Entries are rescaled by powers of 2^±140 during the
 * repeated squaring, and the exponent is carried separately (Marsaglia, Tsang & Wang).
 */
export function kolmogorovDurbinCdf(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 >= 0 ? 1 : 0;
  for (let i = 0; i < m; i++) {
    H[i * m] -= h ** (i + 1);
    H[(m - 1) * m + i] -= h ** (m - i);
  }
  H[(m - 1) * m] += 2 * h - 1 > 0 ? (2 * h - 1) ** m : 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i - j + 1 > 0) {
        let f = 1;
        for (let g = 2; g <= i - j + 1; g++) f *= g;
        H[i * m + j] /= f;
      }
    }
  }
  const multiply = (A: Float64Array, B: Float64Array) => {
    const C = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let l = 0; l < m; l++) {
        const a = A[i * m + l];
        if (a === 0) continue;
        for (let j = 0; j < m; j++) C[i * m + j] += a * B[l * m + j];
      }
    }
    return C;
  };
  // Hⁿ by repeated squaring; each matrix carries a power-of-two exponent
  const SCALE = 2 ** 140;
  const power = (e: number): [Float64Array, number] => {
    if (e === 1) return [H, 0];
    const [half, eh] = power(Math.floor(e / 2));
    let Q = multiply(half, half);
    let eq = 2 * eh;
    if (e % 2 === 1) Q = multiply(H, Q);
    if (Q[(k - 1) * m + (k - 1)] > SCALE) {
      Q = Q.map((v) => v / SCALE);
      eq += 140;
    }
    return [Q, eq];
  };
  const [Q, eQ] = power(n);
  // s·n!/nⁿ, in logs to avoid under- and overflow
  const s = Q[(k - 1) * m + (k - 1)];
  if (s <= 0) return 0;
  const logS = Math.log(s) + eQ * Math.LN2 + gammaln(n + 1) - n * Math.log(n);
  return Math.min(1, Math.exp(logS));
}

/** The exact two-sided tail P(Dₙ ≥ d) (SciPy's `kstwo.sf(d, n)`). */
export function kolmogn(n: number, d: number): number {
  if (Number.isNaN(d)) return NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    // Ruben & Gambino: for 1/(2n) ≤ d ≤ 1/n, P(Dₙ < d) = n!/nⁿ (2nd − 1)ⁿ
    if (t <= 0.5) return 1;
    const cdf = Math.exp(gammaln(n + 1) - n * Math.log(n) + n * Math.log(2 * t - 1));
    return 1 - cdf;
  }
  if (t >= n - 1) return 2 * (1 - d) ** n;
  if (d >= 0.5) return Math.min(1, 2 * smirnov(n, d));
  const nxx = t * d;
  if (n <= 140) {
    if (nxx <= 4) return Math.max(0, 1 - kolmogorovDurbinCdf(n, d));
    return Math.min(1, 2 * smirnov(n, d));
  }
  if (nxx >= 370) return 0;
  if (nxx >= 2.2) return Math.min(1, 2 * smirnov(n, d));
  if (n <= 100000 && n * d ** 1.5 <= 1.4) return Math.max(0, 1 - kolmogorovDurbinCdf(n, d));
  return Math.min(1, Math.max(0, pelzGoodSf(n, d)));
}

/**
 * Pelz & Good's asymptotic expansion (J. R. Stat. Soc. B 38 (1976) 152–156) of
 * P(Dₙ ≥ x) = 1 − [K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^{3/2}], z = x√n, each Kᵢ written as
 * a rapidly converging sum over odd m of q^{m²}, q = e^{−π²/(8z²)} (their eqs. for small z,
 * as listed by Simard & L'Ecuyer 2011, §2.1). SciPy uses it for n > 140 in the middle range.
 */
export function pelzGoodSf(n: number, x: number): number {
  const PI2 = Math.PI * Math.PI;
  const PI4 = PI2 * PI2;
  const PI6 = PI4 * PI2;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 1;
  // coefficients of m⁰, m², m⁴, m⁶ in the K₁, K₂, K₃ sums
  const k1 = [-z2, PI2 / 4];
  const k2 = [6 * z6 + 2 * z4, ((2 * z4 - 5 * z2) * PI2) / 4, (PI4 * (1 - 2 * z2)) / 16];
  const k3 = [-30 * z6 - 90 * z4 * z4, (PI2 * (135 * z4 - 96 * z6)) / 4, (PI4 * (-60 * z2 + 212 * z4)) / 16, (PI6 * (5 - 30 * z2)) / 64];
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m2 = (2 * k - 1) ** 2;
    const w = Math.exp(qlog * m2);
    K[0] += w;
    K[1] += (k1[0] + k1[1] * m2) * w;
    K[2] += (k2[0] + k2[1] * m2 + k2[2] * m2 * m2) * w;
    K[3] += (k3[0] + k3[1] * m2 + k3[2] * m2 * m2 + k3[3] * m2 * m2 * m2) * w;
  }
  const SQRT2PI = Math.sqrt(2 * Math.PI);
  K[0] *= SQRT2PI / z;
  K[1] *= SQRT2PI / (6 * z4);
  K[2] *= SQRT2PI / (72 * z6 * z);
  K[3] *= SQRT2PI / (6480 * z6 * z4);
  // the sums over all integers k of k² e^{−π²k²/(2z²)} in K₂ and K₃
  const q2log = -PI2 / 2 / z2;
  let s2 = 0;
  let s3 = 0;
  for (let k = maxk; k >= 1; k--) {
    const w = k * k * Math.exp(q2log * k * k);
    s2 += w;
    s3 += (3 * z2 - PI2 * k * k) * w;
  }
  K[2] += (s2 * PI2 * SQRT2PI) / (-36 * z2 * z);
  K[3] += (s3 * PI2 * SQRT2PI) / (216 * z6);
  // sf = (1 − K₀) − K₁/√n − K₂/n − K₃/n^{3/2}
  return 1 - K[0] - K[1] / Math.sqrt(n) - K[2] / n - K[3] / n ** 1.5;
}

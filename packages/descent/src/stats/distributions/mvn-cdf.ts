/**
 * Multivariate normal rectangle probabilities P(a ≤ X ≤ b), X ~ N(0, L·Lᵀ), by Genz's
 * separation of variables (A. Genz, "Numerical computation of multivariate normal
 * probabilities", J. Comput. Graph. Stat. 1 (1992) 141–149; Genz & Bretz, Computation of
 * Multivariate Normal and t Probabilities, Springer 2009, §4.1–4.2), the method behind
 * SciPy's `multivariate_normal.cdf` (Genz's Fortran `mvndst`).
 *
 * Writing X = L·Y turns the region into nested one-dimensional intervals, and substituting
 * Yᵢ = Φ⁻¹(dᵢ + wᵢ(eᵢ − dᵢ)) maps the integral onto the unit cube [0, 1]^{d−1}:
 *
 *   P = (e₁ − d₁) ∫ Πᵢ₌₂..d (eᵢ(w) − dᵢ(w)) dw,
 *   dᵢ = Φ((aᵢ − Σⱼ<ᵢ Lᵢⱼ Yⱼ)/Lᵢᵢ),  eᵢ = Φ((bᵢ − Σⱼ<ᵢ Lᵢⱼ Yⱼ)/Lᵢᵢ),
 *
 * a smooth integrand estimated by a randomized quasi-Monte Carlo lattice rule (Richtmyer
 * generators √pᵢ, the tent "baker's" transform for periodicity, Genz & Bretz §4.2.2); the
 * spread over 12 random shifts gives the error estimate, and the point count doubles until
 * 2.5 standard errors fall below max(abseps, releps·|P|) or maxpts is spent.
 */
import { ndtr, ndtri } from '../special/index.js';
import { Generator } from '../../random/index.js';

export interface MvnCdfOptions {
  /** Largest number of integrand evaluations (SciPy's default 1,000,000 × dim). */
  maxpts?: number;
  /** Absolute and relative error targets (SciPy's defaults 1e-5). */
  abseps?: number;
  releps?: number;
  /** Lower corner of the rectangle (default −∞ in every coordinate). */
  lowerLimit?: ArrayLike<number>;
  /** Source of the random shifts (default a fixed seed, so results are reproducible). */
  generator?: Generator;
}

export interface MvnCdfResult {
  value: number;
  /** 2.5 × the standard error over the random shifts. */
  error: number;
  evaluations: number;
}

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229];

/**
 * P(a ≤ X ≤ b) for X ~ N(0, L Lᵀ) with L (d×d, row-major) lower triangular. a and b may
 * hold ±Infinity. `mvnRectangle(Float64Array.of(1), [-Infinity], [0]).value; // 0.5`
 */
export function mvnRectangle(L: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, options: MvnCdfOptions = {}): MvnCdfResult {
  const d = a.length;
  const { abseps = 1e-5, releps = 1e-5, maxpts = 1_000_000 * d, generator = new Generator(12345) } = options;
  if (d > PRIMES.length + 1) throw new RangeError(`multivariateNormal.cdf: at most ${PRIMES.length + 1} dimensions are supported, got ${d}`);
  for (let i = 0; i < d; i++) if (!(a[i] <= b[i])) return { value: 0, error: 0, evaluations: 0 };
  const first = ndtr(b[0] / L[0]) - ndtr(a[0] / L[0]);
  if (d === 1) return { value: first, error: 0, evaluations: 0 };
  const q = Array.from({ length: d - 1 }, (_, i) => Math.sqrt(PRIMES[i]) % 1);
  const y = new Float64Array(d);
  const integrand = (w: Float64Array): number => {
    let dPrev = ndtr(a[0] / L[0]);
    let ePrev = ndtr(b[0] / L[0]);
    let f = ePrev - dPrev;
    for (let i = 1; i < d; i++) {
      // Yᵢ₋₁ from its conditional interval; clamp so Φ⁻¹ stays finite at the edges
      const u = Math.min(Math.max(dPrev + w[i - 1] * (ePrev - dPrev), 1e-300), 1 - 1e-16);
      y[i - 1] = ndtri(u);
      let s = 0;
      for (let j = 0; j < i; j++) s += L[i * d + j] * y[j];
      const lii = L[i * d + i];
      dPrev = ndtr((a[i] - s) / lii);
      ePrev = ndtr((b[i] - s) / lii);
      f *= ePrev - dPrev;
      if (f === 0) return 0;
    }
    return f;
  };
  const nShifts = 12;
  // 32 points per shift to start (fewer if maxpts is tiny); the first round always runs
  let n = Math.max(1, Math.min(32, Math.floor(maxpts / nShifts)));
  const w = new Float64Array(d - 1);
  const shift = new Float64Array(d - 1);
  let used = 0;
  let best: MvnCdfResult = { value: first, error: Infinity, evaluations: 0 };
  while (used === 0 || used + nShifts * n <= maxpts) {
    const means: number[] = [];
    for (let s = 0; s < nShifts; s++) {
      for (let k = 0; k < d - 1; k++) shift[k] = generator.random();
      let sum = 0;
      for (let j = 1; j <= n; j++) {
        for (let k = 0; k < d - 1; k++) {
          const x = (j * q[k] + shift[k]) % 1;
          w[k] = Math.abs(2 * x - 1); // tent transform: makes the integrand periodic
        }
        sum += integrand(w);
      }
      means.push(sum / n);
    }
    used += nShifts * n;
    const mean = means.reduce((p, v) => p + v, 0) / nShifts;
    const variance = means.reduce((p, v) => p + (v - mean) ** 2, 0) / (nShifts * (nShifts - 1));
    best = { value: mean, error: 2.5 * Math.sqrt(variance), evaluations: used };
    if (best.error <= Math.max(abseps, releps * Math.abs(mean))) break;
    n *= 2;
  }
  return { ...best, value: Math.min(1, Math.max(0, best.value)) };
}

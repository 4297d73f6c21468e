/**
 * The beta function and the regularized incomplete beta function: `beta`, `betaln`,
 * `betainc(a, b, x)` (SciPy's argument order) and `betaincinv`.
 *
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) cancels badly when a or b is large; there
 * Stirling's series is used for the large arguments so that only the small remainders
 * δ(·) and an exactly-formed log1p are subtracted (the approach of DiDonato & Morris's
 * `betaln`, ACM TOMS 18 (1992) 360–373, Algorithm 708).
 *
 * I_x(a, b) is Numerical Recipes' continued fraction (3rd ed. §6.4, eq. 6.4.5, modified
 * Lentz), applied to whichever of I_x(a, b) and 1 − I_{1−x}(b, a) converges fast. Its front
 * factor xᵃ(1 − x)ᵇ / B(a, b) is written, for large a and b, in DiDonato & Morris's
 * cancellation-free form (their `brcomp`):
 *
 *   xᵃ(1−x)ᵇ/B(a,b) = √(ab/(2π(a+b))) · exp(a·φ((x − x₀)/x₀) + b·φ((x₀ − x)/(1 − x₀)) − Δ)
 *
 * with x₀ = a/(a + b), φ(u) = log(1 + u) − u and Δ = δ(a) + δ(b) − δ(a + b).
 */
import { gamma, gammaln, stirlingRemainder } from './gamma.js';
import { LENTZ_TINY, log1pmx } from './log1pmx.js';

const HALF_LOG_2PI = 0.9189385332046728;

/** log Γ(a) − log Γ(a + b) for a ≥ 10, b > 0, by Stirling's series (no cancellation). */
function lgammaRatio(a: number, b: number): number {
  // (a − ½)log a − a − [(a + b − ½)log(a + b) − (a + b)] = −(a − ½)log1p(b/a) − b·log(a + b) + b
  return -(a - 0.5) * Math.log1p(b / a) - b * Math.log(a + b) + b + stirlingRemainder(a) - stirlingRemainder(a + b);
}

/**
 * log |B(a, b)|, as SciPy's `betaln`.
 *
 * ```ts
 * betaln(1e6, 2); // log(1/(1e6·(1e6 + 1))) = −27.631022
 * ```
 */
export function betaln(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (small > 0 && big >= 10) {
    if (small >= 10) {
      // both large: all of Stirling
      const s = a + b;
      return (
        HALF_LOG_2PI +
        (small - 0.5) * Math.log(small / s) -
        big * Math.log1p(small / big) -
        0.5 * Math.log(big) +
        stirlingRemainder(small) +
        stirlingRemainder(big) -
        stirlingRemainder(s)
      );
    }
    return gammaln(small) + lgammaRatio(big, small);
  }
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

/**
 * The beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b), as SciPy's `beta`.
 *
 * ```ts
 * beta(2, 3); // 1/12
 * ```
 */
export function beta(a: number, b: number): number {
  if (a > 0 && b > 0 && a + b < 171) return (gamma(a) * gamma(b)) / gamma(a + b);
  if (a > 0 && b > 0) return Math.exp(betaln(a, b));
  // negative non-integer arguments: through Γ with signs
  return (gamma(a) / gamma(a + b)) * gamma(b);
}

/** xᵃ(1 − x)ᵇ / B(a, b), the front factor of the continued fraction. */
export function betaPrefactor(a: number, b: number, x: number): number {
  if (Math.min(a, b) >= 10) {
    const s = a + b;
    const x0 = a / s;
    const u = (x - x0) / x0;
    const v = (x0 - x) / (1 - x0);
    // a·log(x/x0) + b·log((1 − x)/(1 − x0)), with a·u + b·v = 0 taken out near x = x0
    const e =
      Math.abs(u) < 0.5 && Math.abs(v) < 0.5
        ? a * log1pmx(u) + b * log1pmx(v)
        : a * Math.log(x / x0) + b * (Math.log1p(-x) - Math.log1p(-x0));
    const delta = stirlingRemainder(a) + stirlingRemainder(b) - stirlingRemainder(s);
    return Math.sqrt((a * b) / (2 * Math.PI * s)) * Math.exp(e - delta);
  }
  return Math.exp(a * Math.log(x) + b * Math.log1p(-x) - betaln(a, b));
}

/** The continued fraction of NR eq. 6.4.5: I_x(a, b) = prefactor · fraction / a. */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b) and 1 − I_x(a, b), each computed directly where it is the small one. */
export function betaincPair(a: number, b: number, x: number): [number, number] {
  if (x === 0) return [0, 1];
  if (x === 1) return [1, 0];
  if (x < (a + 1) / (a + b + 2)) {
    const v = (betaPrefactor(a, b, x) * betaFraction(a, b, x)) / a;
    return [v, 1 - v];
  }
  const w = (betaPrefactor(b, a, 1 - x) * betaFraction(b, a, 1 - x)) / b;
  return [1 - w, w];
}

/**
 * The regularized incomplete beta function I_x(a, b), as SciPy's `betainc(a, b, x)`:
 * the cdf of the Beta(a, b) distribution at x.
 *
 * ```ts
 * betainc(2, 3, 0.4); // 0.5248
 * ```
 */
export function betainc(a: number, b: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || a < 0 || b < 0 || x < 0 || x > 1) return NaN;
  if (a === 0 && b === 0) return NaN;
  if (a === 0) return 1;
  if (b === 0) return x === 1 ? 1 : 0;
  return betaincPair(a, b, x)[0];
}

/** 1 − I_x(a, b), accurate when it is small (the survival function of Beta(a, b)). */
export function betaincc(a: number, b: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || a < 0 || b < 0 || x < 0 || x > 1) return NaN;
  return betaincPair(a, b, x)[1];
}

/**
 * Solves I_x(a, b) = target (upper = false) or 1 − I_x(a, b) = target (upper = true), for
 * target ≤ ½, by Halley steps with a bisection safeguard. The residual uses whichever of
 * I and 1 − I is small, so tiny tail probabilities keep their digits.
 */
function solveBetainc(a: number, b: number, target: number, upper: boolean): number {
  const p = upper ? 1 - target : target; // for the starting guess only
  const residual = (x: number) => {
    const [lower, complement] = betaincPair(a, b, x);
    return upper ? target - complement : lower - target;
  };
  const a1 = a - 1;
  const b1 = b - 1;
  let x: number;
  // Numerical Recipes' starting point (§6.4.1)
  if (a >= 1 && b >= 1) {
    const t = Math.sqrt(-2 * Math.log(target));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (!upper) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
    if (!(x > 0 && x < 1)) x = a / (a + b);
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? (a * w * p) ** (1 / a) : 1 - (b * w * (upper ? target : 1 - p)) ** (1 / b);
    if (!(x > 0 && x < 1)) x = 0.5;
  }
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 300; i++) {
    const r = residual(x);
    if (r === 0) return x;
    if (r < 0) lo = x;
    else hi = x;
    const dens = betaPrefactor(a, b, x) / (x * (1 - x));
    let next = NaN;
    if (dens > 0 && Number.isFinite(dens)) {
      const u = r / dens;
      next = x - u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    }
    if (next === x) return x;
    if (!(next > lo && next < hi)) {
      // bisect, geometrically toward an end of [0, 1] that is still in the bracket
      if (lo === 0) next = hi < 1e-3 ? hi / 16 : hi / 2;
      else if (hi === 1 && 1 - lo < 1e-3) next = 1 - (1 - lo) / 16;
      else next = 0.5 * (lo + hi);
    }
    if (Math.abs(next - x) <= 2e-16 * next || hi - lo <= 2e-16 * hi) return next;
    x = next;
  }
  return x;
}

/**
 * The inverse of I_x(a, b) in x: the p-quantile of Beta(a, b), as SciPy's `betaincinv(a, b, p)`.
 * For p > ½ it solves 1 − I_x(a, b) = 1 − p instead, where 1 − p is exact.
 *
 * ```ts
 * betaincinv(2, 3, 0.5248); // 0.4
 * ```
 */
export function betaincinv(a: number, b: number, p: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(p) || a <= 0 || b <= 0 || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return p > 0.5 ? solveBetainc(a, b, 1 - p, true) : solveBetainc(a, b, p, false);
}

/**
 * The x with 1 − I_x(a, b) = q: the upper q-quantile of Beta(a, b) (SciPy's
 * `beta.isf`), accurate for tiny q.
 *
 * ```ts
 * betainccinv(2, 3, 0.4752); // 0.4
 * ```
 */
export function betainccinv(a: number, b: number, q: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(q) || a <= 0 || b <= 0 || q < 0 || q > 1) return NaN;
  if (q === 0) return 1;
  if (q === 1) return 0;
  return q > 0.5 ? solveBetainc(a, b, 1 - q, false) : solveBetainc(a, b, q, true);
}

/**
 * The regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) (`gammainc`) and
 * Q(a, x) = Γ(a, x)/Γ(a) = 1 − P (`gammaincc`), and the inverse of P (`gammaincinv`).
 *
 * Numerical Recipes (3rd ed., §6.2): the power series for P when x < a + 1, the continued
 * fraction for Q otherwise, each multiplied by the common factor xᵃe^{−x}/Γ(a). For large a
 * that factor is the difference of numbers near a·log a, so it is rewritten with Stirling's
 * series as (DiDonato & Morris 1986, ACM TOMS 12, 377–393, eq. 2.4)
 *
 *   xᵃe^{−x}/Γ(a) = √(a/2π) · exp(a·(log(1 + u) − u) − δ(a)),   u = (x − a)/a,
 *
 * where δ is Stirling's remainder: nothing cancels and the result keeps full precision.
 */
import { gammaln, stirlingRemainder } from './gamma.js';
import { LENTZ_TINY, log1pmx } from './log1pmx.js';

const INV_SQRT_2PI = 0.3989422804014327;

/** xᵃ e^{−x} / Γ(a), the factor in front of both expansions. */
export function gammaPrefactor(a: number, x: number): number {
  if (a >= 10) {
    // a·(log(x/a) − (x − a)/a); the log1pmx form only near x = a, where the two cancel
    const u = (x - a) / a;
    const e = Math.abs(u) < 0.5 ? a * log1pmx(u) : a * Math.log(x / a) - (x - a);
    return INV_SQRT_2PI * Math.sqrt(a) * Math.exp(e - stirlingRemainder(a));
  }
  return Math.exp(a * Math.log(x) - x - gammaln(a));
}

/** Σ xⁿ / ((a + 1)…(a + n)) / a, so that P(a, x) = prefactor · series (NR eq. 6.2.5). */
function lowerSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < 100000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
  }
  return sum;
}

/** The continued fraction with Q(a, x) = prefactor · fraction (NR eq. 6.2.7, modified Lentz). */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / LENTZ_TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = b + an / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

function badArgs(a: number, x: number): boolean {
  return Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0;
}

/**
 * The regularized lower incomplete gamma function P(a, x), as SciPy's `gammainc(a, x)`.
 * It is the cdf of the Gamma(a) distribution at x.
 *
 * ```ts
 * gammainc(2, 1); // 1 − 2/e = 0.2642411176571153
 * ```
 */
export function gammainc(a: number, x: number): number {
  if (badArgs(a, x)) return NaN;
  if (a === 0) return x > 0 ? 1 : NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (a === Infinity) return 0;
  if (x < a + 1) return gammaPrefactor(a, x) * lowerSeries(a, x);
  return 1 - gammaPrefactor(a, x) * upperFraction(a, x);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), as SciPy's
 * `gammaincc(a, x)`, accurate in the relative sense when it is tiny.
 *
 * ```ts
 * gammaincc(2, 1); // 2/e = 0.7357588823428847
 * ```
 */
export function gammaincc(a: number, x: number): number {
  if (badArgs(a, x)) return NaN;
  if (a === 0) return x > 0 ? 0 : NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (a === Infinity) return 1;
  if (x < a + 1) return 1 - gammaPrefactor(a, x) * lowerSeries(a, x);
  return gammaPrefactor(a, x) * upperFraction(a, x);
}

/** Solves P(a, x) = target (upper = false) or Q(a, x) = target (upper = true), for target ≤ ½. */
function invertIncompleteGamma(a: number, target: number, upper: boolean): number {
  // the p in P(a, x) = p, used by the starting guess
  const p = upper ? 1 - target : target;
  // residual r(x), increasing in x
  const residual = (x: number) => (upper ? target - gammaincc(a, x) : gammainc(a, x) - target);
  const a1 = a - 1;
  let x: number;
  if (a > 1) {
    // target ≤ ½ is the smaller tail, so its log keeps its digits
    const t = Math.sqrt(-2 * Math.log(target));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (!upper) z = -z; // NR: z here is −Φ⁻¹(p)
    x = Math.max(1e-3, a * (1 - 1 / (9 * a) - z / (3 * Math.sqrt(a))) ** 3);
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    // 1 − (p − t)/(1 − t) = (1 − p)/(1 − t), with 1 − p = target on the upper side
    x = p < t ? (p / t) ** (1 / a) : 1 - Math.log((upper ? target : 1 - p) / (1 - t));
  }
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < 200; i++) {
    const r = residual(x);
    if (r === 0) return x;
    if (r < 0) lo = x;
    else hi = x;
    const dens = gammaPrefactor(a, x) / x;
    let next = x;
    if (dens > 0 && Number.isFinite(dens)) {
      const u = r / dens;
      // Halley: f″/f′ = (a − 1)/x − 1 for the Gamma density
      next = x - u / (1 - 0.5 * Math.min(1, u * (a1 / x - 1)));
    }
    if (!(next > lo && next < hi) || next === x) {
      if (next === x) return x;
      // bisect the bracket (geometrically while it spans decades; doubling while open above)
      if (hi === Infinity) next = 2 * lo;
      else if (lo === 0) next = hi / 2;
      else next = hi / lo > 4 ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
    }
    if (Math.abs(next - x) <= 2e-16 * Math.abs(next)) return next;
    x = next;
  }
  return x;
}

/**
 * The inverse of P(a, ·): the x with gammainc(a, x) = p, as SciPy's `gammaincinv(a, p)`.
 * Starts from Numerical Recipes' guess (§6.2.1: Wilson–Hilferty for a > 1, the small-x
 * power law otherwise) and polishes with Halley steps on P − p (or on Q − (1 − p) when
 * p > ½, where Q carries the digits), keeping a bracket so a bad step falls back to bisection.
 *
 * ```ts
 * gammaincinv(2, 0.2642411176571153); // 1
 * ```
 */
export function gammaincinv(a: number, p: number): number {
  if (Number.isNaN(a) || Number.isNaN(p) || a < 0 || p < 0 || p > 1) return NaN;
  if (p === 0 || a === 0) return 0;
  if (p === 1) return Infinity;
  return p > 0.5 ? invertIncompleteGamma(a, 1 - p, true) : invertIncompleteGamma(a, p, false);
}

/**
 * The inverse of Q(a, ·): the x with gammaincc(a, x) = q, as SciPy's `gammainccinv(a, q)`;
 * keeps its digits for tiny q (far upper quantiles).
 *
 * ```ts
 * gammainccinv(2, 2 / Math.E); // 1
 * ```
 */
export function gammainccinv(a: number, q: number): number {
  if (Number.isNaN(a) || Number.isNaN(q) || a < 0 || q < 0 || q > 1) return NaN;
  if (q === 1 || a === 0) return 0;
  if (q === 0) return Infinity;
  return q < 0.5 ? invertIncompleteGamma(a, q, true) : invertIncompleteGamma(a, 1 - q, false);
}

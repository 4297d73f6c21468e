/**
 * The gamma function and its relatives: `gammaln`, `gamma`, `digamma`.
 *
 * No Lanczos table is needed. Every positive argument is shifted by the recurrence
 * Γ(x + 1) = x·Γ(x) into [1.5, 2.5], where log Γ(2 + ε) has the Taylor series
 *
 *   log Γ(2 + ε) = (1 − γ)·ε + Σ_{k≥2} (−1)^k (ζ(k) − 1) ε^k / k      (|ε| < 2)
 *
 * (Abramowitz & Stegun 6.1.33 with log(1 + ε) taken out). Its coefficients fall like 2^−k,
 * so for |ε| ≤ 1/2 thirty terms reach machine precision and the result stays accurate in
 * the relative sense right through the zeros of log Γ at 1 and 2, where a Lanczos sum loses
 * digits. Large arguments use Stirling's series (A&S 6.1.41); negative ones the reflection
 * formula Γ(x)·Γ(1 − x) = π / sin(πx).
 */

const EULER = 0.5772156649015329;
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ζ(k) − 1 for k = 2..40, by the Euler–Maclaurin formula with N = 50:
 * Σ_{n=2}^{N−1} n^−k + N^{1−k}/(k−1) + N^−k/2 + Σ_j B_2j/(2j)! · k(k+1)…(k+2j−2) N^{−k−2j+1}.
 * With three Bernoulli terms the first omitted one is below 2e-17 for every k ≥ 2.
 */
const ZETA_MINUS_ONE: Float64Array = (() => {
  const out = new Float64Array(41);
  const N = 50;
  for (let k = 2; k <= 40; k++) {
    let s = 0;
    for (let n = N - 1; n >= 2; n--) s += n ** -k;
    let tail = N ** (1 - k) / (k - 1) + N ** -k / 2;
    tail += (k / 12) * N ** (-k - 1);
    tail -= ((k * (k + 1) * (k + 2)) / 720) * N ** (-k - 3);
    tail += ((k * (k + 1) * (k + 2) * (k + 3) * (k + 4)) / 30240) * N ** (-k - 5);
    out[k] = s + tail;
  }
  return out;
})();

/** log Γ(2 + ε) for |ε| ≤ 1/2 by the ζ series above. */
function lgammaNear2(e: number): number {
  let sum = 0;
  let pow = -e; // (−ε)^k, so that (−1)^k ε^k comes out right
  for (let k = 2; k <= 40; k++) {
    pow *= -e;
    const term = (ZETA_MINUS_ONE[k] * pow) / k;
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return (1 - EULER) * e + sum;
}

/**
 * The remainder of Stirling's series, log Γ(x) − [(x − ½)log x − x + ½ log 2π], for x ≥ 10
 * (A&S 6.1.41: Σ B_2k / (2k(2k − 1) x^{2k−1})). At x = 10 the omitted term is ~1e-17.
 */
export function stirlingRemainder(x: number): number {
  const r = 1 / (x * x);
  return (
    (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - r * (691 / 360360 - r * (1 / 156 - r * (3617 / 122400)))))))) /
    x
  );
}

/** sin(πx), exact at the integers and accurate for large |x| (reduces x mod 2 first). */
export function sinpi(x: number): number {
  let r = x % 2; // exact
  if (r < -1) r += 2;
  else if (r > 1) r -= 2;
  // now r ∈ [−1, 1]; fold into [−½, ½] using sin(π(1 − r)) = sin(πr)
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** Splits x > 0 into x = 2 + ε + n with |ε| ≤ ½ and an integer shift n (possibly negative). */
function logGammaPositive(x: number): number {
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingRemainder(x);
  if (x < 0.5) return lgammaNear2(x) - Math.log1p(x) - Math.log(x); // Γ(x) = Γ(x + 2) / (x(x + 1))
  if (x < 1.5) return lgammaNear2(x - 1) - Math.log1p(x - 1); // Γ(x) = Γ(x + 1) / x, x − 1 exact here
  // 1.5 ≤ x < 10: Γ(x) = (x − 1)(x − 2)…(x − n) Γ(x − n) with x − n ∈ [1.5, 2.5)
  let prod = 1;
  let y = x;
  while (y >= 2.5) {
    y -= 1;
    prod *= y;
  }
  return lgammaNear2(y - 2) + Math.log(prod);
}

/**
 * log |Γ(x)|, as SciPy's `gammaln` (+∞ at 0 and the negative integers).
 *
 * ```ts
 * gammaln(10);  // log(9!) = 12.801827480081469
 * gammaln(0.5); // log √π = 0.5723649429247001
 * ```
 */
export function gammaln(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x === -Infinity) return Infinity;
  if (x > 0) return logGammaPositive(x);
  if (Number.isInteger(x)) return Infinity;
  // reflection: |Γ(x)| = π / (|sin πx| Γ(1 − x))
  return Math.log(Math.PI / Math.abs(sinpi(x))) - logGammaPositive(1 - x);
}

/**
 * Γ(x) for real x (+∞ at the poles 0, −1, −2, … and above ~171.6, as SciPy 1.10's `gamma`).
 * Positive arguments use the recurrence down to [1.5, 2.5), so Γ(n) is n − 1 factorial
 * to the last bit or two.
 *
 * ```ts
 * gamma(5);   // 24
 * gamma(0.5); // √π = 1.7724538509055159
 * ```
 */
export function gamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return 1 / x > 0 ? Infinity : -Infinity;
  if (x > 0) {
    if (x > 171.62437695630271) return Infinity;
    if (x < 1.5) {
      // Γ(x) = Γ(x + 1)/x or Γ(x + 2)/(x(x + 1))
      return x < 0.5 ? Math.exp(lgammaNear2(x)) / (x * (x + 1)) : Math.exp(lgammaNear2(x - 1)) / x;
    }
    let y = x;
    let prod = 1;
    while (y >= 2.5) {
      y -= 1;
      prod *= y;
    }
    return Math.exp(lgammaNear2(y - 2)) * prod;
  }
  if (x === -Infinity) return NaN;
  if (Number.isInteger(x)) return Infinity; // SciPy 1.10's convention at the poles
  // Γ(x) = π / (sin(πx) Γ(1 − x)); when Γ(1 − x) overflows the result underflows to ±0
  const g = gamma(1 - x);
  const s = sinpi(x);
  if (!Number.isFinite(g)) return 0 * Math.sign(s);
  return Math.PI / (s * g);
}

/**
 * The digamma function ψ(x) = d/dx log Γ(x), as SciPy's `digamma`.
 * Shifts x ≥ 10 by ψ(x) = ψ(x + 1) − 1/x, then the asymptotic series
 * ψ(x) = log x − 1/(2x) − Σ B_2k / (2k x^2k) (A&S 6.3.18); reflection
 * ψ(1 − x) − ψ(x) = π cot(πx) for negative x (A&S 6.3.7).
 *
 * ```ts
 * digamma(1); // −γ = −0.5772156649015329
 * ```
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return 1 / x > 0 ? -Infinity : Infinity;
  if (x === Infinity) return Infinity;
  if (x < 0) {
    if (Number.isInteger(x) || x === -Infinity) return NaN;
    // π cot(πx) with cos and sin both reduced exactly: cos(πx) = sin(π(x + ½))
    return digamma(1 - x) - (Math.PI * sinpi(x + 0.5)) / sinpi(x);
  }
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift += 1 / y;
    y += 1;
  }
  const r = 1 / (y * y);
  const series =
    r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132 - r * (691 / 32760 - r * (1 / 12 - r * (3617 / 8160))))))));
  return Math.log(y) - 0.5 / y - series - shift;
}

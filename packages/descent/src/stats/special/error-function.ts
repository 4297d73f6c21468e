/**
 * The error function and the normal distribution function: `erf`, `erfc`, `erfinv`,
 * `erfcinv`, `ndtr`, `ndtri`.
 *
 * erf(x) = 2/√π ∫₀ˣ e^{−t²} dt. Two expansions cover the line without tables:
 *
 * - small |x|: erf(x) = 2x e^{−x²}/√π · Σ (2x²)ⁿ / (1·3·5·…·(2n + 1)) (A&S 7.1.6), whose
 *   terms are all positive, so nothing cancels;
 * - large x: erfc(x) = Γ(½, x²)/√π, the continued fraction for the upper incomplete
 *   gamma function (A&S 6.5.31; evaluated by the modified Lentz method of Numerical
 *   Recipes §6.2 and §5.2), which converges quickly once x² > 3/2.
 *
 * e^{−x²} is computed with x split in two halves so that the rounding of x² is not
 * magnified by the exponential (the device of Cephes's `expx2`): erfc(26) keeps 15 digits.
 *
 * The inverses start from the rational approximation of A&S 26.2.23 (error < 4.5e-4) and
 * finish with Halley's method on erf or erfc itself, so they are as accurate as the
 * forward functions.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const SQRT_PI = 1.772453850905516;
const SQRT2 = 1.4142135623730951;
const TINY = 1e-300;

/** e^{−x²} without the error of rounding x²: x = hi + lo with hi carrying 26 bits. */
export function expMinusSquare(x: number): number {
  const a = Math.abs(x);
  const hi = Math.floor(a * 67108864) / 67108864; // 2^26: hi² is exact
  const lo = a - hi;
  return Math.exp(-hi * hi) * Math.exp(-(2 * hi * lo + lo * lo));
}

/** erf(x) by the all-positive series (|x| < 2.5). */
function erfSeries(x: number): number {
  const z = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 500; n++) {
    term *= z / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * x * expMinusSquare(x) * sum;
}

/** erfc(x) for x ≥ 1.25 by the continued fraction for Γ(½, x²) (modified Lentz). */
function erfcFraction(x: number): number {
  const z = x * x;
  let b = z + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  // Γ(½, z) = e^{−z} z^{½} h and erfc(x) = Γ(½, x²)/Γ(½)
  return (expMinusSquare(x) * x * h) / SQRT_PI;
}

/**
 * The error function, as SciPy's `erf`.
 *
 * ```ts
 * erf(1); // 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) return erfSeries(x);
  const r = 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function 1 − erf(x), accurate in the relative sense for large x.
 *
 * ```ts
 * erfc(10); // 2.088487583762545e-45
 * ```
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 1.25) return 1 - erf(x);
  if (x > 27.3) return 0;
  return erfcFraction(x);
}

/** Initial guess for z with Φ(−z) = p (p ≤ ½), A&S 26.2.23 (|error| < 4.5e-4). */
function tailGuess(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p));
  return t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
}

/**
 * Halley's method for erf(x) = y (complement = false) or erfc(x) = y (complement = true).
 * Both have f″/f′ = −2x, so the step is u / (1 + x u) with u = f / f′.
 */
function halley(x0: number, y: number, complement: boolean): number {
  let x = x0;
  for (let i = 0; i < 60; i++) {
    const f = complement ? erfc(x) - y : erf(x) - y;
    const fp = (complement ? -TWO_OVER_SQRT_PI : TWO_OVER_SQRT_PI) * expMinusSquare(x);
    if (fp === 0) break;
    const u = f / fp;
    const step = u / (1 + x * u);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return x;
}

/**
 * The inverse of erfc on (0, 2), as SciPy's `erfcinv`.
 *
 * ```ts
 * erfcinv(1e-10); // 4.572824967389486
 * ```
 */
export function erfcinv(y: number): number {
  if (Number.isNaN(y) || y < 0 || y > 2) return NaN;
  if (y === 0) return Infinity;
  if (y === 2) return -Infinity;
  if (y > 1) return -erfcinv(2 - y);
  if (y > 0.5) return erfinv(1 - y); // 1 − y is exact here
  return halley(tailGuess(y / 2) / SQRT2, y, true);
}

/**
 * The inverse error function on (−1, 1), as SciPy's `erfinv`.
 *
 * ```ts
 * erfinv(0.5); // 0.4769362762044699
 * ```
 */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (y === 0) return y;
  if (y < 0) return -erfinv(-y);
  if (y > 0.5) return erfcinv(1 - y); // 1 − y is exact here
  // erf(x) ≈ 2x/√π near 0; the tail guess is good further out
  const x0 = y < 0.1 ? (y * SQRT_PI) / 2 : tailGuess((1 - y) / 2) / SQRT2;
  return halley(x0, y, false);
}

/**
 * The standard normal distribution function Φ(x), as SciPy's `ndtr`.
 *
 * ```ts
 * ndtr(1.96); // 0.9750021048517795
 * ```
 */
export function ndtr(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = x / SQRT2;
  if (Math.abs(z) < 0.5) return 0.5 + 0.5 * erf(z);
  return z > 0 ? 1 - 0.5 * erfc(z) : 0.5 * erfc(-z);
}

/**
 * The standard normal quantile Φ⁻¹(p), as SciPy's `ndtri`.
 *
 * ```ts
 * ndtri(0.975); // 1.959963984540054
 * ```
 */
export function ndtri(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Φ⁻¹(p) = −√2 erfc⁻¹(2p); 2p is exact, and erfcinv switches to erfinv(1 − 2p) in the middle
  return -SQRT2 * erfcinv(2 * p);
}

/**
 * Power and sample size, as statsmodels.stats.power: `TTestPower` (one-sample and paired
 * t-tests), `TTestIndPower` (two independent samples, pooled variance) and
 * `NormalIndPower` (z-tests, e.g. two proportions with Cohen's h as the effect size).
 * Power uses the noncentral t distribution, whose cdf is Lenth's algorithm AS 243
 * (Applied Statistics 38 (1989) 185–189): a Poisson mixture of incomplete beta functions.
 * `solve*` finds the one missing quantity by bracketing and bisection-safeguarded secant
 * steps on the power curve.
 */
import { t as studentT } from '../distributions/student-t.js';
import { betainc, gammaln, ndtr, ndtri } from '../special/index.js';

/** P(T ≤ t) for the noncentral t with df degrees of freedom and noncentrality delta (AS 243). */
export function nctCdf(t: number, df: number, delta: number): number {
  if (t < 0) return 1 - nctCdf(-t, df, -delta);
  const x = (t * t) / (t * t + df);
  let tnc = 0;
  if (x > 0) {
    const lambda = delta * delta;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    let q = Math.sqrt(2 / Math.PI) * p * delta;
    let s = 0.5 - p;
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = (1 - x) ** b;
    const albeta = 0.5723649429247001 + gammaln(b) - gammaln(a + b);
    let xodd = betainc(a, b, x);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    let xeven = 1 - rxb;
    let geven = b * x * rxb;
    tnc = p * xodd + q * xeven;
    for (let en = 1; en < 10000; en++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * en);
      q *= lambda / (2 * en + 1);
      s -= p;
      tnc += p * xodd + q * xeven;
      if (2 * s * (xodd - godd) < 1e-16 && en > 1) break;
    }
  }
  return Math.min(1, Math.max(0, tnc + ndtr(-delta)));
}

export type PowerAlternative = 'two-sided' | 'larger' | 'smaller';

function alphaFor(alternative: PowerAlternative, alpha: number): number {
  if (alternative === 'two-sided') return alpha / 2;
  if (alternative === 'larger' || alternative === 'smaller') return alpha;
  throw new RangeError(`power: alternative must be 'two-sided', 'larger' or 'smaller' (statsmodels' names), got '${alternative}'`);
}

/** statsmodels' `ttest_power`: power of a t-test with effective n `nobs` and df degrees of freedom. */
function ttestPowerRaw(d: number, nobs: number, alpha: number, df: number, alternative: PowerAlternative): number {
  const a = alphaFor(alternative, alpha);
  const nc = d * Math.sqrt(nobs);
  let pow = 0;
  if (alternative !== 'smaller') pow += 1 - nctCdf(studentT.isf(a, df), df, nc);
  if (alternative !== 'larger') pow += nctCdf(studentT.ppf(a, df), df, nc);
  return pow;
}

/** statsmodels' `normal_power`. */
function normalPowerRaw(d: number, nobs: number, alpha: number, alternative: PowerAlternative): number {
  const a = alphaFor(alternative, alpha);
  let pow = 0;
  if (alternative !== 'smaller') pow += ndtr(-(-ndtri(a) - d * Math.sqrt(nobs)));
  if (alternative !== 'larger') pow += ndtr(ndtri(a) - d * Math.sqrt(nobs));
  return pow;
}

export interface PowerArgs {
  effectSize?: number;
  /** Sample size (of the first sample for the two-sample classes). */
  nobs?: number;
  alpha?: number;
  power?: number;
  /** nobs2 = nobs · ratio (two-sample classes; default 1). */
  ratio?: number;
  alternative?: PowerAlternative;
}

type Kind = 'ttest' | 'ttestInd' | 'normalInd';

function powerOf(kind: Kind, d: number, nobs: number, alpha: number, ratio: number, alternative: PowerAlternative): number {
  if (kind === 'ttest') return ttestPowerRaw(d, nobs, alpha, nobs - 1, alternative);
  if (kind === 'ttestInd') {
    const nobs2 = nobs * ratio;
    return ttestPowerRaw(d, 1 / (1 / nobs + 1 / nobs2), alpha, nobs - 1 + nobs2 - 1, alternative);
  }
  // NormalIndPower: ratio 0 means a one-sample test
  const eff = ratio === 0 ? nobs : 1 / (1 / nobs + 1 / (nobs * ratio));
  return normalPowerRaw(d, eff, alpha, alternative);
}

/** Finds x in (lo, hi) with f(x) = 0 for f increasing, growing hi until the root is bracketed. */
function solveIncreasing(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  let fhi = f(hi);
  for (let i = 0; i < 200 && fhi < 0; i++) {
    lo = hi;
    flo = fhi;
    hi *= 2;
    fhi = f(hi);
  }
  if (!(flo <= 0 && fhi >= 0)) throw new RangeError('solvePower: no solution in the search range; check that the requested power is reachable');
  for (let i = 0; i < 300; i++) {
    // secant (regula falsi, Illinois-free) step, bisection when it stalls
    let x = lo - (flo * (hi - lo)) / (fhi - flo);
    if (!(x > lo && x < hi) || i % 3 === 2) x = 0.5 * (lo + hi);
    const fx = f(x);
    if (fx === 0 || hi - lo < 1e-13 * Math.max(1, Math.abs(x))) return x;
    if (fx < 0) {
      lo = x;
      flo = fx;
    } else {
      hi = x;
      fhi = fx;
    }
  }
  return 0.5 * (lo + hi);
}

function makePower(kind: Kind, name: string) {
  const power = (args: PowerArgs): number => {
    const { effectSize, nobs, alpha = 0.05, ratio = 1, alternative = 'two-sided' } = args;
    if (effectSize === undefined || nobs === undefined) throw new TypeError(`${name}.power: pass effectSize and nobs`);
    return powerOf(kind, effectSize, nobs, alpha, ratio, alternative);
  };
  /** Solves for whichever of effectSize, nobs, alpha, power is left undefined. */
  const solvePower = (args: PowerArgs): number => {
    const { effectSize, nobs, alpha, power: target, ratio = 1, alternative = 'two-sided' } = args;
    const missing = (['effectSize', 'nobs', 'alpha', 'power'] as const).filter((k) => args[k] === undefined);
    if (missing.length !== 1) throw new TypeError(`${name}.solvePower: leave exactly one of effectSize, nobs, alpha, power undefined (got ${missing.length} undefined)`);
    const pw = (d: number, n: number, a: number) => powerOf(kind, d, n, a, ratio, alternative);
    switch (missing[0]) {
      case 'power':
        return pw(effectSize!, nobs!, alpha!);
      case 'nobs':
        // the smallest n with positive degrees of freedom (n − 1, or n − 1 + n·ratio − 1)
        return solveIncreasing((n) => pw(effectSize!, n, alpha!) - target!, kind === 'normalInd' ? 1e-6 : kind === 'ttest' ? 1 + 1e-6 : 2 / (1 + ratio) + 1e-6, 10);
      case 'effectSize': {
        const sign = alternative === 'smaller' ? -1 : 1;
        return sign * solveIncreasing((d) => pw(sign * d, nobs!, alpha!) - target!, 1e-12, 1);
      }
      default:
        return solveIncreasing((a) => pw(effectSize!, nobs!, a) - target!, 1e-15, 1 - 1e-12);
    }
  };
  return { power, solvePower };
}

/**
 * Power of the one-sample (or paired) t-test, statsmodels' `TTestPower`.
 *
 * ```ts
 * TTestPower.power({ effectSize: 0.5, nobs: 30, alpha: 0.05 });      // 0.7539…
 * TTestPower.solvePower({ effectSize: 0.5, alpha: 0.05, power: 0.8 }); // nobs ≈ 33.37
 * ```
 */
export const TTestPower = makePower('ttest', 'TTestPower');

/**
 * Power of the two-sample pooled t-test, statsmodels' `TTestIndPower` (nobs = nobs1).
 *
 * ```ts
 * TTestIndPower.solvePower({ effectSize: 0.5, alpha: 0.05, power: 0.8 }); // nobs1 ≈ 63.77
 * ```
 */
export const TTestIndPower = makePower('ttestInd', 'TTestIndPower');

/**
 * Power of the two-sample z-test, statsmodels' `NormalIndPower` (effect size Cohen's h for
 * proportions: see `proportionEffectsize`).
 *
 * ```ts
 * NormalIndPower.solvePower({ effectSize: proportionEffectsize(0.12, 0.1), alpha: 0.05, power: 0.8 });
 * ```
 */
export const NormalIndPower = makePower('normalInd', 'NormalIndPower');

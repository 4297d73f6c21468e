/**
 * Kolmogorov–Smirnov tests, as SciPy 1.10: `ks1samp(x, cdf)` against a distribution,
 * `ks2samp(x, y)` between two samples, and `kstest`, which dispatches to either.
 *
 * The two-sample exact p-value counts monotone lattice paths from (0, 0) to (m, n) that
 * leave the band |x/m − y/n| < d (Hodges, Ark. Mat. 3 (1958) 469–486), as the probability
 * B(x, y) that a random path to (x, y) has left it: B = 1 outside the band and
 * B(x, y) = (x·B(x − 1, y) + y·B(x, y − 1))/(x + y) inside, which never subtracts, so
 * tiny p-values keep their digits (the "1 − p" recursion of Viehmann, arXiv:2102.08037).
 */
import * as dists from '../distributions/index.js';
import { checkAlternative, sample, sorted, type Alternative, type TestResult } from '../descriptive/data.js';
import { kolmogn, kolmogorov, smirnov } from './ks-distributions.js';

export interface KstestResult extends TestResult {
  /** The data value where the statistic is attained (SciPy's `statistic_location`). */
  statisticLocation: number;
  /** +1 when the empirical cdf is above the reference there, −1 below (`statistic_sign`). */
  statisticSign: number;
}

export interface Ks1sampOptions {
  alternative?: Alternative;
  /** 'auto'/'exact': the exact distribution; 'approx': 2 × one-sided; 'asymp': the limit. */
  method?: 'auto' | 'exact' | 'approx' | 'asymp';
}

/**
 * The one-sample KS test of x against a continuous cdf.
 *
 * ```ts
 * import { norm } from 'descent/stats';
 * ks1samp([0.1, -0.4, 1.2, 0.3, -1.5], (v) => norm.cdf(v));
 * ```
 */
export function ks1samp(x: ArrayLike<number>, cdf: (v: number) => number, options: Ks1sampOptions = {}): KstestResult {
  const alternative = checkAlternative('ks1samp', options.alternative ?? 'two-sided');
  const { method = 'auto' } = options;
  if (!['auto', 'exact', 'approx', 'asymp'].includes(method)) throw new RangeError(`ks1samp: method must be 'auto', 'exact', 'approx' or 'asymp', got '${method}'`);
  const s = sorted(sample('ks1samp', x));
  const N = s.length;
  let dPlus = -Infinity;
  let dMinus = -Infinity;
  let locPlus = s[0];
  let locMinus = s[0];
  for (let i = 0; i < N; i++) {
    const c = cdf(s[i]);
    if ((i + 1) / N - c > dPlus) {
      dPlus = (i + 1) / N - c;
      locPlus = s[i];
    }
    if (c - i / N > dMinus) {
      dMinus = c - i / N;
      locMinus = s[i];
    }
  }
  if (alternative === 'greater') return { statistic: dPlus, pvalue: smirnov(N, dPlus), statisticLocation: locPlus, statisticSign: 1 };
  if (alternative === 'less') return { statistic: dMinus, pvalue: smirnov(N, dMinus), statisticLocation: locMinus, statisticSign: -1 };
  const plus = dPlus > dMinus;
  const D = plus ? dPlus : dMinus;
  const pvalue = method === 'asymp' ? kolmogorov(D * Math.sqrt(N)) : method === 'approx' ? 2 * smirnov(N, D) : kolmogn(N, D);
  return { statistic: D, pvalue: Math.min(1, Math.max(0, pvalue)), statisticLocation: plus ? locPlus : locMinus, statisticSign: plus ? 1 : -1 };
}

export interface Ks2sampOptions {
  alternative?: Alternative;
  /** 'auto' (default): exact when both samples have at most 10,000 values. */
  method?: 'auto' | 'exact' | 'asymp';
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * P(the path leaves the band), m ≥ n: two-sided band |ng·x − mg·y| < h, or one-sided
 * ng·x − mg·y < h. Columns x = 0..m, each only over the y inside the band.
 */
function probOutside(m: number, n: number, g: number, h: number, twoSided: boolean): number {
  const mg = m / g;
  const ng = n / g;
  let prev = new Float64Array(n + 1).fill(1);
  let cur = new Float64Array(n + 1);
  for (let x = 0; x <= m; x++) {
    cur.fill(1);
    // inside: ng·x − h < mg·y (always, one-sided) and mg·y < ng·x + h (two-sided only)
    const yLo = Math.max(0, Math.floor((ng * x - h) / mg) + 1);
    const yHi = twoSided ? Math.min(n, Math.ceil((ng * x + h) / mg) - 1) : n;
    for (let y = yLo; y <= yHi; y++) {
      if (x === 0 && y === 0) {
        cur[0] = 0;
        continue;
      }
      const left = x > 0 ? prev[y] : 0;
      const below = y > 0 ? cur[y - 1] : 0;
      cur[y] = (x * left + y * below) / (x + y);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/**
 * The two-sample KS test: D = sup |F₁ − F₂| (or the one-sided sup), with the exact
 * lattice-path p-value or Hodges's asymptotic one.
 *
 * ```ts
 * ks2samp([0.61, 0.29, 0.06, 0.59, -1.73], [-0.24, 0.89, 2.18, 1.9, 1.2, 0.7]);
 * ```
 */
export function ks2samp(x: ArrayLike<number>, y: ArrayLike<number>, options: Ks2sampOptions = {}): KstestResult {
  const alternative = checkAlternative('ks2samp', options.alternative ?? 'two-sided');
  let { method = 'auto' } = options;
  if (!['auto', 'exact', 'asymp'].includes(method)) throw new RangeError(`ks2samp: method must be 'auto', 'exact' or 'asymp', got '${method}'`);
  const a = sorted(sample('ks2samp', x, 1, 'x'));
  const b = sorted(sample('ks2samp', y, 1, 'y'));
  const n1 = a.length;
  const n2 = b.length;
  // F₁ − F₂ at every data point (searchsorted 'right' on each side)
  const upper = (s: Float64Array, v: number) => {
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let maxS = -Infinity;
  let minS = Infinity;
  let locMax = a[0];
  let locMin = a[0];
  for (const v of [...a, ...b]) {
    const diff = upper(a, v) / n1 - upper(b, v) / n2;
    if (diff > maxS) {
      maxS = diff;
      locMax = v;
    }
    if (diff < minS) {
      minS = diff;
      locMin = v;
    }
  }
  const minAbs = Math.min(1, Math.max(0, -minS));
  const useMin = alternative === 'less' || (alternative === 'two-sided' && minAbs > maxS);
  let d = useMin ? minAbs : maxS;
  const g = gcd(n1, n2);
  if (method === 'auto') method = Math.max(n1, n2) <= 10000 ? 'exact' : 'asymp';
  let p: number;
  if (method === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    if (h === 0) p = 1;
    else {
      const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
      p = probOutside(m, n, g, h, alternative === 'two-sided');
    }
  } else {
    const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
    const en = (m * n) / (m + n);
    // np.round rounds half to even: 4.5 → 4
    const rounded = Math.abs(en % 1) === 0.5 ? 2 * Math.round(en / 2) : Math.round(en);
    if (alternative === 'two-sided') p = kolmogn(rounded, d);
    else {
      // Hodges's eq. 5.3
      const z = Math.sqrt(en) * d;
      p = Math.exp(-2 * z * z - (2 * z * (m + 2 * n)) / Math.sqrt(m * n * (m + n)) / 3);
    }
  }
  return { statistic: d, pvalue: Math.min(1, Math.max(0, p)), statisticLocation: useMin ? locMin : locMax, statisticSign: useMin ? -1 : 1 };
}

type Cdf = (v: number) => number;

/**
 * SciPy's `kstest`: a second sample gives `ks2samp`; a cdf function, or a distribution
 * name of `descent/stats` with its parameters in `args` (`kstest(x, 'norm', { args: [0, 2] })`),
 * gives `ks1samp`.
 *
 * ```ts
 * kstest([0.1, -0.4, 1.2, 0.3, -1.5], 'norm');
 * ```
 */
export function kstest(
  rvs: ArrayLike<number>,
  cdf: string | Cdf | ArrayLike<number>,
  options: Ks1sampOptions & { args?: (number | Record<string, number>)[] } = {},
): KstestResult {
  const { args = [], ...rest } = options;
  if (typeof cdf === 'function') return ks1samp(rvs, cdf, rest);
  if (typeof cdf === 'string') {
    const family = (dists as unknown as Record<string, { cdf?: (x: number, ...a: unknown[]) => number }>)[cdf];
    if (!family || typeof family.cdf !== 'function') throw new RangeError(`kstest: unknown distribution '${cdf}'; use a name exported by descent/stats (e.g. 'norm') or pass a cdf function`);
    return ks1samp(rvs, (v) => family.cdf!(v, ...args), rest);
  }
  if (rest.method === 'approx') throw new RangeError("kstest: method 'approx' applies to one sample only");
  return ks2samp(rvs, cdf, rest as Ks2sampOptions);
}

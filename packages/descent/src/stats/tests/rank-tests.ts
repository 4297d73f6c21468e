/**
 * Rank tests, as SciPy 1.10: Mann–Whitney U (`mannwhitneyu`), the Wilcoxon signed-rank
 * test (`wilcoxon`) and Kruskal–Wallis H (`kruskal`).
 *
 * Exact null distributions come from generating functions with integer coefficients:
 * the number of ways to reach U = k is the coefficient of q^k in the Gaussian binomial
 * [m+n choose m]_q = Π_{i=1}^{m} (1 − q^{n+i})/(1 − q^i) (Mann & Whitney 1947; Andrews,
 * The Theory of Partitions, Thm 3.1), and that of the signed-rank sum W⁺ = k in
 * Π_{i=1}^{n} (1 + q^i). The normal approximations carry the tie corrections SciPy uses.
 */
import { chi2 } from '../distributions/chi2.js';
import { checkAlternative, groups, sample, type Alternative, type TestResult } from '../descriptive/data.js';
import { rankdata, tieCounts } from '../descriptive/rank.js';
import { zPvalue } from './p-values.js';
import { ndtr } from '../special/index.js';

/** P(U = k), k = 0..mn, for the Mann–Whitney statistic with sample sizes m and n. */
export function mannWhitneyPmf(m: number, n: number): Float64Array {
  const c = new Float64Array(m * n + 1);
  c[0] = 1;
  // power series truncated at degree mn: both steps only move mass upward, so the
  // truncation never touches the coefficients kept
  for (let i = 1; i <= m; i++) {
    // multiply by (1 − q^{n+i}) …
    for (let k = m * n; k >= n + i; k--) c[k] -= c[k - n - i];
    // … and divide by (1 − q^i): c[k] += c[k − i], ascending
    for (let k = i; k <= m * n; k++) c[k] += c[k - i];
  }
  let total = 0;
  for (const v of c) total += v;
  return c.map((v) => v / total);
}

/** P(W⁺ = k), k = 0..n(n+1)/2, for the signed-rank statistic of n untied non-zero differences. */
export function signedRankPmf(n: number): Float64Array {
  const size = (n * (n + 1)) / 2 + 1;
  const c = new Float64Array(size);
  c[0] = 1;
  for (let i = 1; i <= n; i++) for (let k = size - 1; k >= i; k--) c[k] += c[k - i];
  const total = 2 ** n;
  return c.map((v) => v / total);
}

export interface MannwhitneyuOptions {
  alternative?: Alternative;
  /** 'auto' (default): exact when a sample has at most 8 values and there are no ties. */
  method?: 'auto' | 'exact' | 'asymptotic';
  useContinuity?: boolean;
}

/**
 * The Mann–Whitney U test. The statistic is U₁, the U of x (SciPy 1.10's convention).
 *
 * ```ts
 * mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12]); // { statistic: 17, pvalue: 0.1111… }
 * ```
 */
export function mannwhitneyu(x: ArrayLike<number>, y: ArrayLike<number>, options: MannwhitneyuOptions = {}): TestResult {
  const alternative = checkAlternative('mannwhitneyu', options.alternative ?? 'two-sided');
  const { useContinuity = true } = options;
  let { method = 'auto' } = options;
  if (!['auto', 'exact', 'asymptotic'].includes(method)) throw new RangeError(`mannwhitneyu: method must be 'auto', 'exact' or 'asymptotic', got '${method}'`);
  const a = sample('mannwhitneyu', x, 1, 'x');
  const b = sample('mannwhitneyu', y, 1, 'y');
  const n1 = a.length;
  const n2 = b.length;
  const all = [...a, ...b];
  const ties = tieCounts(all);
  if (method === 'auto') method = n1 > 8 && n2 > 8 ? 'asymptotic' : ties.length > 0 ? 'asymptotic' : 'exact';
  const ranks = rankdata(all);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  // SciPy always takes an upper tail: of U₁ ('greater'), of U₂ ('less'), of max (two-sided)
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  let p: number;
  if (method === 'exact') {
    const pmf = mannWhitneyPmf(n1, n2);
    // sf(U) = cdf(mn − U), summed from the left as SciPy does
    const k = n1 * n2 - Math.trunc(u);
    p = 0;
    for (let i = 0; i <= k; i++) p += pmf[i];
  } else {
    const n = n1 + n2;
    const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0);
    const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - (useContinuity ? 0.5 : 0)) / sd;
    p = ndtr(-z);
  }
  return { statistic: u1, pvalue: Math.min(1, Math.max(0, p * factor)) };
}

export interface WilcoxonOptions {
  alternative?: Alternative;
  /** 'auto' (default): exact for at most 50 differences, as SciPy 1.10 (approx if any is zero). */
  method?: 'auto' | 'exact' | 'approx';
  /** How zero differences count: 'wilcox' (drop them, default), 'pratt', 'zsplit'. */
  zeroMethod?: 'wilcox' | 'pratt' | 'zsplit';
  /** Continuity correction in the normal approximation (default false, as SciPy). */
  correction?: boolean;
}

/**
 * The Wilcoxon signed-rank test on x (differences) or on x − y. The statistic is
 * min(W⁺, W⁻) two-sided and W⁺ one-sided, as SciPy 1.10.
 *
 * ```ts
 * wilcoxon([6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]); // exact
 * ```
 */
export function wilcoxon(x: ArrayLike<number>, y?: ArrayLike<number> | null | WilcoxonOptions, options: WilcoxonOptions = {}): TestResult {
  if (y !== undefined && y !== null && !('length' in y)) {
    options = y;
    y = undefined;
  }
  const alternative = checkAlternative('wilcoxon', options.alternative ?? 'two-sided');
  const { zeroMethod = 'wilcox', correction = false } = options;
  let { method = 'auto' } = options;
  if (!['auto', 'exact', 'approx'].includes(method)) throw new RangeError(`wilcoxon: method must be 'auto', 'exact' or 'approx', got '${method}'`);
  if (!['wilcox', 'pratt', 'zsplit'].includes(zeroMethod)) throw new RangeError(`wilcoxon: zeroMethod must be 'wilcox', 'pratt' or 'zsplit', got '${zeroMethod}'`);
  let d = sample('wilcoxon', x, 1, 'x');
  if (y !== undefined && y !== null) {
    const b = sample('wilcoxon', y as ArrayLike<number>, 1, 'y');
    if (b.length !== d.length) throw new RangeError(`wilcoxon: x and y must be paired (the same length), got ${d.length} and ${b.length}`);
    d = d.map((v, i) => v - b[i]);
  }
  if (method === 'auto') method = d.length <= 50 ? 'exact' : 'approx';
  const nZero = d.reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
  if (nZero > 0 && method === 'exact') method = 'approx';
  if (method === 'approx') {
    if (nZero === d.length && zeroMethod !== 'zsplit') throw new RangeError("wilcoxon: every difference is zero; zeroMethod 'wilcox' and 'pratt' cannot test that");
    if (zeroMethod === 'wilcox') d = d.filter((v) => v !== 0);
  }
  const count = d.length;
  const r = rankdata(d.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  let rZero = 0;
  d.forEach((v, i) => {
    if (v > 0) rPlus += r[i];
    else if (v < 0) rMinus += r[i];
    else rZero += r[i];
  });
  if (zeroMethod === 'zsplit') {
    rPlus += rZero / 2;
    rMinus += rZero / 2;
  }
  const T = alternative === 'two-sided' ? Math.min(rPlus, rMinus) : rPlus;
  if (method === 'approx') {
    let mn = (count * (count + 1)) / 4;
    let se = count * (count + 1) * (2 * count + 1);
    let ranksForTies = r;
    if (zeroMethod === 'pratt') {
      ranksForTies = r.filter((_, i) => d[i] !== 0);
      mn -= (nZero * (nZero + 1)) / 4;
      se -= nZero * (nZero + 1) * (2 * nZero + 1);
    }
    for (const t of tieCounts(ranksForTies)) se -= 0.5 * t * (t * t - 1);
    se = Math.sqrt(se / 24);
    let shift = 0;
    if (correction) shift = alternative === 'two-sided' ? 0.5 * Math.sign(T - mn) : alternative === 'less' ? -0.5 : 0.5;
    const z = (T - mn - shift) / se;
    return { statistic: T, pvalue: zPvalue(z, alternative) };
  }
  const pmf = signedRankPmf(count);
  const rp = Math.trunc(rPlus);
  const sumRange = (from: number, to: number) => {
    let s = 0;
    for (let k = from; k <= to; k++) s += pmf[k];
    return s;
  };
  let p: number;
  if (alternative === 'two-sided') {
    p = rp === (pmf.length - 1) / 2 ? 1 : 2 * Math.min(sumRange(0, rp), sumRange(rp, pmf.length - 1));
  } else if (alternative === 'greater') {
    p = sumRange(rp, pmf.length - 1);
  } else {
    p = sumRange(0, rp);
  }
  return { statistic: T, pvalue: Math.min(1, Math.max(0, p)) };
}

/**
 * The Kruskal–Wallis H test that several groups come from one distribution,
 * H = [12/(N(N+1)) Σ Rᵢ²/nᵢ − 3(N + 1)] / (1 − Σ(t³ − t)/(N³ − N)), p from χ²(k − 1).
 *
 * ```ts
 * kruskal([1, 3, 5, 7, 9], [2, 4, 6, 8, 10], [11, 12, 13]);
 * ```
 */
export function kruskal(...samples: ArrayLike<number>[]): TestResult {
  const g = groups('kruskal', samples, 1);
  const all = g.flatMap((x) => Array.from(x));
  const N = all.length;
  const ranks = rankdata(all);
  let offset = 0;
  let ssbn = 0;
  for (const x of g) {
    let rs = 0;
    for (let i = 0; i < x.length; i++) rs += ranks[offset + i];
    ssbn += (rs * rs) / x.length;
    offset += x.length;
  }
  const tie = 1 - tieCounts(all).reduce((s, t) => s + t ** 3 - t, 0) / (N ** 3 - N);
  if (tie === 0) throw new RangeError('kruskal: all values are identical, so the test is undefined');
  const statistic = ((12 / (N * (N + 1))) * ssbn - 3 * (N + 1)) / tie;
  return { statistic, pvalue: chi2.sf(statistic, g.length - 1) };
}

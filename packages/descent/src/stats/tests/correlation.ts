/**
 * Correlation tests, as SciPy 1.10: Pearson's r (`pearsonr`, exact p-value from the
 * Beta(n/2 − 1, n/2 − 1) null distribution of r on [−1, 1]), Spearman's ρ (`spearmanr`,
 * Pearson's r of the ranks with a t-distribution p-value) and Kendall's τ-b (`kendalltau`,
 * exact permutation distribution without ties, else the normal approximation with the
 * tie-corrected variance of Kendall, Rank Correlation Methods, 1970).
 */
import { beta as betaDist } from '../distributions/beta.js';
import { checkAlternative, mean, sample, type Alternative, type TestResult } from '../descriptive/data.js';
import { rankdata } from '../descriptive/rank.js';
import { tPvalue, zPvalue } from './p-values.js';

function paired(fn: string, x: ArrayLike<number>, y: ArrayLike<number>, minLength: number): [Float64Array, Float64Array] {
  const a = sample(fn, x, minLength, 'x');
  const b = sample(fn, y, minLength, 'y');
  if (a.length !== b.length) throw new RangeError(`${fn}: x and y must have the same length, got ${a.length} and ${b.length}`);
  return [a, b];
}

/** Pearson's r of two equal-length samples, normalized as SciPy does (clipped to [−1, 1]). */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = mean(a);
  const mb = mean(b);
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  const na = Math.sqrt(saa);
  const nb = Math.sqrt(sbb);
  let r = 0;
  for (let i = 0; i < a.length; i++) r += ((a[i] - ma) / na) * ((b[i] - mb) / nb);
  return Math.max(-1, Math.min(1, r));
}

/**
 * Pearson's correlation coefficient and the p-value of H₀: no correlation (normal data).
 *
 * ```ts
 * pearsonr([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]); // { statistic: 0.7745…, pvalue: 0.1240… }
 * ```
 */
export function pearsonr(x: ArrayLike<number>, y: ArrayLike<number>, options: { alternative?: Alternative } = {}): TestResult {
  const alternative = checkAlternative('pearsonr', options.alternative ?? 'two-sided');
  const [a, b] = paired('pearsonr', x, y, 2);
  const n = a.length;
  const r = pearson(a, b);
  if (n === 2) return { statistic: r, pvalue: 1 };
  const ab = n / 2 - 1;
  const dist = betaDist({ a: ab, b: ab, loc: -1, scale: 2 });
  const pvalue = alternative === 'less' ? dist.cdf(r) : alternative === 'greater' ? dist.sf(r) : Math.min(1, 2 * dist.sf(Math.abs(r)));
  return { statistic: r, pvalue };
}

/**
 * Spearman's rank correlation and its p-value (t approximation with n − 2 degrees of freedom).
 *
 * ```ts
 * spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]); // { statistic: 0.8207…, pvalue: 0.0885… }
 * ```
 */
export function spearmanr(x: ArrayLike<number>, y: ArrayLike<number>, options: { alternative?: Alternative } = {}): TestResult {
  const alternative = checkAlternative('spearmanr', options.alternative ?? 'two-sided');
  const [a, b] = paired('spearmanr', x, y, 2);
  const n = a.length;
  const rs = pearson(rankdata(a), rankdata(b));
  const df = n - 2;
  const t = rs * Math.sqrt(df / ((rs + 1) * (1 - rs)));
  return { statistic: rs, pvalue: tPvalue(t, df, alternative) };
}

/** Dense ranks 1..k of the values, in input order. */
function denseRanks(x: Float64Array): Int32Array {
  return Int32Array.from(rankdata(x, { method: 'dense' }));
}

/**
 * Discordant pairs of (x, y) after sorting by x then y: inversions in the y sequence,
 * counted by merge sort in O(n log n) (Knight, JASA 61 (1966) 436–439).
 */
function countInversions(y: Int32Array): number {
  const n = y.length;
  let a = Int32Array.from(y);
  let b = new Int32Array(n);
  let inv = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (a[i] <= a[j]) b[k++] = a[i++];
        else {
          inv += mid - i;
          b[k++] = a[j++];
        }
      }
      while (i < mid) b[k++] = a[i++];
      while (j < hi) b[k++] = a[j++];
    }
    [a, b] = [b, a];
  }
  return inv;
}

/** Exact P-value of Kendall's statistic with c concordant pairs among n (no ties), SciPy's recursion. */
function kendallExactP(n: number, c: number, alternative: Alternative): number {
  const total = (n * (n - 1)) / 2;
  const inRightTail = c >= total - c;
  const greater = alternative === 'greater';
  c = Math.min(c, total - c);
  let prob: number;
  let massAtC: number;
  if (n === 1) {
    prob = 1;
    massAtC = 1;
  } else if (n === 2) {
    prob = 1;
    massAtC = 0.5;
  } else {
    // counts of permutations of 1..j with k inversions, k ≤ c (Mahonian numbers), scaled by 1/j
    // at each step so that the sum stays a probability
    let counts = new Float64Array(c + 1);
    counts[0] = 1;
    if (c >= 1) counts[1] = 1;
    const scale = 2; // the j = 2 counts total 2! = 2; later steps divide by j
    for (let j = 3; j <= n; j++) {
      const next = new Float64Array(c + 1);
      let run = 0;
      for (let k = 0; k <= c; k++) {
        run += counts[k];
        if (k - j >= 0) run -= counts[k - j];
        next[k] = run / j;
      }
      counts = next;
    }
    let cdf = 0;
    for (let k = 0; k <= c; k++) cdf += counts[k];
    cdf /= scale;
    massAtC = counts[c] / scale;
    prob = 4 * c === n * (n - 1) && alternative === 'two-sided' ? 1 : 2 * cdf;
  }
  if (alternative !== 'two-sided') {
    prob = inRightTail === greater ? prob / 2 : 1 - prob / 2 + massAtC;
  }
  return Math.min(1, Math.max(0, prob));
}

export interface KendalltauOptions {
  alternative?: Alternative;
  /** 'auto' (default): exact without ties when n ≤ 33 (or nearly all pairs agree), else asymptotic. */
  method?: 'auto' | 'exact' | 'asymptotic';
  /** Only 'b' (τ-b, adjusted for ties) and 'c' (Stuart's τ-c). */
  variant?: 'b' | 'c';
}

/**
 * Kendall's τ (τ-b by default) and its p-value; O(n log n).
 *
 * ```ts
 * kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]); // { statistic: −0.4714…, pvalue: 0.2827… }
 * ```
 */
export function kendalltau(x: ArrayLike<number>, y: ArrayLike<number>, options: KendalltauOptions = {}): TestResult {
  const alternative = checkAlternative('kendalltau', options.alternative ?? 'two-sided');
  const { variant = 'b' } = options;
  let { method = 'auto' } = options;
  if (variant !== 'b' && variant !== 'c') throw new RangeError(`kendalltau: variant must be 'b' or 'c', got '${variant}'`);
  if (!['auto', 'exact', 'asymptotic'].includes(method)) throw new RangeError(`kendalltau: method must be 'auto', 'exact' or 'asymptotic', got '${method}'`);
  const [a, b] = paired('kendalltau', x, y, 1);
  const n = a.length;
  const rx = denseRanks(a);
  const ry = denseRanks(b);
  // sort by x, then y, and count inversions of y: the discordant pairs
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => rx[i] - rx[j] || ry[i] - ry[j]);
  const xs = Int32Array.from(order, (i) => rx[i]);
  const ys = Int32Array.from(order, (i) => ry[i]);
  const dis = countInversions(ys);
  // pairs tied in both, in x, in y
  let ntie = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && xs[e] === xs[s] && ys[e] === ys[s]) e++;
    ntie += ((e - s) * (e - s - 1)) / 2;
    s = e;
  }
  const tieStats = (r: Int32Array) => {
    const cnt = new Map<number, number>();
    for (const v of r) cnt.set(v, (cnt.get(v) ?? 0) + 1);
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    for (const c of cnt.values()) {
      if (c < 2) continue;
      t0 += (c * (c - 1)) / 2;
      t1 += c * (c - 1) * (c - 2);
      t2 += c * (c - 1) * (2 * c + 5);
    }
    return [t0, t1, t2, cnt.size];
  };
  const [xtie, x0, x1, kx] = tieStats(rx);
  const [ytie, y0, y1, ky] = tieStats(ry);
  const tot = (n * (n - 1)) / 2;
  if (xtie === tot || ytie === tot) return { statistic: NaN, pvalue: NaN };
  const conMinusDis = tot - xtie - ytie + ntie - 2 * dis;
  let tau: number;
  if (variant === 'b') tau = conMinusDis / Math.sqrt(tot - xtie) / Math.sqrt(tot - ytie);
  else {
    const minclasses = Math.min(kx, ky);
    tau = (2 * conMinusDis) / ((n * n * (minclasses - 1)) / minclasses);
  }
  tau = Math.min(1, Math.max(-1, tau));
  if (method === 'exact' && (xtie !== 0 || ytie !== 0)) throw new RangeError("kendalltau: method 'exact' needs data without ties; use 'asymptotic'");
  if (method === 'auto') method = xtie === 0 && ytie === 0 && (n <= 33 || Math.min(dis, tot - dis) <= 1) ? 'exact' : 'asymptotic';
  if (method === 'exact') return { statistic: tau, pvalue: kendallExactP(n, tot - dis, alternative) };
  const m = n * (n - 1);
  const variance = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * xtie * ytie) / m + (x0 * y0) / (9 * m * (n - 2));
  return { statistic: tau, pvalue: zPvalue(conMinusDis / Math.sqrt(variance), alternative) };
}

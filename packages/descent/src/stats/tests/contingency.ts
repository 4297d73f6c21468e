/**
 * Tests on counts: Pearson's chi-square goodness of fit (`chisquare`) and test of
 * independence (`chi2Contingency`, with Yates's continuity correction for 2×2 tables),
 * Fisher's exact test (`fisherExact`) and McNemar's test for paired proportions
 * (`mcnemar`, as statsmodels' `mcnemar`).
 */
import { binom } from '../distributions/binom.js';
import { chi2 } from '../distributions/chi2.js';
import { hypergeom } from '../distributions/hypergeom.js';
import { checkAlternative, sample, type Alternative, type TestResult } from '../descriptive/data.js';

export interface ChisquareOptions {
  /** Extra degrees of freedom lost (e.g. parameters estimated from the data); p uses k − 1 − ddof. */
  ddof?: number;
}

/**
 * Pearson's chi-square goodness-of-fit test, Σ(obs − exp)²/exp with k − 1 − ddof degrees of
 * freedom; expected counts default to uniform. As SciPy 1.10, the observed and expected
 * totals must agree (to 1e-8 relative).
 *
 * ```ts
 * chisquare([16, 18, 16, 14, 12, 12]);            // { statistic: 2, pvalue: 0.849… }
 * chisquare([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]);
 * ```
 */
export function chisquare(fObs: ArrayLike<number>, fExp?: ArrayLike<number> | null, options: ChisquareOptions = {}): TestResult {
  const { ddof = 0 } = options;
  const obs = sample('chisquare', fObs, 1, 'fObs');
  const k = obs.length;
  const total = obs.reduce((a, b) => a + b, 0);
  let exp: Float64Array;
  if (fExp === undefined || fExp === null) {
    exp = new Float64Array(k).fill(total / k);
  } else {
    exp = sample('chisquare', fExp, 1, 'fExp');
    if (exp.length !== k) throw new RangeError(`chisquare: fObs has ${k} categories but fExp has ${exp.length}`);
    const expTotal = exp.reduce((a, b) => a + b, 0);
    if (Math.abs(total - expTotal) > 1e-8 * Math.max(Math.abs(total), Math.abs(expTotal))) {
      throw new RangeError(`chisquare: the sums of fObs (${total}) and fExp (${expTotal}) differ; rescale fExp to the observed total`);
    }
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) statistic += (obs[i] - exp[i]) ** 2 / exp[i];
  return { statistic, pvalue: chi2.sf(statistic, k - 1 - ddof) };
}

export interface Chi2ContingencyResult extends TestResult {
  dof: number;
  expectedFreq: number[][];
}

/** A table of counts as rows, checked rectangular, finite and non-negative. */
function table(fn: string, observed: ArrayLike<ArrayLike<number>>): number[][] {
  const rows = Array.from(observed, (r) => Array.from(r));
  if (rows.length === 0 || rows[0].length === 0) throw new RangeError(`${fn}: the table is empty`);
  rows.forEach((r, i) => {
    if (r.length !== rows[0].length) throw new RangeError(`${fn}: row ${i} has ${r.length} cells, row 0 has ${rows[0].length}`);
    r.forEach((v, j) => {
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${fn}: cell [${i}][${j}] must be a finite count >= 0, got ${v}`);
    });
  });
  return rows;
}

/**
 * Pearson's chi-square test of independence on an r × c table of counts. With
 * `correction: true` (default) and one degree of freedom, each |obs − exp| is reduced by
 * ½ (Yates, 1934), capped at the difference itself, as SciPy.
 *
 * ```ts
 * chi2Contingency([[10, 20], [20, 20]]); // { statistic, pvalue, dof: 1, expectedFreq }
 * ```
 */
export function chi2Contingency(observed: ArrayLike<ArrayLike<number>>, options: { correction?: boolean } = {}): Chi2ContingencyResult {
  const { correction = true } = options;
  const obs = table('chi2Contingency', observed);
  const r = obs.length;
  const c = obs[0].length;
  const rowSum = obs.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = obs[0].map((_, j) => obs.reduce((s, row) => s + row[j], 0));
  const total = rowSum.reduce((a, b) => a + b, 0);
  rowSum.forEach((s, i) => {
    if (s === 0) throw new RangeError(`chi2Contingency: row ${i} sums to zero, so its expected frequencies are 0; drop it`);
  });
  colSum.forEach((s, j) => {
    if (s === 0) throw new RangeError(`chi2Contingency: column ${j} sums to zero, so its expected frequencies are 0; drop it`);
  });
  const expectedFreq = rowSum.map((rs) => colSum.map((cs) => (rs * cs) / total));
  const dof = r * c - r - c + 1;
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expectedFreq };
  let statistic = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let o = obs[i][j];
      const e = expectedFreq[i][j];
      if (dof === 1 && correction) {
        const diff = e - o;
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      statistic += (o - e) ** 2 / e;
    }
  }
  return { statistic, pvalue: chi2.sf(statistic, dof), dof, expectedFreq };
}

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]]: the statistic is the sample odds
 * ratio ad/(bc), the p-value sums the hypergeometric probabilities of tables (with the
 * same margins) at most as likely as the observed one (two-sided), or one tail.
 *
 * ```ts
 * fisherExact([[8, 2], [1, 5]]); // { statistic: 20, pvalue: 0.0349… }
 * ```
 */
export function fisherExact(tableIn: ArrayLike<ArrayLike<number>>, options: { alternative?: Alternative } = {}): TestResult {
  const alternative = checkAlternative('fisherExact', options.alternative ?? 'two-sided');
  const t = table('fisherExact', tableIn);
  if (t.length !== 2 || t[0].length !== 2) throw new RangeError(`fisherExact: the table must be 2×2, got ${t.length}×${t[0].length}`);
  if (!t.flat().every(Number.isInteger)) throw new RangeError('fisherExact: the table must hold integer counts');
  const [[a, b], [c, d]] = t;
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return { statistic: NaN, pvalue: 1 };
  const statistic = c > 0 && b > 0 ? (a * d) / (c * b) : Infinity;
  const n1 = a + b;
  const n2 = c + d;
  const n = a + c;
  // a ~ hypergeom(M = n1 + n2, n = n1, N = n)
  const h = hypergeom({ M: n1 + n2, n: n1, N: n });
  if (alternative === 'less') return { statistic, pvalue: h.cdf(a) };
  if (alternative === 'greater') return { statistic, pvalue: h.sf(a - 1) };
  // two-sided: tables at most as probable as the observed one, with SciPy's relative
  // tolerance 1e-14 so that ties in probability count on both sides
  const pExact = h.pmf(a);
  const lo = Math.max(0, n - n2);
  const hi = Math.min(n1, n);
  let pvalue = 0;
  for (let x = lo; x <= hi; x++) {
    const p = h.pmf(x);
    if (p <= pExact * (1 + 1e-14)) pvalue += p;
  }
  return { statistic, pvalue: Math.min(1, pvalue) };
}

/**
 * McNemar's test for paired binary outcomes on the 2×2 table [[a, b], [c, d]] of pairs,
 * as statsmodels' `mcnemar(table, exact, correction)`: exact (default) is the binomial
 * test of b against b + c with p = ½ and statistic min(b, c); otherwise the chi-square
 * statistic (|b − c| − 1)²/(b + c) (without the −1 when `correction: false`).
 *
 * ```ts
 * mcnemar([[10, 5], [1, 12]]);                   // exact: { statistic: 1, pvalue: 0.21875 }
 * mcnemar([[10, 5], [1, 12]], { exact: false }); // chi-square with continuity correction
 * ```
 */
export function mcnemar(tableIn: ArrayLike<ArrayLike<number>>, options: { exact?: boolean; correction?: boolean } = {}): TestResult {
  const { exact = true, correction = true } = options;
  const t = table('mcnemar', tableIn);
  if (t.length !== 2 || t[0].length !== 2) throw new RangeError(`mcnemar: the table must be 2×2, got ${t.length}×${t[0].length}`);
  const b = t[0][1];
  const c = t[1][0];
  if (exact) {
    const statistic = Math.min(b, c);
    return { statistic, pvalue: Math.min(1, 2 * binom.cdf(statistic, b + c, 0.5)) };
  }
  const statistic = (Math.abs(b - c) - (correction ? 1 : 0)) ** 2 / (b + c);
  return { statistic, pvalue: chi2.sf(statistic, 1) };
}
